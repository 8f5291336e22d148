"""Stage: named entities, found and linked.

Two finders, merged: the knowledge base's gazetteer (every alias of every known person, organisation
and place, matched at Bengali word starts with case endings allowed after it) and the trained CRF
tagger (which finds names the knowledge base has never seen). Each mention is then linked:

* a gazetteer hit is linked by construction; a tagger span is looked up (whole, then with the case
  ending of its last word stripped);
* a known place followed by an institutional head word is one name (``বাগমারা থানার`` → ORG
  "Bagmara Police Station", ``চট্টগ্রাম স্টক এক্সচেঞ্জ`` → "Chittagong Stock Exchange"); heads and their
  English forms are data (``data/ner/name_words.tsv``);
* a tagger span that extends a known name wins over it when it is a longer personal name
  (``হাবিবুর রহমান লিটন`` is not the known ``হাবিবুর রহমান``) or an organisation ending in a head word
  (``বাংলাদেশ টেক্সটাইল মিলস অ্যাসোসিয়েশন``);
* tagger spans are cleaned: leading roles, demonyms and common news words are trimmed, spans made only
  of common words are dropped (``সরকারবিরোধী``, ``নির্দেশে``; list built from the news corpus by
  ``scripts/build_common_words.py`` into ``data/ner/common_words.tsv``), two people joined by a hyphen
  or ``ও`` are split, and an abbreviated title before a personal name belongs to it (``মো. শাহরিয়ার`` →
  "Md. Shahriar");
* a later short name (``পুতিন``, ``রাইসির``) takes the identity of a fuller name earlier in the article;
* an unknown name keeps ``linked: false`` with a readable English form of its uninflected form (known
  places and institutional words in English, acronyms spelled in Latin letters, the rest romanised), and
  a code from its title when the text gives one (``রাশিয়ার শীর্ষ নিরাপত্তা কর্মকর্তা নিকোলাই পাত্রুশেভ`` →
  RUSCOP).
"""

from __future__ import annotations

import bisect
from functools import lru_cache

from ..article import Article, Entity
from ..text.inflect import stems
from ..text.normalize import fold as _fold_uncached, normalize

fold = lru_cache(maxsize=131072)(_fold_uncached)  # words repeat across articles: fold each once

_SECTORS = {"GOV", "LEG", "JUD", "MIL", "COP", "PTY", "REB", "CVL", "EDU", "BUS", "MED", "REL", "NGO", "CRM"}
_SAFE_R_BEFORE = set("\u09bf\u09c0\u09c1\u09c2\u09c7\u09cb")  # ি ী ু ূ ে ো: a final র after these is genitive
_VOWEL_SIGNS = set("\u09be\u09bf\u09c0\u09c1\u09c2\u09c3\u09c7\u09c8\u09cb\u09cc")
_HYPHENS = "-\u2010\u2011\u2013"


