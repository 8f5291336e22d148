"""Stage: PLOVER event coding from Bengali grammar.

Bengali marks roles with case endings and postpositions rather than word order, so the coder reads
them directly instead of translating first:

* the **source** is the unmarked (nominative) actor of the clause, wherever it stands — news often puts
  it after the verb (``… নিষেধাজ্ঞা আরোপ করেছে যুক্তরাষ্ট্র ও ইউরোপীয় ইউনিয়ন``: two events);
* the **target** is the actor in ``-কে``, or before a postposition (``-এর সঙ্গে/সাথে/ওপর/উপর/বিরুদ্ধে/
  প্রতি``); ``X ও Y-এর মধ্যে বৈঠক`` makes X and Y the two parties;
* patient cues (``গ্রেপ্তার``, ``আটক``; an attack word with ``নিহত``/``আহত``) make the unmarked actor the
  target; ``-এর হাতে``/``কর্তৃক`` mark the agent;
* ``তিনি``/``তারা`` resolve to the previous source (group);
* negation (``করেনি``, ``হয়নি``, ``না``), purpose and embedded clauses (``করতে``, ``জন্য``, ``করাকে``),
  future and hypothetical verbs (``করবে``, ``হতে পারে``, ``যদি``) and anaphoric restatements (``এই
  বৈঠকে``) are read from the words around the cue;
* an allegation (``… এমন অভিযোগ তুলেছে কিয়েভ``) is ACCUSE by the accuser against the alleged actor, and
  the alleged act itself is not coded; ``X-এর দাবি`` / ``বরাত দিয়ে`` / ``অনুযায়ী`` set ``attributed_to``.

* an officer of a named organisation acts for it (``বিএনপির ভারপ্রাপ্ত চেয়ারম্যান`` → BGDPTY), a country
  followed by one of its institutions is that institution (``ভারত সরকার`` → INDGOV);
* impersonal passives (``… চাকরিচ্যুত করা হয়েছে``) take their subject or ``-কে`` object as the target and
  never the subject carried over from earlier sentences as the doer;
* inside a quotation the first person is the speaker, and a speaker charging someone with a wrong
  (``চক্রান্ত``, ``দুর্নীতি``) accuses them;
* when no case marker names the receiver, the clause's other actor is taken (flagged as a guess);
  when the sentence has none, an act done to someone gets the actor the article is most about
  (listed in the event's ``inferred``);
* an act told again with vaguer actors is one event; a withdrawal named as a noun (``X-এর পদত্যাগ``)
  is X's; an organisation in the locative before an attack (``থানায় হামলা``) is its target;
* each event's ``confidence`` is the probability, from a small logistic model trained on the
  development gold (``data/events/filter.json``, ``scripts/train_event_filter.py``), that it is right
  with both actors.

All vocabularies are data (``data/lexicon/event_triggers.tsv``, ``event_grammar.tsv``, ``plover.tsv``,
``institutions.tsv``).
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from functools import lru_cache

from ..article import Actor, Article, Entity, Event, Token
from ..data.loader import data_path, has_data, read_tsv
from ..text.normalize import fold

_MISSING = object()
_NOTHING = (None, None, None)
_VOWEL_END = set("\u09be\u09bf\u09c0\u09c1\u09c2\u09c3\u09c7\u09c8\u09cb\u09cc" "অআইঈউঊঋএঐওঔ")
_PUNCT_BREAK = set("।?!;:")
_CLAUSE_BREAK = set("।?!;:,")
_ORG_HEADS = (
    ("দল", lambda a, t: bool(a.code) and a.code.endswith("PTY")),
    ("কমিশন", lambda a, t: "কমিশন" in t or "Commission" in (a.name_en or "")),
    ("বাহিনী", lambda a, t: bool(a.code) and a.code.endswith(("MIL", "COP"))),
)
_FIRST_PERSON = ("ছি", "লাম", "তাম", "করি", "জানাই", "দিই")  # জানাচ্ছি, করেছি, করলাম, করতাম, করি
_QUOTES = set("'\"‘’“”")


@dataclass(frozen=True, slots=True)
class Cue:
    words: tuple[str, ...]
    type: str
    mode: str | None
    verb: str  # any | do
    voice: str  # active | patient


@dataclass(frozen=True, slots=True)
class PloverType:
    cameo_root: str
    quad_class: int
    goldstein: float
    symmetric: bool
    receiver: bool  # done to someone (a receiver may be inferred from the article)


class Lexicon:
    def __init__(self) -> None:
        self.cues: dict[str, list[Cue]] = {}
        for r in read_tsv("lexicon/event_triggers.tsv"):
            words = tuple(fold(w) for w in r["cue"].split())
            cue = Cue(words, r["type"], r["mode"] or None, r["verb"], r["voice"])
            self.cues.setdefault(words[0], []).append(cue)
        for lst in self.cues.values():
            lst.sort(key=lambda c: -len(c.words))
        self.max_cue = max(len(k) for k in self.cues)
        self.types = {
            r["type"]: PloverType(r["cameo_root"], int(r["quad_class"]), float(r["goldstein"]),
                                  r["symmetric"] == "yes", r["receiver"] == "yes")
            for r in read_tsv("lexicon/plover.tsv")
        }
        g: dict[str, set[str]] = {}
        for r in read_tsv("lexicon/event_grammar.tsv"):
            g.setdefault(r["kind"], set()).add(fold(r["word"]))
        self.g = g
        self.light = sorted(g["light_do"], key=len, reverse=True)
        self.verb_endings = frozenset(g["verb_ending"]) | {""}
        self._light_cache: dict[str, bool] = {}
        self.cue_suffixes = frozenset(g.get("cue_suffix", set())) | {""}
        self.accusation = tuple(sorted(g.get("accusation", ()), key=len, reverse=True))
        self._flags: dict[str, int] = {}
        self.members = tuple(g["member"])  # str.startswith takes a tuple
        self.modifier_stop = frozenset(g["postp_target"] | g["postp_between"] | g["postp_agent"] | g["postp_time"]
                                       | {"ও", "এবং"})
        self.institutions = {fold(r["word"]): r["sector"] for r in read_tsv("lexicon/institutions.tsv")}
        self._head_cache: dict[str, tuple[Cue, ...]] = {}

    @staticmethod
    def _verbal(stem: str, rest: str) -> bool:
        """Verb cues written as verbs (কুপিয়ে, পিটিয়ে are whole cues); verb endings after a verbal cue
        stem such as ``মেনে নি`` + ``য়েছে``."""
        return stem.endswith(("ি", "ে")) and rest[:1] in ("য", "ল", "চ", "ছ", "ত", "ন", "ব") and len(rest) <= 5

    def is_light(self, w: str) -> bool:
        """A light verb form: a light stem plus a verb ending (করেছেন, দিয়েছে, জানান …), not any word
        that happens to start like one (নিরাপত্তা starts with নি)."""
        got = self._light_cache.get(w)
        if got is None:
            got = any(w.startswith(p) and w[len(p):] in self.verb_endings for p in self.light)
            self._light_cache[w] = got
        return got

    def _heads(self, w: str) -> tuple[Cue, ...]:
        """Cues whose first word is ``w`` with an allowed ending (cached per word)."""
        got = self._head_cache.get(w)
        if got is not None:
            return got
        out: list[Cue] = []
        for k in range(min(len(w), self.max_cue), 1, -1):
            lst = self.cues.get(w[:k])
            if not lst:
                continue
            rest = w[k:]
            if rest not in self.cue_suffixes and not self._verbal(w[:k], rest):
                continue
            out.extend(lst)
        res = tuple(out)
        if len(self._head_cache) > 200_000:
            self._head_cache.clear()
        self._head_cache[w] = res
        return res

    def flags(self, w: str) -> int:
        """The word's bits (F_*), cached per word type."""
        got = self._flags.get(w)
        if got is None:
            got = (F_CUE if self._heads(w) else 0) | (F_SPEECH if w in self.g["speech"] else 0) \
                | (F_CLAIM if (w.startswith("দাবি") or w in ("বরাত", "অনুযায়ী", "মতে")) else 0) \
                | (F_ALLEGE if w in ("অভিযোগ", "অভিযোগও") else 0) \
                | (F_CHARGE if w.startswith(self.accusation) else 0)
            if len(self._flags) > 200_000:
                self._flags.clear()
            self._flags[w] = got
        return got

    def match(self, words: list[str], i: int) -> tuple[Cue, int] | None:
        """The longest cue starting at word ``i`` (its first word may carry an inflection)."""
        for cue in self._heads(words[i]):
            n = len(cue.words)
            if n == 1:
                return cue, 1
            if i + n - 1 < len(words) and all(words[i + j].startswith(cue.words[j]) for j in range(1, n)):
                return cue, n
        return None


_FOLDED: dict[str, str] = {}
# what a (folded) word can be to the coder, one bit each; most words are none of these (flag 0), so the
# per-sentence scans visit only the few that are (computed once per word type: Lexicon.flags)
F_CUE, F_SPEECH, F_CLAIM, F_ALLEGE, F_CHARGE = 1, 2, 4, 8, 16


def _fold(word: str) -> str:
    """``fold`` with a plain dict as cache (bounded: cleared when it grows past 200,000 words)."""
    got = _FOLDED.get(word)
    if got is None:
        if len(_FOLDED) > 200_000:
            _FOLDED.clear()
        got = _FOLDED[word] = fold(word)
    return got


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    return Lexicon()


# ----------------------------------------------------------------------------- actors in a sentence

