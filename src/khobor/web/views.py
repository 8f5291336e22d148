"""Shapes what the store returns into what the templates draw: highlighted article text (from offsets),
snippet parts, event rows, the timeline chart geometry and the network layout.

Nothing here builds HTML: every piece of text goes to the templates as plain strings, where Jinja2
escapes it.  The store's dicts are read tolerantly (nested OUTPUT.md actors or flat ``source_code``
columns, ``count``/``n``), so the UI keeps working while the store's shapes settle.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import math
import re
from collections import defaultdict
from typing import Any
from urllib.parse import urlencode

from ..text.normalize import normalize

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")

HIT_OPEN, HIT_CLOSE = "\x02", "\x03"


# ----------------------------------------------------------------------------- generic

def plain(x: Any) -> Any:
    """A JSON-able copy of what the store returned (dicts, lists, dataclasses, objects with to_dict)."""
    if x is None or isinstance(x, (str, int, float, bool)):
        return x
    if isinstance(x, dict):
        return {str(k): plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple, set)):
        return [plain(v) for v in x]
    if isinstance(x, (_dt.date, _dt.datetime)):
        return x.isoformat()
    if hasattr(x, "to_dict"):
        return plain(x.to_dict())
    if dataclasses.is_dataclass(x):
        return plain(dataclasses.asdict(x))
    if hasattr(x, "_asdict"):
        return plain(x._asdict())
    if hasattr(x, "keys"):  # sqlite3.Row and friends
        return {k: plain(x[k]) for k in x.keys()}
    return str(x)


def fmtnum(v: Any) -> str:
    if isinstance(v, bool) or v is None:
        return "" if v is None else str(v)
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, float):
        return f"{v:,.0f}" if v == int(v) else f"{v:,.2f}"
    return str(v)


def _first(d: dict[str, Any], *keys: str, default: Any = None) -> Any:
    for k in keys:
        v = d.get(k)
        if v not in (None, ""):
            return v
    return default


def _result(ret: Any, offset: int, limit: int) -> tuple[list[Any], int | None]:
    """(rows, total) from the shapes a store method may return: a list, (list, count), a dict with
    hits/rows/items + total/count, or an object with such attributes."""
    total = None
    rows = ret
    if isinstance(ret, tuple) and len(ret) == 2 and isinstance(ret[1], int):
        rows, total = ret
    elif isinstance(ret, dict):
        rows = _first(ret, "hits", "events", "rows", "items", "results", default=[])
        total = _first(ret, "total", "count")
    elif hasattr(ret, "hits") or hasattr(ret, "rows"):
        rows = getattr(ret, "hits", None) or getattr(ret, "rows", None) or []
        total = getattr(ret, "total", None)
    else:  # a list, maybe a subclass carrying .total / .count
        t = getattr(ret, "total", None)
        if isinstance(t, int):
            total = t
    if not isinstance(total, int) or isinstance(total, bool):
        total = None
    rows = [plain(r) for r in list(rows or [])]
    if total is None:
        total = offset + len(rows) if len(rows) < limit else None
    return rows, total


def _count(db: Any, names: tuple[str, ...], **kw: Any) -> int | None:
    for n in names:
        fn = getattr(db, n, None)
        if callable(fn):
            try:
                v = fn(**kw)
            except TypeError:
                continue
            if isinstance(v, int):
                return v
    return None


def search(db: Any, q: str, *, source: str | None, since: str | None, until: str | None, limit: int,
           offset: int) -> tuple[list[dict[str, Any]], int | None]:
    rows, total = _result(db.search(q, source=source, since=since, until=until, limit=limit, offset=offset),
                          offset, limit)
    if total is None:
        total = _count(db, ("search_count", "count_search", "count"), query=q, source=source, since=since,
                       until=until)
    return rows, total


def events(db: Any, *, actor: str | None, type: str | None, since: str | None, until: str | None,
           limit: int, offset: int) -> tuple[list[dict[str, Any]], int | None]:
    rows, total = _result(db.events(actor=actor, type=type, since=since, until=until, limit=limit,
                                    offset=offset), offset, limit)
    if total is None:
        total = _count(db, ("events_count", "count_events"), actor=actor, type=type, since=since, until=until)
    return rows, total


def sources(raw: Any) -> list[dict[str, Any]]:
    out = []
    for s in plain(raw) or []:
        if isinstance(s, str):
            out.append({"name": s, "count": None})
        elif isinstance(s, dict):
            out.append({"name": _first(s, "name", "source", "outlet", default="?"),
                        "count": _first(s, "count", "n", "articles")})
        elif isinstance(s, list) and s:
            out.append({"name": str(s[0]), "count": s[1] if len(s) > 1 else None})
    return out


def stat_rows(stats: Any) -> list[tuple[str, Any]]:
    if not isinstance(stats, dict):
        return []
    return [(k.replace("_", " "), v) for k, v in stats.items() if isinstance(v, (int, float, str)) and
            not isinstance(v, bool)]


def pager(path: str, params: dict[str, str], page: int, limit: int, total: int | None,
          shown: int) -> dict[str, Any]:
    def link(p: int) -> str:
        qp = {k: v for k, v in params.items() if k != "page" and v}
        if p > 1:
            qp["page"] = str(p)
        return path + ("?" + urlencode(qp) if qp else "")

    has_next = (page * limit < total) if total is not None else shown >= limit
    pages = math.ceil(total / limit) if total else None
    return {"page": page, "pages": pages, "total": total,
            "prev": link(page - 1) if page > 1 else None, "next": link(page + 1) if has_next else None,
            "first": (page - 1) * limit + 1 if shown else 0, "last": (page - 1) * limit + shown}


# ----------------------------------------------------------------------------- search hits

def _split_marked(snippet: str) -> list[tuple[str, bool]]:
    parts: list[tuple[str, bool]] = []
    on = False
    buf = ""
    for ch in snippet:
        if ch in (HIT_OPEN, HIT_CLOSE):
            if buf:
                parts.append((buf, on))
            buf = ""
            on = ch == HIT_OPEN
        else:
            buf += ch
    if buf:
        parts.append((buf, on))
    return parts


_BN_WORD = re.compile(r"[\u0980-\u09FF\u200c\u200d]+|[A-Za-z0-9]+")


def _mark_terms(text: str, q: str) -> list[tuple[str, bool]]:
    """Marks occurrences of the query's words (prefix match, so inflected forms light up too)."""
    terms = sorted({t for t in _BN_WORD.findall(normalize(q)) if len(t) > 1}, key=len, reverse=True)
    if not terms:
        return [(text, False)] if text else []
    rx = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    parts: list[tuple[str, bool]] = []
    pos = 0
    for m in rx.finditer(text):
        if m.start() > pos:
            parts.append((text[pos:m.start()], False))
        parts.append((m.group(0), True))
        pos = m.end()
    if pos < len(text):
        parts.append((text[pos:], False))
    return parts


