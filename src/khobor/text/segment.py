"""Sentence splitting and tokenisation with character offsets, for canonical (normalised) text.

Why not a library tokenizer: Python's ``\\w``, SQLite's unicode61 and most default tokenizers treat
Bengali vowel signs and the hasanta (categories Mn/Mc) as separators and cut ``রাশিয়া`` into pieces.
Here a Bengali word is a maximal run of Bengali letters, signs and joiners; Bengali digits are kept
apart from letters so that ``১৫জন`` is the two tokens ``১৫`` and ``জন``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate
from operator import sub

from ..article import Span, Token

_BN_WORD = "[\u0980-\u09e5\u09f0-\u09ff\u200c\u200d]+"
_NUMBER = "[0-9\u09e6-\u09ef]+(?:[.,:/][0-9\u09e6-\u09ef]+)*"
_LATIN = "[^\\W\\d_\u0980-\u09ff]+(?:['.][^\\W\\d_\u0980-\u09ff]+)*"
# the first three alternatives start with disjoint characters, so their order only matters for speed
# (Bengali words, the commonest, are tried first)
TOKEN_RE = re.compile(f"{_BN_WORD}|{_NUMBER}|{_LATIN}|\\S")
WORD_RE = re.compile(f"{_BN_WORD}|{_LATIN}|{_NUMBER}")

_TERMINATORS = "।?!॥"
_CLOSERS = "\"')]}’”"
# a terminator (with closing quotes/brackets after it), or a full stop followed by space
# (the lookahead lets the regex engine skip ahead to a candidate character instead of trying every
# alternative at every position)
_BOUNDARY = re.compile(f"(?=[{_TERMINATORS}.\\n])(?:[{_TERMINATORS}]+[{re.escape(_CLOSERS)}]*|\\.(?=\\s)|\\n+)")


# Every place where split_sentences may cut a line without line breaks: its boundaries (it skips
# the full stops of abbreviations) plus a full stop at the very end. A sentence is the text between two
# of its cuts, so two equal sentences begin with equal pieces between these places (see
# khobor.clean._dedupe_sentences).
CUT_CANDIDATES = re.compile(f"(?=[{_TERMINATORS}.])(?:[{_TERMINATORS}]+[{re.escape(_CLOSERS)}]*|\\.(?=\\s|\\Z))")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    from ..data.loader import read_tsv

    return frozenset(r["abbr"] for r in read_tsv("lexicon/abbreviations.tsv"))


# a token with the whitespace before it
_SPACED_TOKEN_RE = re.compile(f"\\s*(?:{TOKEN_RE.pattern})")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    # Every non-space character starts a token (``\\S`` is the last alternative) and no token holds or
    # starts with a space, so the matches of "spaces + token" tile the text from ``start``: their
    # running lengths are the token ends. Computing offsets this way stays in C (findall, map,
    # accumulate) instead of reading offsets off a match object per token.
    spaced = _SPACED_TOKEN_RE.findall(text, start, end)
    toks = list(map(str.lstrip, spaced))
    ends = list(accumulate(map(len, spaced), initial=start))
    del ends[0]
    return list(map(Token, toks, map(sub, ends, map(len, toks)), ends))


def words(text: str) -> list[str]:
    """Word strings only (no punctuation), for indexing and matching."""
    return WORD_RE.findall(text)


def _is_abbreviation(text: str, dot: int) -> bool:
    """Is the full stop at ``dot`` the end of an abbreviation such as ``ড.`` or ``মো.``?"""
    i = dot
    while i > 0 and not text[i - 1].isspace() and text[i - 1] not in "(\"'.":
        i -= 1
    word = text[i:dot]
    if not word:
        return False
    if word in _abbreviations():
        return True
    # single Latin capitals (initials: "M. A. Hasan") and numbers with a dot ("১.") never end a sentence
    if len(word) == 1 and (word.isupper() or word.isdigit()):
        return True
    return False


def split_sentences(text: str) -> list[Span]:
    """Sentence spans: at ``।?!`` (with any closing quotes), at a full stop that is not an abbreviation,
    and at line breaks (headline-like lines have no danda). Spans are trimmed of surrounding space."""
    spans: list[Span] = []
    pos = 0
    n = len(text)
    for m in _BOUNDARY.finditer(text):
        tok = m.group()
        if tok == "." and _is_abbreviation(text, m.start()):
            continue
        cut = m.start() if tok[0] == "\n" else m.end()
        _add(text, pos, cut, spans)
        pos = m.end()
    if pos < n:
        _add(text, pos, n, spans)
    return spans


def _add(text: str, a: int, b: int, spans: list[Span]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        spans.append(Span(a, b))