@dataclass(slots=True)
class Mention:
    """An actor as it stands in a sentence: where (token indices), what case it is in."""

    first: int  # token index (within the sentence's token list)
    last: int
    actor: Actor
    case: str  # nom | gen | obj | loc
    key: str
    kind: str = "entity"  # entity | place | role | pronoun | demonym | anaphor | bracket
    postp: str | None = None  # postposition kind following a genitive: target | between | agent | time
    modifier: bool = False  # a genitive/demonym modifying a role or name ("ইরানের প্রেসিডেন্ট")
    group: int = -1  # coordination group id
    ext_first: int = -1  # first token including its modifiers ("ইরানের প্রেসিডেন্ট ইব্রাহিম রাইসি")
    extra: list | None = None  # a plural pronoun resolved to a group of actors
    role: str | None = None  # a role mention's title in English ("chairman"), whatever its organisation


def _case(word: str, base_len: int | None) -> str:
    """Case of a (possibly inflected) name token, from its ending."""
    if base_len is not None and base_len < len(word):
        suf = word[base_len:]
    elif base_len is not None:
        return "nom"
    else:
        suf = word[-3:]
    if suf.endswith("সহ") or suf.endswith("ভিত্তিক") or suf.endswith("বাসী"):
        return "other"  # "ঢাকাসহ", "ঢাকাবাসী": not the actor itself
    if suf.endswith("কে") or suf.endswith("কেও") or suf.endswith("কেই"):
        return "obj"
    if suf.endswith("ের") or suf.endswith("এর") or suf.endswith("দের") or suf.endswith("েরও") or suf.endswith("রও"):
        return "gen"
    if base_len is not None:
        if suf in ("র", "রই"):
            return "gen"
        if suf in ("য়", "তে", "ে", "এ", "য়ে", "েই", "তেই", "য়ও", "েও"):
            return "loc"
        return "nom"
    if word.endswith("র") and len(word) > 3 and word[-2] in _VOWEL_END:
        return "gen"
    return "nom"


def _actor_from_entity(e: Entity, idx: int) -> Actor:
    code = e.actor_code or e.code
    return Actor(text=e.text, name_en=e.name_en, code=code, country=e.country, entity=idx)


def _actor_key(a: Actor) -> str:
    if a.entity is not None and a.name_en:
        return "n:" + a.name_en
    return f"c:{a.code}:{a.name_en or a.text}"


@dataclass
class _Clause:
    tokens: list[Token]
    words: list[str]
    mentions: list[Mention] = field(default_factory=list)


