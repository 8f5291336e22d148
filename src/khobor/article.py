"""The document model: one :class:`Article` flows through every stage.

Every layer holds character offsets into ``Article.text`` (Python code points, end exclusive), so that
``article.text[x.start:x.end] == x.text`` for each span.  ``Article.to_dict()`` produces the JSON of
``shared/spec/OUTPUT.md`` (schema ``khobor.article/1``); fields may be added, never changed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "khobor.article/1"


@dataclass(slots=True)
class Span:
    start: int
    end: int


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Entity:
    text: str
    start: int
    end: int
    type: str  # PER | ORG | LOC
    name_en: str | None = None
    linked: bool = False
    code: str | None = None
    country: str | None = None
    kb_id: str | None = None
    lat: float | None = None
    lon: float | None = None
    # extra, not in the contract's required set: actor code when the entity acts as an actor
    # (a capital city used as a metonym for its government: তেহরানের দাবি → IRNGOV)
    actor_code: str | None = None
    source: str = "ner"  # what found it: ner | kb | coref
    kind: str | None = None  # knowledge-base kind: country | city | district | person | party | …
    base_len: int | None = None  # length of the uninflected form at the start of the mention text

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "type": self.type,
            "name_en": self.name_en,
            "linked": self.linked,
            "code": self.code,
            "country": self.country,
            "kb_id": self.kb_id,
        }
        if self.type == "LOC" and self.lat is not None:
            d["lat"] = self.lat
            d["lon"] = self.lon
        return d


@dataclass(slots=True)
class Time:
    text: str
    start: int
    end: int
    value: str | None  # YYYY-MM-DD | YYYY-MM | YYYY
    granularity: str  # day | month | year
    resolved_by: str  # explicit | published | weekday
    calendar: str = "gregorian"  # gregorian | bengali | relative

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "granularity": self.granularity,
            "resolved_by": self.resolved_by,
            "calendar": self.calendar,
        }


@dataclass(slots=True)
class Quantity:
    text: str
    start: int
    end: int
    kind: str  # killed | injured | arrested | missing | kidnapped | money | percent | count
    value: float | int
    approximate: bool = False
    unit: str | None = None
    restated: bool = False  # the same toll said again later in the article

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "value": self.value,
            "approximate": self.approximate,
            "unit": self.unit,
            "restated": self.restated,
        }


@dataclass(slots=True)
class Actor:
    text: str
    name_en: str | None
    code: str | None
    country: str | None
    entity: int | None = None  # index into Article.entities

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name_en": self.name_en,
            "code": self.code,
            "country": self.country,
            "entity": self.entity,
        }


@dataclass(slots=True)
class Event:
    type: str
    mode: str | None
    cameo_root: str
    quad_class: int
    goldstein: float
    source: Actor | None
    target: Actor | None
    trigger: Token
    sentence: int
    negated: bool = False
    attributed_to: Actor | None = None
    date: str | None = None
    location: dict[str, Any] | None = None
    casualties: dict[str, int] | None = None
    confidence: float = 0.5
    # roles ("source", "target") not read from the event's sentence but inferred from the article
    inferred: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "mode": self.mode,
            "cameo_root": self.cameo_root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "negated": self.negated,
            "attributed_to": self.attributed_to.to_dict() if self.attributed_to else None,
            "date": self.date,
            "location": self.location,
            "casualties": self.casualties,
            "sentence": self.sentence,
            "trigger": {"text": self.trigger.text, "start": self.trigger.start, "end": self.trigger.end},
            "confidence": round(self.confidence, 3),
            "inferred": list(self.inferred),
        }


@dataclass
class Article:
    text: str
    id: str | None = None
    headline: str | None = None
    source: str | None = None
    author: str | None = None
    desk: str | None = None
    url: str | None = None
    published: str | None = None  # YYYY-MM-DD
    published_inferred: bool = False
    sentences: list[Span] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # reader notes, e.g. the input line number

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.headline, self.text)

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence containing ``offset`` (binary search; -1 if none)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return mid
        return -1

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "id": self.id,
            "headline": self.headline,
            "source": self.source,
            "author": self.author,
            "desk": self.desk,
            "url": self.url,
            "published": self.published,
            "published_inferred": self.published_inferred,
            "text": self.text,
            "sentences": [{"start": s.start, "end": s.end} for s in self.sentences],
            "entities": [e.to_dict() for e in self.entities],
            "times": [t.to_dict() for t in self.times],
            "quantities": [q.to_dict() for q in self.quantities],
            "events": [e.to_dict() for e in self.events],
        }


def content_id(headline: str | None, text: str) -> str:
    """A stable id for an article without one: a hash of its headline and cleaned text."""
    h = hashlib.sha1(((headline or "") + "\n" + text).encode("utf-8")).hexdigest()
    return "sha1:" + h[:16]