def hit_parts(snippet: str | None, q: str) -> list[tuple[str, bool]]:
    snippet = normalize(snippet or "")
    if HIT_OPEN in snippet or HIT_CLOSE in snippet:
        return _split_marked(snippet)
    return _mark_terms(snippet, q)


def hit_json(h: dict[str, Any]) -> dict[str, Any]:
    """The hit for /search.json: the snippet without control characters, the hit spans as offsets."""
    d = dict(h)
    snip = d.get("snippet")
    if isinstance(snip, str) and (HIT_OPEN in snip or HIT_CLOSE in snip):
        marks, pos, text = [], 0, ""
        for part, on in _split_marked(snip):
            if on:
                marks.append([pos, pos + len(part)])
            text += part
            pos += len(part)
        d["snippet"], d["snippet_marks"] = text, marks
    return d


def hit_view(h: dict[str, Any], q: str) -> dict[str, Any]:
    hid = str(_first(h, "id", "article_id", default=""))
    snippet = _first(h, "snippet", "excerpt")
    if snippet is None:
        snippet = (h.get("text") or "")[:240]
    return {"id": hid, "headline": _first(h, "headline", "title", default=hid),
            "source": h.get("source"), "published": h.get("published"), "author": h.get("author"),
            "parts": hit_parts(snippet, q), "headline_parts": hit_parts(_first(h, "headline", "title",
                                                                              default=hid), q),
            "duplicate_of": h.get("duplicate_of"), "score": h.get("score")}


# ----------------------------------------------------------------------------- article

