"""Text records in every state the web leaves them, through `tei-toolkit convert`.

The files are in tests/damaged/ (written by tests/damaged/make.py); big and binary inputs
are generated here. A damaged record converts, with a warning that says what was done; a
file that is not text at all is refused in one line with exit code 2 and no output.
"""

from __future__ import annotations

import io
import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tei_toolkit import tei
from tei_toolkit.cli import main
from tei_toolkit.exporters import to_text

DAMAGED = Path(__file__).parent / "damaged"
sys.path.insert(0, str(DAMAGED))
from make import files  # noqa: E402

XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
WORDS = [
    "We agree with the caf\u00e9 proposal.",
    "The na\u00efve plan \u2014 as the",
    "newspaper",
    "pages.",
]

# file -> (warning codes it must give, text its body must hold)
CONVERTED = {
    "utf8.txt": ((), WORDS),
    "utf8-bom.txt": ((), WORDS),
    "utf16le-bom.txt": (("input:encoding",), WORDS),
    "utf16be-bom.txt": (("input:encoding",), WORDS),
    "utf16le-no-bom.txt": (("input:encoding",), WORDS),
    "utf16le-bom-cut.txt": (("input:encoding", "input:truncated"), WORDS[:3]),
    "cp1252.txt": (("input:encoding",), WORDS),
    "latin1.txt": (
        ("input:encoding",),
        [
            "We agree with the caf\u00e9 proposal.",
            "The na\u00efve plan -- as the",
            "It's 5-6 pages.",
        ],
    ),
    "mac-roman.txt": (("input:encoding",), WORDS),
    "mixed-utf8-cp1252.txt": (("input:encoding",), WORDS + ["More \u201cquoted\u201d text."]),
    "crlf.txt": ((), WORDS),
    "cr.txt": ((), WORDS),
    "tabs-nbsp-zero-width.txt": (
        ("input:zero-width",),
        ["We agree with with the caf\u00e9 proposal."],
    ),
    "control-chars.txt": (
        ("input:control-chars",),
        ["We agree with the caf\u00e9", "The na\u00efve plan", "Contact"],
    ),
    "unbalanced.txt": ((), ["We agree [with the plan.", "((( and ]] [[ ??", "(bracket]"]),
    "cut-mid-word.txt": ((), ["as the news"]),
    "cut-mid-utf8.txt": (("input:truncated",), ["The na\u00efve plan"]),
}
# file -> what the one-line error must say
REFUSED = {
    "empty.txt": "empty",
    "whitespace-only.txt": "empty",
    "png.txt": "PNG image",
    "nul-heavy.txt": "binary",
}
ENCODING_NAMED = {
    "utf16le-bom.txt": "UTF-16-LE",
    "utf16be-bom.txt": "UTF-16-BE",
    "utf16le-no-bom.txt": "UTF-16-LE",
    "cp1252.txt": "cp1252",
    "latin1.txt": "latin-1",
    "mac-roman.txt": "Mac Roman",
    "mixed-utf8-cp1252.txt": "cp1252",
}


def convert(capsys, *args) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as caught:
        main(["convert", *map(str, args)])
    out, err = capsys.readouterr()
    return caught.value.code, out, err


def body_text(path: Path) -> str:
    """The body as the plain-text exporter gives it back, whitespace collapsed."""
    return re.sub(r"\s+", " ", to_text(tei.parse(path)))


def assert_clean_output(path: Path) -> None:
    xml = path.read_text(encoding="utf-8")
    assert not XML_FORBIDDEN.search(xml)
    assert "\t" not in xml and "\u00a0" not in xml and "\u200b" not in xml


def test_fixtures_are_up_to_date():
    """tests/damaged/ holds exactly what make.py writes."""
    for name, data in files().items():
        assert (DAMAGED / name).read_bytes() == data, f"rerun tests/damaged/make.py ({name})"
    assert set(files()) == set(CONVERTED) | set(REFUSED)


@pytest.mark.parametrize("name", sorted(CONVERTED))
def test_damaged_record_converts(capsys, tmp_path, name):
    out = tmp_path / "out.xml"
    code, _, err = convert(capsys, DAMAGED / name, "-o", out)
    assert code == 0, err
    assert "Traceback" not in err and "error" not in err
    codes = set(re.findall(r"\[([a-z]+:[a-z-]+)\]$", err, re.M))
    warnings, expected = CONVERTED[name]
    assert set(warnings) <= codes, err
    if name in ENCODING_NAMED:
        assert ENCODING_NAMED[name] in err
    if (
        "utf8" in name
        and "cut" not in name
        and "mixed" not in name
        or name in ("crlf.txt", "cr.txt")
    ):
        assert not {"input:encoding", "input:truncated"} & codes
    assert_clean_output(out)
    text = body_text(out)
    for words in expected:
        assert words in text, (words, text)