class _Lexicon:
    """The entity stage's word lists (``data/ner``), loaded once."""

    def __init__(self) -> None:
        from ..data.loader import has_data, read_tsv

        self.common: frozenset[str] = frozenset(
            fold(r["word"]) for r in read_tsv("ner/common_words.tsv")) if has_data("ner/common_words.tsv") else frozenset()
        # folded word tuple → (en, head_type, sector, compound)
        self.phrases: dict[tuple[str, ...], tuple[str, str, str, str]] = {}
        for r in read_tsv("ner/name_words.tsv"):
            for v in r["bn"].split("|"):
                ws = tuple(fold(w) for w in normalize(v).split())
                if ws:
                    self.phrases.setdefault(ws, (r["en"], r["head_type"], r["sector"], r["compound"]))
        self.max_phrase = max((len(k) for k in self.phrases), default=1)
        self.letters = sorted(((fold(r["bn"]), r["en"]) for r in read_tsv("ner/letter_names.tsv")),
                              key=lambda x: -len(x[0]))
        self.titles = sorted(((normalize(r["bn"]), r["en"]) for r in read_tsv("ner/name_titles.tsv")),
                             key=lambda x: -len(x[0]))
        self.title_words = {fold(t.rstrip(".ঃ")) for t, _ in self.titles}
        self.cues: dict[str, set[str]] = {"marker": set(), "person": set()}
        self._acronyms: dict[str, str | None] = {}
        for r in read_tsv("ner/name_cues.tsv"):
            self.cues.setdefault(r["role"], set()).update(fold(normalize(v)) for v in r["bn"].split("|") if v)
        # knowledge-base name → (bare Bengali names, folded; English template) — see _foreign_institutions
        self.generic: dict[str, tuple[tuple[str, ...], str]] = {
            r["name_en"]: (tuple(fold(normalize(v)) for v in r["bare"].split("|") if v), r["template"])
            for r in read_tsv("ner/generic_institutions.tsv")}

    def is_common(self, word: str) -> bool:
        f = fold(word)
        if f in self.common:
            return True
        return any(s in self.common for s in stems(f)[1:] if len(s) >= 2)

    def phrase(self, ws: list[str], last_inflected: bool = True):
        """The lexicon entry for the word sequence ``ws`` (the last word may carry a case ending)."""
        k = tuple(fold(w) for w in ws)
        if k in self.phrases:
            return self.phrases[k]
        if last_inflected and k:
            for st in stems(k[-1])[1:]:
                hit = self.phrases.get(k[:-1] + (st,))
                if hit:
                    return hit
        return None

    def head_at_end(self, ws: list[str]):
        """(number of words, entry) of the longest head phrase ending ``ws``, else None."""
        for n in range(min(self.max_phrase, len(ws)), 0, -1):
            hit = self.phrase(ws[-n:])
            if hit and hit[1]:
                return n, hit
        return None

    def acronym(self, word: str) -> str | None:
        """``বিজিএমইএ`` → ``BGMEA`` when the word is spelled entirely with letter names."""
        cache = self._acronyms
        if word in cache:
            return cache[word]
        if len(cache) >= 65536:
            cache.clear()
        out = cache[word] = self._acronym(word)
        return out

    def _acronym(self, word: str) -> str | None:
        w = fold(word)
        best: dict[int, str] = {0: ""}
        for i in range(len(w)):
            if i not in best:
                continue
            for bn, en in self.letters:
                if w.startswith(bn, i) and (i + len(bn)) not in best:
                    best[i + len(bn)] = best[i] + en
        out = best.get(len(w))
        return out if out and len(out) >= 2 else None


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    return _Lexicon()


