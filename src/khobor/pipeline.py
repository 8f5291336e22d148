"""The ordered stages, built once, run per article.

clean → segment → entities (NER + gazetteer + linking) → times → quantities → events.
Each stage is a callable taking the :class:`~khobor.article.Article` and adding its own layer; nothing
reaches back. ``Pipeline`` is built once (models and the knowledge base load here) and reused.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

from .article import Article
from .clean import clean_body
from .errors import InputError
from .readers import Record, parse_plain_text, record_from_dict, validate

Stage = Callable[[Article], None]


class TimesStage:
    name = "times"

    def __init__(self) -> None:
        from .stages.times import find_times

        self._find = find_times

    def __call__(self, doc: Article) -> None:
        times, published, inferred = self._find(doc.text, doc.published, doc.sentences)
        doc.times = times
        if doc.published is None and published:
            doc.published = published
            doc.published_inferred = inferred


class QuantitiesStage:
    name = "quantities"

    def __init__(self) -> None:
        from .stages.quantities import find_quantities

        self._find = find_quantities

    def __call__(self, doc: Article) -> None:
        doc.quantities = self._find(doc.text, doc.sentences)


def _segment() -> Stage:
    from .stages.segment import SegmentStage

    return SegmentStage()


def _entities() -> Stage:
    from .stages.entities import EntityStage

    return EntityStage()


def _events() -> Stage:
    from .stages.events import EventStage

    return EventStage()


STAGES: dict[str, Callable[[], Stage]] = {
    "segment": _segment,
    "entities": _entities,
    "times": TimesStage,
    "quantities": QuantitiesStage,
    "events": _events,
}
DEFAULT_STAGES = ("segment", "entities", "times", "quantities", "events")


@dataclass
class StageTimer:
    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, name: str, dt: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + dt


class Pipeline:
    """Build once, then :meth:`process` many records."""

    def __init__(self, stages: tuple[str, ...] | list[str] = DEFAULT_STAGES, *, timer: StageTimer | None = None):
        self.stage_names = tuple(stages)
        self.stages: list[Stage] = [STAGES[name]() for name in self.stage_names]
        self.timer = timer

    def article(self, record: Record, published: str | None = None) -> Article:
        """Clean and validate a record into an (unprocessed) Article."""
        validate(record)
        text = clean_body(record.body)
        if not text:
            raise InputError("empty article text after cleaning", where=record.where, line=record.line)
        headline = record.headline
        if headline:
            from .text.normalize import normalize

            headline = normalize(headline, fast=True)
        doc = Article(text=text, id=record.id, headline=headline, source=record.source,
                      author=record.author, desk=record.desk, url=record.url,
                      published=record.published or published)
        doc.meta["where"] = record.where
        doc.meta["line"] = record.line
        return doc

    def run(self, doc: Article) -> Article:
        if self.timer is None:
            for stage in self.stages:
                stage(doc)
        else:
            for name, stage in zip(self.stage_names, self.stages):
                t0 = time.perf_counter()
                stage(doc)
                self.timer.add(name, time.perf_counter() - t0)
        return doc

    def process(self, record: Record | dict[str, Any] | str, published: str | None = None) -> Article:
        """Read (if needed), clean and run every stage. ``published`` is the reference date used when
        the record carries none."""
        return self.run(self.article(to_record(record), published))


def to_record(obj: Record | dict[str, Any] | str) -> Record:
    if isinstance(obj, Record):
        return obj
    if isinstance(obj, dict):
        return record_from_dict(obj)
    if isinstance(obj, str):
        return parse_plain_text(obj)
    raise InputError(f"cannot read an article from {type(obj).__name__}")


@lru_cache(maxsize=1)
def get_pipeline() -> Pipeline:
    """The default pipeline, built once per process (the garbage collector is then tuned for bulk
    work: see :mod:`khobor.runtime`)."""
    from .runtime import tune_gc

    pipe = Pipeline()
    tune_gc()
    return pipe