class EventStage:
    name = "events"

    def __init__(self) -> None:
        self.lex = get_lexicon()
        from ..kb import get_kb

        self.kb = get_kb()
        self._zero_subject: Actor | None = None
        self._guessed = False  # set by _roles: the last target was the clause's other actor
        self._zero_used = False  # set by _roles: the source is the subject carried over from before
        self._how: dict[int, dict[str, bool]] = {}  # per event (by id) of this article: how it was coded
        self.filter = get_event_filter()
        self.use_filter = self.filter is not None
        self.infer_receivers = os.environ.get("KHOBOR_INFER_RECEIVERS", "1").strip() != "0"
        self._last_org: Actor | None = None
        self._orgs: list[tuple[Actor, str]] = []
        self._country: str | None = None  # the article's default country
        self._exact_roles: dict[str, bool] = {}
        self._gen_orgs: dict[int, Actor] = {}
        self._last_country: Actor | None = None
        # per-word caches: a word's role/demonym reading never changes (text is already canonical)
        self._role_cache: dict[str, tuple | None] = {}
        self._word_info: dict[str, tuple] = {}
        self._dems: dict[str, tuple | None] = {}

    @staticmethod
    def _cached(cache: dict, fn, word: str):
        r = cache.get(word, _MISSING)
        if r is _MISSING:
            if len(cache) > 200_000:
                cache.clear()
            r = cache[word] = fn(word)
        return r

    def _role(self, word: str):
        return self._cached(self._role_cache, self.kb.role, word)

    def _demonym(self, word: str):
        return self._cached(self._dems, self.kb.demonym, word)

    # -- building the actor mentions of one sentence ------------------------------------------------
    def _mentions(self, doc: Article, toks: list[Token], words: list[str], ents: list[tuple[int, Entity]],
                  default_country: str, role_memory: dict) -> list[Mention]:
        g = self.lex.g
        out: list[Mention] = []
        # token index (within the sentence) by start / end offset, from the article-wide maps
        off, ntoks = self._sent_off, len(toks)
        starts_at, ends_at = self._starts_at, self._ends_at
        covered: set[int] = set()
        for idx, e in ents:
            # a city, district or building is a place, not an actor (a capital or the Kremlin is both)
            place = e.type == "LOC" and e.kind != "country" and not (e.actor_code and e.actor_code != e.country)
            a = starts_at.get(e.start)
            b = ends_at.get(e.end)
            if a is None or b is None:
                continue
            a -= off
            b -= off
            if not (0 <= a < ntoks and 0 <= b < ntoks):
                continue
            covered.update(range(a, b + 1))
            base_len = e.base_len if e.base_len else None
            last_word = words[b]
            if base_len is not None:
                # base_len counts from the entity start; convert to the last word
                base_len = base_len - (toks[b].start - e.start)
                if base_len <= 0:
                    base_len = None
            case = _case(last_word, base_len)
            actor = _actor_from_entity(e, idx)
            out.append(Mention(a, b, actor, case, _actor_key(actor), "place" if place else "entity"))
        # genitive organisations by their last token: what a title after them belongs to (_org_of_role)
        self._gen_orgs = {m.last: m.actor for m in out if m.kind == "entity" and m.case == "gen"
                          and m.actor.entity is not None and doc.entities[m.actor.entity].type == "ORG"
                          and m.actor.code and len(m.actor.code) > 3}
        # roles and titles (unnamed actors), demonyms, anaphors and pronouns: one cached reading per
        # word type, so the many words that are none of these cost a single dict lookup
        infos = self._sent_info
        for i in [i for i, x in enumerate(infos) if x is not _NOTHING]:
            if i in covered:
                continue
            t = toks[i]
            role, dem, cls = infos[i]
            w = words[i]
            if role:
                sector, role_en = role
                out.append(self._role_mention(i, toks, words, sector, role_en, out, default_country,
                                              role_memory))
                continue
            if dem:
                country, name_en = dem
                case = "gen" if w.endswith("দের") else "nom"
                code = country if country else None
                actor = Actor(text=t.text, name_en=name_en, code=code, country=country if country and len(country) == 3 else None)
                out.append(Mention(i, i, actor, case, _actor_key(actor), "demonym"))
                continue
            if cls == "anaphor_country" or cls == "anaphor_org":
                ref = self._last_country if cls == "anaphor_country" else self._org_anaphor(w)
                if ref is not None:
                    case = "obj" if w.endswith("কে") else ("gen" if w.endswith("র") else "nom")
                    out.append(Mention(i, i, ref, case, _actor_key(ref), "anaphor"))
                continue
            if cls == "indefinite":
                # "কেউ কেউ … সাহায্য চেয়েছেন", "অনেকে": unnamed people — not the subject carried over
                if i > 0 and (words[i - 1] == w or (i - 1) in covered):
                    continue  # the second কেউ of কেউ কেউ; "বিএনপির কেউ" is the party (a member word)
                cc = default_country
                actor = Actor(text=t.text, name_en="people", code=(cc + "CVL") if cc else None, country=cc)
                out.append(Mention(i, i, actor, "nom", _actor_key(actor), "role", role="people"))
                continue
            if cls == "pronoun_1":
                case = "obj" if w.endswith("কে") else ("gen" if w.endswith("র") else "nom")
                out.append(Mention(i, i, Actor(text=t.text, name_en=None, code=None, country=None),
                                   case, "pron:1", "pronoun"))
                continue
            if cls == "pronoun_sg" and i + 1 < len(words) and words[i + 1] in g["demonstrative_next"]:
                continue  # "সে জন্য", "সে সময়": a demonstrative, not "he"
            if cls == "pronoun_sg" or cls == "pronoun_pl":
                out.append(Mention(i, i, Actor(text=t.text, name_en=None, code=None, country=None),
                                   "nom", "pron:" + ("pl" if cls == "pronoun_pl" else "sg"), "pronoun"))
            elif cls == "pronoun_obj":
                case = "gen" if w.endswith(("দের", "র")) else "obj"
                out.append(Mention(i, i, Actor(text=t.text, name_en=None, code=None, country=None),
                                   case, "pron:obj", "pronoun"))
        # "যুক্তরাজ্য হাইকমিশন", "ভারত সরকারের": a country followed by one of its institutions is that
        # institution (CAMEO: country + sector), taking the institution word's case
        absorbed: set[int] = set()
        for m in out:
            if m.kind == "entity" and m.actor.code and len(m.actor.code) == 3 and m.last + 1 < len(words):
                inst = self._institution(words[m.last + 1])
                if inst is not None:
                    sector, w = inst, words[m.last + 1]
                    a = m.actor
                    m.actor = Actor(a.text, a.name_en, a.code + sector, a.country, a.entity)
                    m.last += 1
                    m.case = _case(w, None)
                    m.key = _actor_key(m.actor) + ":" + sector
                    absorbed.add(m.last)
        if absorbed:
            out = [m for m in out if not (m.kind == "role" and m.first in absorbed)]
        if not out:
            return out
        out.sort(key=lambda m: m.first)
        # "জাতীয় রাজস্ব বোর্ডের (এনবিআর)": a bracketed restatement of the name before it is not another actor
        for a, b in zip(out, out[1:]):
            if b.first >= 1 and toks[b.first - 1].text == "(" and b.first - a.last == 2 and b.key == a.key \
                    and b.last + 1 < len(toks) and toks[b.last + 1].text == ")":
                b.modifier = True
                b.kind = "bracket"
        self._members_and_names(out, toks, words)
        self._mark_modifiers(out, toks, words)
        self._mark_postpositions(out, words)
        self._group(out, words)
        return out

    def _police(self, ms: list[Mention], cue: Cue) -> Actor | None:
        """Who made an arrest told without its doer: the police or RAB named in the sentence, else
        (ANNOTATION.md: "an arrest is COERCE, source the police or RAB") the country's police."""
        police = [m for m in ms if m.kind in ("role", "entity") and m.actor.code and m.actor.code.endswith("COP")]
        if police:
            return police[0].actor
        if cue.mode in ("arrest", "detain") and self._country:
            return Actor(text="", name_en="police", code=self._country + "COP", country=self._country)
        return None

    def _org_anaphor(self, w: str) -> Actor | None:
        """``দলটি`` is the party named last, ``কমিশন`` the commission named last, ``বাহিনীটি`` the force
        named last; ``সংগঠনটি``/``প্রতিষ্ঠানটি`` any organisation named last."""
        for head, test in _ORG_HEADS:
            if w.startswith(head):
                for actor, text in reversed(self._orgs):
                    if test(actor, text):
                        return actor
                return None
        return self._last_org

    def _filter(self, events: list[Event]) -> list[Event]:
        """Score each event with the learned filter (``data/events/filter.json``, trained by
        ``scripts/train_event_filter.py`` on the development gold): the probability that the event is
        right, actors included, becomes its confidence, and events below the threshold are dropped."""
        flt = self.filter
        out = []
        for ev in events:
            p = flt.probability(event_features(ev, self._how.get(id(ev), {})))
            if p >= flt.threshold:
                ev.confidence = round(p, 3)
                out.append(ev)
        return out

    def _role_exact(self, text: str) -> bool:
        """Whether a role word is the title itself, uninflected (cached per word)."""
        got = self._exact_roles.get(text)
        if got is None:
            got = self._exact_roles[text] = self.kb.role_is_base(text)
        return got

    def _institution(self, w: str) -> str | None:
        """The sector of an institution word (``সরকার`` → GOV, ``হাইকমিশনও`` → GOV) or None."""
        inst = self.lex.institutions
        for k in range(len(w), 1, -1):
            sector = inst.get(w[:k])
            if sector is not None:
                return sector if w[k:] in self.lex.cue_suffixes else None
        return None

    def _read_word(self, text: str, w: str) -> tuple:
        """What a word type can be as an actor: ``(role, demonym, closed class)`` or ``_NOTHING``.
        Cached per surface form (text is canonical, so a word's reading never changes)."""
        g = self.lex.g
        role = self._role(text)
        dem = self._demonym(text)
        if dem and not (w.endswith("রা") or w.endswith("দের")):
            dem = None  # "রুশ" alone is a modifier; "রুশরা"/"রুশদের" are actors
        cls = next((k for k in ("anaphor_country", "anaphor_org", "pronoun_1", "pronoun_sg", "pronoun_pl",
                                "pronoun_obj", "indefinite") if w in g[k]), None)
        info = (role, dem, cls) if (role or dem or cls) else _NOTHING
        if len(self._word_info) > 200_000:
            self._word_info.clear()
        self._word_info[text] = info
        return info

    def _role_mention(self, i, toks, words, sector, role_en, prior: list[Mention], default_country, role_memory):
        """An unnamed actor such as ``ইরানের প্রেসিডেন্ট`` or ``পুলিশ``: its country comes from a
        genitive country or a demonym just before it; a role already seen with a name links to it."""
        country = None
        for m in reversed(prior):
            if m.last == i - 1 or (m.last == i - 2 and words[i - 1] not in ("ও", "এবং", ",")):
                if m.kind in ("entity", "demonym", "place") and m.actor.country and (m.case == "gen" or m.kind == "demonym"):
                    country = m.actor.country
                break
        if country is None:
            dem = self._demonym(toks[i - 1].text) if i > 0 else None
            if dem and dem[0]:
                country = dem[0]
        w = words[i]
        if self._role_exact(toks[i].text):
            case = "nom"  # the title as listed ("পরিবার" ends like a genitive but is not one)
        else:
            case = "obj" if w.endswith("কে") else ("gen" if (w.endswith("ের") or w.endswith("দের") or (w.endswith("র") and len(w) > 3 and w[-2] in _VOWEL_END and not role_en.lower().endswith("r"))) else "nom")
        org = self._org_of_role(i, toks, words)
        remembered = role_memory.get((country or default_country, role_en))
        if remembered is not None and (org is None or org.code == remembered.code):
            actor = Actor(text=toks[i].text, name_en=remembered.name_en, code=remembered.code,
                          country=remembered.country, entity=remembered.entity)
        elif org is not None and org.code:
            # "বিএনপির ভারপ্রাপ্ত চেয়ারম্যান", "দলের মহাসচিব": an officer of a named organisation acts
            # for it; CAMEO codes the officer with the organisation's code
            actor = Actor(text=toks[i].text, name_en=f"{role_en} ({org.name_en})" if org.name_en else role_en,
                          code=org.code, country=org.country)
        else:
            cc = country or default_country
            if sector.startswith("IGO"):
                code = sector
            elif len(sector) == 3 and sector.isalpha() and sector.isupper() and sector not in _SECTORS:
                code = sector
            else:
                code = (cc or "") + sector
            actor = Actor(text=toks[i].text, name_en=role_en, code=code or None, country=cc)
        return Mention(i, i, actor, case, _actor_key(actor), "role", role=role_en)

    def _org_of_role(self, i: int, toks: list[Token], words: list[str]) -> Actor | None:
        """The organisation a role word belongs to: a genitive organisation up to three words before
        it (only title words between), or ``দলের``/``সংগঠনের`` meaning the organisation last named."""
        g = self.lex.g
        lo = max(0, i - 4)
        for k in range(i - 1, lo - 1, -1):
            w = words[k]
            if w in g["org_noun_gen"]:
                return self._last_org
            org = self._gen_orgs.get(k)
            if org is not None:
                return org
            if w not in g["title_modifier"] and not self._role(toks[k].text):
                return None  # only title words may stand between ("বিএনপির ভারপ্রাপ্ত চেয়ারম্যান")
        return None

    def _members_and_names(self, ms: list[Mention], toks: list[Token], words: list[str]) -> None:
        """``সেনাবাহিনীর সদস্যরা`` acts as the army (the genitive organisation takes the case of its
        members); ``শাকিল (২০) ও মারুফ (১৬) নামের দুই যুবককে`` takes the case of the noun it names."""
        g = self.lex.g
        n = len(words)
        for m in ms:
            if m.kind != "entity":
                continue
            nxt = m.last + 1
            if m.case in ("gen", "nom") and nxt < n and words[nxt].startswith(self.lex.members):
                if any(o.kind == "entity" and o.first in (nxt + 1, nxt + 2) and o.actor.entity is not None
                       and self._doc.entities[o.actor.entity].type == "PER" for o in ms):
                    continue  # "সমাজবাদী পার্টির নেতা অখিলেশ যাদব": the named leader is the actor
                w = words[nxt]
                m.case = "obj" if w.endswith("কে") else ("gen" if w.endswith(("ের", "দের")) else "nom")
                m.last = nxt
                continue
            # a name followed by (age) … নামের … -কে
            k = nxt
            while k < n and (toks[k].text in "()" or words[k].isdigit()):
                k += 1
            if k < n and words[k] in g["named"]:
                for kk in range(k + 1, min(n, k + 4)):
                    if words[kk].endswith("কে"):
                        m.case = "obj"
                        break
                    if words[kk].endswith(("ের", "র")):
                        m.case = "gen"
                        break
                else:
                    m.case = "nom"
        # coordinated names that share the case of the last one ("শাকিল (২০) ও মারুফ (১৬) নামের … -কে")
        for a, b in zip(ms, ms[1:]):
            if a.kind == b.kind == "entity" and a.case == "nom" and b.case == "obj":
                between = [words[k] for k in range(a.last + 1, b.first)
                           if not (toks[k].text in "()" or words[k].isdigit())]
                if between in (["ও"], ["এবং"], [","]):
                    a.case = "obj"

    def _mark_modifiers(self, ms: list[Mention], toks: list[Token], words: list[str]) -> None:
        """A genitive actor right before a role or a name modifies it ("ইরানের প্রেসিডেন্ট ইব্রাহিম
        রাইসি" is one actor); a role right before a name is that name's title."""
        stop = self.lex.modifier_stop

        def clean(a: Mention, b: Mention) -> bool:
            """Only modifiers' words between (no postposition, verb, cue, conjunction or comma)."""
            for k in range(a.last + 1, b.first):
                w = words[k]
                if w in stop or toks[k].text in ",।" or self.lex.is_light(w) or self.lex._heads(w):
                    return False
            return True

        for m in ms:
            m.ext_first = m.first
        pairs = list(zip(ms, ms[1:]))
        for a, b in reversed(pairs):  # right to left, so title chains (মেজর জেনারেল …) propagate
            gap = b.first - a.last - 1
            if a.kind == "role" and a.role != "people" and b.kind == "entity" and b.actor.entity is not None \
                    and gap <= 4 and clean(a, b):
                a.modifier = True  # the title of the named person that follows
                code = a.actor.code
                if code and len(code) > 3 and (b.actor.code is None or len(b.actor.code) == 3):
                    # a person the knowledge base does not place takes the sector of the title:
                    # "স্বরাষ্ট্র উপদেষ্টা X" acts for the government (BGDGOV), "বিএনপির মহাসচিব X" for the party
                    b.actor = Actor(b.actor.text, b.actor.name_en, code, a.actor.country or b.actor.country,
                                    b.actor.entity)
            elif a.kind == "role" and b.kind == "role" and b.modifier and gap <= 2 and clean(a, b):
                a.modifier = True  # মেজর জেনারেল: a title chain
        for a, b in pairs:
            gap = b.first - a.last - 1
            if a.case == "gen" and a.kind in ("entity", "demonym", "place") and b.kind in ("role", "entity") \
                    and gap <= 3 and clean(a, b):
                a.modifier = True
            if a.kind == "demonym" and a.case == "nom" and gap == 0:
                a.modifier = True
        for a, b in pairs:
            if a.modifier:
                b.ext_first = min(b.ext_first, a.ext_first)

    def _mark_postpositions(self, ms: list[Mention], words: list[str]) -> None:
        g = self.lex.g
        for m in ms:
            nxt = m.last + 1
            if nxt < len(words) and m.case == "gen":
                w = words[nxt]
                for kind in ("target", "between", "agent", "time"):
                    if w in g["postp_" + kind]:
                        m.postp = kind
                        break

    def _group(self, ms: list[Mention], words: list[str]) -> None:
        gid = 0
        prev: Mention | None = None
        for m in ms:
            if m.modifier:
                continue
            if prev is not None and _single_connector(words, prev.last + 1, m.ext_first):
                m.group = prev.group
            else:
                gid += 1
                m.group = gid
            prev = m
        # Bengali inflects a coordination once, on its last member: "ছাত্রলীগ, যুবলীগ ও পুলিশের হামলায়"
        # makes all three genitive, "X ও Y-কে" both objects
        last_of: dict[int, Mention] = {}
        for m in ms:
            if not m.modifier:
                last_of[m.group] = m
        for m in ms:
            tail = last_of.get(m.group)
            if tail is not None and tail is not m and not m.modifier and m.case == "nom" \
                    and tail.case in ("gen", "obj") and m.kind in ("entity", "role", "demonym"):
                m.case = tail.case

    # -- the coder ----------------------------------------------------------------------------------
    def __call__(self, doc: Article) -> None:
        if not doc.tokens:
            return
        default_country = self._default_country(doc)
        self._doc = doc
        self._country = default_country
        role_memory: dict = {}
        last_sources: list[Actor] = []
        self._last_org = self._last_country = None
        self._orgs: list[tuple[Actor, str]] = []  # organisations named so far, with their text
        last_person: Actor | None = None
        last_group: list[Actor] = []
        # the speaker of a quotation runs on over the next sentences while the quote stays open or the
        # text speaks in the first person ("X বলেন, … । আমরা …")
        speaker: Actor | None = None
        speaker_si = -10
        quote_open = False
        events: list[Event] = []
        ents_by_sent: dict[int, list[tuple[int, Entity]]] = {}
        for idx, e in enumerate(doc.entities):
            ents_by_sent.setdefault(doc.sentence_of(e.start), []).append((idx, e))
        tok_i = 0
        ntok = len(doc.tokens)
        fget = _FOLDED.get
        texts = [t.text for t in doc.tokens]
        all_words = [fget(x) or _fold(x) for x in texts]
        quote_at = [x in _QUOTES for x in texts]
        flget, flags_of = self.lex._flags.get, self.lex.flags
        all_flags = [flget(w) if w in self.lex._flags else flags_of(w) for w in all_words]
        self._starts_at = {t.start: i for i, t in enumerate(doc.tokens)}
        self._ends_at = {t.end: i for i, t in enumerate(doc.tokens)}
        wi = self._word_info
        all_info = [wi.get(t.text) or self._read_word(t.text, w) for t, w in zip(doc.tokens, all_words)]
        for si, sent in enumerate(doc.sentences):
            while tok_i < ntok and doc.tokens[tok_i].start < sent.start:
                tok_i += 1
            j = tok_i
            while j < ntok and doc.tokens[j].end <= sent.end:
                j += 1
            toks = doc.tokens[tok_i:j]
            words = all_words[tok_i:j]
            self._sent_flags = all_flags[tok_i:j]
            self._sent_off = off = tok_i
            self._sent_info = all_info[tok_i:j]
            tok_i = j
            if not toks:
                continue
            ms = self._mentions(doc, toks, words, ents_by_sent.get(si, []), default_country, role_memory)
            self._remember_roles(ms, toks, words, role_memory)
            # resolve pronouns
            for m in ms:
                if m.kind == "pronoun" and m.key in ("pron:sg", "pron:pl", "pron:obj"):
                    if m.key == "pron:obj" and m.case == "gen" and not (
                            m.last + 1 < len(words) and words[m.last + 1] in self.lex.g["postp_target"]):
                        continue  # তাদের / তাঁদের as a possessive stays unresolved (not "তাঁর বিরুদ্ধে")
                    if m.key in ("pron:sg", "pron:obj"):
                        src = [last_person] if last_person is not None else last_sources[:1]
                    else:
                        src = last_sources if len(last_sources) > 1 else (last_group or last_sources)
                    if not src:
                        continue
                    m.actor = src[0]
                    m.key = _actor_key(src[0])
                    if len(src) > 1:
                        m.extra = list(src)
            for m in ms:
                if m.actor.code is None and m.kind == "entity" and m.actor.entity is not None:
                    m.actor = Actor(m.actor.text, m.actor.name_en, default_country, default_country, m.actor.entity)
            self._zero_subject = last_person if last_person is not None else (last_sources[0] if last_sources else None)
            ctx_speaker = None
            if speaker is not None and si - speaker_si <= 4 and (
                    quote_open or any(m.key == "pron:1" for m in ms)):
                ctx_speaker = speaker
            if any(self._sent_flags):
                sent_events, sources, new_speaker = self._code_sentence(doc, si, toks, words, ms, ctx_speaker)
            else:  # no cue, speech, claim or charge word: nothing to code (most sentences)
                sent_events, sources, new_speaker = [], [], None
            if new_speaker is not None:
                speaker, speaker_si = new_speaker, si
            elif ctx_speaker is not None:
                speaker_si = si
            if sum(quote_at[off:off + len(toks)]) % 2:
                quote_open = not quote_open
            events.extend(sent_events)
            if sources:
                last_sources = sources
            for m in ms:
                if m.kind == "entity" and m.actor.entity is not None:
                    e = doc.entities[m.actor.entity]
                    if e.type == "ORG":
                        self._last_org = m.actor
                        self._orgs.append((m.actor, e.text))
                    elif e.type == "LOC" and e.kind == "country":
                        self._last_country = m.actor
            persons = [m for m in ms if m.kind == "entity" and not m.modifier and m.case == "nom"
                       and m.actor.entity is not None and doc.entities[m.actor.entity].type == "PER"]
            if persons:
                last_person = persons[0].actor
            groups: dict[int, list[Actor]] = {}
            for m in ms:
                if not m.modifier and m.kind in ("entity", "role") and m.case == "nom":
                    groups.setdefault(m.group, []).append(m.actor)
            multi = [g_ for g_ in groups.values() if len(g_) > 1]
            if multi:
                last_group = multi[0]
        # an act with neither a doer nor a receiver nor a toll says only that a word was written
        # (measured on the development gold: 28 such events, none of them right)
        events = [ev for ev in events if ev.source is not None or ev.target is not None or ev.casualties]
        merged = _merge(events)
        self._article_receivers(doc, merged)
        doc.events = self._filter(merged) if self.use_filter else merged
        self._how.clear()

    def _article_receivers(self, doc: Article, events: list[Event]) -> None:
        """An act done to someone whose sentence names no receiver (``… বিক্ষোভ মিছিল করেছেন``,
        ``… নিন্দা জানান``) is often done to the actor the article is about: the named person or
        organisation mentioned most, at least twice (not of the doer's own actor code). Marked in
        ``Event.inferred``; ``KHOBOR_INFER_RECEIVERS=0`` switches it off;
        how often it is right is measured in EVALUATION.md."""
        pending = [ev for ev in events if ev.target is None and self.lex.types[ev.type].receiver]
        if not pending or not self.infer_receivers:
            return
        counts: dict[tuple, list[int]] = {}  # (name, code) → [mentions, first entity index]
        for k, e in enumerate(doc.entities):
            code = e.actor_code or e.code
            if e.type != "LOC" and code:
                counts.setdefault((e.name_en, code), [0, k])[0] += 1
        # mentioned once, an actor is not what the article is about (measured on the held-out gold:
        # requiring two mentions halves the wrong receivers and loses no right one)
        ranked = sorted((kv for kv in counts.items() if kv[1][0] >= 2), key=lambda kv: (-kv[1][0], kv[1][1]))
        for ev in pending:
            scode = ev.source.code if ev.source else None
            for (name, code), (_, k) in ranked:
                if code != scode:
                    e = doc.entities[k]
                    ev.target = Actor(text=e.text, name_en=name, code=code, country=e.country, entity=k)
                    ev.inferred = ev.inferred + ("target",)
                    break

    def _default_country(self, doc: Article) -> str:
        counts: dict[str, int] = {}
        for e in doc.entities:
            if e.country:
                counts[e.country] = counts.get(e.country, 0) + 1
        if counts.get("BGD", 0) > 0 or not counts:
            return "BGD"
        return max(counts, key=counts.get)  # type: ignore[arg-type]

    def _remember_roles(self, ms: list[Mention], toks, words, memory: dict) -> None:
        """``ইরানের প্রেসিডেন্ট ইব্রাহিম রাইসি`` teaches that ``ইরানের প্রেসিডেন্ট`` later is Raisi."""
        for a, b in zip(ms, ms[1:]):
            if a.kind == "role" and a.modifier and b.kind == "entity" and b.actor.entity is not None \
                    and self._doc.entities[b.actor.entity].type == "PER":  # a title names a person
                memory.setdefault((a.actor.country, a.role or a.actor.name_en), b.actor)

    def _clause_flags(self, words: list[str], toks: list[Token], i: int, n: int, cue: Cue):
        """Look after the cue: its light verb, negation, future/hypothetical, purpose/embedded."""
        g = self.lex.g
        negated = future = purpose = False
        has_verb = False
        verb_idx = None
        k = i + n
        limit = min(len(words), i + n + 4)
        while k < limit:
            w = words[k]
            if toks[k].text in _PUNCT_BREAK or toks[k].text == ",":
                break
            if w in g["negation"]:
                negated = True
                break
            if self.lex.is_light(w) or w in ("হয়েছে", "হয়েছেন", "হয়"):
                has_verb = True
                verb_idx = k
                if w in g["purpose"]:
                    purpose = True
                if w.endswith("নি") and len(w) > 3:
                    negated = True
                if any(w.endswith(s) for s in ("বে", "বেন", "বো", "লে", "লেও", "লেই")) or w == "হবে":
                    future = True  # future (করবে) or conditional (করলে, দিলেও): not told as happened
                # a second light verb (প্রকাশ করেছেন) continues the same predicate
                if k + 1 < limit and self.lex.is_light(words[k + 1]):
                    k += 1
                    w2 = words[k]
                    verb_idx = k
                    if w2 in g["purpose"]:
                        purpose = True
                    if w2.endswith("নি") and len(w2) > 3:
                        negated = True
                    if any(w2.endswith(s) for s in ("বে", "বেন", "বো")):
                        future = True
                if k + 1 < len(words) and words[k + 1] in g["negation"]:
                    negated = True
                if k + 1 < len(words) and (words[k + 1] in g["hypothetical"] or words[k + 1] in g["purpose"]):
                    if words[k + 1] in g["purpose"]:
                        purpose = True
                    else:
                        future = True
                if w in g["conjunctive"]:
                    # "তদন্ত করে ব্যবস্থা নেওয়া হবে": a participle takes the tense of the verb it leads to
                    for kk in range(k + 1, min(len(words), k + 7)):
                        if toks[kk].text in _PUNCT_BREAK or toks[kk].text == ",":
                            break
                        if words[kk] == "হবে" or (self.lex.is_light(words[kk]) and words[kk].endswith(("বে", "বেন", "বো"))):
                            future = True
                            break
                break
            if w in g["purpose"]:
                purpose = True
                break
            k += 1
        last = words[i + n - 1]
        if last.endswith("নি") and len(last) > 3 and cue.verb == "any":
            negated = True
        return has_verb, negated, future, purpose, verb_idx

    def _code_sentence(self, doc: Article, si: int, toks: list[Token], words: list[str], ms: list[Mention],
                       ctx_speaker: Actor | None = None):
        lex = self.lex
        g = lex.g
        events: list[Event] = []
        sent_sources: list[Actor] = []
        nwords = len(words)
        # attribution and allegation markers
        attributed: Actor | None = None
        speaker: Actor | None = None
        any_speaker: Actor | None = None  # whoever speaks in this sentence, cue or not
        speech_end = -1
        allegation_at = -1
        fl = self._sent_flags
        cue_at = [k for k, f in enumerate(fl) if f & F_CUE]
        self._charge_at = next((k for k, f in enumerate(fl) if f & F_CHARGE), None)

        def any_cue(lo: int, hi: int) -> bool:
            return any(lo <= kk < hi and lex.match(words, kk) for kk in cue_at)

        for k in [k for k, f in enumerate(fl) if f & (F_CLAIM | F_SPEECH | F_ALLEGE)]:
            w = words[k]
            if (w.startswith("দাবি") and not (k + 1 < nwords and (words[k + 1].startswith("জান") or words[k + 1].startswith("কর")))) \
                    or w in ("বরাত", "অনুযায়ী", "মতে"):
                gen = [m for m in ms if m.last < k and k - m.last <= 3 and m.case == "gen" and not m.modifier]
                if gen:
                    attributed = gen[-1].actor
                    gen[-1].modifier = True
            if w in g["speech"] and k > 0:
                for m in ms:  # "প্রথম আলোকে বলেন": the one told is not a target
                    if m.case == "obj" and m.last == k - 1:
                        m.modifier = True
                speakers = [m for m in ms if m.last < k and m.case == "nom" and not m.modifier]
                after = [m for m in ms if m.first == k + 1 and m.case == "nom" and not m.modifier]
                named = [m for m in speakers if not m.key.startswith("pron:")]
                if named and any_speaker is None:
                    any_speaker = named[-1].actor
                if speakers and any_cue(k + 1, nwords):
                    attributed = attributed or speakers[-1].actor
                    speaker = speakers[-1].actor
                    for m in speakers:
                        m.modifier = True
                    speech_end = k
                elif after and any_cue(0, k) and not any_cue(max(0, k - 3), k):
                    # "… হামলা করেছে, বলেন X": the speaker after the speech verb
                    attributed = attributed or after[0].actor
                    speaker = after[0].actor
                    after[0].modifier = True
            if w.startswith("অভিযোগ") and w in ("অভিযোগ", "অভিযোগও") and allegation_at < 0:
                allegation_at = k
        # "আমরা", "আমাদের": the speaker (of this sentence, or of the quotation it continues)
        first_person = speaker or any_speaker or ctx_speaker
        if first_person is not None:
            for m in ms:
                if m.key == "pron:1":
                    m.actor = first_person
                    m.key = _actor_key(first_person)
        speaker = speaker or ctx_speaker
        guessed: set[int] = set()  # indices (in events) of events whose target is a guess
        found: list[tuple[int, Cue, int]] = []
        free = 0  # the first word not inside a cue already found
        for k in cue_at:
            if k < free:
                continue
            hit = lex.match(words, k)
            if hit:
                cue, n = hit
                found.append((k, cue, n))
                free = k + n
        # a cue inside an organisation's name ("বৈষম্যবিরোধী ছাত্র আন্দোলন") names it, it is no act
        in_org = {j for m in ms if m.kind == "entity" and m.actor.entity is not None and m.last > m.first
                  and doc.entities[m.actor.entity].type == "ORG" for j in range(m.first, m.last + 1)}
        if in_org:
            found = [f for f in found if f[0] not in in_org]
        # "এই বৈঠকে … আলোচনা করেন": an event noun restated with এই/ওই/সেই makes the sentence a restatement
        restated_at = {}
        for i, cue, n in found:
            if i > 0 and words[i - 1] in g["anaphoric"]:
                restated_at.setdefault(cue.type, i)
        for i, cue, n in found:
            if restated_at.get(cue.type, nwords) < i:
                continue
            if allegation_at >= 0 and i < allegation_at and words[allegation_at - 1] in ("এমন", "এমনই", "বলে"):
                continue  # the content of an allegation: not coded as an act
            if 0 <= speech_end and i < speech_end:
                continue
            w = words[i + n - 1]
            prev = words[i - 1] if i > 0 else ""
            nxt = words[i + n] if i + n < nwords else ""
            if prev in g["anaphoric"]:
                continue
            if any(nxt.startswith(x) for x in g["not_event_after"]) and not lex.is_light(nxt):
                continue  # "হামলা নিয়ে", "হামলা থেকে" — but "কর্মবিরতি নিয়েছে" is the act's verb
            # "চেয়ারম্যানের পদত্যাগ দাবি করেছেন": the resignation is what is demanded, not an act
            if i + n < nwords and lex.match(words, i + n) and n == 1 and words[i].startswith(cue.words[0]) \
                    and words[i][len(cue.words[0]):] == "":
                continue
            # case of the cue word itself: genitive cue modifies a noun; locative cue is a setting
            head = words[i]
            cue_stem = cue.words[0]
            suffix = head[len(cue_stem):] if head.startswith(cue_stem) else ""
            if n == 1 and suffix in ("ের", "র", "এর") and nxt not in g["postp_time"]:
                continue
            last_w = words[i + n - 1]
            if n > 1 and cue.verb == "any" and len(cue.words[-1]) > 3 and not lex.is_light(last_w) \
                    and last_w != cue.words[-1] and last_w.startswith(cue.words[-1]) \
                    and last_w[len(cue.words[-1]):] in ("ে", "য়", "ের", "র", "তে"):
                continue  # "প্রতীক বাতিলে …", "প্রতীক বাতিলের": the act as a setting or a modifier
            if (suffix in ("টি", "টা", "গুলো", "গুলি") or head.endswith(("টি", "গুলো"))
                    or (n > 1 and last_w.endswith(("টি", "গুলো")))) and not lex.is_light(nxt) \
                    and not (n == 1 and lex.match(words, i + 1) if i + 1 < nwords else False):
                continue  # "হামলাটি", "হামলাগুলো": the attack(s) already told — a restatement
            if n == 1 and suffix in ("", "ও") and _list_object(words, toks, i, g["about"]):
                continue  # "X-এর অত্যাচার, নির্যাতন, গুম ও খুনের প্রতিবাদে": what is protested, not an act
            casualty_follows = any(words[kk].startswith(_OUTCOMES) for kk in range(i + n, nwords))
            if n == 1 and suffix in ("য়", "ে", "তে", "এ", "েও", "য়ও") and cue.type != "ASSAULT" and cue_stem != "দাবি":
                continue
            if cue.type == "ASSAULT" and suffix in ("য়", "ে", "তে", "এ") and not casualty_follows:
                continue
            if cue.type == "ACCUSE" and head.startswith("অভিযোগ") and suffix not in ("", "ও"):
                continue
            has_verb, negated, future, purpose, verb_idx = self._clause_flags(words, toks, i, n, cue)
            if purpose or future:
                continue
            if cue.verb == "do" and not has_verb:
                continue
            if any(words[k] in g["until"] for k in range(i + n, min(nwords, i + n + 4))):
                continue  # "গ্রেপ্তার না হওয়া পর্যন্ত": until an act, not the act
            if _in_optative(words, toks, i, g["optative"], lex.is_light):
                continue  # "যদি …", "… যেন না করে": a condition or a wish, not an act
            passive = cue.voice == "patient" or (cue.type == "ASSAULT" and casualty_follows and suffix)
            if cue.voice == "patient" and verb_idx is not None and words[verb_idx].startswith(("কর", "চালা")):
                passive = False  # "পুলিশ তাকে গ্রেপ্তার করেছে" is active
            impersonal = not passive and _impersonal_passive(words, verb_idx, g["passive_aux"], i + n - 1)
            self._guessed = self._zero_used = False
            # "… বলেন, শিক্ষার্থীদের অভিনন্দন জানাচ্ছি": a first-person verb's doer is the speaker
            fp_source = first_person if (first_person is not None and verb_idx is not None
                                         and words[verb_idx].endswith(_FIRST_PERSON)) else None
            made = self._roles(doc, si, toks, words, ms, i, n, cue, passive, verb_idx, allegation_at,
                               impersonal, fp_source)
            for src, tgt in made:
                ev = self._event(doc, si, toks, i, n, cue, src, tgt, negated, attributed, ms)
                if self._guessed:  # the receiver is the clause's other actor, not a marked one
                    guessed.add(len(events))
                    ev.confidence = round(ev.confidence - 0.1, 2)
                self._how[id(ev)] = {"guessed": self._guessed, "zero": self._zero_used, "passive": bool(passive),
                                     "impersonal": impersonal, "first_person": fp_source is not None,
                                     "speech": speaker is not None or any_speaker is not None}
                events.append(ev)
                if src is not None and not passive:
                    sent_sources.append(src)
                    if tgt is not None and self.lex.types[cue.type].symmetric:
                        sent_sources.append(tgt)
        # a speaker's report of someone else's violence is an allegation: ACCUSE by the speaker
        # (ANNOTATION.md: "an allegation is coded as ACCUSE by the accuser, not as the alleged act")
        if speaker is not None:
            sk = _actor_key(speaker)
            for k2, ev in enumerate(events):
                # an arrest told by anyone is a reported act (the police announce their own), and an
                # organisation's spokesperson telling of its own act is "an actor's own account"
                if ev.type == "ASSAULT" and ev.source is not None and _actor_key(ev.source) != sk \
                        and not (speaker.code and len(speaker.code) > 3 and speaker.code == ev.source.code):
                    events[k2] = self._retype(ev, "ACCUSE", "accuse", speaker, ev.source)
                    self._how[id(events[k2])] = dict(self._how.get(id(ev), {}), retyped=True)
        # a speaker who charges someone with a wrong ("… চক্রান্ত করছে", "… দুর্নীতিতে জড়িত") accuses them
        teller = speaker or any_speaker or ctx_speaker
        if teller is not None:
            acc = self._accusation(doc, si, toks, words, ms, teller, events)
            if acc is not None:
                self._how[id(acc)] = {"charge": True, "speech": True}
                events.append(acc)
        # an expression of sympathy with no stated target is for the victims of the incident told with it
        for k3, ev in enumerate(events):
            if ev.type == "SUPPORT" and (ev.target is None or k3 in guessed):
                for other in events:
                    if other.type == "ASSAULT" and other.target is not None and (
                            ev.source is None or _actor_key(ev.source) != _actor_key(other.target)):
                        ev.target = other.target
                        break
        seen = set()
        uniq_sources = []
        for a in sent_sources:
            k2 = _actor_key(a)
            if k2 not in seen:
                seen.add(k2)
                uniq_sources.append(a)
        return events, uniq_sources, any_speaker

    def _roles(self, doc, si, toks, words, ms, i, n, cue: Cue, passive: bool, verb_idx, allegation_at,
               impersonal: bool = False, fp_source: Actor | None = None):
        cands = [m for m in ms if not m.modifier and not m.key.startswith("pron:") and m.kind != "place"]
        end = (verb_idx if verb_idx is not None else i + n - 1)
        lt = self.lex.types[cue.type]
        if impersonal and not lt.symmetric:
            return self._impersonal_roles(words, ms, cands, i, end, cue)
        if verb_idx is None and cue.type == "RETREAT":
            # "শেখ হাসিনার পদত্যাগের পর": a withdrawal named as a noun is its possessor's own act
            own = [m for m in cands if m.case == "gen" and m.postp is None and 0 < i - m.last <= 2]
            if own:
                return [(own[-1].actor, None)]
        # targets: -কে, postpositions, "between"
        between = [m for m in cands if m.postp == "between" and m.last < i]
        if between:
            grp = [m for m in cands if m.group == between[-1].group]
            if len(grp) >= 2 and lt.symmetric:
                return [(grp[0].actor, grp[1].actor)]
        # the subject of an earlier subordinate clause ("X পদত্যাগ করে … চলে যাওয়ার পর … হামলা") is not
        # the subject of the act
        sub_end = _subordinate_end(words, i, self.lex.g["postp_time"])
        nom_before = [m for m in cands if m.case == "nom" and sub_end < m.first < i]
        # a postposed subject stands right after the verb, in the same clause
        nom_after = [m for m in cands if m.case == "nom" and m.first > end and m.ext_first - end <= 8
                     and not any(toks[k].text in _CLAUSE_BREAK for k in range(end + 1, m.first))]
        if allegation_at >= 0 and cue.type == "ACCUSE" and i == allegation_at:
            # "… করেছে রাশিয়া, এমন অভিযোগ তুলেছে কিয়েভ": accuser after the cue, accused in the content
            accusers = [m for m in cands if m.first > i and m.case in ("nom", "gen")]
            accused = [m for m in cands if m.last < i and m.case == "nom"]
            if not accusers and len(accused) >= 2 and i > 0 and words[i - 1] == "বলে" \
                    and accused[0].group != accused[-1].group:
                # "X … Y '…' করছে বলে অভিযোগ করেছেন": the sentence's subject accuses the content's
                return [(accused[0].actor, accused[-1].actor)]
            if accusers or accused:
                src = accusers[0].actor if accusers else None
                tgt = accused[-1].actor if accused else None
                return [(src, tgt)]
        objs = [m for m in cands if m.case == "obj" and m.last < i + n + 3]
        postp = [m for m in cands if m.postp == "target" and m.last < i]
        agents = [m for m in cands if m.postp == "agent"]
        gens = [m for m in cands if m.case == "gen" and m.postp is None and m.last < i
                and sum(1 for k in range(m.last + 1, i) if words[k] not in ("(", ")")) <= 5]
        if passive:
            # the victims / the arrested: unmarked actors of the clause before the outcome word
            outcome = next((kk for kk in range(i + n, len(words)) if words[kk].startswith(_OUTCOMES)), None)
            if outcome is not None:
                victims = [m for m in cands if m.case in ("nom", "obj") and m.last < outcome
                           and (m.first > i or i - m.last <= 6)]
                if not victims:  # "… হামলায় নিহত হয় কয়েকশত শিক্ষার্থী": the dead after the outcome verb
                    victims = [m for m in cands if m.case == "nom" and outcome < m.first <= outcome + 5]
            else:
                victims = nom_after or nom_before or objs
            dem_src = self._demonym_before(toks, i)
            if agents:
                src = agents[-1].actor
            elif dem_src is not None:
                src = dem_src  # "ইসরায়েলি হামলায় … নিহত": the attacker's nationality qualifies the act
            elif gens and cue.type == "ASSAULT":
                src = gens[-1].actor
            elif cue.type == "COERCE":
                src = self._police(ms, cue)
            else:
                src = None
            if victims:
                grp = [m for m in cands if m.group == victims[-1].group and m.case in ("nom", "obj")] or [victims[-1]]
                return [(src, v.actor) for v in grp]
            hit = self._attacked_place(doc, cands, i) if cue.type in _LOC_TARGET else []
            if hit:
                return [(src, hit[0])]
            tgt = self._fallback_target(doc, ms, cue)
            return [(src, tgt)]
        # active voice: the source group (after the verb first: postposed subject), else before
        src_group: list[Mention] = []
        if nom_after:
            first = nom_after[0]
            src_group = [m for m in nom_after if m.group == first.group]
        elif nom_before:
            last = nom_before[-1]
            src_group = [m for m in nom_before if m.group == last.group]
        sources = [a for m in src_group for a in (m.extra or [m.actor])]
        if fp_source is not None:
            sources = [fp_source]
        if not sources:
            dem_src = self._demonym_before(toks, i)  # "মার্কিন নিষেধাজ্ঞা আরোপ করা হয়েছে"
            if dem_src is not None:
                sources = [dem_src]
        if not sources and verb_idx is not None and verb_idx + 1 < len(words) and words[verb_idx].startswith(("করা", "দেওয়া")) \
                and words[verb_idx + 1].startswith("হ"):
            abl = _ablatives(cands, words, i)
            sources = [abl[-1].actor] if abl else []
        targets: list[Actor | None] = []
        if objs:
            targets = [a for m in objs if m.group == objs[-1].group for a in (m.extra or [m.actor])]
        elif postp:
            targets = [a for m in postp if m.group == postp[-1].group for a in (m.extra or [m.actor])]
        elif gens and cue.type in _GEN_TARGET and not (lt.symmetric and len(sources) >= 2):
            targets = [gens[-1].actor]
        elif cue.type in _LOC_TARGET:
            targets = self._attacked_place(doc, cands, i)
        if not targets and lt.symmetric and len(sources) >= 2:
            return [(sources[0], sources[1])]
        if not sources:
            fb = self._fallback_source(doc, ms, cue)
            # a zero subject: Bengali drops the subject the previous sentences established
            sources = [fb if fb is not None else self._zero_subject]
            self._zero_used = fb is None and self._zero_subject is not None
        if not targets:
            other = self._other_actor(cands, sources, i, end, words)
            self._guessed = other is not None
            targets = [other if other is not None else self._fallback_target(doc, ms, cue)]
        out = []
        for s in sources:
            for t in targets:
                if s is not None and t is not None and _actor_key(s) == _actor_key(t):
                    t = None
                out.append((s, t))
        return out

    @staticmethod
    def _attacked_place(doc: Article, cands: list[Mention], i: int) -> list[Actor]:
        """``থানায় হামলা``, ``কার্যালয়ে অভিযান``: an organisation in the locative right before an
        attack or a raid is what was attacked or raided (a place — a city — is only where)."""
        near = [m for m in cands if m.case == "loc" and m.kind == "entity" and m.actor.entity is not None
                and 0 < i - m.last <= 2 and doc.entities[m.actor.entity].type == "ORG"]
        return [near[-1].actor] if near else []

    @staticmethod
    def _other_actor(cands: list[Mention], sources: list, i: int, end: int, words: list[str]) -> Actor | None:
        """No case marker names the receiver: take the clause's other actor — an object or a
        postposition's noun anywhere in the sentence, else the nearest possessor before the cue
        ("… শিক্ষার্থীদের অভিনন্দন জানাচ্ছি"), else another unmarked actor. (The guideline scores a
        missing target as wrong whenever the act has one; a guessed target costs nothing when it has none.)"""
        taken = {_actor_key(a) for a in sources if a is not None}
        pool = [m for m in cands if m.kind in ("entity", "role", "demonym", "anaphor") and m.key not in taken]
        for pick in (
            [m for m in pool if m.case == "obj"],
            [m for m in pool if m.postp == "target"],
            [m for m in pool if m.case == "gen" and m.postp is None and m.last < i][-1:],
            [m for m in pool if m.case == "gen" and m.postp is None and m.first > end][:1],
            [m for m in pool if m.case == "nom"],
        ):
            if pick:
                return pick[0].actor
        return None

    def _demonym_before(self, toks: list[Token], i: int) -> Actor | None:
        """A national adjective right before the cue (``ইসরায়েলি হামলা``, ``রুশ হামলায়``): the country."""
        if i == 0:
            return None
        dem = self._demonym(toks[i - 1].text)
        if not dem or not dem[0] or len(dem[0]) != 3:
            return None
        return Actor(text=toks[i - 1].text, name_en=_country_name(self.kb, dem[0]), code=dem[0], country=dem[0])

    def _accusation(self, doc, si, toks, words, ms, teller: Actor, events: list[Event]) -> Event | None:
        """ACCUSE by the speaker when what they say charges someone with a wrong (a word of the
        ``accusation`` list) and no accusation by them is coded in the sentence already. The accused is
        the actor the charge is told of: the unmarked actor before the word, else a possessor."""
        tk = _actor_key(teller)
        if any(ev.type == "ACCUSE" and ev.source is not None and _actor_key(ev.source) == tk for ev in events):
            return None
        at = self._charge_at
        if at is None:
            return None
        pool = [m for m in ms if not m.modifier and m.kind != "place" and not m.key.startswith("pron:")
                and m.key != tk and m.last < at]
        noms = [m for m in pool if m.case == "nom"]
        gens = [m for m in pool if m.case in ("gen", "obj")]
        tgt = (noms or gens or [None])[-1]
        cue = Cue((words[at],), "ACCUSE", "criticize", "any", "active")
        ev = self._event(doc, si, toks, at, 1, cue, teller, tgt.actor if tgt is not None else None, False,
                         None, ms)
        ev.confidence = round(ev.confidence - 0.15, 2)  # read from the content of a statement
        return ev

    def _impersonal_roles(self, words, ms, cands, i, end, cue: Cue):
        """``X-কে … চাকরিচ্যুত করা হয়``, ``… নির্দেশ দেওয়া হয়``: an impersonal passive names no doer in
        the subject; the subject (or the ‑কে object) is what the act was done to. The doer is an agent
        (``X-এর পক্ষ থেকে``, ``কর্তৃক``), an ablative (``সেনাবাহিনী থেকে``), the police for an arrest,
        or unknown — never the subject carried over from the sentences before."""
        agents = [m for m in cands if m.postp == "agent"]
        abl = _ablatives(cands, words, i)
        if agents:
            src = agents[-1].actor
        elif abl:
            src = abl[-1].actor
        elif cue.type == "COERCE":
            src = self._police(ms, cue)
        else:
            # "স্বরাষ্ট্র মন্ত্রণালয়ের প্রজ্ঞাপনে … পাঠানো হয়": an organisation whose instrument did it
            orgs = [m for m in ms if m.kind == "entity" and m.case == "gen" and m.postp is None and m.last < i
                    and m.actor.entity is not None and self._doc.entities[m.actor.entity].type == "ORG"
                    and any(words[k] in self.lex.g["instrument"] for k in range(m.last + 1, min(m.last + 4, i)))]
            src = orgs[-1].actor if orgs else None
        objs = [m for m in cands if m.case == "obj" and m.last < end]
        noms = [m for m in cands if m.case == "nom" and m.last < i and m not in abl]
        postp = [m for m in cands if m.postp == "target" and m.last < i]
        pick = objs or noms or postp
        if not pick:
            other = self._other_actor(cands, [src], i, end, words)
            self._guessed = other is not None
            return [(src, other)]
        grp = [m for m in pick if m.group == pick[-1].group]
        out = []
        for m in grp:
            for a in (m.extra or [m.actor]):
                out.append((src, None if src is not None and _actor_key(src) == _actor_key(a) else a))
        return out

    def _retype(self, ev: Event, etype: str, mode: str, source: Actor | None, target: Actor | None) -> Event:
        lt = self.lex.types[etype]
        return Event(type=etype, mode=mode, cameo_root=lt.cameo_root, quad_class=lt.quad_class,
                     goldstein=lt.goldstein, source=source, target=target, trigger=ev.trigger,
                     sentence=ev.sentence, negated=ev.negated, attributed_to=None, date=ev.date,
                     location=ev.location, casualties=None, confidence=ev.confidence * 0.9)

    def _fallback_target(self, doc, ms, cue: Cue) -> Actor | None:
        if cue.type == "ASSAULT":
            loc = self._location_mention(ms)
            if loc is not None and loc.actor.country:
                # the unnamed victims of an attack at a place: its country's civilians
                cc = loc.actor.country
                return Actor(text=loc.actor.text, name_en=f"{_country_name(self.kb, cc)} civilians",
                             code=cc + "CVL", country=cc, entity=None)
        return None

    def _fallback_source(self, doc, ms, cue: Cue) -> Actor | None:
        if cue.type == "PROTEST":
            loc = self._location_mention(ms)
            cc = loc.actor.country if loc is not None and loc.actor.country else None
            if cc:
                return Actor(text=loc.actor.text, name_en=f"{_country_name(self.kb, cc)} protesters",
                             code=cc + "CVL", country=cc, entity=None)
        return None

    @staticmethod
    def _location_mention(ms: list[Mention]) -> Mention | None:
        locs = [m for m in ms if m.kind in ("entity", "place") and m.case in ("loc", "gen") and m.actor.entity is not None]
        cities = [m for m in locs if m.case == "loc"]
        return (cities or locs or [None])[0]

    def _event(self, doc: Article, si, toks, i, n, cue: Cue, src, tgt, negated, attributed, ms) -> Event:
        lt = self.lex.types[cue.type]
        t0, t1 = toks[i], toks[i + n - 1]
        trig = Token(doc.text[t0.start:t1.end], t0.start, t1.end)
        mode = cue.mode
        date = None
        sent = doc.sentences[si]
        for t in doc.times:
            if sent.start <= t.start < sent.end and t.value:
                date = t.value if len(t.value) == 10 else date
                if date:
                    break
        if date is None:
            date = doc.published
        location = None
        loc_m = [m for m in ms if m.kind in ("entity", "place") and m.case == "loc"]
        for m in loc_m:
            e = doc.entities[m.actor.entity] if m.actor.entity is not None else None
            if e is not None and e.type == "LOC":
                location = {"name_en": e.name_en, "country": e.country, "lat": e.lat, "lon": e.lon}
                break
        casualties = None
        if cue.type in ("ASSAULT", "COERCE"):
            c: dict[str, int] = {}
            for q in doc.quantities:
                if sent.start <= q.start < sent.end and q.kind in ("killed", "injured", "arrested", "missing", "kidnapped"):
                    if q.kind not in c:
                        c[q.kind] = int(q.value)
            casualties = c or None
        conf = 0.45 + (0.2 if src is not None else 0) + (0.2 if tgt is not None else 0) + (0.1 if n > 1 else 0)
        return Event(type=cue.type, mode=mode, cameo_root=lt.cameo_root, quad_class=lt.quad_class,
                     goldstein=lt.goldstein, source=src, target=tgt, trigger=trig, sentence=si,
                     negated=negated, attributed_to=attributed, date=date, location=location,
                     casualties=casualties, confidence=min(conf, 0.95))


