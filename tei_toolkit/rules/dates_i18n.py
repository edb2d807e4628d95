"""Dates written in German, French, Spanish, Italian, Russian and Chinese: the formats and words
that ``dates.scan`` tries beside its English ones (a format here is one table row).

"12. März 1975", "am folgenden Tag"; "1er mai 1975", "le lendemain"; "12 de marzo de
1975", "al día siguiente"; "12 марта 1975 г.", "на следующий день"; "1975年3月12日",
"一九七五年三月十二日", "次日". Relative forms step from the previous date of the section."""

from __future__ import annotations

import re

# Month words by language, January first, one row of twelve per grammatical form; "|"
# joins spellings of one month. A language that writes "12 marzo 1975" and "marzo 1975"
# is one row here, its key in DAY_MONTH / MONTH_YEAR, and its phrases in RELATIVE.
MONTH_WORDS: dict[str, tuple[str, ...]] = {
    "de": (
        "januar|jänner februar|feber märz|maerz april mai juni juli august september oktober "
        "november dezember",
        # abbreviated, with their full stop ("17. Febr. 1954")
        "jan. febr.|feb. märz apr. mai juni juli aug. sept.|sep. okt. nov. dez.",
    ),
    "fr": (
        "janvier février|fevrier mars avril mai juin juillet août|aout septembre octobre "
        "novembre décembre|decembre",
    ),
    "es": (
        "enero febrero marzo abril mayo junio julio agosto septiembre|setiembre octubre "
        "noviembre diciembre",
    ),
    "it": (
        "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
        "dicembre",
    ),
    # Russian: genitive (12 марта), then nominative (март 1975), prepositional (в марте)
    "ru-gen": (
        "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    ),
    "ru": (
        "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь",
        "январе феврале марте апреле мае июне июле августе сентябре октябре ноябре декабре",
    ),
}
DAY_MONTH = ("fr", "it")  # "12 mars 1975", "1er mai", "1º maggio"
MONTH_YEAR = ("de", "fr", "it")  # "Oktober 1990", "mai 1968", "maggio 1968"


def _table() -> dict[str, int]:
    out: dict[str, int] = {}
    for rows in MONTH_WORDS.values():
        for row in rows:
            for number, words in enumerate(row.split(), 1):
                for word in words.split("|"):
                    out[word] = out[word.rstrip(".")] = number  # (looked up without the stop)
    return out


MONTHS = _table()


def _words(*langs: str) -> str:
    """A case-insensitive alternation of the month words of ``langs``, longest first."""
    words = {w for lang in langs for row in MONTH_WORDS[lang] for w in re.split(r"[ |]", row)}
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return "(?i:" + alternatives + r")(?!\w)"


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
    "il giorno dopo": 1,
    "il giorno seguente": 1,
    "l'indomani": 1,
    "l’indomani": 1,
    "il giorno prima": -1,
    "lo stesso giorno": 0,
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
    ("de-dmy", rf"(?P<day>[0-3]?\d)\.\s?(?P<mon>{_words('de')})(?:\s+{YEAR})?", "dmy", "2"),
    (
        "es-dmy",
        rf"(?P<day>[0-3]?\d)\s+de\s+(?P<mon>{_words('es')})(?:\s+del?\s+{YEAR})?",
        "dmy",
        "2",
    ),
    (
        "ru-dmy",
        rf"(?P<day>[0-3]?\d)\s+(?P<mon>{_words('ru-gen')})(?:\s+{YEAR}{RU_YEAR_WORD})?",
        "dmy",
        "2",
    ),
    (
        "i18n-day-month",
        rf"(?P<day>[0-3]?\d)(?:er|º|°)?\s+(?P<mon>{_words(*DAY_MONTH)})(?:\s+{YEAR})?",
        "dmy",
        "2",
    ),
    ("es-my", rf"(?P<mon>{_words('es')})\s+del?\s+{YEAR}", "my", "w"),
    ("ru-my", rf"(?P<mon>{_words('ru')})\s+{YEAR}{RU_YEAR_WORD}", "my", "w"),
    ("i18n-month-year", rf"(?P<mon>{_words(*MONTH_YEAR)})\s+{YEAR}", "my", "w"),
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
START_WORD = re.compile(rf"(?<!\w)(?:{_words(*MONTH_WORDS)}|{_RELATIVE})")
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
