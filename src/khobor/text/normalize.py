"""Canonical Bengali text: the one normalisation boundary of khobor.

Everything that enters — article text, gazetteers, lexicons, queries, the search index — passes through
:func:`normalize`, so that text from any source compares equal to text from any other.

What it does, and why each step is here rather than in a library:

* **NFC.** Note that NFC *decomposes* য় ড় ঢ় (U+09DF/U+09DC/U+09DD are composition exclusions in
  Unicode), so after NFC the two encodings of each are one (the decomposed ``য + ়``). It composes
  ``ে + া`` → ``ো`` and ``ে + ৗ`` → ``ৌ``.
* Legacy/converter artefacts: ``ত্ + ZWJ`` → ``ৎ``, ``অ + া`` → ``আ``, ``৷`` (U+09F7, used as a danda
  by old fonts) → ``।``, a ``|`` used as a danda right after Bengali → ``।``.
* Invisible characters: ZWSP, BOM, soft hyphen, word joiner, bidi marks are removed; ZWJ/ZWNJ are kept
  only next to a hasanta (where they choose a glyph form, as in ``র‍্যাব``) and dropped elsewhere.
* Quotes and dashes unified (“ ” „ → ``"``; ‘ ’ ‛ → ``'``; hyphens and minus → ``-``; en/em dashes → ``—``);
  odd spaces → a plain space; runs of spaces folded; line ends unified.

``bnunicodenormalizer`` works word by word and rewrites non-Bengali tokens (it drops or mangles Latin
words, URLs and numbers inside Bengali text), so it cannot be the boundary for mixed news text; this
module only touches Bengali sequences and typographic characters. Digits are left as written (see
:func:`to_ascii_digits` for parsing).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

ZWJ = "\u200d"
ZWNJ = "\u200c"
HASANTA = "\u09cd"

_TRANSLATE = {
    # invisible format characters → removed
    0x200B: None, 0xFEFF: None, 0x00AD: None, 0x2060: None, 0x200E: None, 0x200F: None,
    0x202A: None, 0x202B: None, 0x202C: None, 0x202D: None, 0x202E: None, 0x2066: None,
    0x2067: None, 0x2068: None, 0x2069: None, 0x180E: None,
    # quotes
    0x201C: '"', 0x201D: '"', 0x201E: '"', 0x201F: '"', 0x00AB: '"', 0x00BB: '"',
    0x2018: "'", 0x2019: "'", 0x201A: "'", 0x201B: "'", 0x2032: "'",
    # hyphens and dashes
    0x2010: "-", 0x2011: "-", 0x2212: "-", 0xFE63: "-", 0xFF0D: "-",
    0x2012: "—", 0x2013: "—", 0x2014: "—", 0x2015: "—",
    # spaces
    0x00A0: " ", 0x2000: " ", 0x2001: " ", 0x2002: " ", 0x2003: " ", 0x2004: " ", 0x2005: " ",
    0x2006: " ", 0x2007: " ", 0x2008: " ", 0x2009: " ", 0x200A: " ", 0x202F: " ", 0x205F: " ",
    0x3000: " ", 0x0009: " ", 0x000B: " ", 0x000C: " ",
    # Bengali currency numerator four, used as a danda by legacy fonts
    0x09F7: "।",
    # line/paragraph separators
    0x2028: "\n", 0x2029: "\n", 0x0085: "\n",
}

_BN = "\u0980-\u09ff"
# a ZWJ/ZWNJ not touching a hasanta (before it, or right after it) is stray
# (the joiner comes first so that the regex engine skips to joiners in C)
_STRAY_JOINER = re.compile(f"[{ZWJ}{ZWNJ}](?<!{HASANTA}[{ZWJ}{ZWNJ}])(?!{HASANTA})")
_PIPE_DANDA = re.compile(f"(?<=[{_BN}])\\s?\\|(?=\\s|$)", re.M)
_SPACES = re.compile(r"[ ]{2,}")
_TRAILING = re.compile(r"[ ]+\n|\n[ ]+")
_MANY_NL = re.compile(r"\n{3,}")
_LEGACY = (("ত্" + ZWJ, "ৎ"), ("অা", "আ"))

# the characters the table changes (U+2014 em dash maps to itself: text with one needs no work)
_TRANSLATED = re.compile("[" + re.escape("".join(chr(c) for c, v in _TRANSLATE.items() if v != chr(c))) + "]")
_BN_DIGITS = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")
# a character that needs work; the multi-character cases are plain substring tests in _needs_work (a
# regex alternation of them is tried at every position, which costs more than the five scans together)
_CHEAP = re.compile("[" + _TRANSLATED.pattern[1:-1] + f"|\r{ZWJ}{ZWNJ}]")
_CHEAP_PAIRS = ("  ", "অা", " \n", "\n ", "\n\n\n")


def _needs_work(text: str) -> bool:
    if _CHEAP.search(text) is not None:
        return True
    for pair in _CHEAP_PAIRS:
        if pair in text:
            return True
    return False


# Canonically equivalent rewrites that NFC itself would make, done with str.replace. Almost every
# article holds a precomposed য়/ড় (composition exclusions) and a Bengali vowel sign (NFC quick check
# "maybe"), so ``unicodedata.is_normalized`` falls back to a full normalisation and NFC ran twice.
_NFC_REWRITES = (
    ("\u09df", "\u09af\u09bc"), ("\u09dc", "\u09a1\u09bc"), ("\u09dd", "\u09a2\u09bc"),  # য় ড় ঢ় decompose
    ("\u09c7\u09be", "\u09cb"), ("\u09c7\u09d7", "\u09cc"),  # ে + া → ো, ে + ৗ → ৌ compose
)
# Matches a character outside the NFC-safe set. Text with none of them is NFC unless it holds ে+া, ে+ৗ or hasanta+nukta (which canonical
# ordering swaps): none of them decomposes canonically except ো/ৌ (which recompose), the only
# non-zero combining classes among the safe ones are nukta (7) and hasanta (9), and the only ones that can be
# the second half of a composition are া/ৗ, after ে (tests/test_normalize.py checks all of this against
# the Unicode database). Anything else goes through ``unicodedata.normalize``.
_OUTSIDE_NFC_SAFE = re.compile(
    "[^\\x00-\\x7f\\u00a0-\\u00bf\\u0964\\u0965\\u0980-\\u09db\\u09de\\u09e0-\\u09fd\\u09ff\\u2002-\\u206f\\ufeff]"
)


def nfc(text: str) -> str:
    """``unicodedata.normalize("NFC", text)``, without running the normaliser over ordinary Bengali."""
    for old, new in _NFC_REWRITES:
        if old in text:
            text = text.replace(old, new)
    if _OUTSIDE_NFC_SAFE.search(text) is None and "\u09cd\u09bc" not in text:
        return text
    return unicodedata.normalize("NFC", text)


# Most calls are for short strings (words, gazetteer cells, lookup keys) that are canonical already:
# one search for anything nfc() or the rest of normalize() would change settles those.
_SHORT = 64
_DIRTY = re.compile(_OUTSIDE_NFC_SAFE.pattern + "|" + _CHEAP.pattern + "|\u09c7[\u09be\u09d7]|\u09cd\u09bc|"
                    + "|".join(_CHEAP_PAIRS))


def normalize(text: str, *, fast: bool = False) -> str:
    """Return the canonical form of ``text`` (see the module docstring).

    ``fast=True`` is for short strings such as gazetteer cells: same result, skips line handling.
    """
    if not text:
        return text
    if len(text) <= _SHORT and _DIRTY.search(text) is None:
        return text.strip() if fast else text
    return _normalize(text, fast)


def _normalize(text: str, fast: bool) -> str:
    text = nfc(text)
    if not _needs_work(text):
        return text.strip() if fast else text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # str.translate with a dict walks every character in Python-level lookups; replacing just the
    # characters present gives the same string (no replacement contains a character mapped to
    # something else) several times faster
    for ch in set(_TRANSLATED.findall(text)):
        text = text.replace(ch, _TRANSLATE[ord(ch)] or "")
    for old, new in _LEGACY:
        if old in text:
            text = text.replace(old, new)
    if ZWJ in text or ZWNJ in text:
        text = _STRAY_JOINER.sub("", text)
    if "|" in text:
        text = _PIPE_DANDA.sub("।", text)
    if "  " in text:
        text = _SPACES.sub(" ", text)
    if fast:
        return text.strip()
    # (the substring tests are much cheaper than a regex pass that finds nothing)
    if " \n" in text or "\n " in text:
        text = _TRAILING.sub("\n", text)
    if "\n\n\n" in text:
        text = _MANY_NL.sub("\n\n", text)
    return text


def fold(text: str) -> str:
    """A matching key: canonical text without any ZWJ/ZWNJ and with digits made ASCII.

    Used for dictionary keys (gazetteers, lexicons) where ``র‍্যাব`` and ``র্যাব`` must meet.
    """
    if len(text) <= _SHORT:
        return _fold_short(text)
    return _fold(text)


def _fold(text: str) -> str:
    text = normalize(text, fast=True)
    if ZWJ in text or ZWNJ in text:
        text = text.replace(ZWJ, "").replace(ZWNJ, "")
    return to_ascii_digits(text)


# words repeat (NER features, event triggers and the knowledge base fold every token): fold each once
_fold_short = lru_cache(maxsize=65536)(_fold)

_DIGIT_PAIRS = tuple((chr(0x09E6 + i), str(i)) for i in range(10))


def to_ascii_digits(text: str) -> str:
    """``"১২.৫"`` → ``"12.5"``; other characters unchanged."""
    if len(text) < 64:
        return text.translate(_BN_DIGITS)
    # str.translate looks every character up in a dict; on a whole article, one C-speed replace per
    # digit present is some fifty times faster
    for bn, ascii_digit in _DIGIT_PAIRS:
        if bn in text:
            text = text.replace(bn, ascii_digit)
    return text


_BENGALI_LETTER = re.compile("[\u0985-\u09b9\u09ce\u09dc-\u09df]")


def bengali_ratio(text: str) -> float:
    """Share of letters that are Bengali letters (0.0 for text with no letters)."""
    letters = sum(1 for ch in text if ch.isalpha())
    if not letters:
        return 0.0
    return len(_BENGALI_LETTER.findall(text)) / letters


def has_bengali(text: str, minimum: int = 1) -> bool:
    """At least ``minimum`` Bengali letters among the first 20,000 characters (stops at the minimum)."""
    if minimum <= 0:
        return True
    n = 0
    for _ in _BENGALI_LETTER.finditer(text, 0, 20000):
        n += 1
        if n >= minimum:
            return True
    return False
