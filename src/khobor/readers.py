"""Reading articles as they really arrive: plain text, JSON/JSONL records from scrapers, saved HTML.

Every reader yields :class:`Record` objects (raw fields, not yet processed) or, for a bad record in a
batch, an :class:`~khobor.errors.InputError` carrying the file and line number — the caller reports it
and goes on. Reading is streaming: a 100k-line JSONL file is read one line at a time.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

from .errors import InputError
from .text.normalize import has_bengali, normalize, to_ascii_digits

FORMATS = ("txt", "json", "jsonl", "html")
_EXT = {".txt": "txt", ".text": "txt", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
        ".html": "html", ".htm": "html"}

# Field aliases seen in real corpora (OUTPUT.md): the first present, non-empty one wins.
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "_id", "article_id", "uid"),
    "headline": ("headline", "title", "heading"),
    "body": ("body", "text", "content", "article", "article_body", "description"),
    "published": ("published", "date", "publication_date", "pub_date", "published_at", "datetime",
                  "time"),
    "source": ("source", "outlet", "paper_name", "newspaper", "site", "publisher", "sitename"),
    "author": ("author", "writer", "byline", "reporter"),
    "url": ("url", "link", "source_url"),
    "desk": ("desk",),
}
_NULLS = {"", "none", "null", "nan", "n/a", "-"}
_KNOWN = frozenset(n for names in ALIASES.values() for n in names)


@dataclass
class Record:
    """One raw article as read, before any processing."""

    body: str
    id: str | None = None
    headline: str | None = None
    published: str | None = None  # YYYY-MM-DD, parsed
    source: str | None = None
    author: str | None = None
    url: str | None = None
    desk: str | None = None
    where: str | None = None  # file name (or "<stdin>")
    line: int | None = None  # line number in a JSONL file, or index in a JSON list
    extra: dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------- helpers

def _clean(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, list):
        v = ", ".join(str(x) for x in v if x)
    s = str(v).strip()
    if s.lower() in _NULLS:
        return None
    return s


_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


def parse_published(value: Any) -> str | None:
    """A publication date as ``YYYY-MM-DD`` from the formats real corpora use, else ``None``.

    ``2024/08/12``, ``2024-01-02 04:37:50``, ``2022-11-12T10:00:00+06:00``, ``12/11/2022`` (day first, as
    Bangladeshi outlets write), Bengali digits, a Unix timestamp, and Bengali/English month-name dates
    (``১২ নভেম্বর ২০২২``; resolved by the times stage's own parser).
    """
    s = _clean(value)
    if s is None:
        return None
    if isinstance(value, (int, float)) and 10**8 < value < 10**11:
        return datetime.utcfromtimestamp(value).date().isoformat()
    s = to_ascii_digits(normalize(s, fast=True))
    for rx, order in ((_ISO, "ymd"), (_DMY, "dmy")):
        m = rx.search(s)
        if m:
            a, b, c = (int(x) for x in m.groups())
            y, mo, d = (a, b, c) if order == "ymd" else (c, b, a)
            try:
                return date(y, mo, d).isoformat()
            except ValueError:
                continue
    try:
        from .stages.times import find_times

        times, _, _ = find_times(s, None)
        for t in times:
            if t.value and len(t.value) == 10 and t.resolved_by == "explicit":
                return t.value
    except ImportError:  # pragma: no cover - the times stage ships with the package
        pass
    return None


def _pick(obj: dict[str, Any], key: str) -> str | None:
    for name in ALIASES[key]:
        if name in obj:
            v = _clean(obj[name])
            if v is not None:
                return v
    return None


def record_from_dict(obj: Any, *, where: str | None = None, line: int | None = None) -> Record:
    """A :class:`Record` from a scraper's JSON object, accepting the field aliases of OUTPUT.md."""
    if not isinstance(obj, dict):
        raise InputError(f"expected a JSON object, got {type(obj).__name__}", where=where, line=line)
    body = _pick(obj, "body")
    if body is None:
        names = "/".join(ALIASES["body"][:4])
        raise InputError(f"record has no article text (none of {names})", where=where, line=line)
    rid = _pick(obj, "id")
    known = _KNOWN
    return Record(
        body=body,
        id=rid,
        headline=_pick(obj, "headline"),
        published=parse_published(_pick(obj, "published")),
        source=_pick(obj, "source"),
        author=_pick(obj, "author"),
        url=_pick(obj, "url"),
        desk=_pick(obj, "desk"),
        where=where,
        line=line,
        extra={k: v for k, v in obj.items() if k not in known and k in ("category", "gold", "ref")},
    )


# --------------------------------------------------------------------------- plain-text layout

@lru_cache(maxsize=1)
def _boilerplate() -> tuple[tuple[str, str, str], ...]:
    from .data.loader import read_tsv

    return tuple((r["kind"], r["match"], r["pattern"]) for r in read_tsv("lexicon/boilerplate.tsv"))


def classify_line(line: str) -> str | None:
    """``"desk"``, ``"credit"`` or ``None`` for one short line around an article."""
    s = line.strip()
    if len(s) > 60 or s.endswith("।"):
        return None
    for kind, match, pat in _boilerplate():
        if (match == "exact" and s == pat) or (match == "prefix" and s.startswith(pat)) or (
            match == "suffix" and s.endswith(pat) and len(s) <= 40
        ):
            return kind
    return None


_TRAILER_DOMAIN = re.compile(r"^((?:[a-z0-9-]+\.)+[a-z]{2,})\s*/\s*(\S.{0,40})$", re.I)
# editors' initials trailers: "আরআর/এমএস", "এসইউজে/জিকেএস", "এমএইচ/" (Bengali letters and slashes only)
_TRAILER_INITIALS = re.compile("^[\u0980-\u09ff]{1,8}(?:/[\u0980-\u09ff]{1,8})+/?$")


def parse_plain_text(text: str, *, where: str | None = None) -> Record:
    """Read one article laid out as plain text (see ``shared/samples/putin-raisi-phone-call.txt``):
    headline, optional photo credits, optional repeated headline, optional desk/reporter line, body
    paragraphs, optional ``outlet/reporter`` trailer."""
    text = normalize(text)
    lines = [ln.strip() for ln in text.split("\n")]
    lines = [ln for ln in lines if ln]
    if not lines:
        raise InputError("empty article", where=where)
    headline = desk = source = author = None
    # trailer: last line(s)
    extra: dict[str, Any] = {}
    while lines:
        m = _TRAILER_DOMAIN.match(lines[-1])
        if m:
            source, author = m.group(1).lower(), m.group(2).strip()
            lines.pop()
            continue
        if _TRAILER_INITIALS.match(lines[-1]):
            extra["editors"] = lines.pop()
            continue
        break
    # header: headline, credits, repeated headline, desk
    i = 0
    if lines and len(lines) > 1 and len(lines[0]) <= 200 and not lines[0].endswith("।") \
            and classify_line(lines[0]) is None:
        headline = lines[0]
        i = 1
    while i < len(lines) and i < 8:
        kind = classify_line(lines[i])
        if kind == "credit" or (headline and lines[i] == headline):
            i += 1
            continue
        if kind == "desk":
            desk = desk or lines[i]
            i += 1
            continue
        break
    body_lines = [ln for ln in lines[i:] if classify_line(ln) != "credit"]
    if not body_lines:
        raise InputError("no article body after the headline", where=where)
    return Record(body="\n".join(body_lines), headline=headline, source=source, author=author,
                  desk=desk, where=where, extra=extra)


# --------------------------------------------------------------------------- HTML

def parse_html(html: str, *, where: str | None = None) -> Record:
    """Main text, headline, date and byline of a saved news page (trafilatura)."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        raise InputError(f"cannot parse HTML ({type(exc).__name__})", where=where) from None
    if doc is None:
        raise InputError("no article text found in the HTML page", where=where)
    get = (lambda k: getattr(doc, k, None)) if not isinstance(doc, dict) else doc.get
    body = get("text") or ""
    if not body.strip():
        raise InputError("no article text found in the HTML page", where=where)
    return Record(body=body, headline=_clean(get("title")), published=parse_published(get("date")),
                  source=_clean(get("sitename") or get("hostname")), author=_clean(get("author")),
                  url=_clean(get("url")), where=where)


# --------------------------------------------------------------------------- files and streams

def detect_format(path: str, head: str = "") -> str:
    ext = Path(path).suffix.lower()
    if ext in _EXT:
        return _EXT[ext]
    h = head.lstrip("\ufeff \t\r\n")
    if h.startswith("<"):
        return "html"
    if h.startswith("["):
        return "json"
    if h.startswith("{"):
        return "jsonl"
    return "txt"


def _decode(data: bytes, where: str) -> str:
    if not data.strip():
        raise InputError("empty input", where=where)
    if b"\x00" in data[:4096]:
        raise InputError("binary file, not an article (NUL bytes)", where=where)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (undecodable byte at offset {exc.start})", where=where) from None


def _iter_jsonl(fh: Iterable[bytes], where: str) -> Iterator[Record | InputError]:
    for n, raw in enumerate(fh, 1):
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            yield InputError(f"not UTF-8 (undecodable byte at column {exc.start})", where=where, line=n)
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"malformed JSON ({exc.msg} at column {exc.colno})", where=where, line=n)
            continue
        try:
            yield record_from_dict(obj, where=where, line=n)
        except InputError as err:
            yield err


def read_path(path: str, fmt: str | None = None) -> Iterator[Record | InputError]:
    """Records of one file (``-`` is standard input). Raises :class:`InputError` when the whole input
    is unreadable; yields an :class:`InputError` for each bad record of a multi-record file."""
    where = "<stdin>" if path == "-" else path
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r} (use one of {', '.join(FORMATS)})")
    if path != "-":
        p = Path(path)
        if not p.exists():
            raise InputError("no such file", where=where)
        if p.is_dir():
            raise InputError("is a directory (ingest reads directories; extract takes files)", where=where)
    fmt = fmt or (detect_format(path) if path != "-" else None)
    if fmt == "jsonl":  # stream, constant memory
        fh = sys.stdin.buffer if path == "-" else open(path, "rb")
        try:
            yield from _iter_jsonl(fh, where)
        finally:
            if path != "-":
                fh.close()
        return
    data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    text = _decode(data, where)
    fmt = fmt or detect_format("", text[:200])
    if fmt == "jsonl":
        yield from _iter_jsonl(iter(data.splitlines()), where)
    elif fmt == "json":
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"malformed JSON ({exc.msg} at line {exc.lineno})", where=where) from None
        items = obj if isinstance(obj, list) else [obj]
        for n, item in enumerate(items, 1):
            try:
                yield record_from_dict(item, where=where, line=n if isinstance(obj, list) else None)
            except InputError as err:
                if not isinstance(obj, list):
                    raise
                yield err
    elif fmt == "html":
        yield parse_html(text, where=where)
    else:
        yield parse_plain_text(text, where=where)


def iter_paths(paths: Iterable[str]) -> Iterator[str]:
    """Expand directories (recursively, sorted) into the article files they hold."""
    for path in paths:
        p = Path(path)
        if path != "-" and p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in _EXT:
                    yield str(f)
        else:
            yield path


def iter_records(paths: Iterable[str], fmt: str | None = None) -> Iterator[Record | InputError]:
    """Records of many files and directories; an unreadable file is yielded as its error."""
    for path in iter_paths(paths):
        try:
            yield from read_path(path, fmt)
        except InputError as err:
            yield err


def validate(record: Record) -> None:
    """Raise :class:`InputError` for a record that is not a Bengali article."""
    body = record.body
    if not body or not body.strip():
        raise InputError("empty article text", where=record.where, line=record.line)
    if not has_bengali(body, minimum=5):
        raise InputError("no Bengali text in the article (khobor reads Bengali news)",
                         where=record.where, line=record.line)
