"""Bengali full-text search, the same on SQLite and PostgreSQL.

Neither SQLite FTS5's ``unicode61`` tokenizer nor PostgreSQL's parsers keep Bengali words whole (they cut
at vowel signs and the hasanta), so the archive indexes its own terms: every word of the headline and
text is NFC-normalised and folded (:func:`khobor.text.normalize.fold`: no ZWJ/ZWNJ, ASCII digits,
lower case), and indexed together with its inflection stems (:func:`khobor.text.inflect.stems`), in the
plain table ``terms(term, article_id, tf)``.  A query word is expanded the same way, so ``রাশিয়া``
finds ``রাশিয়ার`` and either encoding of য় matches.  Every query word must match (AND); ranking is
BM25 computed in SQL from parameters.  The query is never parsed as SQL or FTS syntax: only its words
are used, as bound parameters, so ``' OR 1=1 --``, ``"`` or ``NEAR(`` are just (absent) words.

Snippets mark each hit with ``\\x02`` … ``\\x03`` (HIT_OPEN/HIT_CLOSE); the same ranges are given as
offsets in ``SearchHit.marks`` for callers that prefer them.  No HTML is produced here.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from typing import Any, Iterable

from ..text.inflect import stems
from ..text.normalize import fold, normalize
from ..text.segment import WORD_RE

HIT_OPEN, HIT_CLOSE = "\x02", "\x03"
MAX_TERM = 64
MAX_QUERY_WORDS = 12
K1, B = 1.2, 0.75


@lru_cache(maxsize=200_000)
def word_forms(word: str) -> tuple[str, ...]:
    """The index keys of one (normalised) word: its folded form and its folded inflection stems."""
    out: list[str] = []
    for s in stems(word) if word else ():
        f = fold(s).lower()[:MAX_TERM]
        if f and f not in out:
            out.append(f)
    if not out:
        f = fold(word).lower()[:MAX_TERM]
        if f:
            out.append(f)
    return tuple(out)


def index_terms(*texts: str | None) -> tuple[dict[str, int], int]:
    """(term -> frequency, number of words) for the given texts (already NFC-normalised).  Each word
    counts once for each of its distinct forms."""
    tf: Counter[str] = Counter()
    n = 0
    for text in texts:
        if not text:
            continue
        ws = WORD_RE.findall(text)
        n += len(ws)
        # Counter.update over an iterable counts in C, keys in first-seen order as a dict loop would
        tf.update(chain.from_iterable(map(word_forms, ws)))
    return dict(tf), n


def query_groups(query: str) -> list[tuple[str, ...]]:
    """The query's words, each as the tuple of its forms (one group per distinct word)."""
    groups: list[tuple[str, ...]] = []
    seen: set[tuple[str, ...]] = set()
    for w in WORD_RE.findall(normalize(query or "")):
        g = word_forms(w)
        if g and g not in seen:
            seen.add(g)
            groups.append(g)
        if len(groups) >= MAX_QUERY_WORDS:
            break
    return groups


def bm25_idf(n_docs: int, df: int) -> float:
    return math.log((n_docs - df + 0.5) / (df + 0.5) + 1.0)


def clean_text(text: str) -> str:
    """Text safe to carry hit markers: the marker characters themselves removed."""
    return text.replace(HIT_OPEN, " ").replace(HIT_CLOSE, " ")


def make_snippet(text: str, groups: Iterable[Iterable[str]], width: int = 220) -> tuple[str, list[list[int]]]:
    """A window of ``text`` around the first hit, hits wrapped in ``\\x02``…``\\x03``, and the hit ranges
    as offsets into the unmarked snippet.  Without a hit in the text: its beginning, unmarked."""
    text = clean_text(text or "")
    wanted: set[str] = set()
    for g in groups:
        wanted.update(g)
    hits: list[tuple[int, int]] = []
    for m in WORD_RE.finditer(text):
        if wanted.intersection(word_forms(m.group())):
            hits.append((m.start(), m.end()))
    if not hits:
        cut = _snap_end(text, min(len(text), width))
        return text[:cut] + ("…" if cut < len(text) else ""), []
    first = hits[0][0]
    start = _snap_start(text, max(0, first - width // 3))
    end = _snap_end(text, min(len(text), start + width))
    pieces: list[str] = ["…"] if start > 0 else []
    marks: list[list[int]] = []
    pos = start
    plain_len = len(pieces[0]) if pieces else 0
    for a, b in hits:
        if a < start or b > end:
            continue
        pieces.append(text[pos:a])
        plain_len += a - pos
        pieces.append(HIT_OPEN + text[a:b] + HIT_CLOSE)
        marks.append([plain_len, plain_len + (b - a)])
        plain_len += b - a
        pos = b
    pieces.append(text[pos:end])
    if end < len(text):
        pieces.append("…")
    return "".join(pieces).replace("\n", " "), marks


def _snap_start(text: str, i: int) -> int:
    if i <= 0:
        return 0
    j = text.rfind(" ", max(0, i - 20), i)
    return j + 1 if j >= 0 else i


def _snap_end(text: str, i: int) -> int:
    if i >= len(text):
        return len(text)
    j = text.find(" ", i, i + 20)
    return j if j >= 0 else i


@dataclass
class SearchHit:
    """One search result. ``snippet`` carries ``\\x02``/``\\x03`` hit markers (escape the text, not the
    markers, when rendering); ``marks`` are the same hits as [start, end) offsets into the snippet with
    the markers removed."""

    id: str
    headline: str | None
    source: str | None
    published: str | None
    author: str | None = None
    url: str | None = None
    snippet: str = ""
    marks: list[list[int]] = field(default_factory=list)
    score: float = 0.0
    duplicate_of: str | None = None
    story_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "headline": self.headline, "source": self.source, "published": self.published,
                "author": self.author, "url": self.url, "snippet": self.snippet, "marks": self.marks,
                "score": round(self.score, 4), "duplicate_of": self.duplicate_of, "story_id": self.story_id}

    @property
    def plain_snippet(self) -> str:
        return self.snippet.replace(HIT_OPEN, "").replace(HIT_CLOSE, "")


class ResultList(list):
    """A list of results that also knows how many there are in all (``total``), past limit/offset."""

    def __init__(self, items: Iterable[Any] = (), total: int = 0):
        super().__init__(items)
        self.total = total


_SAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def strip_controls(s: str) -> str:
    return _SAFE.sub("", s)
