"""Bengali inflection stripper for names: ``রাশিয়ার``, ``রাশিয়াকে`` → ``রাশিয়া``; ``তেহরানে`` → ``তেহরান``.

Bengali attaches case endings, plural markers and clitic particles directly to the noun, so a
gazetteer of base forms never sees ``ঢাকায়`` or ``পুতিনকে``. Stemmers built for search (Porter-style
rules, or Snowball, which has no Bengali) over-strip names; this one is deliberately conservative:
it returns the word itself first and then each candidate stem, and the caller keeps the first one
its dictionary knows. The suffixes are data (``data/lexicon/case_suffixes.tsv``).
"""

from __future__ import annotations

from functools import lru_cache

_VIRAMA = "\u09cd"


@lru_cache(maxsize=1)
def _suffixes() -> tuple[tuple[str, int], ...]:
    from ..data.loader import read_tsv

    rows = read_tsv("lexicon/case_suffixes.tsv")
    out = [(r["suffix"], int(r["min_stem"] or 2)) for r in rows]
    out.sort(key=lambda x: -len(x[0]))  # longest first
    return tuple(out)


@lru_cache(maxsize=1)
def _by_last_char() -> dict[str, tuple[tuple[str, int], ...]]:
    """The suffixes grouped by their last character, each group still longest first."""
    groups: dict[str, list[tuple[str, int]]] = {}
    for suf, min_stem in _suffixes():
        groups.setdefault(suf[-1], []).append((suf, min_stem))
    return {k: tuple(v) for k, v in groups.items()}


def _strip_once(word: str) -> list[str]:
    found = []
    if not word:
        return found
    for suf, min_stem in _by_last_char().get(word[-1], ()):
        if word.endswith(suf):
            stem = word[: -len(suf)]
            # never leave a stem ending in a hasanta or a stray nukta (য় ড় ঢ় — a letter + nukta — are fine)
            if len(stem) >= min_stem and not stem.endswith(_VIRAMA) and not (
                stem.endswith("\u09bc") and stem[-2:-1] not in ("য", "ড", "ঢ")
            ):
                found.append(stem)
    return found


@lru_cache(maxsize=65536)
def stems(word: str) -> tuple[str, ...]:
    """The word, then candidate stems, longest suffix stripped first; at most two layers deep."""
    out: list[str] = [word]
    for stem in _strip_once(word):
        if stem not in out:
            out.append(stem)
    for stem in list(out[1:]):
        for inner in _strip_once(stem):
            if inner not in out:
                out.append(inner)
    return tuple(out)


def stem(word: str, known: "set[str] | dict[str, object] | None" = None) -> str:
    """The first of :func:`stems` found in ``known``; without ``known``, the shortest plausible stem."""
    cands = stems(word)
    if known is not None:
        for c in cands:
            if c in known:
                return c
        return word
    return cands[1] if len(cands) > 1 else word
