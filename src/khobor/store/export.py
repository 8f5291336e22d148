"""Event exports: CSV (header row), JSON Lines, Parquet (pyarrow) and GDELT-2.0-style TSV.

``export_events(db, fmt, out, actor=None, type=None, since=None, until=None) -> int`` writes every matching
event of the archive (duplicates are never counted: their events are not stored) and returns how many.
``out`` is a file path or an open file (text for csv/jsonl/gdelt, binary or a path for parquet).

CSV and Parquet carry the flat ``events`` columns (:data:`FLAT_COLUMNS`: the table's columns plus the
article's ``headline``, ``outlet``, ``url``, ``published``); JSON Lines carries the same plus the nested
OUTPUT.md-style ``source``/``target``/``trigger``/``location``/``casualties``.

GDELT (``fmt="gdelt"``): tab-separated, no header (like GDELT's files; ``header=True`` adds one), the 61
columns of the GDELT 2.0 event table in their order (:data:`GDELT_COLUMNS`):

- ``GlobalEventID`` = ``events.id``; ``Day`` YYYYMMDD, ``MonthYear`` YYYYMM, ``Year``, ``FractionDate``
  from the event date (else the publication date);
- ``Actor1*`` = the event's source, ``Actor2*`` = its target: ``Code`` the actor code (``RUSGOV``), ``Name``
  the English name, ``CountryCode`` the ISO 3166-1 alpha-3 country (GDELT also uses CAMEO's three-letter
  country codes, which agree with ISO3 for almost every country), ``Type1Code`` the code's sector part
  (``GOV``); known-group, ethnic, religion and other type codes are empty;
- ``IsRootEvent`` 1 when the event is in the article's first two sentences (the lead);
- ``EventCode`` = ``EventBaseCode`` = ``EventRootCode`` = the CAMEO root (khobor codes PLOVER types, which
  map to CAMEO roots only); ``QuadClass``, ``GoldsteinScale``;
- ``NumMentions``/``NumSources``/``NumArticles``: events with the same type, actors and date across the
  article's story (mentions, distinct outlets, distinct articles); ``AvgTone`` empty;
- ``Actor1Geo_*``/``Actor2Geo_*`` empty; ``ActionGeo_Type`` (4 with coordinates, 1 country only),
  ``ActionGeo_FullName``, ``ActionGeo_CountryCode`` (ISO3, not FIPS), ``ActionGeo_Lat``/``Long``;
  ADM codes and FeatureID empty;
- ``DATEADDED`` YYYYMMDDHHMMSS when the article was ingested; ``SOURCEURL`` the article URL (else its id).
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
from pathlib import Path
from typing import IO, Any, Iterable

from ..errors import InputError
from .database import EVENT_COLUMNS, Database

FORMATS = ("csv", "jsonl", "parquet", "gdelt")
FLAT_COLUMNS = EVENT_COLUMNS + ("headline", "outlet", "url", "published")

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS: tuple[str, ...] = (
    ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate")
    + tuple("Actor1" + c for c in _ACTOR) + tuple("Actor2" + c for c in _ACTOR)
    + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone")
    + tuple("Actor1Geo_" + c for c in _GEO) + tuple("Actor2Geo_" + c for c in _GEO)
    + tuple("ActionGeo_" + c for c in _GEO) + ("DATEADDED", "SOURCEURL"))
assert len(GDELT_COLUMNS) == 61


def _flat(ev: dict[str, Any]) -> dict[str, Any]:
    out = {c: ev.get(c) for c in FLAT_COLUMNS}
    out["trigger"] = ev.get("trigger_text") if isinstance(ev.get("trigger"), dict) else ev.get("trigger")
    out["negated"] = bool(ev.get("negated"))
    out["is_root"] = bool(ev.get("is_root"))
    return out


def _s(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, float):
        return f"{v:g}" if v == v else ""
    return str(v).replace("\t", " ").replace("\n", " ").replace("\r", " ")


def _day(ev: dict[str, Any]) -> _dt.date | None:
    for v in (ev.get("date"), ev.get("published")):
        if v and len(str(v)) >= 10:
            try:
                return _dt.date.fromisoformat(str(v)[:10])
            except ValueError:
                continue
    return None


def gdelt_row(ev: dict[str, Any]) -> list[str]:
    """One event as the 61 GDELT 2.0 event-table fields (strings)."""
    d = _day(ev)

    def actor(p: str) -> list[Any]:
        code = ev.get(f"{p}_code") or ""
        sector = code[3:6] if len(code) >= 6 else ""
        return [code, ev.get(f"{p}_name"), ev.get(f"{p}_country") or (code[:3] if len(code) >= 3 else ""),
                "", "", "", "", sector, "", ""]

    lat, lon = ev.get("lat"), ev.get("lon")
    geo_type = 4 if lat is not None and lon is not None else (1 if ev.get("location_country") else None)
    action_geo = [geo_type, ev.get("location_name"), ev.get("location_country"), "", "", lat, lon, ""]
    root = ev.get("cameo_root") or ""
    added = ""
    if ev.get("ingested_at"):
        added = "".join(ch for ch in str(ev["ingested_at"])[:19] if ch.isdigit())
    row = ([ev.get("id"), d.strftime("%Y%m%d") if d else "", d.strftime("%Y%m") if d else "",
            d.year if d else "", f"{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}" if d else ""]
           + actor("source") + actor("target")
           + [1 if ev.get("is_root") else 0, root, root, root, ev.get("quad_class"), ev.get("goldstein"),
              ev.get("num_mentions"), ev.get("num_sources"), ev.get("num_articles"), ""]
           + [""] * 8 + [""] * 8 + action_geo
           + [added, ev.get("url") or ev.get("article_id")])
    return [_s(v) for v in row]


def _open_text(out: Any) -> tuple[IO[str], bool]:
    if isinstance(out, (str, Path)):
        return open(out, "w", encoding="utf-8", newline=""), True
    return out, False


def _parquet_schema():
    import pyarrow as pa

    ints = {"id", "idx", "quad_class", "source_actor_id", "target_actor_id", "killed", "injured", "sentence",
            "trigger_start", "trigger_end", "story_id", "num_mentions", "num_articles", "num_sources"}
    floats = {"goldstein", "lat", "lon", "confidence"}
    bools = {"negated", "is_root"}
    fields = []
    for c in FLAT_COLUMNS:
        t = pa.int64() if c in ints else pa.float64() if c in floats else pa.bool_() if c in bools else pa.string()
        fields.append(pa.field(c, t))
    return pa.schema(fields)


def export_events(db: Database, fmt: str, out: Any, *, actor: str | None = None, type: str | None = None,
                  since: Any = None, until: Any = None, header: bool | None = None) -> int:
    """Write the matching events to ``out`` in ``fmt`` (csv | jsonl | parquet | gdelt); returns the count."""
    fmt = (fmt or "").lower()
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    events: Iterable[dict[str, Any]] = db.iter_events(actor=actor, type=type, since=since, until=until)
    n = 0
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = _parquet_schema()
        if not isinstance(out, (str, Path)) and isinstance(out, io.TextIOBase):
            raise InputError("parquet needs a file path or a binary file")
        writer = pq.ParquetWriter(out, schema)
        try:
            batch: list[dict[str, Any]] = []
            for ev in events:
                batch.append(_flat(ev))
                n += 1
                if len(batch) >= 5000:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    batch = []
            if batch or n == 0:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
        finally:
            writer.close()
        return n
    fh, close = _open_text(out)
    try:
        if fmt == "csv":
            w = csv.writer(fh)
            if header is not False:
                w.writerow(FLAT_COLUMNS)
            for ev in events:
                f = _flat(ev)
                w.writerow(["" if f[c] is None else (int(f[c]) if isinstance(f[c], bool) else f[c])
                            for c in FLAT_COLUMNS])
                n += 1
        elif fmt == "jsonl":
            for ev in events:
                fh.write(json.dumps(ev, ensure_ascii=False) + "\n")
                n += 1
        else:
            if header:
                fh.write("\t".join(GDELT_COLUMNS) + "\n")
            for ev in events:
                fh.write("\t".join(gdelt_row(ev)) + "\n")
                n += 1
    finally:
        if close:
            fh.close()
        else:
            try:
                fh.flush()
            except Exception:  # pragma: no cover
                pass
    return n
