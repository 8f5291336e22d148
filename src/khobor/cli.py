"""The ``khobor`` command: a thin layer over the Python API (click for options, rich for output).

Every failure a user can cause ends in one line on stderr and a non-zero exit code, never a traceback
(set ``KHOBOR_DEBUG=1`` to see one).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from .errors import InputError, KhoborError

DEFAULT_DB = "khobor.db"
_ISO_DATE = click.DateTime(formats=["%Y-%m-%d"])


def _err(msg: str) -> None:
    click.echo(f"khobor: {msg}", err=True)


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


class _Group(click.Group):
    """Turns every exception into one line on stderr."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KhoborError as exc:
            _err(f"error: {exc}")
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            _err("interrupted")
            ctx.exit(130)
        except BrokenPipeError:
            try:
                sys.stdout = open(os.devnull, "w")
            except OSError:
                pass
            ctx.exit(0)
        except Exception as exc:  # the last line of defence: a bug, reported in one line
            if os.environ.get("KHOBOR_DEBUG"):
                raise
            _err(f"internal error: {type(exc).__name__}: {exc} (set KHOBOR_DEBUG=1 for a traceback)")
            ctx.exit(70)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="khobor")
def main() -> None:
    """khobor — reads Bengali news and turns it into structured, searchable event data."""


# ----------------------------------------------------------------------------- extract

def _published_str(value) -> str | None:
    return value.date().isoformat() if value is not None else None


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="One OUTPUT.md JSON object per article, one per line.")
@click.option("--published", type=_ISO_DATE, help="Reference date (YYYY-MM-DD) when the input carries none.")
@click.option("--format", "fmt", type=click.Choice(["txt", "json", "jsonl", "html"]),
              help="Input format (default: from the file extension or content).")
def extract(paths: tuple[str, ...], as_json: bool, published, fmt: str | None) -> None:
    """Extract entities, dates, counts and events from articles (PATH may be '-' for stdin)."""
    from .pipeline import get_pipeline
    from .readers import iter_records

    pipe = get_pipeline()
    pub = _published_str(published)
    n_ok = n_bad = 0
    last_error: InputError | None = None
    for rec in iter_records(paths, fmt):
        if isinstance(rec, InputError):
            n_bad += 1
            last_error = rec
            _err(f"error: {rec}")
            continue
        try:
            art = pipe.process(rec, pub)
        except InputError as exc:
            n_bad += 1
            last_error = exc
            _err(f"error: {exc}")
            continue
        n_ok += 1
        if as_json:
            click.echo(json.dumps(art.to_dict(), ensure_ascii=False))
        else:
            from .view import render_article

            render_article(art)
    if n_ok == 0:
        if n_bad == 1 and last_error is not None:
            raise SystemExit(last_error.exit_code)
        _err("error: no article could be read")
        raise SystemExit(2)
    if n_bad:
        _err(f"{n_ok} article(s) extracted, {n_bad} record(s) skipped")


# ----------------------------------------------------------------------------- knowledge base

@main.group()
def kb() -> None:
    """Query the knowledge base of people, organisations and places."""


@kb.command("lookup")
@click.argument("name", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True)
def kb_lookup(name: tuple[str, ...], as_json: bool) -> None:
    """Show what NAME resolves to, and why."""
    from .kb import get_kb

    info = get_kb().explain(" ".join(name))
    if as_json:
        click.echo(json.dumps(info, ensure_ascii=False, indent=2))
        return
    from .view import render_kb

    render_kb(info)
    if not info.get("candidates") and not info.get("role") and not info.get("demonym"):
        raise SystemExit(1)


# ----------------------------------------------------------------------------- evaluation

@main.command("eval")
@click.argument("gold", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True)
@click.option("--shared", type=click.Path(file_okay=False), help="The shared data folder (default: ../shared).")
def eval_cmd(gold: str, as_json: bool, shared: str | None) -> None:
    """Score khobor's output against a gold file (ANNOTATION.md rules)."""
    from . import eval as ev
    from .pipeline import get_pipeline

    pipe = get_pipeline()
    report = ev.run(gold, lambda rec: pipe.process(rec).to_dict(), shared=Path(shared) if shared else None)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(ev.format_table(report))


# ----------------------------------------------------------------------------- archive