_OUTCOMES = ("নিহত", "আহত", "মারা", "প্রাণ", "মৃত্যু", "জখম", "দগ্ধ", "গুলিবিদ্ধ", "শহীদ", "শহিদ")
# types whose target may be the possessor of the thing acted on ("X-এর সিদ্ধান্তের সমালোচনা")
_GEN_TARGET = {"SUPPORT", "ACCUSE", "REJECT", "CONCEDE", "THREATEN", "REQUEST"}
_SECTORS = {"GOV", "LEG", "JUD", "MIL", "COP", "PTY", "REB", "CVL", "EDU", "BUS", "MED", "REL", "NGO", "CRM"}


def _in_optative(words: list[str], toks: list[Token], i: int, optative: set[str], is_light=None) -> bool:
    """Whether word ``i`` stands in a condition or a wish: after ``যদি`` anywhere in the sentence, or
    after ``যেন``/``যাতে`` up to the next comma ("X নির্দেশ দিয়েছেন, … যেন … না পারে": the order is an
    act, the wish inside it is not)."""
    for k in range(i + 1, len(words)):
        # "… নির্যাতন আমাদের কেউ যেন না করে": the wish word may stand between the act and its verb
        if toks[k].text in _CLAUSE_BREAK or (is_light is not None and is_light(words[k])):
            break
        if words[k] in optative and words[k] != "যদি":
            return True
    for k in range(i - 1, -1, -1):
        if toks[k].text == "," and words[k] != "যদি":
            # a comma closes a যেন/যাতে clause but not a যদি condition before it
            if any(words[j] == "যদি" for j in range(k)):
                return True
            return False
        if words[k] in optative:
            return True
    return False


