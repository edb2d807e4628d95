"""What readers share: telling a document's own metadata lines from its text.

Classification markings, file numbers, site navigation, labelled lines, salutations and
release stamps, in the languages of the records editors copy."""

from __future__ import annotations

import re

from ..model import Record

_CLASSES = (
    r"(?:TOP\s+)?SECRET(?:\s*/\s*\w+)?|CONFIDENTIAL|UNCLASSIFIED|RESTRICTED|LIMITED OFFICIAL USE"
    r"|FOR OFFICIAL USE ONLY|EYES ONLY|NODIS|EXDIS|STRICTLY CONFIDENTIAL|PERSONAL AND CONFIDENTIAL"
    r"|(?:STRENG\s+)?GEHEIM|VS-VERTRAULICH|VERTRAULICH|NUR FÜR DEN DIENSTGEBRAUCH"
    r"|TRÈS SECRET|SECRET DÉFENSE|CONFIDENTIEL|DIFFUSION RESTREINTE"
    r"|SECRETO|RESERVADO|CONFIDENCIAL|ALTO SECRETO"
    r"|(?:СОВЕРШЕННО\s+)?СЕКРЕТНО(?:\s+ОСОБОЙ\s+ВАЖНОСТИ)?|ОСОБОЙ ВАЖНОСТИ|ДЛЯ СЛУЖЕБНОГО ПОЛЬЗОВАНИЯ"
    r"|绝密|機密|机密|秘密|極秘|极秘"
)
CLASSIFICATION = re.compile(rf"^(?:{_CLASSES})(?:\s+(?:\[?illegible\]?|\d+))*$", re.I)
# A marking that opens a line before the rest of it ("CONFIDENTIAL [Ottawa], June 15, 1961")
CLASSIFICATION_FIRST = re.compile(rf"^(?P<marking>{_CLASSES})\s+(?=\S)")
PRECEDENCE = re.compile(
    r"^(?:(?:us|most|very|triple)\s+)?(?:urgent|niact|immediate|priority|flash|routine|plain"
    r"|operational immediate|срочно|весьма срочно|вне очереди|dringend|sofort|très urgent"
    r"|urgente|muy urgente|特急|急件|highest priority)$",
    re.I,
)
_SPACED = re.compile(r"^(?:[A-ZА-Я] ){3,}[A-ZА-Я](?=\s|$)")
# "840.20/1–3049: Telegram", "711.94114 Mail/25: Telegram", "File No. 811.142/3200",
# "740.0011 European War 1939/26333c: Telegram"
FILE_NUMBER = re.compile(
    # "840.20/1–3049", "123 Bullitt, William C./617", "740.00119 Control (Germany)/5–2945",
    # "840.48 Refugees/40363/6"
    # "501.BB Palestine (E) /11-949" (a printed volume's OCR: a space before the slash)
    r"^(?:File No\.\s*)?(?P<number>\d{3}(?:\.[\w]+)*(?:\s+[\w.,()’'-]+){0,5}(?:\s?/[\w–\-]+){1,2})"
    r"(?::\s*(?P<kind>[A-Z][a-z]+(?: [A-Za-z]+)?))?$"
)
NAVIGATION = {
    "skip to content",
    "skip to main content",
    "search",
    "menu",
    "home",
    "print",
    "share",
    "download",
    "transcription",
    "indice del archivo",
    "index",
    "go to book overview",
    "pdf",
    "epub 版",
    "網頁圖片",
    "后一页",
    "前一页",
    "回目录",
    "回首页",
    "上一页",
    "下一页",
    "• readme",
    "readme",
    "stat",
}
LABEL = re.compile(
    r"^\**\s*(?P<label>[^\W\d_][\w'’ ./()&-]{0,40}?)\s*\**\s*[:：]\s*\**\s*(?P<value>.*)$"
)
SALUTATION = re.compile(
    r"^(?:(?:my\s+)?dear|dearest|sir|madam|gentlemen|estimado|estimada|querido|querida|"
    r"distinguido|señor|sehr geehrte[rn]?|liebe[rs]?|werte[rr]?|cher|chère|monsieur|madame|"
    r"уважаем\w*|дорог\w*|товарищ\w*)\b.{0,80}[,:!：]?$|^.{1,40}(?:同志|先生|阁下|閣下)[:：,，]$",
    re.I,
)
RELEASE_STAMP = re.compile(
    r"(?:Sanitized Copy\s+)?Approved\s+For\s+Release\s+\d{4}/\d{2}/\d{2}\s*:?\s*CIA-RDP[\w-]+",
    re.I,
)
DECLASSIFIED = re.compile(
    r"^(?:[A-Z][\w.]* ){1,4}Declassified/?\s*Released US Department of State EO Systematic Review"
    r" \d{1,2} \w{3} \d{4}$"
)
WORD = re.compile(r"[^\W\d_]{3,}")


