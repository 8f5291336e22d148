"""Numbers in Bengali news text: digits (Bengali or ASCII, with Western or Indian grouping and decimals),
number words (এক … নিরানব্বই), multipliers (শ, হাজার, লাখ/লক্ষ, কোটি), halves (দেড়, আড়াই, সাড়ে),
approximate forms (অন্তত, প্রায়, শতাধিক, কয়েক শ, হাজারো …) and ordinals (প্রথম, ১ম, ২য়, ২১তম).

The vocabulary is data (``data/lexicon/num_words.tsv``, ``num_ordinal_suffixes.tsv``); this module
compiles it once into one regular expression and walks its matches in a single pass.

``find_numbers(text)`` → ``[(start, end, value, approximate, is_ordinal)]`` with ``text[start:end]`` the
whole phrase (``প্রায় সাড়ে তিন শ``); ``parse_number(s)`` → ``(value, approximate)`` when all of ``s`` is one
number phrase, else ``None``. Values are ``int`` when whole, else ``float``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .normalize import normalize

BN = "\u0980-\u09ff"
DIGIT = "0-9\u09e6-\u09ef"
_NUKTA = {"য\u09bc": "\u09df", "ড\u09bc": "\u09dc", "ঢ\u09bc": "\u09dd"}
_DIGITS = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")
# counters that may be glued to a number word: তিনজন, দুজন, পাঁচটি, দেড়শ (the শ is a multiplier)
GLUED = "জন|টি|টা|খানা|খানি|গুণ"


def flex(word: str) -> str:
    """A regex for ``word`` (already NFC) that also matches the precomposed য়/ড়/ঢ় and any space run."""
    out = re.escape(word)
    for dec, pre in _NUKTA.items():
        out = out.replace(dec, f"(?:{dec}|{pre})")
    return out.replace("\\ ", "\\s+")


def _atoms(word: str) -> list[str]:
    out: list[str] = []
    for ch in word:
        if ch == "\u09bc" and out and out[-1] in "যডঢ":
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _atom_rx(a: str) -> str:
    if a == " ":
        return "\\s+"
    if a in _NUKTA:
        return f"(?:{a}|{_NUKTA[a]})"
    return re.escape(a)


def alt(words) -> str:
    """One regex for a set of words, factored as a trie (fast to reject), each word as :func:`flex`."""
    trie: dict = {}
    for w in set(words):
        node = trie
        for a in _atoms(w):
            node = node.setdefault(a, {})
        node[""] = {}

    def emit(node: dict) -> str:
        parts = [_atom_rx(a) + emit(child) for a, child in sorted(node.items()) if a != ""]
        if not parts:
            return ""
        body = "|".join(parts)
        if "" in node:
            return f"(?:{body})?"
        return body if len(parts) == 1 else f"(?:{body})"

    return emit(trie)


def key(s: str) -> str:
    """Lookup key for a matched surface: NFC, single spaces, ASCII digits."""
    return " ".join(normalize(s, fast=True).split()).translate(_DIGITS)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, tuple[str, float | None, bool]]:
    """word → (kind, value, bound)."""
    from ..data.loader import read_tsv

    out: dict[str, tuple[str, float | None, bool]] = {}
    for r in read_tsv("lexicon/num_words.tsv"):
        v = float(r["value"]) if r["value"] else None
        out[key(r["word"])] = (r["kind"], v, r["bound"] == "1")
    # glued hundreds: দুইশ, তিনশো, দেড়শ, আড়াইশ, পাঁচশত, কয়েকশ
    for w, (kind, v, _b) in list(out.items()):
        if kind in ("unit", "frac", "approx_unit") and " " not in w and v is not None and v < 100:
            for h in ("শ", "শো", "শত", "শ'", "’শ"):
                out.setdefault(w + h, ("approx_unit" if kind == "approx_unit" else "unit", v * 100, False))
    return out


@lru_cache(maxsize=1)
def _regex() -> re.Pattern[str]:
    from ..data.loader import read_tsv

    words = alt(lexicon())
    ord_suf = "|".join(flex(r["suffix"]) for r in read_tsv("lexicon/num_ordinal_suffixes.tsv"))
    digits = f"[{DIGIT}]{{1,3}}(?:,[{DIGIT}]{{2,3}})+(?:\\.[{DIGIT}]+)?|[{DIGIT}]+(?:\\.[{DIGIT}]+)?"
    return re.compile(
        f"(?P<num>(?<![{DIGIT}.,])(?:{digits}))(?P<ord>(?:{ord_suf})(?![{BN}]))?(?![{DIGIT}])"
        f"|(?<![{BN}])(?P<word>{words})(?=(?:{GLUED})|[^{BN}]|$)"
    )


def scan(text: str, rx: re.Pattern[str], prefixes: frozenset[str]):
    """``rx.finditer(text)`` restricted to word starts (no Bengali letter or digit before) where one of
    ``prefixes`` (see :func:`prefixes_of`) or a digit begins. ``rx`` is tried only at those starts."""
    trigger, head = _trigger(prefixes)
    match = rx.match
    pos = 0
    if head.match(text) is not None:
        m = match(text, 0)
        if m is not None and m.end() > 0:
            pos = m.end()
            yield m
    for t in trigger.finditer(text):
        a = t.end()
        if a < pos:
            continue
        m = match(text, a)
        if m is not None and m.end() > a:
            pos = m.end()
            yield m


@lru_cache(maxsize=8)
def _trigger(prefixes: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(separator followed by a prefix, a prefix at the start of the text).

    The separator (any character that is not a Bengali letter or digit) comes first so that the regex
    engine skips through the text in C to the next one (mostly spaces) and only then looks ahead at the
    word after it; the prefixes are a trie of atoms (:func:`_atom_rx`), so both encodings of য় and any
    run of whitespace match, and a few letters of each word reject nearly every other word there."""
    trie: dict = {}
    firsts: set[str] = set()  # first characters, both encodings of য়/ড়/ঢ়
    for w in [p for p in prefixes if p and not p[0].isspace()] + list("0123456789০১২৩৪৫৬৭৮৯"):
        node = trie
        for a in _atoms(w):
            node = node.setdefault(a, {})
        node[""] = {}
        first = _atoms(w)[0]
        firsts.update((first[0], _NUKTA.get(first, first)[0]))

    def emit(node: dict) -> str:
        parts = [_atom_rx(a) + emit(child) for a, child in sorted(node.items()) if a != ""]
        if not parts or "" in node:
            return ""  # a shorter prefix already suffices
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    body = emit(trie)
    # the one-character class rejects most words before the trie's alternatives are tried one by one
    guard = "[" + "".join(re.escape(c) for c in sorted(firsts)) + "]"
    return re.compile(f"[^{BN}0-9](?={guard})(?={body})"), re.compile(body)


