"""TEI language codes -> BCP 47 language tags for HTML ``lang``.

TEI documents often carry ISO 639-2 codes (``fre``, ``ger``, ``lat``), which BCP 47
replaces by the two-letter ISO 639-1 code where one exists; ``gre``/``ell`` is modern
Greek (``el``), ``grc`` ancient Greek. A few forms seen in real TEI are not BCP 47 at all
(``el-grc``, ``la-lat``): they map to what they mean. A code we cannot make a tag of is
dropped (the page says ``und`` rather than something invalid), and so is a code that no
language has (``esp``: the page would be invalid HTML): the known codes are
tei_toolkit/data/languages.txt, from ISO 639 (scripts/build_gazetteer.py writes it).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

# ISO 639-2 (bibliographic and terminology codes) -> ISO 639-1, for the languages with one.
_PAIRS = """
afr af alb sq sqi sq amh am ara ar arm hy hye hy aze az baq eu eus eu bel be ben bn bos bs
bre br bul bg bur my mya my cat ca ces cs cze cs chi zh zho zh cor kw cos co cym cy wel cy
dan da deu de ger de dut nl nld nl ell el gre el eng en epo eo est et fao fo fas fa per fa
fin fi fra fr fre fr fry fy gla gd gle ga glg gl glv gv geo ka kat ka guj gu hat ht hau ha
heb he hin hi hrv hr hun hu ibo ig ice is isl is ind id ita it jav jv jpn ja kan kn kaz kk
khm km kir ky kor ko kur ku lao lo lat la lav lv lit lt ltz lb mac mk mkd mk mal ml mao mi
mri mi mar mr may ms msa ms mlt mt mon mn nep ne nno nn nob nb nor no oci oc pan pa pol pl
por pt pus ps que qu roh rm ron ro rum ro rus ru san sa sin si slk sk slo sk slv sl sme se
som so spa es srp sr swa sw swe sv tam ta tat tt tel te tgk tg tgl tl tha th tib bo bod bo
tir ti ton to tur tr tuk tk uig ug ukr uk urd ur uzb uz vie vi wln wa xho xh yid yi yor yo
zul zu lit lt ave ae chu cu pli pi
"""
ISO639_1: dict[str, str] = dict(zip(_PAIRS.split()[::2], _PAIRS.split()[1::2], strict=True))
# Not BCP 47, but found in TEI: what they mean.
ODD_FORMS = {"el-grc": "grc", "gr": "el", "la-lat": "la", "en-eng": "en", "grc-el": "grc"}
_SUBTAG = re.compile(r"^(?:[A-Za-z]{4}|[A-Za-z]{2}|\d{3}|[A-Za-z\d]{5,8}|\d[A-Za-z\d]{3})$")
_PRIMARY = re.compile(r"^[a-z]{2,3}$")


_PRIVATE = re.compile(r"^q[a-t][a-z]$")  # ISO 639's range for local use


@lru_cache(maxsize=1)
def known_languages() -> frozenset[str]:
    text = resources.files("tei_toolkit").joinpath("data/languages.txt").read_text("utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def bcp47(code: str | None) -> str | None:
    """A valid BCP 47 tag for a TEI ``xml:lang`` value, or None."""
    if not code:
        return None
    tag = code.strip().replace("_", "-")
    low = tag.lower()
    if low in ODD_FORMS:
        return ODD_FORMS[low]
    parts = tag.split("-")
    primary = parts[0].lower()
    primary = ISO639_1.get(primary, primary)
    if not _PRIMARY.match(primary):
        return None
    if primary not in known_languages() and not _PRIVATE.match(primary):
        return None
    rest: list[str] = []
    for i, part in enumerate(parts[1:], start=1):
        if part.lower() == "x":  # private use: kept as it is
            if all(re.fullmatch(r"[A-Za-z\d]{1,8}", p) for p in parts[i + 1 :]) and parts[i + 1 :]:
                rest += parts[i:]
            break
        if not _SUBTAG.match(part):
            break
        rest.append(part)
    return "-".join([primary, *rest])
