"""Write the damaged text records of this folder (deterministic; rerun to regenerate).

    python tests/damaged/make.py
"""
from __future__ import annotations

import codecs
from pathlib import Path

HERE = Path(__file__).parent

RECORD = (
    "Record of a Conversation with Marshal Choibalsan\n"
    "\n"
    "Stalin: \u201cWe agree with the caf\u00e9 proposal.\u201d [January 22, 1944]\n"
    "\n"
    "Choibalsan: The na\u00efve plan \u2014 as the newspaper ?Khudulmur? wrote \u2026\n"
    "\n"
    "Contact [email\u00a0protected] for details. It\u2019s 5\u20136 pages.\n"
)
PLAIN = RECORD.translate({0x201C: '"', 0x201D: '"', 0x2014: "--", 0x2026: "...",
                          0x2019: "'", 0x2013: "-"})


def files() -> dict[str, bytes]:
    out = {
        "utf8.txt": RECORD.encode("utf-8"),
        "utf8-bom.txt": codecs.BOM_UTF8 + RECORD.encode("utf-8"),
        "utf16le-bom.txt": codecs.BOM_UTF16_LE + RECORD.encode("utf-16-le"),
        "utf16be-bom.txt": codecs.BOM_UTF16_BE + RECORD.encode("utf-16-be"),
        "utf16le-no-bom.txt": RECORD.encode("utf-16-le"),
        "utf16le-bom-cut.txt": (codecs.BOM_UTF16_LE + RECORD.encode("utf-16-le"))[:-1],
        "cp1252.txt": RECORD.encode("cp1252"),
        "latin1.txt": PLAIN.encode("latin-1"),
        "mac-roman.txt": RECORD.encode("mac_roman"),
        "mixed-utf8-cp1252.txt": RECORD.encode("utf-8") + "More \u201cquoted\u201d text.\n"
        .encode("cp1252"),
        "crlf.txt": RECORD.replace("\n", "\r\n").encode("utf-8"),
        "cr.txt": RECORD.replace("\n", "\r").encode("utf-8"),
        "tabs-nbsp-zero-width.txt": RECORD.replace("We agree", "We\tagree\u00a0with\u200b")
        .replace("Choibalsan: The", "Choibalsan:\u00a0The\u200b\u2060").replace(
            "the caf", "the\tcaf").encode("utf-8"),
        "control-chars.txt": RECORD.replace("agree", "ag\x00re\x01e").replace(
            "plan", "pl\x1ban\x7f\x0c").replace("Contact", "Con\x08tact\x9b").encode("utf-8"),
        "unbalanced.txt": (
            "Unbalanced marks\n\nStalin: \u201cWe agree [with the plan.\n\n"
            "Choibalsan: The] plan \u201d is \u201c\u201c good ((( and ]] [[ ?? ?x\n\n"
            "Third \"quote' and (bracket] [sic, also Qinghai] [\u2026] [ ] [] ?word? end.\n"
        ).encode("utf-8"),
        "cut-mid-word.txt": RECORD[: RECORD.index("newspaper") + 5].encode("utf-8"),
        "cut-mid-utf8.txt": RECORD[: RECORD.index("\u2014") + 1].encode("utf-8")[:-1],
        "empty.txt": b"",
        "whitespace-only.txt": "  \n\n\t \r\n\u00a0\u200b\n".encode("utf-8"),
        "png.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(64)),
        "nul-heavy.txt": b"Title\n\n" + b"text\x00\x00\x00\x00" * 200,
    }
    return out


if __name__ == "__main__":
    for name, data in files().items():
        (HERE / name).write_bytes(data)
    print(f"wrote {len(files())} files to {HERE}")
