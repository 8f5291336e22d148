"""Ingest: extract articles and store them — idempotent, resumable, parallel.

``ingest(db, records, extract=callable, workers=1, progress=callback)`` reads records (``Record`` objects,
dicts, or the ``InputError`` a reader yields for a bad line), extracts each with ``extract(record) ->
Article | dict`` (in ``workers`` processes when > 1; every write happens in this process), and stores it
with :meth:`Database.add_article`.

- **Idempotent**: an article whose id is already stored is skipped (``unchanged``) — records carrying an
  id are even skipped before extraction; without an id the id is a hash of the cleaned text.
- **Resumable**: writes are committed every ``batch_size`` articles; a killed run keeps every committed
  batch (the partial one is rolled back) and the next run skips what is in.
- **Duplicates**: exact (same normalised text) and near (MinHash/LSH, Jaccard >= 0.8) duplicates are
  stored with ``duplicate_of`` and without events, so nothing is counted twice.
- **Bad records** are reported with their file and line number in ``IngestSummary.errors`` and skipped.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from ..errors import InputError, KhoborError, StoreError
from .database import Database, open_database, prepare


@dataclass
class IngestSummary:
    added: int = 0  # new articles stored with their events
    duplicates: int = 0  # exact + near duplicates (stored, marked duplicate_of, events not counted)
    near_duplicates: int = 0  # of which near duplicates
    unchanged: int = 0  # already in the archive: skipped
    skipped: int = 0  # bad records (see errors)
    errors: list[str] = field(default_factory=list)
    events: int = 0
    stories: int = 0  # new stories
    seconds: float = 0.0

    @property
    def processed(self) -> int:
        return self.added + self.duplicates + self.unchanged + self.skipped

    def describe(self) -> str:
        rate = self.processed / self.seconds if self.seconds > 0 else 0.0
        return (f"{self.added} added, {self.duplicates} duplicate(s) ({self.near_duplicates} near), "
                f"{self.unchanged} already in, {self.skipped} skipped; {self.events} event(s), "
                f"{self.stories} new stor{'y' if self.stories == 1 else 'ies'} in {self.seconds:.1f}s "
                f"({rate:.1f} articles/s)")

    def to_dict(self) -> dict[str, Any]:
        return {"added": self.added, "duplicates": self.duplicates, "near_duplicates": self.near_duplicates,
                "unchanged": self.unchanged, "skipped": self.skipped, "errors": list(self.errors),
                "events": self.events, "stories": self.stories, "seconds": round(self.seconds, 3)}


@dataclass
class Progress:
    """What the progress callback receives after each record."""

    done: int
    total: int | None
    added: int
    duplicates: int
    unchanged: int
    skipped: int
    elapsed: float

    @property
    def rate(self) -> float:
        return self.done / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        if self.total is None or self.rate <= 0:
            return None
        return max(0.0, (self.total - self.done) / self.rate)


# ----------------------------------------------------------------------------- workers

_EXTRACT: Callable[[Any], Any] | None = None


def _init_worker(extract: Callable[[Any], Any]) -> None:
    global _EXTRACT
    _EXTRACT = extract


def _where(rec: Any) -> str:
    where, line = getattr(rec, "where", None), getattr(rec, "line", None)
    if isinstance(rec, dict):
        where, line = rec.get("where"), rec.get("line")
    if where and line is not None:
        return f"{where}:{line}"
    if line is not None:
        return f"line {line}"
    return where or "record"


def _work(rec: Any, extract: Callable[[Any], Any] | None = None) -> tuple[str, Any]:
    """Extract + prepare one record: ('ok', Prepared) or ('error', message)."""
    fn = extract or _EXTRACT
    try:
        art = fn(rec)  # type: ignore[misc]
        if art is None:
            return "error", f"{_where(rec)}: extractor returned nothing"
        p = prepare(art)
        if p.where is None and p.line is None:
            p.where, p.line = getattr(rec, "where", None), getattr(rec, "line", None)
        return "ok", p
    except InputError as e:
        msg = str(e)
        return "error", msg if (getattr(e, "where", None) or getattr(e, "line", None) is not None) else \
            f"{_where(rec)}: {msg}"
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as e:  # a bug on one record must not stop a long ingest
        return "error", f"{_where(rec)}: {type(e).__name__}: {e}"


def _record_id(rec: Any) -> str | None:
    rid = rec.get("id") if isinstance(rec, dict) else getattr(rec, "id", None)
    return str(rid) if rid not in (None, "") else None


# ----------------------------------------------------------------------------- ingest

def ingest(db: Database | str, records: Iterable[Any], extract: Callable[[Any], Any], workers: int = 1,
           progress: Callable[[Progress], None] | None = None, batch_size: int = 50,
           total: int | None = None) -> IngestSummary:
    """Extract and store ``records``; see the module docstring.  ``db`` is an open read-write Database (or
    a path/URL, opened and closed here).  Returns an :class:`IngestSummary`."""
    own = not isinstance(db, Database)
    database = open_database(db) if own else db
    if database.readonly:
        raise StoreError("cannot ingest into a read-only archive connection")
    summary = IngestSummary()
    t0 = time.perf_counter()
    pending = 0
    done = 0

    def tick() -> None:
        if progress is not None:
            progress(Progress(done, total, summary.added, summary.duplicates, summary.unchanged, summary.skipped,
                              time.perf_counter() - t0))

    def screened() -> Iterator[tuple[str, Any]]:
        """Records to extract; bad ones and ids already stored are counted here, without extraction."""
        nonlocal done
        for rec in records:
            if isinstance(rec, BaseException):
                summary.skipped += 1
                summary.errors.append(str(rec))
                done += 1
                tick()
                continue
            rid = _record_id(rec)
            if rid is not None and database.has_article(rid):
                summary.unchanged += 1
                done += 1
                tick()
                continue
            yield "rec", rec

    def handle(kind: str, val: Any) -> None:
        nonlocal done, pending
        done += 1
        if kind == "error":
            summary.skipped += 1
            summary.errors.append(val)
        else:
            res = database.add_article(val)
            if res.status == "unchanged":
                summary.unchanged += 1
            elif res.status == "added":
                summary.added += 1
                summary.events += res.events
            else:
                summary.duplicates += 1
                summary.near_duplicates += res.status == "near_duplicate"
            summary.stories += res.new_story
            pending += res.status != "unchanged"
            if pending >= batch_size:
                database.commit()
                pending = 0
        tick()

    pool = None
    try:
        if workers > 1:
            # screening (a database read) stays in this thread; records go to the workers in chunks
            ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
            pool = ctx.Pool(workers, initializer=_init_worker, initargs=(extract,))
            # double-buffered: the workers extract chunk N+1 while this thread stores chunk N
            in_flight = None
            chunk: list[Any] = []

            def flush(chunk: list[Any], in_flight):
                nxt = pool.map_async(_work, chunk, chunksize=4) if chunk else None
                if in_flight is not None:
                    for kind, val in in_flight.get():
                        handle(kind, val)
                return nxt

            for _, rec in screened():
                chunk.append(rec)
                if len(chunk) >= workers * 16:
                    in_flight = flush(chunk, in_flight)
                    chunk = []
            in_flight = flush(chunk, in_flight)
            flush([], in_flight)
        else:
            for _, rec in screened():
                handle(*_work(rec, extract))
        database.commit()
    except BaseException:
        database.rollback()
        raise
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
        summary.seconds = time.perf_counter() - t0
        if own:
            database.close()
    return summary


# ----------------------------------------------------------------------------- from files (the CLI)

def _pipeline_extract(record: Any, published: str | None = None) -> Any:
    global _PIPE
    if _PIPE is None:
        from ..pipeline import get_pipeline

        _PIPE = get_pipeline()
    return _PIPE.process(record, published=published)


_PIPE: Any = None


def estimate_total(paths: Iterable[str]) -> int | None:
    """A cheap record count for the progress bar: lines of JSONL files, one per other file."""
    try:
        from ..readers import iter_paths
    except ImportError:  # pragma: no cover
        return None
    n = 0
    try:
        for p in iter_paths(list(paths)):
            if p == "-":
                return None
            if p.lower().endswith((".jsonl", ".ndjson")):
                with open(p, "rb") as fh:
                    n += sum(1 for line in fh if line.strip())
            elif p.lower().endswith(".json"):
                return None
            else:
                n += 1
    except (OSError, KhoborError):
        return None
    return n


def rich_progress() -> tuple[Callable[[Progress], None], Callable[[], None]]:
    """(callback, finish) drawing a rich progress bar with counts, rate and ETA on stderr."""
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeElapsedColumn,
                               TimeRemainingColumn)

    bar = Bar(TextColumn("[bold]ingest[/bold]"), BarColumn(), MofNCompleteColumn(),
              TextColumn("{task.fields[rate]:.1f}/s"), TimeElapsedColumn(), TextColumn("ETA"),
              TimeRemainingColumn(), TextColumn("{task.fields[counts]}"),
              console=Console(stderr=True), transient=False)
    task = bar.add_task("ingest", total=None, rate=0.0, counts="")
    bar.start()

    def cb(p: Progress) -> None:
        bar.update(task, completed=p.done, total=p.total, rate=p.rate,
                   counts=f"+{p.added} dup {p.duplicates} in {p.unchanged} bad {p.skipped}")

    return cb, bar.stop


def ingest_paths(paths: list[str], db: Database | str, workers: int = 1, fmt: str | None = None,
                 published: str | None = None, progress: bool | Callable[[Progress], None] = False,
                 batch_size: int = 50, extract: Callable[[Any], Any] | None = None) -> IngestSummary:
    """Read files/directories (``khobor.readers.iter_records``), extract each record with the pipeline
    (``published`` = reference date for records without one) and ingest them into ``db``."""
    from ..readers import iter_records

    for p in paths:
        if p != "-" and not Path(p).exists():
            raise InputError(f"no such file or folder: {p}")
    fn = extract or partial(_pipeline_extract, published=published)
    cb, finish = None, None
    if callable(progress):
        cb = progress
    elif progress:
        cb, finish = rich_progress()
    try:
        return ingest(db, iter_records(paths, fmt=fmt), extract=fn, workers=workers, progress=cb,
                      batch_size=batch_size, total=estimate_total(paths) if cb else None)
    finally:
        if finish:
            finish()
