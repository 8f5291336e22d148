#!/usr/bin/env python3
"""Build ``src/khobor/data/ner/common_words.tsv``: Bengali words that are frequent in news text but are
never part of a name, for the entity stage's filter of tagger spans made of common nouns
(``সরকারবিরোধী``, ``নির্দেশে``, ``সংবাদমাধ্যম``).

A word (folded surface form, inflected forms counted separately) is common when it occurs in at least
``--min-docs`` articles of the unlabelled news corpora under ``<shared>/data/news`` and is NOT

* a whole single-word knowledge-base alias or a word of a person's alias (``kb/aliases.tsv``),
* a given name (``ner/given_names.tsv``),
* a word the labelled NER corpora (rifat, banglakit) tag inside a PER/ORG/LOC name at least 30% of the
  times they contain it,
* a word the project's own NER tagger, reading the corpus in context, puts inside a personal name in more than
  20% of its occurrences (names of people frequent in the news: আফিফ, তানজিদ),
* an inflected form of such a word.

Only counts and words are written (no text). Deterministic:

    python scripts/build_common_words.py [--shared PATH] [--min-docs 5] [--check]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from khobor.data.loader import read_tsv  # noqa: E402
from khobor.text.inflect import stems  # noqa: E402
from khobor.text.normalize import fold, normalize  # noqa: E402
from khobor.text.segment import words  # noqa: E402

OUT = REPO / "src" / "khobor" / "data" / "ner" / "common_words.tsv"
SHARED_DEFAULT = REPO.parent / "shared"


def _bengali(w: str) -> bool:
    return len(w) >= 2 and all("\u0980" <= c <= "\u09ff" and not "\u09e6" <= c <= "\u09ef" for c in w)


def news_texts(shared: Path):
    for rel, field in (("iamaber/articles.jsonl", "body"), ("bdnewspaperscraper/articles_bn.jsonl", "article")):
        with open(shared / "data" / "news" / rel, encoding="utf-8") as f:
            for line in f:
                try:
                    o = json.loads(line)
                except json.JSONDecodeError:
                    continue
                t = o.get(field) if isinstance(o, dict) else None
                if isinstance(t, str) and t.strip():
                    yield normalize(t)


def name_words(shared: Path, min_ratio: float) -> set[str]:
    """Words that the labelled NER corpora tag inside a name at least ``min_ratio`` of the times they
    occur (the corpora are noisy: a single stray tag does not make a common noun a name word)."""
    inside: Counter[str] = Counter()
    total: Counter[str] = Counter()

    def add(tok: str, is_name: bool) -> None:
        for w in words(normalize(tok)):
            w = fold(w)
            total[w] += 1
            if is_name:
                inside[w] += 1

    for p in ("rifat/train_data.txt", "rifat/test_data.txt"):
        for line in (shared / "data" / "ner" / p).read_text(encoding="utf-8-sig").splitlines():
            parts = line.split("\t")
            if len(parts) == 2:
                t = parts[1].strip()
                add(parts[0], t[:2] in ("B-", "I-") and t[2:] in ("PER", "ORG", "LOC"))
    with open(shared / "data" / "ner" / "banglakit" / "main.merged.derived_bio.conll", encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split()
            if len(parts) >= 2:
                add(parts[0], parts[-1][:2] in ("B-", "I-") and parts[-1][2:] in ("PERSON", "ORG", "GPE"))
    return {w for w, n in inside.items() if n / total[w] >= min_ratio}


def build(shared: Path, min_docs: int, max_tagged: float = 0.2) -> list[tuple[str, int]]:
    from khobor.ner import get_tagger
    from khobor.text.segment import split_sentences, tokenize

    tagger = get_tagger()
    df: Counter[str] = Counter()
    occ: Counter[str] = Counter()
    tagged: Counter[str] = Counter()
    for text in news_texts(shared):
        df.update({fold(w) for w in words(text) if _bengali(w)})
        toks = tokenize(text)
        in_name = [False] * len(toks)
        starts = [t.start for t in toks]
        import bisect

        for s, e, typ in tagger.spans(text, toks, split_sentences(text)):
            if typ != "PER":
                continue
            i = bisect.bisect_left(starts, s)
            while i < len(toks) and toks[i].start < e:
                in_name[i] = True
                i += 1
        for t, flag in zip(toks, in_name):
            w = fold(t.text)
            occ[w] += 1
            if flag:
                tagged[w] += 1
    types = {r["kb_id"]: r["type"] for r in read_tsv("kb/entities.tsv")}
    keep: set[str] = set()
    for r in read_tsv("kb/aliases.tsv"):
        ws = [fold(w) for w in words(r["alias"])]
        if len(ws) == 1 or types.get(r["kb_id"]) == "PER":
            keep.update(ws)  # a whole alias, or a word of a person's name
    keep.update(fold(r["name"]) for r in read_tsv("ner/given_names.tsv"))
    keep |= name_words(shared, 0.3)
    keep |= {st for w in list(keep) for st in stems(w)}
    out = []
    for w, n in df.items():
        if n < min_docs or w in keep:
            continue
        if tagged[w] > max_tagged * occ[w]:
            continue  # the tagger, in context, mostly reads it as part of a name (আফিফ, তানজিদ)
        if any(st in keep and len(st) >= 3 for st in stems(w)[1:]):
            continue
        out.append((w, n))
    out.sort(key=lambda x: (-x[1], x[0]))
    return out


def render(rows: list[tuple[str, int]], min_docs: int) -> str:
    lines = [
        "# Common Bengali news words that are never part of a name (folded surface forms).",
        f"# Built by scripts/build_common_words.py: document frequency >= {min_docs} in the unlabelled news corpora",
        "# (iamaber, bdnewspaperscraper; counts only), minus every KB alias word, given name and word inside a",
        "# labelled name of the rifat (MIT) / banglakit (CC0) NER corpora, and their stems.",
        "word\tdocs\tsource",
    ]
    lines += [f"{w}\t{n}\tnews-corpus-df" for w, n in rows]
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=SHARED_DEFAULT)
    ap.add_argument("--min-docs", type=int, default=5)
    ap.add_argument("--check", action="store_true", help="exit 1 when the shipped file differs")
    a = ap.parse_args()
    text = render(build(a.shared, a.min_docs), a.min_docs)
    if a.check:
        same = OUT.is_file() and OUT.read_text(encoding="utf-8") == text
        print("common_words.tsv is up to date" if same else "common_words.tsv differs from a rebuild")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({text.count(chr(10)) - 5} words)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
