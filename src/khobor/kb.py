"""The knowledge base: who and where. Looks up Bengali surfaces (inflected or not) and finds gazetteer
mentions in running text.

Data: ``data/kb/entities.tsv``, ``aliases.tsv``, ``roles.tsv``, ``demonyms.tsv``, built by
``scripts/build_data.py`` from ``data_src/kb`` and the gazetteers (see ``data_src/LICENSES.md``).

Matching keys: every alias and every query is NFC-normalised and folded (:func:`khobor.text.normalize.fold`:
no ZWJ/ZWNJ, ASCII digits), so ``র‍্যাব`` and ``র্যাব``, and both encodings of ``য়``, meet. Several
entities may share an alias; candidates come best first (people and organisations before places,
countries before cities, Bangladeshi places before foreign ones, then population) and all are kept.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .data.loader import read_tsv
from .text.inflect import stems
from .text.normalize import fold, normalize

__all__ = ["KBEntry", "Mention", "KnowledgeBase", "get_kb", "key"]

_JOINERS = {0x200C: None, 0x200D: None}
_DIGITS = {0x09E6 + i: ord("0") + i for i in range(10)}


@lru_cache(maxsize=200_000)
def key(text: str) -> str:
    """The matching key of a surface: NFC + :func:`fold` (no joiners, ASCII digits), trimmed."""
    return fold(normalize(text, fast=True)).strip()


def _is_letter(ch: str) -> bool:
    """A Bengali letter, sign or joiner (what continues a Bengali word); Bengali digits are not."""
    o = ord(ch)
    return (0x0980 <= o <= 0x09FF and not 0x09E6 <= o <= 0x09EF and o not in (0x0964, 0x0965)) or o in (
        0x200C, 0x200D) or (ch.isalpha() and o < 0x0980)


@dataclass(frozen=True)
class KBEntry:
    kb_id: str
    type: str  # PER | ORG | LOC
    kind: str  # person, party, country, city, district, upazila, ...
    name_en: str
    code: str | None  # actor code when the entity acts (RUSGOV, RUS, BGD, IGOUN)
    metonym_code: str | None  # capitals/seats of power standing for a government (Tehran → IRNGOV)
    country: str | None  # ISO 3166-1 alpha-3
    lat: float | None
    lon: float | None


class Mention(NamedTuple):
    start: int
    end: int
    kb_ids: list[str]
    alias: str


def _opt(s: str) -> str | None:
    return s or None


def _float(s: str) -> float | None:
    return float(s) if s else None


class KnowledgeBase:
    def __init__(self) -> None:
        self._entries: dict[str, KBEntry] = {}
        for r in read_tsv("kb/entities.tsv"):
            self._entries[r["kb_id"]] = KBEntry(
                r["kb_id"], r["type"], r["kind"], r["name_en"], _opt(r["code"]), _opt(r["metonym_code"]),
                _opt(r["country"]), _float(r["lat"]), _float(r["lon"]))
        # alias key → (kb_ids best first, the alias as written in the data)
        self._aliases: dict[str, list[str]] = {}
        self._alias_text: dict[str, str] = {}
        for r in read_tsv("kb/aliases.tsv"):  # sorted by the build: best candidate first per alias
            k = key(r["alias"])
            ids = self._aliases.setdefault(k, [])
            if r["kb_id"] not in ids and r["kb_id"] in self._entries:
                ids.append(r["kb_id"])
            self._alias_text.setdefault(k, r["alias"])
        self._roles = self._table("kb/roles.tsv", ("sector", "name_en"))
        self._demonyms = self._table("kb/demonyms.tsv", ("country", "name_en"))
        # per table: every key's words but the last ("" for one-word keys); a phrase whose leading
        # words are not among them cannot match whatever its last word's ending
        self._heads = {id(t): frozenset(k.rpartition(" ")[0] for k in t)
                       for t in (self._aliases, self._roles, self._demonyms)}
        # per table: the first two characters of every key's last word. Stems only strip endings, so
        # a word whose first two characters are not among them cannot match (most words, checked at
        # the cost of one set lookup instead of a stem search)
        self._starts = {id(t): frozenset(k.rpartition(" ")[2][:2] for k in t)
                        for t in (self._aliases, self._roles, self._demonyms)}
        self._automaton = None
        self._country_names: dict[str, str] | None = None
        self._suffixes: frozenset[str] | None = None
        # surface → resolution, per table (names and words repeat within and across articles); bounded
        self._lookup_cache: dict[str, tuple[KBEntry, ...]] = {}
        self._demonym_cache: dict[str, tuple[str | None, str] | None] = {}
        self._role_cache: dict[str, tuple[str, str] | None] = {}

    @staticmethod
    def _table(path: str, cols: tuple[str, str]) -> dict[str, tuple[str | None, str]]:
        out: dict[str, tuple[str | None, str]] = {}
        for r in read_tsv(path):
            for v in r["bn"].split("|"):
                if v.strip():
                    out.setdefault(key(v), (_opt(r[cols[0]]), r[cols[1]]))
        return out

    # -- single lookups ------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._entries)

    def entry(self, kb_id: str) -> KBEntry | None:
        return self._entries.get(kb_id)

    def country_name(self, code: str) -> str | None:
        """``PAK`` → ``Pakistan`` (the knowledge base's country entry), else None."""
        if self._country_names is None:
            self._country_names = {e.code: e.name_en for e in self._entries.values()
                                   if e.kind == "country" and e.code}
        return self._country_names.get(code)

    def _resolve(self, surface: str, table: dict) -> tuple[str, str, str] | None:
        """(key found, how, stem) for a surface: whole string, then stems of its last word."""
        k = key(surface)
        if not k:
            return None
        if k in table:
            return k, "exact", k
        head, _, last = k.rpartition(" ")
        heads = self._heads.get(id(table))
        if heads is not None and head not in heads:
            return None  # stems never contain a space, so a candidate keeps this head
        starts = self._starts.get(id(table))
        if starts is not None and last[:2] not in starts and last[:1] not in starts:
            return None
        for st in _stems(last):
            cand = f"{head} {st}" if head else st
            if cand in table:
                return cand, "stem", st
        return None

    def lookup(self, surface: str) -> list[KBEntry]:
        """Candidates for a mention (``রাশিয়ার`` → Russia), best first; ``[]`` when unknown."""
        found = self._lookup_cache.get(surface)
        if found is None:
            hit = self._resolve(surface, self._aliases)
            found = () if hit is None else tuple(self._entries[i] for i in self._aliases[hit[0]])
            _remember(self._lookup_cache, surface, found)
        return list(found)

    def demonym(self, word: str) -> tuple[str | None, str] | None:
        """``রুশ`` → ``("RUS", "Russian")``; ``পশ্চিমা`` → ``(None, "Western")`` (no ISO country)."""
        cache = self._demonym_cache
        if word in cache:
            return cache[word]
        hit = self._resolve(word, self._demonyms)
        return _remember(cache, word, self._demonyms[hit[0]] if hit else None)

    def role_is_base(self, word: str) -> bool:
        """Whether ``word`` is a listed title as it stands, uninflected (``পরিবার``, not ``পরিবারের``)."""
        hit = self._resolve(word, self._roles)
        return bool(hit and hit[1] == "exact")

    def role(self, word_or_phrase: str) -> tuple[str, str] | None:
        """``স্বরাষ্ট্রমন্ত্রীর`` → ``("GOV", "home minister")``."""
        cache = self._role_cache
        if word_or_phrase in cache:
            return cache[word_or_phrase]
        hit = self._resolve(word_or_phrase, self._roles)
        return _remember(cache, word_or_phrase, self._roles[hit[0]] if hit else None)  # type: ignore[arg-type]

    def explain(self, name: str) -> dict:
        """What ``name`` resolves to and why (for ``khobor kb lookup NAME``)."""
        out: dict = {"query": name, "key": key(name), "matched": None, "how": None, "stem": None,
                     "candidates": [], "demonym": None, "role": None}
        hit = self._resolve(name, self._aliases)
        if hit:
            out.update(matched=self._alias_text.get(hit[0], hit[0]), how=hit[1],
                       stem=hit[2] if hit[1] == "stem" else None)
            out["candidates"] = [e.__dict__.copy() for e in self.lookup(name)]
        else:
            out["stems_tried"] = list(stems(key(name).rpartition(" ")[2]))
        d = self.demonym(name)
        if d:
            out["demonym"] = {"country": d[0], "name_en": d[1]}
        r = self.role(name)
        if r:
            out["role"] = {"sector": r[0], "name_en": r[1]}
        return out

    # -- running text --------------------------------------------------------------------------
    def _build_automaton(self):
        import ahocorasick

        a = ahocorasick.Automaton()
        for k in self._aliases:
            d = _decompose(k)
            a.add_word(d, (k, len(d), self._aliases[k]))  # the length: no decomposition per hit
        a.make_automaton()
        self._automaton = a
        sufs = [key(r["suffix"]) for r in read_tsv("lexicon/case_suffixes.tsv")]
        self._suffixes = frozenset(sufs) | frozenset(a + b for a in sufs for b in sufs)

    def find_mentions(self, text: str) -> list[Mention]:
        """Gazetteer mentions in ``text``: ``(start, end, kb_ids, alias)`` with offsets into ``text``
        as given. A match starts at a word start and ends at a word end, or before a case ending
        (``ঢাকায়`` → ``ঢাকা``); overlapping matches keep the leftmost, then the longest. ``end`` is
        the end of the name without the case ending."""
        if self._automaton is None:
            self._build_automaton()
        folded, pos = _fold_with_offsets(text)
        found: list[tuple[int, int, str, list[str]]] = []
        n = len(text)
        suffixes = self._suffixes
        for fend, (k, klen, ids) in self._automaton.iter(folded):
            start, end = pos[fend - klen + 1], pos[fend] + 1
            if start > 0 and _is_letter(text[start - 1]):
                continue
            j = end
            while j < n and _is_letter(text[j]):
                j += 1
            if j > end:
                rest = key(text[end:j])
                if rest and rest not in suffixes:
                    continue
            found.append((start, end, k, ids))
        found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
        out: list[Mention] = []
        last = -1
        for s, e, k, ids in found:
            if s >= last:
                out.append(Mention(s, e, list(ids), text[s:e]))
                last = e
        return out


_CACHE_MAX = 100_000


def _remember(cache: dict, k: str, v):
    """Store ``v`` under ``k`` in a bounded cache (emptied when full); returns ``v``."""
    if len(cache) >= _CACHE_MAX:
        cache.clear()
    cache[k] = v
    return v


_YA_DEC = "\u09af\u09bc"  # য + nukta: the NFC form of য়
_YA_PRE = "\u09df"


def _stems(word: str) -> list[str]:
    """Inflection stems of ``word`` (without the word itself). :func:`stems` refuses a stem ending in a
    nukta, so a name ending in য় (decomposed under NFC: য + ়) never loses its ending
    (``মন্ত্রণালয়ের``); the precomposed spelling is stemmed too and mapped back."""
    out = list(stems(word)[1:])
    if _YA_DEC in word:
        for st in stems(word.replace(_YA_DEC, _YA_PRE))[1:]:
            st = st.replace(_YA_PRE, _YA_DEC)
            if st not in out:
                out.append(st)
    return out


def _decompose(s: str) -> str:
    """Canonical decomposition used inside the automaton, so that text in any encoding meets the keys."""
    return unicodedata.normalize("NFD", s)


_FOLD_TABLE: dict[int, str | None] = {**_JOINERS, **{k: chr(v) for k, v in _DIGITS.items()},
                                     **{c: unicodedata.normalize("NFD", chr(c)) for c in (0x09CB, 0x09CC, 0x09DC, 0x09DD, 0x09DF)}}
_FOLD_PAIRS = tuple((chr(k), v or "") for k, v in _FOLD_TABLE.items())
_OTHER_SCRIPT = re.compile("[^\x00-\x7f\u0980-\u09ff]")
_FOLD_SPECIAL = re.compile("[\u200c\u200d\u09cb\u09cc\u09dc\u09dd\u09df]")


def _fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """``text`` decomposed, without joiners, with ASCII digits; plus each folded char's index in ``text``.

    Fast path (hot: once per article): Bengali text only changes length at joiners and at the five
    Bengali letters NFD splits, so the offsets are built around those; text with other non-ASCII
    letters that decompose (Latin accents) takes the character loop below."""
    if all(unicodedata.is_normalized("NFD", c) for c in set(_OTHER_SCRIPT.findall(text))):
        folded = text
        for ch, rep in _FOLD_PAIRS:  # str.replace per character present beats a per-char translate
            if ch in folded:
                folded = folded.replace(ch, rep)
        pos: list[int] = []
        last = 0
        for m in _FOLD_SPECIAL.finditer(text):
            i = m.start()
            pos.extend(range(last, i))
            rep = _FOLD_TABLE[ord(text[i])]
            if rep:
                pos.extend([i] * len(rep))
            last = i + 1
        pos.extend(range(last, len(text)))
        return folded, pos
    return _fold_with_offsets_slow(text)


def _fold_with_offsets_slow(text: str) -> tuple[str, list[int]]:
    chars: list[str] = []
    pos: list[int] = []
    for i, ch in enumerate(text):
        o = ord(ch)
        if o in _JOINERS:
            continue
        if o in _DIGITS:
            ch = chr(_DIGITS[o])
        elif 0x0980 <= o <= 0x09FF or o > 0x7F:
            ch = unicodedata.normalize("NFD", ch)
        for c in ch:
            chars.append(c)
            pos.append(i)
    return "".join(chars), pos


@lru_cache(maxsize=1)
def get_kb() -> KnowledgeBase:
    """The knowledge base, loaded once per process."""
    return KnowledgeBase()