PREFIX_ATOMS = 4


def prefixes_of(words) -> frozenset[str]:
    """The first :data:`PREFIX_ATOMS` letters of each word, for :func:`scan` (a consonant with its nukta
    is one letter; a space stands for any run of whitespace, as in :func:`flex`)."""
    return frozenset("".join(_atoms(w)[:PREFIX_ATOMS]) for w in words if w)


@lru_cache(maxsize=1)
def _prefixes() -> frozenset[str]:
    return prefixes_of(lexicon())


def _digit_value(s: str) -> float:
    s = s.translate(_DIGITS).replace(",", "")
    return float(s)


def _clean(v: float) -> int | float:
    return int(v) if float(v).is_integer() else round(v, 6)


_SPACE_ONLY = re.compile(r"[ \t\u00a0]*\Z")
_COUNTER_AFTER = re.compile(f"[ \u00a0]*(?:'|’)?(?:জন|টি|টা|ব্যক্তি|দিন|মাস|বছর|সপ্তাহ|ঘণ্টা|শতাংশ|হাজার|লাখ|কোটি)(?![{BN}])|'|’")


def find_numbers(text: str) -> list[tuple[int, int, int | float, bool, bool]]:
    """Every number phrase in ``text``: ``(start, end, value, approximate, is_ordinal)``."""
    lex = lexicon()
    out: list[tuple[int, int, int | float, bool, bool]] = []
    # phrase state
    start = end = -1
    total = current = 0.0
    last_mult = 0.0
    approx = False
    half = 0.0
    have_atom = False  # a unit/digits seen since the last multiplier
    pending_prefix: tuple[int, int] | None = None  # (start, end) of an approx prefix waiting for a number
    bound_only = False  # phrase is a single bound word so far (needs a multiplier/counter)

    def flush() -> None:
        nonlocal start, end, total, current, last_mult, approx, half, have_atom, bound_only
        if start >= 0 and not bound_only:
            value = total + current
            out.append((start, end, _clean(value), approx, False))
        start = end = -1
        total = current = last_mult = half = 0.0
        approx = have_atom = bound_only = False

    for m in scan(text, _regex(), _prefixes()):
        gap = text[end:m.start()] if start >= 0 else ""
        contiguous = start >= 0 and _SPACE_ONLY.match(gap) is not None
        if m.group("num") is not None:
            val = _digit_value(m.group("num"))
            if m.group("ord"):
                flush()
                pending_prefix = None
                out.append((m.start(), m.end(), _clean(val), False, True))
                continue
            if contiguous and not (half and not have_atom) and (last_mult == 0 or have_atom or val >= last_mult):
                flush()
                contiguous = False
            if not contiguous:
                flush()
                start = m.start()
                if pending_prefix and _SPACE_ONLY.match(text[pending_prefix[1]:m.start()]):
                    start, approx = pending_prefix[0], True
            pending_prefix = None
            current += val + (half if half else 0.0)
            half = 0.0
            have_atom = True
            bound_only = False
            end = m.end()
            continue
        w = key(m.group("word"))
        kind, val, bound = lex[w]
        glued_counter = m.end() < len(text) and text[m.end()] in "জটখগ" and not text[m.end():m.end() + 1].isspace()
        if kind == "ordinal":
            flush()
            pending_prefix = None
            out.append((m.start(), m.end(), _clean(val), False, True))
            continue
        if kind == "approx_prefix":
            flush()
            pending_prefix = (m.start(), m.end())
            end = -1
            continue
        if kind in ("mult", "approx_mult"):
            if contiguous and not have_atom and last_mult and val == last_mult:
                # শত শত / হাজার হাজার written apart
                approx = True
                end = m.end()
                continue
            if not contiguous:
                flush()
                start = m.start()
                if pending_prefix and _SPACE_ONLY.match(text[pending_prefix[1]:m.start()]):
                    start, approx = pending_prefix[0], True
                pending_prefix = None
                current = 1.0 + (half if half else 0.0)
            elif not have_atom and current == 0 and total == 0:
                current = 1.0
            if kind == "approx_mult":
                approx = True
            if last_mult and val > last_mult:
                total = (total + current) * val
                current = 0.0
            elif val >= 1000:
                total += current * val
                current = 0.0
            else:
                current = current * val
            last_mult = max(last_mult, val) if val >= 1000 else (last_mult or val)
            have_atom = False
            bound_only = False
            end = m.end()
            continue
        if kind == "half":
            flush()
            start = m.start()
            if pending_prefix and _SPACE_ONLY.match(text[pending_prefix[1]:m.start()]):
                start, approx = pending_prefix[0], True
            pending_prefix = None
            half = val
            bound_only = True
            end = m.end()
            continue
        # unit / frac / approx_unit
        if contiguous and half and not have_atom and current == 0:
            current = val + half
            half = 0.0
            have_atom = True
            bound_only = False
            end = m.end()
            continue
        if contiguous and last_mult and not have_atom and val < last_mult:
            current += val
            have_atom = True
            approx = approx or kind == "approx_unit"
            end = m.end()
            continue
        flush()
        start = m.start()
        if pending_prefix and _SPACE_ONLY.match(text[pending_prefix[1]:m.start()]):
            start, approx = pending_prefix[0], True
        pending_prefix = None
        current = val
        have_atom = True
        approx = approx or kind == "approx_unit"
        bound_only = bound and not glued_counter and not _followed_by_mult(text, m.end()) and not _COUNTER_AFTER.match(text, m.end())
        end = m.end()
    flush()
    return out


def _followed_by_mult(text: str, pos: int) -> bool:
    m = _regex().match(text, pos + len(text[pos:]) - len(text[pos:].lstrip(" ")))
    if not m or m.group("word") is None:
        return False
    return lexicon()[key(m.group("word"))][0] in ("mult", "approx_mult")


def parse_number(s: str) -> tuple[int | float, bool] | None:
    """``(value, approximate)`` when the whole of ``s`` is one number phrase (``"৯ লাখ ৬০ হাজার"`` →
    ``(960000, False)``, ``"শতাধিক"`` → ``(100, True)``, ``"২য়"`` → ``(2, False)``), else ``None``."""
    s = s.strip()
    if not s:
        return None
    found = find_numbers(s)
    if len(found) != 1:
        return None
    a, b, value, approx, _ordinal = found[0]
    if a != 0 or b != len(s):
        return None
    return value, approx