class _DocWords:
    """``word in doc_words``: does the folded word occur as a whole word in the text? Built lazily (only
    unknown names need it)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: str | None = None

    def __contains__(self, word: str) -> bool:
        if self._folded is None:
            self._folded = _fold_uncached(self.text)
        t = self._folded
        i = t.find(word)
        while i >= 0:
            j = i + len(word)
            if (i == 0 or not _bn_letter(t[i - 1])) and (j >= len(t) or not _bn_letter(t[j])):
                return True
            i = t.find(word, i + 1)
        return False


def _word_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    i = start
    while i < end:
        j = text.find(" ", i, end)
        if j < 0:
            j = end
        if j > i:
            out.append((i, j))
        i = j + 1
    return out


class EntityStage:
    name = "entities"

    def __init__(self) -> None:
        from ..kb import get_kb
        from ..ner import get_tagger, given_names
        from ..text.romanize import romanize

        self.kb = get_kb()
        self.tagger = get_tagger()
        self.romanize = lru_cache(maxsize=65536)(romanize)  # a pure function of the word
        self.lex = _lexicon()
        self.given = given_names()
        # per-surface results (names repeat within and across articles); each is a pure function of its
        # key, so a hit gives exactly what the computation would; bounded by _remember
        self._clean_cache: dict[tuple[str, str], tuple[tuple[int, int, str], ...]] = {}
        self._span_cache: dict[tuple[str, str], tuple] = {}
        self._title_cache: dict[str, tuple[int, str]] = {}
        self._link_cache: dict[str, tuple] = {}
        self._base_len_cache: dict[str, int | None] = {}
        self._english_cache: dict[tuple[str, str], tuple] = {}
        w = max((len(t) for t, _ in self.lex.titles), default=0)
        self._title_window = w + 2  # a title, a gap and the character before it

    def __call__(self, doc: Article) -> None:
        text = doc.text
        # candidates: start, end, type, kb entry, source, extra (head compound: (en, sector))
        cands: list[tuple] = []
        tok_end = {t.start: t.end for t in doc.tokens}
        tok_starts = sorted(tok_end)

        kb_hits: list[tuple[int, int, object]] = []
        for start, end, kb_ids, alias in self.kb.find_mentions(text):
            entry = self.kb.entry(kb_ids[0]) if kb_ids else None
            if entry is None:
                continue
            name_end = end
            # the gazetteer stops before a case ending; the mention is the whole written word
            k = bisect.bisect_right(tok_starts, end - 1) - 1
            if k >= 0:
                end = max(end, tok_end[tok_starts[k]])
            cands.append((start, end, _etype(entry), entry, "kb", None))
            kb_hits.append((start, end, entry))
            if entry.type == "LOC" and name_end == end:
                comp = self._compound(text, start, end, entry)
                if comp is not None:
                    cands.append(comp)

        spans = []
        for start, end, typ in self.tagger.spans(text, doc.tokens, doc.sentences) + self._named(text):
            for s, e, t in self._clean(text, start, end, typ):
                spans.append((s, e, t))
        # words of multi-word tagger names: a later single word of one is a short name, not a common word
        name_words = {fold(text[a:b]) for s, e, t in spans if t == "PER"
                      for a, b in _word_spans(text, s, e)[:-1] if text.find(" ", s, e) > 0}
        for start, end, typ in spans:
            surface = text[start:end]
            info = self._span_info(surface, typ)
            if info is None:
                continue  # no words, or a head alone ("ব্যাংকের", "কমিটি": a common noun)
            ws, head, typ, all_common = info
            if all_common and not (len(ws) == 1 and fold(ws[0]) in name_words):
                continue
            inside = [h for h in kb_hits if h[0] < end and start < h[1]]
            if inside and not self.kb.lookup(surface):
                if not self._beats_kb(text, start, end, typ, ws, inside, head):
                    continue  # "ইরান রাশিয়াকে" tagged as one name: the known names inside it win
            cands.append((start, end, typ, None, "ner", None))

        chosen = self._resolve_overlaps(cands)
        entities: list[Entity] = []
        words_in_doc = _DocWords(text)
        org_sectors: list[tuple[Entity, str]] = []
        for start, end, typ, entry, source, extra in chosen:
            prefix_en = ""
            if typ == "PER":
                start, prefix_en = self._title_before(text, start)
            surface = text[start:end]
            plen = self._title_len(surface) if prefix_en else 0
            core = surface[plen:]
            if source == "head":
                en, sector, head_type = extra
                country = entry.country or None
                code = (country + sector) if (country and sector) else country
                ent = Entity(surface, start, end, head_type, f"{entry.name_en} {en}", False, code, country, None,
                             _f(entry.lat), _f(entry.lon), actor_code=code, source="kb",
                             kind=entry.kind if head_type == "LOC" else None,
                             base_len=self._head_base_len(surface))
                entities.append(ent)
                continue
            if entry is None:
                entry, base_len = self._lookup(core)
            else:
                base_len = self._base_len_cached(core)
            if entry is not None:
                ent = Entity(surface, start, end, _etype(entry), entry.name_en, True, entry.code,
                             entry.country or None, entry.kb_id, _f(entry.lat), _f(entry.lon),
                             actor_code=entry.metonym_code or entry.code, source=source, kind=entry.kind,
                             base_len=(base_len + plen) if base_len is not None else None)
            else:
                base = self._base_form(core, words_in_doc)
                name, head = self._english_and_head(base, typ)
                if prefix_en:
                    name = f"{prefix_en} {name}"
                ent = Entity(surface, start, end, typ, name, False, None, None, None,
                             source=source, base_len=len(base) + plen)
                if head is not None and head[1][2]:
                    # "গাজার স্বাস্থ্য কর্তৃপক্ষ": a body named after a foreign place belongs to that country
                    first = core.split(" ", 1)[0]
                    place = self._lookup(first)[0] if " " in core and first.endswith("র") else None
                    if place is not None and _etype(place) == "LOC" and place.country:
                        ent.code = ent.actor_code = place.country + head[1][2]
                        ent.country = place.country
                    else:
                        org_sectors.append((ent, head[1][2]))
            entities.append(ent)
        self._corefer(entities)
        self._parenthesised(text, entities)
        self._titles(doc, entities)
        self._foreign_institutions(entities)
        if org_sectors:
            country = article_country(entities)
            for ent, sector in org_sectors:
                if country and not ent.code:
                    ent.code = ent.actor_code = country + sector
                    ent.country = country
        doc.entities = entities

    # -- finding -----------------------------------------------------------------------------------
    def _compound(self, text: str, start: int, end: int, entry):
        """A known place followed by a head word (``বাগমারা থানার``): the candidate for the whole name."""
        ws: list[tuple[int, int]] = []
        i = end
        n = len(text)
        for _ in range(self.lex.max_phrase):
            if i >= n or text[i] != " ":
                break
            j = i + 1
            k = j
            while k < n and ("\u0980" <= text[k] <= "\u09ff" or text[k] in "\u200c\u200d"):
                k += 1
            if k == j:
                break
            ws.append((j, k))
            i = k
        for m in range(len(ws), 0, -1):
            hit = self.lex.phrase([text[a:b] for a, b in ws[:m]])
            if hit and hit[1] and hit[3] == "yes":
                return (start, ws[m - 1][1], hit[1], entry, "head",
                        (hit[0], hit[2], hit[1]))
        return None

    def _span_info(self, surface: str, typ: str):
        """For a cleaned tagger span: None when it has no words or is a head word alone, else (words,
        head phrase at its end, its type, every word common?) — cached per (surface, type)."""
        key = (surface, typ)
        cache = self._span_cache
        if key in cache:
            return cache[key]
        ws = [surface[a:b] for a, b in _word_spans(surface, 0, len(surface))]
        out = None
        if ws:
            head = self.lex.head_at_end(ws)
            if head is None or head[0] != len(ws):
                t = head[1][1] if head is not None else typ
                out = (ws, head, t, self._all_common(ws, t, head))
        return _remember(cache, key, out)

    def _english_and_head(self, base: str, typ: str):
        """(English form, head phrase for a sector) of an unknown name's base form; cached."""
        key = (base, typ)
        cache = self._english_cache
        if key in cache:
            return cache[key]
        name = self._english(base, typ)
        head = self.lex.head_at_end(base.split(" ")) if typ != "PER" else None
        return _remember(cache, key, (name, head))

    def _base_len_cached(self, core: str) -> int | None:
        cache = self._base_len_cache
        if core in cache:
            return cache[core]
        return _remember(cache, core, self._base_len(core, None))

    def _named(self, text: str) -> list[tuple[int, int, str]]:
        """``মাহশা আমিনি নামে এক তরুণী``: the words before a naming marker followed by a person noun."""
        out = []
        for marker in self.lex.cues["marker"]:
            i = text.find(" " + marker + " ")
            while i >= 0:
                after = text[i + len(marker) + 2: i + len(marker) + 40].split(" ")[:3]
                if any(st in self.lex.cues["person"] for w in after for st in stems(fold(w.strip(",।")))):
                    start = i  # the name ends at the space before the marker
                    n = 0
                    while n < 3:
                        j = text.rfind(" ", 0, start)
                        w = text[j + 1:start]
                        if not w or not all(_bn_letter(c) for c in w) or self.lex.is_common(w) \
                                or self.kb.role(w) or self.kb.demonym(w) or self.kb.lookup(w):
                            break
                        start = j + 1
                        n += 1
                        if j < 0:
                            break
                        start = j
                    if n:
                        s0 = start + 1 if text[start] == " " else start
                        out.append((s0, i, "PER"))
                i = text.find(" " + marker + " ", i + 1)
        return out

    def _head_base_len(self, surface: str) -> int:
        """Length of a head compound without the case ending of its head (``বাগমারা থানার`` → 12)."""
        ws = surface.split(" ")
        for st in stems(ws[-1]):
            for n in range(min(self.lex.max_phrase, len(ws)), 0, -1):
                if self.lex.phrase(ws[len(ws) - n:-1] + [st], last_inflected=False):
                    return len(surface) - len(ws[-1]) + len(st)
        return len(surface)

    def _clean(self, text: str, start: int, end: int, typ: str) -> list[tuple[int, int, str]]:
        """Trim a tagger span and split it into names (see the module docstring). The result depends only
        on the span's own text, so it is cached per (surface, type) as offsets into the span."""
        surface = text[start:end]
        key = (surface, typ)
        rel = self._clean_cache.get(key)
        if rel is None:
            rel = _remember(self._clean_cache, key, tuple(self._clean_span(surface, 0, len(surface), typ)))
        return [(start + a, start + b, t) for a, b, t in rel]

    def _clean_span(self, text: str, start: int, end: int, typ: str) -> list[tuple[int, int, str]]:
        start, end = self._trim(text, start, end)
        if end <= start:
            return []
        pieces = [(start, end)]
        if typ == "PER":
            pieces = []
            s = start
            for a, b in _word_spans(text, start, end):
                w = text[a:b]
                if w == "ও" and a > s:
                    pieces.append((s, a - 1))
                    s = b + 1
            pieces.append((s, end))
            split: list[tuple[int, int]] = []
            for s, e in pieces:
                cut = None
                for a, b in _word_spans(text, s, e):
                    w = text[a:b]
                    for h in _HYPHENS:
                        p = w.find(h)
                        if 0 < p < len(w) - 1 and s < a and b < e:
                            cut = a + p
                    if cut:
                        break
                if cut:
                    split += [(s, cut), (cut + 1, e)]
                else:
                    split.append((s, e))
            pieces = split
        out = []
        for s, e in pieces:
            ws = _word_spans(text, s, e)
            if not ws:
                continue
            head = self.lex.head_at_end([text[a:b] for a, b in ws]) if typ != "PER" else None
            if head is None:
                # common words before the name: "সংবাদমাধ্যম ইকোনমিস্টকে", "মডেল ইরিনা শায়াকের"
                while len(ws) > 1 and (self.lex.is_common(text[ws[0][0]:ws[0][1]])
                                       or self.kb.role(text[ws[0][0]:ws[0][1]])):
                    ws = ws[1:]
            if typ == "PER":
                # the one spoken to after a name: "মফিজুল হক ভূঁইয়া গণমাধ্যমকে বলেন"
                while len(ws) > 2 and text[ws[-1][0]:ws[-1][1]].endswith("কে") \
                        and self.lex.is_common(text[ws[-1][0]:ws[-1][1]]):
                    ws = ws[:-1]
                e = ws[-1][1]
            s = ws[0][0]
            surface = text[s:e]
            if self._not_a_name(surface):
                continue
            if typ == "PER" and fold(surface.rstrip(".ঃ")) in self.lex.title_words and len(ws) == 1:
                continue  # "মো" alone: the title of the next name
            out.append((s, e, typ))
        return out

    def _all_common(self, ws: list[str], typ: str, head) -> bool:
        """Every word a common news word (and, for organisations, no head naming a national body)."""
        if head is not None and head[1][3] == "fn" and len(ws) > head[0]:
            return False
        for w in ws:
            if not self.lex.is_common(w) and w != "ও":
                return False
            if typ == "PER" and fold(w) in self.given:
                return False
        return True

    def _beats_kb(self, text: str, start: int, end: int, typ: str, ws: list[str], inside, head) -> bool:
        """Does a tagger span win over the known names inside it?"""
        covered = [False] * len(ws)
        spans = _word_spans(text, start, end)
        for i, (a, b) in enumerate(spans):
            covered[i] = any(h[0] < b and a < h[1] for h in inside)
        extra = [ws[i] for i in range(len(ws)) if not covered[i]]
        if not extra or all(self.lex.is_common(w) for w in extra):
            return False
        if typ == "PER":
            # "হাবিবুর রহমান লিটন" is not the known "হাবিবুর রহমান": a longer personal name
            return all(h[2].type == "PER" for h in inside)
        # "বাংলাদেশ টেক্সটাইল মিলস অ্যাসোসিয়েশন": an organisation named after a place
        return head is not None and all(h[2].type == "LOC" for h in inside)

    def _title_before(self, text: str, start: int) -> tuple[int, str]:
        """An abbreviated title right before a personal name belongs to it (``মো. শাহরিয়ার``).

        The answer depends only on the few characters before ``start`` (a title, its gap, the character
        before it, or the text start), so it is cached by that window as an offset back."""
        w = self._title_window
        window = text[start - w:start] if start >= w else "\x00" + text[:start]  # \x00: the text starts here
        hit = self._title_cache.get(window)
        if hit is None:
            i = len(window)
            p, en = self._title_before_uncached(window, i)
            hit = _remember(self._title_cache, window, (i - p, en))
        return start - hit[0], hit[1]

    def _title_before_uncached(self, text: str, start: int) -> tuple[int, str]:
        for t, en in self.lex.titles:
            for gap in (" ", ""):
                p = start - len(gap) - len(t)
                if p >= 0 and text.startswith(t + gap, p) and (p == 0 or not _bn_letter(text[p - 1])):
                    return p, en
        return start, ""

    def _title_len(self, surface: str) -> int:
        for t, _ in self.lex.titles:
            if surface.startswith(t):
                n = len(t)
                while n < len(surface) and surface[n] == " ":
                    n += 1
                return n
        return 0

    def _trim(self, text: str, start: int, end: int) -> tuple[int, int]:
        """Drop leading titles/roles the tagger sometimes includes ("প্রেসিডেন্ট পুতিন")."""
        while True:
            sp = text.find(" ", start, end)
            if sp < 0:
                break
            first = text[start:sp]
            if self.kb.role(first) or self.kb.demonym(first):
                start = sp + 1
            else:
                break
        # and trailing honours ("হাফিজ উদ্দিন আহমেদ বীরবিক্রম": the name ends before the gallantry title)
        post = self.lex.cues.get("post_nominal", set())
        while post:
            sp = text.rfind(" ", start, end)
            if sp < 0:
                break
            if fold(text[sp + 1:end]) in post:
                end = sp
                continue
            before = text.rfind(" ", start, sp)
            if sp > start and fold(text[before + 1:end]) in post:
                end = max(before, start)  # two-word honours: বীর উত্তম, বীর প্রতীক
            break
        return start, end

    def _not_a_name(self, surface: str) -> bool:
        if len(surface) < 2:
            return True
        if self.kb.role(surface) or self.kb.demonym(surface):
            return True
        return False

    @staticmethod
    def _resolve_overlaps(cands):
        """Longest span wins; on a tie a knowledge-base hit beats a head compound beats a tagger span."""
        prio = {"kb": 0, "head": 1, "ner": 2}
        cands.sort(key=lambda c: (-(c[1] - c[0]), prio[c[4]], c[0]))
        # taken characters as a byte mask: a span overlaps a taken span iff it covers a taken character
        # (a test per candidate instead of one per taken span); empty spans, if any, keep the pairwise test
        occ = bytearray(max((c[1] for c in cands), default=0))
        taken: list[tuple[int, int]] = []
        taken_empty: list[tuple[int, int]] = []
        out = []
        for c in cands:
            s, e = c[0], c[1]
            if s < e:
                if occ.find(1, s, e) >= 0 or any(s < te and ts < e for ts, te in taken_empty):
                    continue
                occ[s:e] = b"\x01" * (e - s)
            elif any(s < te and ts < e for ts, te in taken):
                continue
            else:
                taken_empty.append((s, e))
            taken.append((s, e))
            out.append(c)
        out.sort(key=lambda c: c[0])
        return out

    # -- naming ------------------------------------------------------------------------------------
    def _english(self, base: str, typ: str) -> str:
        """English form of an unknown name: institutional words and known places in English, acronyms in
        Latin letters, the rest romanised."""
        ws = base.split(" ")
        out: list[str] = []
        i = 0
        while i < len(ws):
            w = ws[i]
            if typ != "PER":
                done = False
                for n in range(min(self.lex.max_phrase, len(ws) - i), 0, -1):
                    hit = self.lex.phrase(ws[i:i + n], last_inflected=False)
                    if hit and (typ == "ORG" or hit[1]):
                        out.append(hit[0])
                        i += n
                        done = True
                        break
                if done:
                    continue
                if len(ws) > 1:
                    found = self.kb.lookup(w)
                    if found and found[0].type == "LOC" and fold(w) == fold(w):
                        out.append(found[0].name_en)
                        i += 1
                        continue
            acr = self.lex.acronym(w) if len(w) >= 3 else None
            out.append(acr if acr else self.romanize(w))
            i += 1
        return " ".join(x for x in out if x)

    # -- linking -----------------------------------------------------------------------------------
    def _lookup(self, surface: str):
        found = self.kb.lookup(surface)
        if not found:
            return None, None
        entry = found[0]
        return entry, self._base_len(surface, entry)

    def _base_len(self, surface: str, entry) -> int | None:
        """Length of the uninflected part of the mention (``ইরানের`` → 4)."""
        words = surface.split(" ")
        last = words[-1]
        prefix = len(surface) - len(last)
        for st in stems(last)[1:]:
            cand = surface[:prefix] + st
            if self.kb.lookup(cand):
                return len(cand)
        return len(surface)

    @staticmethod
    def _base_form(surface: str, words_in_doc) -> str:
        """The uninflected name for romanising an unknown mention (``শামখানির`` → ``শামখানি``)."""
        words = surface.split(" ")
        last = words[-1]
        base = last
        for suf in ("সহ", "ও"):  # particles: নাসিরসহ, ফিশারও, রোনালদোও
            if last.endswith(suf) and len(last) - len(suf) >= 3:
                last = last[: -len(suf)]
                break
        base = last
        for suf in ("দেরকে", "দের", "কেও", "কে", "েরও", "ের", "রা"):
            if last.endswith(suf) and len(last) - len(suf) >= 2:
                base = last[: -len(suf)]
                if suf.startswith("দের"):
                    # "ওয়াদুদের" is ওয়াদুদ + ের, not ওয়াদু + দের: a name ending in দ, when the text also
                    # has it bare ("আব্দুল ওয়াদুদ বলেন")
                    alt = last[: -len(suf) + 1]
                    if fold(alt) in words_in_doc:
                        base = alt
                break
        else:
            if last.endswith("র") and len(last) > 3:
                stem = last[:-1]
                if stem[-1] in _SAFE_R_BEFORE or fold(stem) in words_in_doc:
                    base = stem
        words[-1] = base
        return " ".join(words)

    @staticmethod
    def _corefer(entities: list[Entity]) -> None:
        """A later mention that is part of an earlier fuller name takes its identity."""
        # each earlier name's folded words, computed once (text and base_len never change here)
        full: list[tuple[Entity, list[str], set[str]]] = []
        orgs: list[tuple[Entity, list[str]]] = []

        def words_of(e: Entity) -> list[str]:
            return [fold(w) for w in e.text[: e.base_len or len(e.text)].split(" ")]

        for e in entities:
            if e.type == "PER":
                key_list = words_of(e)
                key_words = set(key_list)
                match = None
                for f, f_words, f_set in reversed(full):
                    if len(f_words) > len(key_words) and key_words <= f_set:
                        match = f
                        break
                if match is not None and (not e.linked or e.kb_id == match.kb_id or not match.linked):
                    e.name_en, e.code, e.country, e.kb_id = match.name_en, match.code, match.country, match.kb_id
                    e.linked, e.actor_code = match.linked, match.actor_code
                    e.source = "coref"
                if len(key_words) > 1:
                    full.append((e, key_list, key_words))
            elif e.type == "ORG" and not e.linked:
                # "সরকারি রাজেন্দ্র কলেজের" after "ফরিদপুর সরকারি রাজেন্দ্র কলেজ": the same organisation
                words = words_of(e)
                if len(words) > 1:
                    for f, f_words in reversed(orgs):
                        if len(f_words) > len(words) and f_words[-len(words):] == words:
                            e.name_en, e.code, e.country, e.actor_code = f.name_en, f.code, f.country, f.actor_code
                            e.source = "coref"
                            break
                orgs.append((e, words))

    @staticmethod
    def _parenthesised(text: str, entities: list[Entity]) -> None:
        """``বাংলাদেশ শিল্প ও বণিক সমিতি ফেডারেশনের (এফবিসিসিআই)``: a name and the acronym in brackets
        right after it are one entity; the linked one gives its identity (else the full name's), and
        every other mention of the acronym follows."""
        for a, b in zip(entities, entities[1:]):
            if a.type != "ORG" and b.type != "ORG":
                continue
            between = text[a.end:b.start].strip()
            if between != "(" or not text.startswith(")", b.end) or " " in b.text:
                continue
            src, dst = (a, b) if (a.linked or not b.linked) else (b, a)
            # both known: the text defines its acronym (`পাকিস্তান তেহরিক-ই-ইনসাফ (পিটিআই)` is not
            # the Press Trust of India the bare acronym is linked to)
            redefine = src.linked and dst.linked and src is a and " " in a.text and a.name_en != b.name_en
            if src.linked and dst.linked and not redefine:
                continue
            old = (dst.type, dst.name_en)
            for e in entities:
                if (e.type, e.name_en) == old and (redefine or not e.linked):
                    e.type, e.name_en, e.code, e.country, e.kb_id = src.type, src.name_en, src.code, src.country, src.kb_id
                    e.linked, e.actor_code = src.linked, src.actor_code

    def _foreign_institutions(self, entities: list[Entity]) -> None:
        """``নির্বাচন কমিশন`` in a story about Pakistan is Pakistan's election commission, not the
        Bangladeshi one the knowledge base links a bare mention to."""
        country = article_country(entities)
        if not country or country == "BGD":
            return
        cname = self.kb.country_name(country)
        if not cname:
            return
        for e in entities:
            g = self.lex.generic.get(e.name_en) if e.linked and e.country == "BGD" else None
            if g is None or not fold(e.text).startswith(g[0]):
                continue
            sector = e.code[3:] if e.code and len(e.code) > 3 else ""
            e.name_en = g[1].format(country=cname)
            e.code = e.actor_code = country + sector
            e.country, e.kb_id, e.linked, e.lat, e.lon = country, None, False, None, None

    def _titles(self, doc: Article, entities: list[Entity]) -> None:
        """An unlinked person gets a code from the title before the name and the country before it."""
        text = doc.text
        by_end = {e.end: e for e in entities}
        default = article_country(entities)
        for e in entities:
            if e.linked or e.type != "PER" or e.code:
                continue
            left = text[max(0, e.start - 80): e.start].rstrip()
            words = left.split(" ")
            sector = None
            used = 0
            for n in (4, 3, 2, 1):
                if len(words) >= n:
                    role = self.kb.role(" ".join(words[-n:]))
                    if role:
                        sector = role[0]
                        used = n
                        break
            if sector is None:
                continue
            # the genitive country (entity) just before the title
            pos = e.start - len(" ".join(words[-used:])) - 1
            country = None
            for k in range(pos, max(0, pos - 30), -1):
                prev = by_end.get(k)
                if prev is not None:
                    country = prev.country if prev.type == "LOC" else None
                    break
            if sector.startswith("IGO"):
                e.code = sector
            elif sector in _SECTORS:
                country = country or default
                e.code = country + sector if country else None
                e.country = country
            e.actor_code = e.code