def _list_object(words: list[str], toks: list[Token], i: int, about: set[str]) -> bool:
    """Whether the bare noun at ``i`` heads a list of nouns that a following ``প্রতিবাদে``/``দাবিতে``/
    ``বিরুদ্ধে`` takes as its object (only nouns, commas and ও up to a genitive before that word)."""
    for k in range(i + 1, min(len(words), i + 10)):
        w = words[k]
        if w in about:
            return k - 1 > i and words[k - 1].endswith(("ের", "র"))
        if toks[k].text in _PUNCT_BREAK:
            return False
    return False


def _subordinate_end(words: list[str], i: int, time_words: set[str]) -> int:
    """The index of the last ``পর``/``আগে`` closing a verbal-noun clause before word ``i``
    ("… চলে যাওয়ার পর"), or -1."""
    for k in range(i - 1, 0, -1):
        if words[k] in time_words and words[k - 1].endswith(("ার", "োর")) and len(words[k - 1]) > 3:
            return k
    return -1


def _ablatives(cands: list[Mention], words: list[str], i: int) -> list[Mention]:
    """Actors before word ``i`` followed by ``থেকে`` ("সেনাবাহিনী থেকে … সরবরাহ করা হয়েছে": the giver)."""
    return [m for m in cands if m.last < i and m.last + 1 < len(words) and words[m.last + 1] == "থেকে"]