def test_every_encoding_gives_the_same_tei(capsys, tmp_path):
    """The same record in UTF-8, UTF-16, cp1252 and Mac Roman becomes the same body."""
    bodies = set()
    for name in (
        "utf8.txt",
        "utf8-bom.txt",
        "utf16le-bom.txt",
        "utf16be-bom.txt",
        "utf16le-no-bom.txt",
        "cp1252.txt",
        "mac-roman.txt",
        "crlf.txt",
        "cr.txt",
    ):
        out = tmp_path / (name + ".xml")
        assert convert(capsys, DAMAGED / name, "-o", out)[0] == 0
        bodies.add(body_text(out))
    assert len(bodies) == 1, bodies


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_not_text_is_refused_in_one_line(capsys, tmp_path, name):
    out = tmp_path / "out.xml"
    code, stdout, err = convert(capsys, DAMAGED / name, "-o", out)
    assert code == 2 and not out.exists() and not stdout
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tei-toolkit: error: ")
    assert REFUSED[name] in lines[0]
    assert not list(tmp_path.iterdir())  # no temporary file either


def binaries():
    rng = random.Random(6)
    yield "random", bytes(rng.randrange(256) for _ in range(20_000))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document/>" * 100)
    yield "docx", buf.getvalue()
    yield (
        "pdf",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 5 >>\nstream\n" + bytes(range(256)),
    )
    yield "elf", b"\x7fELF\x02\x01\x01" + bytes(200)
    yield "all-bytes", bytes(range(256)) * 40
    yield "nul-tail", b"Title\n\nA paragraph.\n" * 2000 + bytes(30_000)


@pytest.mark.parametrize("name,data", list(binaries()), ids=[b[0] for b in binaries()])
def test_binary_files_are_refused(capsys, tmp_path, name, data):
    src = tmp_path / f"{name}.txt"
    src.write_bytes(data)
    code, stdout, err = convert(capsys, src, "-o", tmp_path / "out.xml")
    assert code == 2 and not stdout and not (tmp_path / "out.xml").exists()
    assert len(err.strip().splitlines()) == 1 and "not a text record" in err


def test_a_few_stray_control_bytes_are_damage_not_binary(capsys, tmp_path):
    src = tmp_path / "stray.txt"
    src.write_bytes(b"Title\n\nA para\x00graph with \x01 two stray bytes.\n")
    out = tmp_path / "out.xml"
    code, _, err = convert(capsys, src, "-o", out)
    assert code == 0 and "input:control-chars" in err
    assert "A paragraph with two stray bytes." in body_text(out)


def prose(size: int, seed: int = 1) -> str:
    """Deterministic English-like text with the marks the rules look for, now and then."""
    rng = random.Random(seed)
    words = (
        "the of and to in that was he for it with as his on be at by had not are but "
        "from or have an they which one were her all she there would their we him"
    ).split()
    extras = [
        "[January 22, 1944]",
        "Stalin",
        "Choibalsan",
        "\u201cyes,\u201d",
        "?Khudulmur?",
        "[sic]",
        "Mongolia",
        "[\u2026]",
        "(",
        "]",
        "\u4e2d\u6587",
        "[email\u00a0protected]",
    ]
    parts, n = [], 0
    while n < size:
        word = rng.choice(extras) if rng.random() < 0.02 else rng.choice(words)
        parts.append(word)
        n += len(word) + 1
    return " ".join(parts)


def test_one_megabyte_single_line(capsys, tmp_path):
    src = tmp_path / "long-line.txt"
    line = prose(1_000_000)
    src.write_text("A record with one very long line\n\n" + line + "\n", encoding="utf-8")
    out = tmp_path / "out.xml"
    code, _, err = convert(capsys, src, "-o", out)
    assert code == 0, err[-2000:]
    assert re.sub(r"\s", "", body_text(out)) == re.sub(r"\s", "", line.replace("\u00a0", " "))


def test_five_megabyte_record(capsys, tmp_path):
    src = tmp_path / "big.txt"
    paragraphs = [prose(2_000, seed) for seed in range(2_500)]
    src.write_text("A five-megabyte record\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    out = tmp_path / "out.xml"
    code, _, err = convert(capsys, src, "-o", out)
    assert code == 0, err[-2000:]
    assert body_text(out).rstrip().endswith(paragraphs[-1].split()[-1])


def test_damaged_batch_converts_what_it_can(capsys, tmp_path):
    """All damaged files at once: the good ones written, each bad one named, exit 2."""
    out_dir = tmp_path / "out"
    code, _, err = convert(capsys, *sorted(DAMAGED.glob("*.txt")), "-o", out_dir)
    assert code == 2
    written = sorted(p.name for p in out_dir.iterdir())
    assert written == sorted(n.replace(".txt", ".xml") for n in CONVERTED)
    errors = [ln for ln in err.splitlines() if ln.startswith("tei-toolkit: error:")]
    assert sorted(e.split(": ")[2].rsplit("/", 1)[-1] for e in errors) == sorted(REFUSED)
    for path in out_dir.iterdir():
        assert_clean_output(path)


def test_subprocess_binary_input_has_no_traceback(tmp_path):
    src = tmp_path / "image.txt"
    src.write_bytes((DAMAGED / "png.txt").read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "tei_toolkit", "convert", src],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and not result.stdout
    assert (
        result.stderr.strip() == f"tei-toolkit: error: {src}: looks like a PNG image, "
        "not a text record"
    )


# How cost grows with the size of a paragraph is measured in benchmarks/bench_growth.py.