def _actor_label(a: Any) -> dict[str, Any] | None:
    if not a:
        return None
    if isinstance(a, str):
        return {"text": a, "name": a, "code": None, "key": a}
    name = _first(a, "name_en", "name", "text", default="?")
    code = a.get("code")
    return {"text": a.get("text"), "name": name, "code": code, "key": code or name}


def _spans(art: dict[str, Any]) -> list[tuple[int, int, str, str, str]]:
    """(start, end, css class, tooltip, anchor) for every layer drawn over the text."""
    text = art.get("text") or ""
    n = len(text)
    out: list[tuple[int, int, str, str, str]] = []

    def add(item: dict[str, Any], cls: str, tip: str, anchor: str) -> None:
        try:
            s, e = int(item["start"]), int(item["end"])
        except (KeyError, TypeError, ValueError):
            return
        s, e = max(0, s), min(n, e)
        if s < e:
            out.append((s, e, cls, tip, anchor))

    group_of = entity_groups(art.get("entities") or [])[1]
    for i, ent in enumerate(art.get("entities") or []):
        et = str(ent.get("type") or "ENT")
        tip = " · ".join(str(x) for x in (et, ent.get("name_en"), ent.get("code")) if x)
        add(ent, f"ent ent-{re.sub(r'[^A-Za-z]', '', et)}", tip, f"ent-{group_of[i]}")
    for i, t in enumerate(art.get("times") or []):
        add(t, "tm", f"date · {t.get('value') or '?'}", f"tm-{i}")
    for i, qn in enumerate(art.get("quantities") or []):
        kind = str(qn.get("kind") or "count")
        tip = f"{kind} · {fmtnum(qn.get('value'))}" + (f" {qn['unit']}" if qn.get("unit") else "")
        add(qn, f"qty qty-{re.sub(r'[^A-Za-z]', '', kind)}", tip, f"qty-{i}")
    for i, ev in enumerate(art.get("events") or []):
        trg = ev.get("trigger") or {}
        if isinstance(trg, dict):
            add(trg, f"trg trg-{re.sub(r'[^A-Za-z]', '', str(ev.get('type') or ''))}",
                f"event · {ev.get('type')}" + (" (negated)" if ev.get("negated") else ""), f"ev-{i}")
    return out


def entity_groups(entities: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[int]]:
    """Mentions of the same entity (type + English name or code, else the surface form) as one row:
    (groups in order of first mention, the group index of each mention)."""
    groups: list[dict[str, Any]] = []
    index: dict[tuple, int] = {}
    of: list[int] = []
    for ent in entities:
        key = (ent.get("type"), ent.get("kb_id") or ent.get("name_en") or ent.get("code") or ent.get("text"))
        if key not in index:
            index[key] = len(groups)
            groups.append({**ent, "mentions": 0, "forms": [], "anchor": f"ent-{len(groups)}",
                           "actor_key": ent.get("code") or ent.get("name_en")})
        g = groups[index[key]]
        g["mentions"] += 1
        if ent.get("text") and ent["text"] not in g["forms"]:
            g["forms"].append(ent["text"])
        of.append(index[key])
    for i, g in enumerate(groups):
        g["anchor"] = f"ent-{i}"
    return groups, of


def highlight_segments(art: dict[str, Any]) -> list[dict[str, Any]]:
    """The article text cut at every annotation boundary; each piece carries the classes of the spans
    that cover it.  Overlapping layers (a trigger inside a casualty count) combine their classes."""
    text = art.get("text") or ""
    spans = _spans(art)
    cuts = sorted({0, len(text), *(s for s, _, _, _, _ in spans), *(e for _, e, _, _, _ in spans)})
    segs: list[dict[str, Any]] = []
    for a, b in zip(cuts, cuts[1:]):
        if a >= b:
            continue
        cover = [sp for sp in spans if sp[0] <= a and b <= sp[1]]
        classes: list[str] = []
        for sp in cover:
            for c in sp[2].split():
                if c not in classes:
                    classes.append(c)
        starts = [sp[4] for sp in cover if sp[0] == a]
        segs.append({"text": text[a:b], "cls": " ".join(classes), "tip": "\n".join(sp[3] for sp in cover),
                     "anchor": starts[0] if starts else None, "refs": " ".join(sp[4] for sp in cover)})
    return segs