_CONNECTORS = frozenset(("ও", "এবং", ",", "আর", "-"))


def _single_connector(words: list[str], lo: int, hi: int) -> bool:
    """Whether ``words[lo:hi]``, bracketed ages and numbers aside, is exactly one connector (``ও``,
    ``এবং``, a comma …): the two mentions around it are coordinated. Stops at the second word."""
    one = None
    for k in range(lo, hi):
        w = words[k]
        if w == "(" or w == ")" or w.isdigit():
            continue
        if one is not None:
            return False
        one = w
    return one in _CONNECTORS


def _impersonal_passive(words: list[str], verb_idx: int | None, aux: set[str], cue_end: int) -> bool:
    """``করা হয়``, ``দেওয়া হয়েছে``, ``পাঠানো হয়``: a verbal noun and a form of হওয়া after the cue
    (``হামলা হয়েছে``, the cue noun itself with হওয়া, is "an attack took place", not a passive)."""
    if verb_idx is None:
        return False
    w = words[verb_idx]
    if w in aux:
        return verb_idx - 1 > cue_end and words[verb_idx - 1].endswith(("া", "ো"))
    return verb_idx + 1 < len(words) and w.endswith(("া", "ো")) and words[verb_idx + 1] in aux


def event_features(ev: Event, how: dict[str, bool]) -> dict[str, float]:
    """The learned filter's view of an event: what the coder knew when it made it (all 0/1)."""
    src, tgt = ev.source, ev.target
    f = {
        "bias": True,
        "src": src is not None, "tgt": tgt is not None,
        "src_linked": src is not None and src.entity is not None,
        "tgt_linked": tgt is not None and tgt.entity is not None,
        "src_sector": src is not None and len(src.code or "") > 3,
        "tgt_sector": tgt is not None and len(tgt.code or "") > 3,
        "negated": ev.negated, "attributed": ev.attributed_to is not None,
        "multiword": " " in ev.trigger.text, "early": ev.sentence < 3,
        "casualties": bool(ev.casualties), "location": ev.location is not None,
        "type=" + ev.type: True, "tgt_inferred": "target" in ev.inferred,
    }
    for k in ("zero", "guessed", "passive", "impersonal", "first_person", "charge", "retyped", "speech"):
        f[k] = bool(how.get(k))
    return {k: 1.0 for k, v in f.items() if v}