def article_country(entities: list[Entity]) -> str | None:
    """The country a story is about, for actors whose country the text does not state: BGD in a
    domestic story (ANNOTATION.md); in a story that names places but none in Bangladesh, the country
    named most. Places decide: an organisation the knowledge base links by default (``নির্বাচন
    কমিশন`` → Bangladesh's) says nothing about where the story is."""
    places: dict[str, int] = {}
    for e in entities:
        if e.country and e.type == "LOC":
            places[e.country] = places.get(e.country, 0) + 1
    if places:
        if places.get("BGD"):
            return "BGD"
        return max(places, key=places.__getitem__)
    countries = {e.country for e in entities if e.country}
    return "BGD" if ("BGD" in countries or not countries) else None


_CACHE_MAX = 100_000


def _remember(cache: dict, key, value):
    """Store ``value`` under ``key`` in a bounded cache (emptied when full); returns ``value``."""
    if len(cache) >= _CACHE_MAX:
        cache.clear()
    cache[key] = value
    return value


def _etype(entry) -> str:
    """The entity type of a KB entry; a landmark that is a seat of power acting as a government (the
    Kremlin, the White House: code RUSGOV, USAGOV) is an organisation."""
    if entry.kind == "landmark" and entry.code and len(entry.code) > 3 and entry.code[3:] in _SECTORS:
        return "ORG"
    return entry.type


def _bn_letter(ch: str) -> bool:
    return "\u0980" <= ch <= "\u09ff" and not "\u09e6" <= ch <= "\u09ef" and ch not in "\u0964\u0965"


def _f(v) -> float | None:
    if v in (None, ""):
        return None
    try:
        return round(float(v), 4)
    except (TypeError, ValueError):
        return None
