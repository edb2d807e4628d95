"""Dates written in German, French, Spanish, Russian and Chinese: the formats and words
that ``dates.scan`` tries beside its English ones (a format here is one table row).

"12. März 1975", "am folgenden Tag"; "1er mai 1975", "le lendemain"; "12 de marzo de
1975", "al día siguiente"; "12 марта 1975 г.", "на следующий день"; "1975年3月12日",
"一九七五年三月十二日", "次日". Relative forms step from the previous date of the section."""

from __future__ import annotations

import re


def _table(*rows: str) -> dict[str, int]:
    """Month words, one row per language, January first; "|" separates variants."""
    out: dict[str, int] = {}
    for row in rows:
        for number, words in enumerate(row.split(), 1):
            for word in words.split("|"):
                out[word] = number
    return out


MONTHS = _table(
    "januar|jänner februar|feber märz|maerz april mai juni juli august september oktober "
    "november dezember",
    "janvier février|fevrier mars avril mai juin juillet août|aout septembre octobre "
    "novembre décembre|decembre",
    "enero febrero marzo abril mayo junio julio agosto septiembre|setiembre octubre "
    "noviembre diciembre",
    # Russian: genitive (12 марта), nominative (март 1975), prepositional (в марте)
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь",
    "январе феврале марте апреле мае июне июле августе сентябре октябре ноябре декабре",
)


def _words(*langs: str) -> str:
    """A case-insensitive alternation of month words, longest first."""
    words = sorted({w for row in langs for w in row.split("|")}, key=len, reverse=True)
    return "(?i:" + "|".join(words) + r")(?!\w)"


_DE = "januar|jänner|februar|feber|märz|maerz|april|mai|juni|juli|august|september|oktober|november|dezember"
_FR = "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
_ES = "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
_RU_GEN = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
_RU_OTHER = "январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь|январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре"
YEAR = r"(?P<year>[12]\d{3})(?!\d)"
RU_YEAR_WORD = r"(?:\s*(?:г\.|гг\.|года|год)(?!\w))?"
CJK_DIGITS = "0-9０-９〇零一二三四五六七八九十"

# Relative days: the phrase -> days after the previous date.
RELATIVE = {
    "am folgenden tag": 1,
    "am nächsten tag": 1,
    "am darauffolgenden tag": 1,
    "am tag darauf": 1,
    "am vortag": -1,
    "am selben tag": 0,
    "le lendemain": 1,
    "la veille": -1,
    "le même jour": 0,
    "al día siguiente": 1,
    "el día siguiente": 1,
    "el día anterior": -1,
    "ese mismo día": 0,
    "на следующий день": 1,
    "на другой день": 1,
    "накануне": -1,
    "в тот же день": 0,
    "次日": 1,
    "第二天": 1,
    "翌日": 1,
    "前一天": -1,
    "当天": 0,
    "同日": 0,
}
_RELATIVE = (
    "(?i:"
    + "|".join(
        sorted((re.escape(p).replace(r"\ ", r"\s+") for p in RELATIVE), key=len, reverse=True)
    )
    + r")(?!\w)"
)

# (format, regex, converter kind, start kind); converter kinds are dates.py's: "dmy" day
# month year, "my" month year, "rel" a relative day, "cjk" Chinese numerals.
FORMATS: tuple[tuple[str, str, str, str], ...] = (
    ("de-dmy", rf"(?P<day>[0-3]?\d)\.\s?(?P<mon>{_words(_DE)})(?:\s+{YEAR})?", "dmy", "2"),
    (
        "es-dmy",
        rf"(?P<day>[0-3]?\d)\s+de\s+(?P<mon>{_words(_ES)})(?:\s+del?\s+{YEAR})?",
        "dmy",
        "2",
    ),
    (
        "ru-dmy",
        rf"(?P<day>[0-3]?\d)\s+(?P<mon>{_words(_RU_GEN)})(?:\s+{YEAR}{RU_YEAR_WORD})?",
        "dmy",
        "2",
    ),
    ("fr-dmy", rf"(?P<day>[0-3]?\d)(?:er)?\s+(?P<mon>{_words(_FR)})(?:\s+{YEAR})?", "dmy", "2"),
    ("es-my", rf"(?P<mon>{_words(_ES)})\s+del?\s+{YEAR}", "my", "w"),
    ("ru-my", rf"(?P<mon>{_words(_RU_OTHER)})\s+{YEAR}{RU_YEAR_WORD}", "my", "w"),
    ("de-fr-my", rf"(?P<mon>{_words(_DE, _FR)})\s+{YEAR}", "my", "w"),
    ("relative", rf"(?P<rel>{_RELATIVE})", "rel", "w"),
    (
        "zh-ymd",
        rf"(?P<year>[{CJK_DIGITS}]{{4}})\s*年(?:\s*(?P<mon>[{CJK_DIGITS}]{{1,2}})\s*月"
        rf"(?:\s*(?P<day>[{CJK_DIGITS}]{{1,3}})\s*[日号])?)?",
        "cjk",
        "c",
    ),
    (
        "zh-md",
        rf"(?P<mon>[{CJK_DIGITS}]{{1,2}})\s*月\s*(?P<day>[{CJK_DIGITS}]{{1,3}})\s*[日号]",
        "cjk",
        "c",
    ),
)

# Where these formats start: a foreign month word or relative phrase ("w"); a number in
# Chinese or Arabic digits before 年 or 月 ("c": CJK text has no spaces before numbers).
START_WORD = re.compile(rf"(?<!\w)(?:{_words(_DE, _FR, _ES, _RU_GEN, _RU_OTHER)}|{_RELATIVE})")
START_CJK = re.compile(rf"[{CJK_DIGITS}]+\s*[年月]")
_CJK_VALUES = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}


def cjk_number(s: str) -> int:
    """ "1975" / "１９７５" / "一九七五" -> 1975; "十二" -> 12, "二十三" -> 23, "十" -> 10."""
    s = s.translate({0xFF10 + i: str(i) for i in range(10)})
    if s.isdigit():
        return int(s)
    if "十" in s:
        tens, _, units = s.partition("十")
        return (_CJK_VALUES.get(tens, 1) if tens else 1) * 10 + (_CJK_VALUES.get(units, 0))
    return int("".join(str(_CJK_VALUES[c]) for c in s))


def relative_step(phrase: str) -> int | None:
    return RELATIVE.get(" ".join(phrase.lower().split()))


def starts(text: str) -> dict[str, list[int]]:
    return {
        "w": [m.start() for m in START_WORD.finditer(text)],
        "c": [m.start() for m in START_CJK.finditer(text)],
    }
