"""Which language a text is in: by script first, then by the commonest short words.

Small and deterministic (no model): enough to tell the languages of the records editors
copy (en, de, fr, es, it, ru, uk, zh, ja, ko, ...) apart for xml:lang and langUsage."""

from __future__ import annotations

import re

NAMES = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "ru": "Russian",
    "uk": "Ukrainian",
    "zh": "Chinese",
    "ja": "Japanese",
    "ko": "Korean",
}
_STOPWORDS = {
    "en": "the of and to in that is was for with on as by it be this which at from have",
    "de": "der die das und den des nicht ist mit sich dem auch auf für ein eine zu daß dass wird",
    "fr": "le la les de des et du est un une que dans pour qui au aux sur pas par ce sont nous"
    " vous il à avec ne se été cette",
    "es": "el la los las de del y que en un una por con para es se al lo su como sus",
    "it": "il di che la per non una sono del della gli le nel alla questo anche",
    "pt": "o os da do das dos de que não uma para com por são em ao pelo",
    "ru": "и в не на что с по как это он к его из за от же то так но для",
    "uk": "і в не на що з по як це він до його та від але для її",
}
STOPWORDS = _WORDS = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ELIDED = {
    f"{c}{q}": word
    for c, word in (("l", "le"), ("d", "de"), ("j", "je"), ("n", "ne"), ("s", "se"), ("c", "ce"))
    for q in "'’"
}
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def detect(text: str, *, minimum: int = 8, margin: float = 1.0) -> str | None:
    """The language code of ``text``, or None when there is too little to tell (a Latin-
    script language must beat the next one ``margin`` times over in common words)."""
    sample = text[:20_000]
    han, kana, hangul = (
        len(_HAN.findall(sample)),
        len(_KANA.findall(sample)),
        len(_HANGUL.findall(sample)),
    )
    cyr, lat = len(_CYRILLIC.findall(sample)), len(_LATIN.findall(sample))
    scripts = {"cjk": han + kana, "ko": hangul, "cyr": cyr, "lat": lat}
    main = max(scripts, key=lambda k: scripts[k])
    if scripts[main] < minimum:
        return None
    if main == "cjk":
        return "ja" if kana * 5 > han else "zh"
    if main == "ko":
        return "ko"
    words = [w.lower() for w in _WORD.findall(sample)]
    # French elides its articles and pronouns ("l'honneur", "d'établir", "qu'il"): the
    # elided word counts as the common word it is
    words = [_ELIDED.get(w[:2], w) if w[1:2] in ("'", "’") else w for w in words]
    candidates = ("ru", "uk") if main == "cyr" else ("en", "de", "fr", "es", "it", "pt")
    scores = {lang: sum(w in _WORDS[lang] for w in words) for lang in candidates}
    ranked = sorted(candidates, key=lambda lang: scores[lang], reverse=True)
    best, second = ranked[0], ranked[1]
    if main == "cyr":
        return "uk" if scores["uk"] > scores["ru"] and re.search("[іїєґ]", sample) else "ru"
    if scores[best] < 2 or scores[best] < margin * scores[second]:
        return None
    return best


__all__ = ["detect", "NAMES"]