def event_view(e: dict[str, Any]) -> dict[str, Any]:
    """One event row, from an OUTPUT.md event (+ article fields) or a flat store row."""
    src = e.get("source") if isinstance(e.get("source"), dict) else None
    tgt = e.get("target") if isinstance(e.get("target"), dict) else None
    if src is None and _first(e, "source_code", "source_name", "source_name_en"):
        src = {"code": e.get("source_code"), "name_en": _first(e, "source_name_en", "source_name"),
               "text": e.get("source_text")}
    if tgt is None and _first(e, "target_code", "target_name", "target_name_en"):
        tgt = {"code": e.get("target_code"), "name_en": _first(e, "target_name_en", "target_name"),
               "text": e.get("target_text")}
    trg = e.get("trigger")
    trigger = trg.get("text") if isinstance(trg, dict) else (trg or e.get("trigger_text"))
    loc = e.get("location")
    location = (loc.get("name_en") or loc.get("name")) if isinstance(loc, dict) else (loc or e.get("location_name"))
    cas = e.get("casualties") if isinstance(e.get("casualties"), dict) else {}
    if not cas:
        cas = {k: e[k] for k in ("killed", "injured") if isinstance(e.get(k), (int, float)) and e.get(k)}
    art = e.get("article") if isinstance(e.get("article"), dict) else {}
    return {"type": e.get("type"), "mode": e.get("mode"), "date": _first(e, "date", "event_date", "published"),
            "source": _actor_label(src), "target": _actor_label(tgt), "trigger": trigger,
            "negated": bool(e.get("negated")), "location": location, "casualties": cas,
            "goldstein": e.get("goldstein"), "confidence": e.get("confidence"),
            "article_id": _first(e, "article_id", "article", default=None) if not art else art.get("id"),
            "headline": _first(e, "headline", "article_headline", default=None) or art.get("headline"),
            "outlet": _first(e, "outlet", "article_source", default=None) or art.get("source"),
            "sentence_text": e.get("sentence_text")}


def article_view(art: dict[str, Any]) -> dict[str, Any]:
    ents = entity_groups(art.get("entities") or [])[0]
    evs = []
    for i, ev in enumerate(art.get("events") or []):
        v = event_view(ev)
        v["anchor"] = f"ev-{i}"
        v["article_id"] = None  # we are on it
        evs.append(v)
    dups = []
    for key in ("duplicates", "near_duplicates", "story_articles", "related"):
        for d in art.get(key) or []:
            if isinstance(d, dict):
                dups.append({"id": _first(d, "id", "article_id"), "headline": _first(d, "headline", "title"),
                             "source": d.get("source"), "similarity": d.get("similarity"), "rel": key})
            elif isinstance(d, str):
                dups.append({"id": d, "headline": None, "source": None, "similarity": None, "rel": key})
    return {"segments": highlight_segments(art), "entities": ents,
            "times": [{**t, "anchor": f"tm-{i}"} for i, t in enumerate(art.get("times") or [])],
            "quantities": [{**q, "anchor": f"qty-{i}"} for i, q in enumerate(art.get("quantities") or [])],
            "events": evs, "related": dups,
            "duplicate_of": art.get("duplicate_of"), "story": art.get("story") or art.get("story_id")}


# ----------------------------------------------------------------------------- timeline

def timeline_rows(raw: Any) -> list[dict[str, Any]]:
    """[{date, type, count}] from rows as dicts ({date|day, type, count|n}) or tuples (date, type, count)."""
    out = []
    for r in plain(raw) or []:
        if isinstance(r, dict):
            date, typ, n = _first(r, "date", "day", "period"), _first(r, "type", default="ALL"), \
                _first(r, "count", "n", "events", default=0)
        elif isinstance(r, list) and len(r) >= 3:
            date, typ, n = r[0], r[1], r[2]
        elif isinstance(r, list) and len(r) == 2:
            date, typ, n = r[0], "ALL", r[1]
        else:
            continue
        if not date:
            continue
        try:
            n = int(n)
        except (TypeError, ValueError):
            continue
        out.append({"date": str(date)[:10], "type": str(typ or "ALL"), "count": n})
    return out


