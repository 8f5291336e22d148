"""Cleaning an article body before any offsets are taken: normalisation, boilerplate lines, and the
repeated paragraphs some scrapers produce (BBC Bangla pages in the bdnewspaperscraper corpus carry every
paragraph twice, which would double every count and event)."""

from __future__ import annotations

from .readers import classify_line
from .text.normalize import normalize
from .text.segment import CUT_CANDIDATES, split_sentences


def _dedupe_sentences(line: str) -> str:
    # Cheap exact pre-check: equal sentences would begin with equal pieces between the cut candidates,
    # so when those pieces are all distinct no sentence repeats and the line stays as it is.
    pieces = CUT_CANDIDATES.split(line)
    if len(set(map(str.strip, pieces))) == len(pieces):
        return line
    return _dedupe_split(line)


def _dedupe_split(line: str) -> str:
    spans = split_sentences(line)
    if len(spans) < 2:
        return line
    sents = [line[s.start:s.end] for s in spans]
    n = len(sents)
    if len(set(sents)) == n:  # no sentence twice, so no repeated run (the common case, at set speed)
        return line
    out: list[str] = []
    i = 0
    while i < n:
        # a run of k sentences immediately repeated: keep one copy
        for k in range(min(6, (n - i) // 2), 0, -1):
            if sents[i:i + k] == sents[i + k:i + 2 * k]:
                out.extend(sents[i:i + k])
                i += 2 * k
                break
        else:
            out.append(sents[i])
            i += 1
    if len(out) == n:
        return line
    return " ".join(out)


def clean_body(text: str) -> str:
    """The canonical ``text`` of an article: NFC and friends, one paragraph per line, credit lines and
    repeated paragraphs/sentences dropped."""
    text = normalize(text)
    seen: set[str] = set()
    out: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line or classify_line(line) == "credit":
            continue
        if len(line) > 30:
            if line in seen:
                continue
            seen.add(line)
        out.append(_dedupe_sentences(line))
    return "\n".join(out)