@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite file or postgresql:// URL.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64))
@click.option("--format", "fmt", type=click.Choice(["txt", "json", "jsonl", "html"]))
@click.option("--published", type=_ISO_DATE, help="Reference date when a record carries none.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def ingest(paths: tuple[str, ...], db: str, workers: int, fmt: str | None, published, quiet: bool) -> None:
    """Extract and store articles (files, directories, JSONL, HTML); idempotent and resumable."""
    from .store.ingest import ingest_paths

    summary = ingest_paths(list(paths), db, workers=workers, fmt=fmt, published=_published_str(published),
                           progress=not quiet)
    for err in summary.errors[:50]:
        _err(f"skipped: {err}")
    if len(summary.errors) > 50:
        _err(f"... and {len(summary.errors) - 50} more skipped records")
    click.echo(summary.describe(), err=True)
    if summary.added == 0 and summary.duplicates == 0 and summary.unchanged == 0 and summary.errors:
        raise SystemExit(2)


@main.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--db", default=DEFAULT_DB, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.option("--source", help="Only this outlet.")
@click.option("--since", type=_ISO_DATE)
@click.option("--until", type=_ISO_DATE)
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
def search(query, db, as_json, source, since, until, limit) -> None:
    """Bengali full-text search over the archive."""
    from .store.database import open_database

    with open_database(db, readonly=True) as store:
        hits = store.search(" ".join(query), source=source, since=_published_str(since),
                            until=_published_str(until), limit=limit)
    if as_json:
        click.echo(json.dumps([h if isinstance(h, dict) else h.to_dict() for h in hits], ensure_ascii=False))
        return
    from .view import render_hits

    render_hits(hits)


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True)
@click.option("--actor", help="Actor name or code (e.g. RUSGOV, 'Vladimir Putin').")
@click.option("--type", "etype", help="PLOVER event type (e.g. ASSAULT).")
@click.option("--since", type=_ISO_DATE)
@click.option("--until", type=_ISO_DATE)
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet", "gdelt"]), default="csv",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Output file (default: stdout).")
def events(db, actor, etype, since, until, fmt, output) -> None:
    """Export coded events (CSV, JSON Lines, Parquet or GDELT-style TSV)."""
    from .store.database import open_database
    from .store.export import export_events

    if fmt == "parquet" and not output:
        raise InputError("--format parquet needs -o FILE")
    with open_database(db, readonly=True) as store:
        n = export_events(store, fmt, output or sys.stdout, actor=actor, type=etype,
                          since=_published_str(since), until=_published_str(until))
    if output:
        _err(f"{n} event(s) written to {output}")


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
def serve(db: str, host: str, port: int) -> None:
    """Serve the web UI to search and browse the archive (read-only)."""
    from .web.app import serve as run_server

    run_server(db, host=host, port=port)


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--no-serve", is_flag=True, help="Extract and ingest only; do not start the web UI.")
def demo(db: str, host: str, port: int, no_serve: bool) -> None:
    """The main job on the embedded demo set: extract the sample article, ingest the demo articles into
    SQLite, open the web UI."""
    from .demo.run import run_demo

    run_demo(db, host=host, port=port, serve=not no_serve)


# ----------------------------------------------------------------------------- speed and scale

@main.command()
@click.option("--articles", default=2000, show_default=True, type=click.IntRange(1, 10_000_000))
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64))
@click.option("--shared", type=click.Path(file_okay=False), help="The shared data folder (default: ../shared).")
@click.option("--peers/--no-peers", default=True, help="Also measure dateparser, bnunicodenormalizer and a baseline NER.")
@click.option("--write", "write_md", type=click.Path(dir_okay=False), help="Write the report to this Markdown file.")
@click.option("--json", "as_json", is_flag=True)
def bench(articles, workers, shared, peers, write_md, as_json) -> None:
    """Measure speed end to end and per stage on real articles, beside peers."""
    from .bench import run_bench

    report = run_bench(n_articles=articles, workers=workers, shared=Path(shared) if shared else None,
                       peers=peers)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(report.to_markdown())
    if write_md:
        Path(write_md).write_text(report.to_markdown(), encoding="utf-8")


@main.command()
@click.argument("input_path")
@click.argument("output_path")
@click.option("--partitions", type=int, help="Repartition the input to this many partitions.")
@click.option("--master", default=None, help="Spark master (default: from spark-submit, else local[*]).")
def spark(input_path: str, output_path: str, partitions: int | None, master: str | None) -> None:
    """Run extraction on Apache Spark: JSONL in, Parquet out (needs `pip install khobor[spark]`)."""
    from .spark import run_spark

    summary = run_spark(input_path, output_path, partitions=partitions, master=master)
    click.echo(summary, err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