def _parse_day(s: str) -> _dt.date | None:
    for cut in (10, 7, 4):
        try:
            if cut == 10:
                return _dt.date.fromisoformat(s[:10])
            if cut == 7:
                y, m = s[:7].split("-")
                return _dt.date(int(y), int(m), 1)
            return _dt.date(int(s[:4]), 1, 1)
        except (ValueError, TypeError):
            continue
    return None


def timeline_chart(rows: list[dict[str, Any]], width: int = 960, height: int = 300) -> dict[str, Any]:
    """Stacked bars of events per day by type (per month once the range passes 120 days)."""
    days = {r["date"]: _parse_day(r["date"]) for r in rows}
    valid = [d for d in days.values() if d]
    if not valid:
        return {"bars": [], "width": width, "height": height, "legend": [], "ticks": [], "unit": "day",
                "max": 0, "yticks": []}
    lo, hi = min(valid), max(valid)
    monthly = (hi - lo).days > 120
    unit = "month" if monthly else "day"

    def bucket(d: _dt.date) -> _dt.date:
        return d.replace(day=1) if monthly else d

    keys: list[_dt.date] = []
    cur = bucket(lo)
    while cur <= hi:
        keys.append(cur)
        cur = (cur.replace(year=cur.year + (cur.month == 12), month=cur.month % 12 + 1)
               if monthly else cur + _dt.timedelta(days=1))
    counts: dict[_dt.date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    types_seen: dict[str, int] = defaultdict(int)
    for r in rows:
        d = days.get(r["date"])
        if d:
            counts[bucket(d)][r["type"]] += r["count"]
            types_seen[r["type"]] += r["count"]
    order = [t for t in PLOVER_TYPES if t in types_seen] + sorted(t for t in types_seen if t not in PLOVER_TYPES)
    vmax = max((sum(c.values()) for c in counts.values()), default=0) or 1
    left, bottom, top = 40, 30, 10
    plot_w, plot_h = width - left - 10, height - bottom - top
    slot = plot_w / len(keys)
    bw = max(1.0, slot * 0.8)
    bars = []
    for i, k in enumerate(keys):
        y = top + plot_h
        label = k.strftime("%Y-%m") if monthly else k.isoformat()
        for t in order:
            n = counts.get(k, {}).get(t, 0)
            if not n:
                continue
            h = plot_h * n / vmax
            y -= h
            bars.append({"x": round(left + i * slot + (slot - bw) / 2, 2), "y": round(y, 2), "w": round(bw, 2),
                         "h": round(h, 2), "type": t, "cls": "t-" + re.sub(r"[^A-Za-z]", "", t), "count": n,
                         "label": label})
    step = max(1, math.ceil(len(keys) / 10))
    ticks = [{"x": round(left + i * slot + slot / 2, 2), "label": (k.strftime("%Y-%m") if monthly else k.isoformat())}
             for i, k in enumerate(keys) if i % step == 0]
    ystep = max(1, math.ceil(vmax / 5))
    yticks = [{"y": round(top + plot_h - plot_h * v / vmax, 2), "label": v} for v in range(0, vmax + 1, ystep)]
    legend = [{"type": t, "cls": "t-" + re.sub(r"[^A-Za-z]", "", t), "count": types_seen[t]} for t in order]
    return {"bars": bars, "width": width, "height": height, "legend": legend, "ticks": ticks, "unit": unit,
            "max": vmax, "yticks": yticks, "left": left, "top": top, "base": top + plot_h,
            "right": width - 10, "from": keys[0].isoformat(), "to": keys[-1].isoformat()}


# ----------------------------------------------------------------------------- actors

def actor_view(info: dict[str, Any], key: str) -> dict[str, Any]:
    name = _first(info, "name_en", "name", "label", "key", "code", default=key)
    over_time = timeline_rows(_first(info, "timeline", "events_over_time", "over_time", "by_day", default=[]))
    cps = []
    for c in _first(info, "counterparts", "partners", default=[]) or []:
        if isinstance(c, dict):
            ck = _first(c, "key", "code", "name_en", "name", default="?")
            cps.append({"key": ck, "name": _first(c, "name_en", "name", "label", default=ck),
                        "code": c.get("code"), "count": _first(c, "count", "n", "events", default=None),
                        "types": c.get("types")})
        elif isinstance(c, list) and c:
            cps.append({"key": str(c[0]), "name": str(c[0]), "code": None, "count": c[1] if len(c) > 1 else None,
                        "types": None})
    evs = [event_view(e) for e in (_first(info, "events", "recent_events", default=[]) or [])
           if isinstance(e, dict)]
    by_type = _first(info, "by_type", "types", default=None)
    if isinstance(by_type, dict):
        by_type = sorted(by_type.items(), key=lambda kv: -kv[1] if isinstance(kv[1], (int, float)) else 0)
    elif isinstance(by_type, list):
        by_type = [(_first(r, "type", default="?"), _first(r, "count", "n", default=0)) if isinstance(r, dict)
                   else tuple(r[:2]) for r in by_type]
    scalars = [(k.replace("_", " "), v) for k, v in info.items()
               if isinstance(v, (str, int, float)) and not isinstance(v, bool) and k not in ("name_en", "name")]
    return {"name": str(name), "code": info.get("code"), "chart": timeline_chart(over_time, height=200),
            "counterparts": cps, "events": evs, "by_type": by_type or [], "facts": scalars}


# ----------------------------------------------------------------------------- network

def network(raw: Any) -> dict[str, Any]:
    raw = plain(raw) or {}
    nodes, edges = [], []
    for n in raw.get("nodes") or []:
        if isinstance(n, str):
            n = {"id": n}
        nid = str(_first(n, "id", "key", "code", "name", default=""))
        if not nid:
            continue
        nodes.append({**n, "id": nid, "label": str(_first(n, "label", "name_en", "name", "code", default=nid)),
                      "count": _first(n, "count", "events", "weight", "n", default=1)})
    known = {n["id"] for n in nodes}
    for e in raw.get("edges") or raw.get("links") or []:
        if isinstance(e, list) and len(e) >= 2:
            e = {"source": e[0], "target": e[1], "count": e[2] if len(e) > 2 else 1}
        s, t = str(_first(e, "source", "from", default="")), str(_first(e, "target", "to", default=""))
        if not s or not t:
            continue
        for x in (s, t):
            if x not in known:
                known.add(x)
                nodes.append({"id": x, "label": x, "count": 1})
        edges.append({**e, "source": s, "target": t, "count": _first(e, "count", "weight", "n", default=1)})
    return {"nodes": nodes, "edges": edges}


def network_layout(net: dict[str, Any], size: int = 720) -> dict[str, Any]:
    """A circle layout (biggest nodes first, so the heavy actors spread out); the page's script may
    relax it with a small force simulation."""
    nodes = sorted(net["nodes"], key=lambda n: -(n["count"] if isinstance(n["count"], (int, float)) else 0))
    c, r = size / 2, size / 2 - 70
    cmax = max((n["count"] for n in nodes if isinstance(n["count"], (int, float))), default=1) or 1
    pos, out = {}, []
    for i, n in enumerate(nodes):
        a = 2 * math.pi * i / max(1, len(nodes)) - math.pi / 2
        x, y = round(c + r * math.cos(a), 1), round(c + r * math.sin(a), 1)
        cnt = n["count"] if isinstance(n["count"], (int, float)) else 1
        rad = round(4 + 14 * math.sqrt(cnt / cmax), 1)
        pos[n["id"]] = (x, y)
        out.append({"id": n["id"], "label": n["label"], "x": x, "y": y, "r": rad, "count": cnt,
                    "lx": round(x + (rad + 3) * math.cos(a), 1), "ly": round(y + (rad + 3) * math.sin(a) + 4, 1),
                    "anchor": "start" if math.cos(a) >= -1e-9 else "end"})
    wmax = max((e["count"] for e in net["edges"] if isinstance(e["count"], (int, float))), default=1) or 1
    edges = []
    for e in net["edges"]:
        if e["source"] in pos and e["target"] in pos:
            (x1, y1), (x2, y2) = pos[e["source"]], pos[e["target"]]
            w = e["count"] if isinstance(e["count"], (int, float)) else 1
            edges.append({"source": e["source"], "target": e["target"], "x1": x1, "y1": y1, "x2": x2, "y2": y2,
                          "w": round(0.8 + 5 * w / wmax, 2), "count": w,
                          "types": e.get("types")})
    return {"size": size, "nodes": out, "edges": edges}
