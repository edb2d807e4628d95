"""Entity scoring for the tests: mentions compared as multisets of (type, text), as the
project's annotation guidelines (../shared/gold/GUIDELINES.md) define them, so the score
is checked on machines without ../shared too."""

from __future__ import annotations

import collections
import json
from pathlib import Path

from tei_toolkit.tei import TEI_NS

TYPES = {
    "persName": "person",
    "placeName": "place",
    "orgName": "org",
    "date": "date",
    "time": "time",
}
# parts of a TEI file that describe entities or the file rather than mention them
NOT_MENTIONS = {
    "standOff",
    "listPerson",
    "listPlace",
    "listOrg",
    "encodingDesc",
    "revisionDesc",
    "publicationStmt",
    "person",
    "place",
    "org",
    "particDesc",
    "settingDesc",
}


def _name(el) -> str:
    return el.tag.split("}")[-1]


def _norm(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split())


def mentions(tree) -> list[dict]:
    out = []
    for el in tree.iter(*(f"{{{TEI_NS}}}{t}" for t in TYPES)):
        ancestors = [_name(a) for a in el.iterancestors()]
        if NOT_MENTIONS & set(ancestors) or _name(el) in ancestors:
            continue
        value = el.get("when")
        if el.get("from") or el.get("to"):
            value = f"{el.get('from', '')}/{el.get('to', '')}"
        out.append(
            {
                "type": TYPES[_name(el)],
                "text": _norm("".join(el.itertext())),
                "ref": el.get("ref"),
                "value": value,
            }
        )
    return out


def load_gold(path: Path) -> list[dict]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def score(tree, gold: list[dict]) -> dict:
    """micro P/R/F1 over (type, text) multisets; date/time values right; refs consistent."""
    pred = mentions(tree)
    g = collections.Counter((m["type"], _norm(m["text"])) for m in gold)
    p = collections.Counter((m["type"], m["text"]) for m in pred)
    tp = sum(min(n, p[k]) for k, n in g.items())
    good = sum(n for k, n in p.items() if k in g)
    precision = good / sum(p.values()) if p else 0.0
    recall = tp / sum(g.values()) if g else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    wrong_values = []
    for m in gold:
        if m["type"] in ("date", "time"):
            got = [
                x["value"] or ""
                for x in pred
                if (x["type"], x["text"]) == (m["type"], _norm(m["text"]))
            ]
            if (
                got
                and not collections.Counter(got).most_common(1)[0][0][: len(m["value"])]
                == m["value"]
                and not (m["type"] == "time" and got[0][:5] == m["value"][:5])
            ):
                wrong_values.append((m["text"], got, m["value"]))
    refs = collections.defaultdict(set)  # gold key -> refs used for its mentions
    keys = {(m["type"], _norm(m["text"])): m["key"] for m in gold if "key" in m}
    for x in pred:
        if (x["type"], x["text"]) in keys:
            refs[keys[(x["type"], x["text"])]].add(x["ref"])
    owners = collections.defaultdict(set)
    for key, rs in refs.items():
        for r in rs:
            owners[r].add(key)
    return {
        "P": precision,
        "R": recall,
        "F1": f1,
        "wrong_values": wrong_values,
        "split_keys": sorted(k for k, rs in refs.items() if len(rs) > 1),
        "merged_refs": sorted(r for r, ks in owners.items() if len(ks) > 1),
    }


def pooled(results: list[tuple[object, list[dict]]]) -> float:
    """Micro-F1 of several records together: (tree, gold) pairs, mentions summed over all."""
    tp = good = n_pred = n_gold = 0
    for tree, gold in results:
        pred = mentions(tree)
        g = collections.Counter((m["type"], _norm(m["text"])) for m in gold)
        p = collections.Counter((m["type"], m["text"]) for m in pred)
        tp += sum(min(n, p[k]) for k, n in g.items())
        good += sum(n for k, n in p.items() if k in g)
        n_pred += sum(p.values())
        n_gold += sum(g.values())
    precision = good / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
