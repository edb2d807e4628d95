"""What a lone capitalised word is in the Romance languages, which set the nouns of their
institutions and ideas in capitals ("la Cour", "la Revolución"): a person's surname only
on evidence."""

from __future__ import annotations

import re

from ._lexicon import TITLES
from ._reader import _fold

# A lower-case particle between a personal title and a surname ("M. de Freycinet", "Herr
# von Papen"): part of the name.
PARTICLE_AFTER_TITLE = re.compile(
    r"(?<![\w.])(?:M|MM|Mme|Mlle|Mr|Mrs|Dr|Herr|Frau|Sr|Sra|Don|Doña|Dom|Comte|Baron|Graf)\.?"
    r" ((?:de la|de|du|des|von der|von|van der|van|da|di|del|della|dos) )$"
)

# Languages that set the nouns of institutions and ideas in capitals ("la Revolución", "la
# Agricultura"), and the endings of such nouns, which surnames do not have (folded).
ROMANCE = frozenset({"es", "fr", "it", "pt"})
# An article or determiner of a Romance language just before a word
ROMANCE_ARTICLE_BEFORE = re.compile(
    r"(?<![\w'’])(?:la|le|les|l['’]|des|du|au|aux|un|une|ces|cette|deux|ses|leurs|el|los|las|"
    r"del|al|ambos|ambas|sus|estos|estas|"
    r"il|lo|gli|dei|della|delle|nel|nella|os|as|"
    r"i|ai|agli|alle|alla|allo|dai|dagli|dalle|dalla|nei|negli|nelle|degli|dello|sui|sugli|sulle|"
    r"sulla|loro|suo|sua|suoi|sue|nostro|nostra|nostri|vostro|vostra|questi|queste|quei|quelle)\s$",
    re.IGNORECASE,
)
# A Romance adjective just after a word ("Imprimerie nationale", "Chancellerie impériale")
ROMANCE_ADJECTIVE_AFTER = re.compile(
    r" [a-zà-ÿ]+(?:ale?s?|aux|iques?|iennes?|iens?|aises?|anos?|anas?|icos?|icas?|ières?|iers?"
    r"|ives?|ifs?|ées?|ario|aria)\b"
)
# A title and its adjective just before a word: "le Conseiller fédéral Felber"
TITLE_ADJECTIVE_BEFORE = re.compile(
    r"\b([^\W\d_]+) (?!(?:de|des|du|la|le|les|del|de la|of|y|e|et|à|au|aux|für|der) )"
    r"[^\W\d_A-Z]+ $"
)
ROMANCE_NOUN_ENDINGS = (
    "cion",
    "sion",
    "dad",
    "tad",
    "ismo",
    "ista",
    "tion",
    "ite",
    "zione",
    "ismo",
    "encia",
    "ancia",
    "ence",
    "ance",
    "ment",
    "mento",
    "miento",
)


def lone_word(text: str, start: int, end: int, word: str) -> bool | None:
    """A lone capitalised word at text[start:end] (``word``: its lower case): True, a
    person's surname; False, a noun or an institution; None, nothing says which."""
    if _fold(word).endswith(ROMANCE_NOUN_ENDINGS):
        return False  # "la Revolución", "l'Histoire": a noun set in capitals
    if PARTICLE_AFTER_TITLE.search(text, max(0, start - 24), start):
        return True  # "M. de Freycinet"
    m = TITLE_ADJECTIVE_BEFORE.search(text, max(0, start - 40), start)
    if m and m.group(1).lower() in TITLES:
        return True  # "le Conseiller fédéral Felber"
    if ROMANCE_ARTICLE_BEFORE.search(text, max(0, start - 12), start):
        return False  # "la Cour", "des Affaires": an article seldom stands before a name
    if ROMANCE_ADJECTIVE_AFTER.match(text, end):
        return False  # "Imprimerie nationale": nor an adjective after it
    return None


# A nationality adjective of a Romance language, lower case, after an institution's head:
# "Legazione britannica", "Ambassade soviétique", "Embajada británica" (one organisation).
_NATIONALITY_STEMS = (
    "britann|británic|britanniqu|soviet|soviét|sovjet|tedesc|allemand|alemán|aleman|italian"
    "|italien|american|américain|norteamerican|nordamerican|ingles|inglés|anglais|giappones"
    "|japonais|japones|japonés|cines|chinois|chin|russ|frances|françai|francés|spagnol"
    "|espagnol|español|portoghes|portugais|portugu|polacc|polonais|polac|ungheres|hongrois"
    "|húngar|romen|roumain|ruman|bulgar|grec|turc|egizian|égyptien|egipci|olandes|hollandais"
    "|holandés|svizzer|suisse|suiz|austriac|autrichien|austríac|belg|jugoslav|yougoslave"
    "|yugoslav|cecoslovacc|tchécoslovaque|checoslovac|mongol|coreana|coréen|corean|cuban"
    "|mexican|mexicain|argentin|chilen|chilien|perúan|peruan|péruvien|brasilian|brésilien"
    "|brasileñ|canades|canadien|canadiens|australian|australien|indian|indien|persian|persan"
    "|iranian|iranien|irachen|irakien|irlandes|irlandais|scozzes|écossais|svedes|suédois"
    "|sueco|norveges|norvégien|noruego|danes|danois|dinamarqu|finlandes|finlandais"
)
NATIONALITY_AFTER = re.compile(rf" (?:{_NATIONALITY_STEMS})[a-zàâçéèêëîïôûùüÿñ]{{0,4}}\b")
