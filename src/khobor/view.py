"""Readable, coloured terminal views (rich) for people at a terminal. No logic lives here."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .article import Article

STYLES = {"PER": "bold cyan", "ORG": "bold magenta", "LOC": "bold green", "TIME": "yellow",
          "QTY": "bold red", "TRIGGER": "underline"}


def _table(title: str | None, *cols: str) -> Table:
    t = Table(title=title)
    for col in cols:
        t.add_column(col)
    return t


def _console() -> Console:
    return Console(highlight=False, soft_wrap=True)


def highlighted_text(doc: Article) -> Text:
    text = Text(doc.text)
    for e in doc.entities:
        text.stylize(STYLES.get(e.type, "bold"), e.start, e.end)
    for t in doc.times:
        text.stylize(STYLES["TIME"], t.start, t.end)
    for q in doc.quantities:
        text.stylize(STYLES["QTY"], q.start, q.end)
    for ev in doc.events:
        text.stylize(STYLES["TRIGGER"], ev.trigger.start, ev.trigger.end)
    return text


def _actor(a) -> str:
    if a is None:
        return "—"
    name = a.name_en or a.text
    return f"{name} ({a.code})" if a.code else name


def render_article(doc: Article, console: Console | None = None) -> None:
    c = console or _console()
    c.rule(Text(doc.headline or "(no headline)", style="bold"))
    meta = []
    for label, value in (("source", doc.source), ("author", doc.author), ("desk", doc.desk),
                         ("published", (doc.published or "?") + (" (inferred)" if doc.published_inferred else "")),
                         ("id", doc.id)):
        if value:
            meta.append(f"[dim]{label}:[/dim] {value}")
    c.print("  ".join(meta))
    c.print(Text("PER ", STYLES["PER"]) + Text("ORG ", STYLES["ORG"]) + Text("LOC ", STYLES["LOC"]) +
            Text("date ", STYLES["TIME"]) + Text("count ", STYLES["QTY"]) + Text("event", STYLES["TRIGGER"]))
    c.print()
    c.print(highlighted_text(doc))
    c.print()
    if doc.entities:
        seen: dict[tuple, int] = {}
        for e in doc.entities:
            key = (e.type, e.name_en or e.text, e.code)
            seen[key] = seen.get(key, 0) + 1
        t = _table("Entities", "type", "name", "code", "mentions")
        for (typ, name, code), n in seen.items():
            t.add_row(Text(typ, STYLES.get(typ, "")), name, code or "", str(n))
        c.print(t)
    if doc.times:
        t = _table("Dates", "text", "value", "resolved by")
        for tm in doc.times:
            t.add_row(tm.text, tm.value or "?", tm.resolved_by)
        c.print(t)
    if doc.quantities:
        t = _table("Counts", "text", "kind", "value")
        for q in doc.quantities:
            v = f"{q.value}{' ≈' if q.approximate else ''}{' (restated)' if q.restated else ''}"
            t.add_row(q.text, q.kind, v + (f" {q.unit}" if q.unit and q.unit != "person" else ""))
        c.print(t)
    if doc.events:
        t = _table("Events (PLOVER)", "#", "type", "source", "target", "date", "where", "trigger", "notes")
        for i, ev in enumerate(doc.events):
            notes = []
            if ev.negated:
                notes.append("NEGATED")
            if ev.attributed_to:
                notes.append("per " + _actor(ev.attributed_to))
            if ev.casualties:
                notes.append(", ".join(f"{k} {v}" for k, v in ev.casualties.items()))
            t.add_row(str(i), ev.type + (f"/{ev.mode}" if ev.mode else ""), _actor(ev.source),
                      _actor(ev.target), ev.date or "", (ev.location or {}).get("name_en") or "",
                      ev.trigger.text, "; ".join(notes))
        c.print(t)


def render_hits(hits: list[Any], console: Console | None = None) -> None:
    c = console or _console()
    if not hits:
        c.print("[dim]no hits[/dim]")
        return
    for h in hits:
        d = h if isinstance(h, dict) else h.to_dict()
        c.print(Text(d.get("headline") or d.get("id") or "", style="bold"),
                Text(f"  {d.get('source') or ''} {d.get('published') or ''}  {d.get('id')}", style="dim"))
        snippet = d.get("snippet") or ""
        text = Text()
        # snippets mark hits with \x02 … \x03 (see store.search)
        bold = False
        for part in snippet.replace("\x03", "\x02").split("\x02"):
            text.append(part, style="bold yellow" if bold else "")
            bold = not bold
        c.print(text)
        c.print()


def render_kb(info: dict[str, Any], console: Console | None = None) -> None:
    c = console or _console()
    c.print(f"[bold]{info.get('query')}[/bold]  [dim](normalised: {info.get('normalized', '')})[/dim]")
    for key in ("demonym", "role"):
        if info.get(key):
            c.print(f"{key}: {info[key]}")
    cands = info.get("candidates") or []
    if not cands:
        c.print("[dim]no knowledge-base entry[/dim]" + (f"; romanised: {info['romanized']}" if info.get("romanized") else ""))
        return
    t = _table(None, "kb_id", "type", "name_en", "code", "country", "lat,lon", "why")
    for cd in cands:
        ll = f"{cd.get('lat')},{cd.get('lon')}" if cd.get("lat") not in (None, "") else ""
        t.add_row(str(cd.get("kb_id")), str(cd.get("type")), str(cd.get("name_en")), str(cd.get("code") or ""),
                  str(cd.get("country") or ""), ll, str(cd.get("why") or ""))
    c.print(t)