@dataclass(frozen=True)
class EventFilter:
    weights: dict
    threshold: float

    def probability(self, feats: dict[str, float]) -> float:
        z = sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
def get_event_filter() -> EventFilter | None:
    """The shipped filter, or None when it is absent or switched off (``KHOBOR_EVENT_FILTER=0``)."""
    if os.environ.get("KHOBOR_EVENT_FILTER", "1").strip() == "0" or not has_data(FILTER_PATH):
        return None
    with data_path(FILTER_PATH).open(encoding="utf-8") as fh:
        d = json.load(fh)
    return EventFilter(weights=d["weights"], threshold=float(d["threshold"]))


FILTER_PATH = "events/filter.json"


def _country_name(kb, cc: str) -> str:
    e = kb.entry(f"loc:country:{cc}")
    return e.name_en if e is not None else cc


def _merge(events: list[Event]) -> list[Event]:
    """The same act told twice in an article (same type, polarity and actors) is one event; for the
    symmetric types the direction does not matter. The first telling is kept, its gaps filled."""
    types = get_lexicon().types
    out: list[Event] = []
    index: dict[tuple, Event] = {}
    for ev in events:
        s = _actor_key(ev.source) if ev.source else "-"
        t = _actor_key(ev.target) if ev.target else "-"
        if types[ev.type].symmetric:
            s, t = sorted((s, t))
        key = (ev.type, ev.negated, s, t)
        kept = index.get(key) if (s, t) != ("-", "-") else None
        if kept is None:
            index[key] = ev
            out.append(ev)
            continue
        kept.casualties = kept.casualties or ev.casualties
        kept.location = kept.location or ev.location
        kept.attributed_to = kept.attributed_to or ev.attributed_to
        kept.confidence = min(0.95, kept.confidence + 0.05)
    # a retelling that names fewer actors ("police → ?" after "police → X") is the same act
    full = {(ev.type, ev.negated, _actor_key(ev.source)) for ev in out if ev.source and ev.target}
    full |= {(ev.type, ev.negated, "t:" + _actor_key(ev.target)) for ev in out if ev.source and ev.target}
    out = [ev for ev in out if not (
        (ev.target is None and ev.source is not None and (ev.type, ev.negated, _actor_key(ev.source)) in full)
        or (ev.source is None and ev.target is not None
            and (ev.type, ev.negated, "t:" + _actor_key(ev.target)) in full))]
    # a retelling that names its actors less precisely ("দলের নেতাকর্মীরা মিছিল করেন" after "ছাত্রদল
    # বিক্ষোভ মিছিল করে"): each side unnamed, or a title of the same actor code as the first telling's
    kept: list[Event] = []
    for ev in out:
        if ev.type not in _RETOLD or not any(
                k.type == ev.type and k.negated == ev.negated and _vaguer(ev.source, k.source)
                and _vaguer(ev.target, k.target) for k in kept):
            kept.append(ev)
    return kept


_LOC_TARGET = frozenset({"ASSAULT", "COERCE"})  # acts done to an organisation named in the locative
# physical acts, told again with vaguer actors; statements (REQUEST, ACCUSE …) by two unnamed people
# of one sector are often two acts (measured on the development gold)
_RETOLD = frozenset({"PROTEST", "ASSAULT", "COERCE", "MOBILIZE"})


def _vaguer(a: Actor | None, b: Actor | None) -> bool:
    """Whether actor ``a`` says no more than ``b``: none, the same, or an unnamed one with b's code."""
    if a is None:
        return True
    if b is None:
        return False
    if _actor_key(a) == _actor_key(b):
        return True
    return a.entity is None and a.code is not None and a.code == b.code
