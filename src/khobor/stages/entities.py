"""Stage: named entities, found and linked.

Two finders, merged: the knowledge base's gazetteer (every alias of every known person, organisation
and place, matched at Bengali word starts with case endings allowed after it) and the trained CRF
tagger (which finds names the knowledge base has never seen). Each mention is then linked:

* a gazetteer hit is linked by construction; a tagger span is looked up (whole, then with the case
  ending of its last word stripped);
* a later short name (``পুতিন``, ``রাইসির``) takes the identity of a fuller name earlier in the article;
* an unknown name keeps ``linked: false`` with a readable romanisation of its uninflected form, and a
  code from its title when the text gives one (``রাশিয়ার শীর্ষ নিরাপত্তা কর্মকর্তা নিকোলাই পাত্রুশেভ`` →
  RUSCOP).
"""

from __future__ import annotations

from ..article import Article, Entity, Token
from ..text.inflect import stems
from ..text.normalize import fold

_SECTORS = {"GOV", "LEG", "JUD", "MIL", "COP", "PTY", "REB", "CVL", "EDU", "BUS", "MED", "REL", "NGO", "CRM"}
_SAFE_R_BEFORE = set("\u09bf\u09c0\u09c1\u09c2\u09c7\u09cb")  # ি ী ু ূ ে ো: a final র after these is genitive


class EntityStage:
    name = "entities"

    def __init__(self) -> None:
        from ..kb import get_kb
        from ..ner import get_tagger
        from ..text.romanize import romanize

        self.kb = get_kb()
        self.tagger = get_tagger()
        self.romanize = romanize

    def __call__(self, doc: Article) -> None:
        text = doc.text
        cands: list[tuple[int, int, str, object | None, str]] = []  # start, end, type, kb entry, source
        tok_end = {t.start: t.end for t in doc.tokens}
        tok_starts = sorted(tok_end)
        import bisect

        kb_spans: list[tuple[int, int]] = []
        for start, end, kb_ids, alias in self.kb.find_mentions(text):
            entry = self.kb.entry(kb_ids[0]) if kb_ids else None
            if entry is None:
                continue
            # the gazetteer stops before a case ending; the mention is the whole written word
            k = bisect.bisect_right(tok_starts, end - 1) - 1
            if k >= 0:
                end = max(end, tok_end[tok_starts[k]])
            cands.append((start, end, entry.type, entry, "kb"))
            kb_spans.append((start, end))
        for start, end, typ in self.tagger.spans(text, doc.tokens, doc.sentences):
            start, end = self._trim(text, start, end)
            if end <= start:
                continue
            surface = text[start:end]
            if self._not_a_name(surface):
                continue
            if any(s < end and start < e for s, e in kb_spans) and not self.kb.lookup(surface):
                continue  # "ইরান রাশিয়াকে" tagged as one name: the known names inside it win
            cands.append((start, end, typ, None, "ner"))
        chosen = self._resolve_overlaps(cands)
        entities: list[Entity] = []
        words_in_doc = {fold(t.text) for t in doc.tokens}
        for start, end, typ, entry, source in chosen:
            surface = text[start:end]
            if entry is None:
                entry, base_len = self._lookup(surface)
            else:
                base_len = self._base_len(surface, entry)
            if entry is not None:
                ent = Entity(surface, start, end, entry.type, entry.name_en, True, entry.code,
                             entry.country or None, entry.kb_id, _f(entry.lat), _f(entry.lon),
                             actor_code=entry.metonym_code or entry.code, source=source, kind=entry.kind,
                             base_len=base_len)
            else:
                base = self._base_form(surface, words_in_doc)
                ent = Entity(surface, start, end, typ, self.romanize(base), False, None, None, None,
                             source=source, base_len=len(base))
            entities.append(ent)
        self._corefer(entities)
        self._titles(doc, entities)
        doc.entities = entities

    # -- finding -----------------------------------------------------------------------------------
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
        return start, end

    def _not_a_name(self, surface: str) -> bool:
        if len(surface) < 2:
            return True
        if self.kb.role(surface) or self.kb.demonym(surface):
            return True
        return False

    @staticmethod
    def _resolve_overlaps(cands):
        """Longest span wins; on a tie a knowledge-base hit beats a tagger span."""
        cands.sort(key=lambda c: (-(c[1] - c[0]), 0 if c[4] == "kb" else 1, c[0]))
        taken: list[tuple[int, int]] = []
        out = []
        for c in cands:
            s, e = c[0], c[1]
            if any(s < te and ts < e for ts, te in taken):
                continue
            # a tagger span that only adds unknown words around a known name is weaker than the name
            taken.append((s, e))
            out.append(c)
        out.sort(key=lambda c: c[0])
        return out

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
    def _base_form(surface: str, words_in_doc: set[str]) -> str:
        """The uninflected name for romanising an unknown mention (``শামখানির`` → ``শামখানি``)."""
        words = surface.split(" ")
        last = words[-1]
        base = last
        for suf in ("দেরকে", "দের", "কেও", "কে", "েরও", "ের", "রা"):
            if last.endswith(suf) and len(last) - len(suf) >= 2:
                base = last[: -len(suf)]
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
        full: list[Entity] = []
        for e in entities:
            if e.type == "PER":
                key_words = {fold(w) for w in e.text[: e.base_len or len(e.text)].split(" ")}
                match = None
                for f in reversed(full):
                    f_words = [fold(w) for w in f.text[: f.base_len or len(f.text)].split(" ")]
                    if len(f_words) > len(key_words) and key_words <= set(f_words):
                        match = f
                        break
                if match is not None and (not e.linked or e.kb_id == match.kb_id or not match.linked):
                    e.name_en, e.code, e.country, e.kb_id = match.name_en, match.code, match.country, match.kb_id
                    e.linked, e.actor_code = match.linked, match.actor_code
                    e.source = "coref"
                if len(key_words) > 1:
                    full.append(e)

    def _titles(self, doc: Article, entities: list[Entity]) -> None:
        """An unlinked person gets a code from the title before the name and the country before it."""
        text = doc.text
        by_end = {e.end: e for e in entities}
        countries = {e.country for e in entities if e.country}
        default = "BGD" if ("BGD" in countries or not countries) else None
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


def _f(v) -> float | None:
    if v in (None, ""):
        return None
    try:
        return round(float(v), 4)
    except (TypeError, ValueError):
        return None