def unspace(line: str) -> str:
    """'C O N F I D E N T I A L MOSCOW 30317' -> 'CONFIDENTIAL MOSCOW 30317'."""
    m = _SPACED.match(line)
    return m.group(0).replace(" ", "") + line[m.end() :] if m else line


def is_classification(line: str) -> bool:
    return bool(CLASSIFICATION.match(unspace(line).strip(" .*#")))


PAGE_MARK = re.compile(r"^(?:page|p\.|seite|стр\.|с\.)\s*\d+$|^[*\s]{3,}$|^[-=_]{3,}$", re.I)
# A document series' page furniture: "Previous Document <series> Page Next Document",
# an empty "Doc No." label, a volume header "Volume 10 1951~1957"
CHROME = re.compile(
    r"^(?:previous document\b.{0,80}\bnext document|doc(?:ument)?\.? no\.?"
    r"|vol(?:ume|\.)\s+[\dIVXL]+\s+\d{4}\s*[~–-]\s*\d{4}"
    # and a web page's footer: "Purchase Volumes Online", "Read more ....", "Print This Page"
    r"|purchase volumes online|free download|international counterparts|read more\W*"
    r"|website design(?:ed)? and developed by\b.{0,60}|print this page|close this window"
    r"|to view page \d+ of this document, please click here)$",
    re.I,
)


def is_navigation(line: str) -> bool:
    """Site navigation and page furniture: "Skip to content", "Page 50", "*****"."""
    text = line.strip()
    return text.lower().strip("#* ") in NAVIGATION or bool(
        PAGE_MARK.match(text) or CHROME.match(text)
    )


def label_of(line: str) -> tuple[str, str] | None:
    """("From", "Paris") for "**From:** Paris"; None for a line that is not a label."""
    m = LABEL.match(line)
    if not m or re.search(r"https?$", m.group("label"), re.I):
        return None
    return m.group("label").strip(), m.group("value").strip(" *")


def heading_like(line: str) -> bool:
    """A line that can be a title: words, not a marking, a number, a label or a sentence
    of the body."""
    text = line.strip(" #*")
    if not text or len(text) > 300 or is_classification(text) or is_navigation(text):
        return False
    if FILE_NUMBER.match(text) or PRECEDENCE.match(text) or SALUTATION.match(text):
        return False
    if label_of(text) and not re.search(r"[«“\"]", text.split(":")[0]):
        return False
    cjk = len(re.findall(r"[\u3400-\u9fff]", text))
    return cjk >= 4 or len(WORD.findall(text)) >= 2


def add_classification(record: Record, marking: str) -> None:
    marking = " ".join(unspace(marking).split())
    if record.classification is None:
        record.classification = marking
    elif marking.lower() not in record.classification.lower():
        record.classification += "; " + marking


__all__ = [
    "CLASSIFICATION",
    "FILE_NUMBER",
    "PRECEDENCE",
    "SALUTATION",
    "RELEASE_STAMP",
    "DECLASSIFIED",
    "add_classification",
    "heading_like",
    "is_classification",
    "is_navigation",
    "label_of",
    "unspace",
]


# A record's title naming its two sides: "Telegram from Stalin to Mao Zedong", "Cable, Mao
# Zedong to Filippov [Stalin]", "Letter from
# Andrzej Stelmachowski to Lech Walesa discussing the proposed Roundtable talks, ..."
TITLE_SIDES = re.compile(
    r"^(?:(?:Ciphered\s+|Coded\s+|Secret\s+)?(?:Letter|Telegram|Cable|Cablegram|Radiogram|Memorandum"
    r"|Note|Message|Telex|Dispatch|Despatch)s?)(?:\s+No\.\s*\S+)?(?:\s+from\s+|,\s+)(?P<from>\S.*?)\s+to\s+"
    r"(?P<to>(?:the\s+)?[A-Z\[].*)$"
)
# where the addressee's name ends: a comma, a bracketed remark, the verb or preposition of
# the title's description ("... to Lech Walesa discussing the ...", "... to Mao on Korea")
_TO_END = re.compile(
    r",|\s\(|\s+(?:discussing|regarding|concerning|about|on|informing|requesting|reporting"
    r"|describing|transmitting|summarizing|summarising|expressing|outlining|asking|proposing"
    r"|thanking|with|following|in which|that|and the|re:)\b"
)


def sides_from_title(record) -> None:
    """Sender and addressee from a title "<Kind> from X to Y ..." where the reader found
    none (most digital-archive records name them only there)."""
    if (record.sender and record.addressee) or not record.title:
        return
    m = TITLE_SIDES.match(" ".join(record.title.split()))
    if m is None:
        return
    to = m["to"]
    cut = _TO_END.search(to)
    to = to[: cut.start()] if cut else to
    if to.strip() and len(m["from"]) <= 120 and len(to) <= 120:
        record.sender = record.sender or m["from"].strip()
        record.addressee = record.addressee or to.strip().rstrip(".")
