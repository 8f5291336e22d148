"""The archive: one :class:`Database` API over SQLite and PostgreSQL.

``open_database(url_or_path, readonly=False)`` accepts ``./khobor.db`` (a SQLite file), ``sqlite:///path``
and ``postgresql://user@host:port/db``.  Opening read-write applies the schema migrations
(:mod:`khobor.store.schema`); opening read-only (for serving) never writes: SQLite is opened with the
``mode=ro`` URI, PostgreSQL with ``default_transaction_read_only``.

Writing goes through :meth:`Database.add_article` (see :mod:`khobor.store.ingest` for the batch, resumable,
parallel ingest); reading through ``search``, ``article``, ``events``, ``actor``, ``timeline``,
``network``, ``stats`` and ``sources``.  All SQL is parameterised; the same SQL runs on both engines
(``?`` placeholders are rewritten to ``%s`` for psycopg).
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, NamedTuple

from ..errors import StoreError
from ..text.normalize import normalize
from . import dedup
from .schema import LATEST, MIGRATIONS, statements
from .search import (B, K1, ResultList, SearchHit, bm25_idf, clean_text, index_terms, make_snippet,
                     query_groups)

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
EVENT_COLUMNS = (
    "id", "article_id", "idx", "type", "mode", "cameo_root", "quad_class", "goldstein", "source_actor_id",
    "target_actor_id", "source_code", "target_code", "source_name", "target_name", "source_text",
    "target_text", "source_country", "target_country", "attributed_code", "attributed_name", "negated",
    "date", "location_name", "location_country", "lat", "lon", "killed", "injured", "sentence",
    "sentence_text", "trigger", "trigger_start", "trigger_end", "confidence", "story_id", "event_key",
    "is_root", "num_mentions", "num_articles", "num_sources")


class TimelineRow(NamedTuple):
    date: str
    type: str
    count: int


# ----------------------------------------------------------------------------- prepared articles

@dataclass
class Prepared:
    """An extracted article with everything derived for storage (computed in ingest workers)."""

    doc: dict[str, Any]
    content_hash: str
    signature: bytes
    terms: dict[str, int]
    n_terms: int
    where: str | None = None
    line: int | None = None


def prepare(article: Any) -> Prepared:
    """An :class:`~khobor.article.Article` (or its OUTPUT.md dict) made ready for :meth:`Database.add_article`."""
    if hasattr(article, "to_dict"):
        meta = getattr(article, "meta", {}) or {}
        doc = article.to_dict()
    elif isinstance(article, dict):
        meta = {}
        doc = dict(article)
    else:
        raise StoreError(f"cannot store a {type(article).__name__}")
    text = clean_text(normalize(doc.get("text") or ""))
    if not text.strip():
        raise StoreError("article has no text")
    doc["text"] = text
    if doc.get("headline"):
        doc["headline"] = normalize(str(doc["headline"]))
    if not doc.get("id"):
        from ..article import content_id

        doc["id"] = content_id(doc.get("headline"), text)
    doc["id"] = str(doc["id"])
    terms, n = index_terms(doc.get("headline"), text)
    words = dedup.folded_words(text)  # once for both the hash and the signature
    sig = dedup.words_signature(words)
    return Prepared(doc=doc, content_hash=dedup.words_hash(words), signature=dedup.to_bytes(sig), terms=terms,
                    n_terms=n, where=meta.get("where"), line=meta.get("line"))


@dataclass
class AddResult:
    status: str  # added | duplicate | near_duplicate | unchanged
    id: str
    duplicate_of: str | None = None
    similarity: float | None = None
    story_id: int | None = None
    events: int = 0
    new_story: bool = False


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def _date_str(v: Any) -> str | None:
    if v is None or v == "":
        return None
    if isinstance(v, (_dt.date, _dt.datetime)):
        return v.isoformat()[:10]
    s = str(v).strip()
    if not _DATE.match(s):
        raise StoreError(f"not a date (YYYY-MM-DD): {s!r}")
    return s


def _shift(day: str | None, days: int) -> str | None:
    if not day or len(day) < 10:
        return None
    try:
        return (_dt.date.fromisoformat(day[:10]) + _dt.timedelta(days=days)).isoformat()
    except ValueError:
        return None


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _actor_key(kb_id: Any, code: Any, name_en: Any) -> str | None:
    if kb_id:
        return str(kb_id)
    if code or name_en:
        return f"{code or ''}|{name_en or ''}"
    return None


# ----------------------------------------------------------------------------- the database

class Database:
    """The archive over one connection.  Not thread-safe: open one per thread (the web app does)."""

    dialect = "sqlite"

    def __init__(self, conn: Any, *, url: str, readonly: bool) -> None:
        self.conn = conn
        self.url = url
        self.readonly = readonly
        self._actor_cache: dict[str, int] = {}

    # ------------------------------------------------------------------ plumbing (backends override)
    def _sql(self, sql: str) -> str:
        return sql

    def _cursor(self, sql: str, params: Iterable[Any] = ()) -> Any:
        try:
            return self.conn.execute(self._sql(sql), tuple(params))
        except StoreError:
            raise
        except Exception as e:  # driver errors become StoreError with the engine's message
            raise self._wrap(e) from e

    def _wrap(self, e: Exception) -> StoreError:
        return StoreError(f"{type(e).__name__}: {e}")

    def execute(self, sql: str, params: Iterable[Any] = ()) -> None:
        self._cursor(sql, params)

    def rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        cur = self._cursor(sql, params)
        return [self._row(r, cur) for r in cur.fetchall()]

    def one(self, sql: str, params: Iterable[Any] = ()) -> dict[str, Any] | None:
        cur = self._cursor(sql, params)
        r = cur.fetchone()
        return self._row(r, cur) if r is not None else None

    def scalar(self, sql: str, params: Iterable[Any] = ()) -> Any:
        cur = self._cursor(sql, params)
        r = cur.fetchone()
        if r is None:
            return None
        return r[0] if not isinstance(r, dict) else next(iter(r.values()))

    def _row(self, r: Any, cur: Any) -> dict[str, Any]:
        return dict(r)

    def commit(self) -> None:
        try:
            self.conn.commit()
        except Exception as e:
            raise self._wrap(e) from e

    def rollback(self) -> None:
        try:
            self.conn.rollback()
        except Exception:  # pragma: no cover - best effort
            pass

    def close(self) -> None:
        try:
            self.conn.close()
        except Exception:  # pragma: no cover
            pass

    def __enter__(self) -> "Database":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if not self.readonly:
            if exc_type is None:
                self.commit()
            else:
                self.rollback()
        self.close()

    def _table_exists(self, name: str) -> bool:  # pragma: no cover - backends override
        raise NotImplementedError

    def _lock_for_migration(self) -> None:
        pass

    # ------------------------------------------------------------------ migrations
    def schema_version(self) -> int:
        if not self._table_exists("schema_migrations"):
            return 0
        return int(self.scalar("SELECT COALESCE(MAX(version), 0) FROM schema_migrations") or 0)

    def migrate(self) -> list[int]:
        """Apply pending migrations (each in its own transaction); returns the versions applied."""
        self._begin()
        self._lock_for_migration()
        self.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                     "name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        self.commit()
        applied = []
        for version, name, stmts in MIGRATIONS:
            self._begin()
            self._lock_for_migration()
            if self.scalar("SELECT COUNT(*) FROM schema_migrations WHERE version = ?", (version,)):
                self.commit()
                continue
            try:
                for s in statements(self.dialect, stmts):
                    self.execute(s)
                self.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                             (version, name, _now()))
                self.commit()
            except Exception:
                self.rollback()
                raise
            applied.append(version)
        return applied

    def _begin(self) -> None:
        pass

    def check_schema(self) -> None:
        v = self.schema_version()
        if v == 0:
            raise StoreError(f"{self.url}: not a khobor archive (no schema); create it with `khobor ingest`")
        if v < LATEST:
            raise StoreError(f"{self.url}: archive schema {v} is older than {LATEST}; open it read-write "
                             f"once (e.g. `khobor ingest`) to migrate")

    # ------------------------------------------------------------------ writing
    def has_article(self, article_id: str) -> bool:
        return self.scalar("SELECT 1 FROM articles WHERE id = ?", (str(article_id),)) is not None

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        ids = [str(i) for i in ids if i]
        out: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            out.update(r["id"] for r in self.rows(f"SELECT id FROM articles WHERE id IN ({_marks(len(chunk))})",
                                                  chunk))
        return out

    def add(self, article: Any) -> AddResult:
        """Prepare and store one Article (or OUTPUT.md dict); the caller commits."""
        return self.add_article(prepare(article))

    def add_article(self, p: Prepared) -> AddResult:
        """Store one prepared article: unchanged if its id is in; else recorded as an exact or near
        duplicate of an earlier article, or added (with its events) to a new or existing story.
        The caller commits (the ingest commits in batches)."""
        if self.readonly:
            raise StoreError("the archive is open read-only")
        self._begin()
        doc = p.doc
        aid = doc["id"]
        if self.has_article(aid):
            return AddResult("unchanged", aid)
        sig = dedup.from_bytes(p.signature)
        dup_of, sim, kind = None, None, None
        row = self.one("SELECT id, duplicate_of FROM articles WHERE content_hash = ? ORDER BY duplicate_of "
                       "IS NOT NULL LIMIT 1", (p.content_hash,))
        if row:
            dup_of, sim, kind = row["duplicate_of"] or row["id"], 1.0, "exact"
        else:
            best = self._lsh_best("dup", sig, dedup.NEAR_DUP_THRESHOLD)
            if best and best[1] >= dedup.NEAR_DUP_THRESHOLD:
                dup_of, sim, kind = best[0], best[1], "near"
        published = doc.get("published")
        new_story = False
        if dup_of:
            story_id = self.scalar("SELECT story_id FROM articles WHERE id = ?", (dup_of,))
        else:
            story_id = self._find_story(doc, sig)
        if story_id is None:
            story_id = self._insert_id(
                "INSERT INTO stories (headline, first_article, first_published, last_published, num_articles, "
                "num_sources, created_at) VALUES (?, ?, ?, ?, 0, 0, ?) RETURNING id",
                (doc.get("headline"), aid, published, published, _now()))
            new_story = True
        events = [] if dup_of else list(doc.get("events") or [])
        self.execute(
            "INSERT INTO articles (id, source, url, headline, author, desk, published, published_inferred, text, "
            "content_hash, minhash, story_id, duplicate_of, dup_kind, similarity, n_terms, n_events, ingested_at, "
            "json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (aid, doc.get("source"), doc.get("url"), doc.get("headline"), doc.get("author"), doc.get("desk"),
             published, int(bool(doc.get("published_inferred"))), doc["text"], p.content_hash,
             self._blob(p.signature), story_id, dup_of, kind, sim, p.n_terms, len(events), _now(),
             json.dumps(doc, ensure_ascii=False)))
        self._insert_layers(doc)
        self._insert_terms(aid, p.terms)
        if not dup_of:
            for kind_, thr in (("dup", dedup.NEAR_DUP_THRESHOLD), ("story", dedup.STORY_THRESHOLD)):
                self._executemany("INSERT INTO lsh (kind, band, bkey, article_id) VALUES (?, ?, ?, ?)",
                                  [(kind_, b, k, aid) for b, k in dedup.band_keys(sig, thr)])
            self._insert_events(doc, story_id, events)
        self._update_story(story_id)
        status = "added" if not dup_of else ("duplicate" if kind == "exact" else "near_duplicate")
        return AddResult(status, aid, dup_of, sim, story_id, len(events), new_story)

    # -- helpers for add_article
    def _blob(self, b: bytes) -> Any:
        return b

    def _executemany(self, sql: str, rows: list[tuple]) -> None:
        if not rows:
            return
        try:
            self.conn.executemany(self._sql(sql), rows)
        except Exception as e:
            raise self._wrap(e) from e

    def _insert_id(self, sql: str, params: tuple) -> int:
        return int(self.scalar(sql, params))

    def _lsh_best(self, kind: str, sig: Any, threshold: float,
                  extra: str = "", extra_params: tuple = ()) -> tuple[str, float] | None:
        keys = dedup.band_keys(sig, threshold)
        # each OR term names the whole index key (kind, band, bkey), so the planner probes the index per band
        cond = " OR ".join("(l.kind = ? AND l.band = ? AND l.bkey = ?)" for _ in keys)
        params: list[Any] = []
        for b, k in keys:
            params += [kind, b, k]
        cands = self.rows(f"SELECT DISTINCT l.article_id AS id, a.minhash AS minhash, a.published AS published "
                          f"FROM lsh l JOIN articles a ON a.id = l.article_id WHERE ({cond}){extra}",
                          params + list(extra_params))
        best = None
        for c in cands:
            s = dedup.similarity(sig, dedup.from_bytes(c["minhash"]))
            if best is None or s > best[1]:
                best = (c["id"], s)
        return best

    def _entity_keys(self, doc: dict[str, Any]) -> set[str]:
        return {str(e["kb_id"]) for e in doc.get("entities") or [] if e.get("linked") and e.get("kb_id")}

    def _find_story(self, doc: dict[str, Any], sig: Any) -> int | None:
        """An existing story for this (non-duplicate) article: text similarity at the story threshold, or
        enough shared linked entities (>= 3 and Jaccard >= 0.5), within STORY_DAYS days."""
        published = doc.get("published")
        lo, hi = _shift(published, -dedup.STORY_DAYS), _shift(published, dedup.STORY_DAYS)
        extra, extra_params = "", ()
        if lo and hi:
            extra = " AND (a.published IS NULL OR (a.published >= ? AND a.published <= ?))"
            extra_params = (lo, hi)
        best = self._lsh_best("story", sig, dedup.STORY_THRESHOLD, extra, extra_params)
        if best and best[1] >= dedup.STORY_THRESHOLD:
            return self.scalar("SELECT story_id FROM articles WHERE id = ?", (best[0],))
        keys = self._entity_keys(doc)
        if len(keys) < 3 or not (lo and hi):
            return None
        kl = sorted(keys)
        rows = self.rows(
            "SELECT e.article_id AS id, COUNT(DISTINCT e.kb_id) AS shared FROM entities e "
            "JOIN articles a ON a.id = e.article_id WHERE e.linked = 1 AND a.duplicate_of IS NULL "
            f"AND e.kb_id IN ({_marks(len(kl))}) AND a.published >= ? AND a.published <= ? "
            "GROUP BY e.article_id HAVING COUNT(DISTINCT e.kb_id) >= 3", kl + [lo, hi])
        best_id, best_j = None, 0.0
        for r in rows:
            total = self.scalar("SELECT COUNT(DISTINCT kb_id) FROM entities WHERE article_id = ? "
                                "AND linked = 1 AND kb_id IS NOT NULL", (r["id"],)) or 0
            union = len(keys) + int(total) - int(r["shared"])
            j = int(r["shared"]) / union if union else 0.0
            if j >= 0.5 and j > best_j:
                best_id, best_j = r["id"], j
        if best_id is None:
            return None
        return self.scalar("SELECT story_id FROM articles WHERE id = ?", (best_id,))

    def _insert_layers(self, doc: dict[str, Any]) -> None:
        aid, text = doc["id"], doc["text"]
        sents = doc.get("sentences") or []
        self._executemany("INSERT INTO sentences (article_id, idx, start_offset, end_offset, text) VALUES (?, ?, ?, ?, ?)",
                          [(aid, i, s["start"], s["end"], text[s["start"]:s["end"]]) for i, s in enumerate(sents)])
        ents = []
        for i, e in enumerate(doc.get("entities") or []):
            actor_id = None
            if e.get("linked") or e.get("code"):
                actor_id = self._actor_id(e.get("kb_id"), e.get("code"), e.get("name_en"), e.get("country"),
                                          e.get("type"))
            ents.append((aid, i, e.get("start", 0), e.get("end", 0), e.get("text") or "", e.get("type"),
                         e.get("name_en"), int(bool(e.get("linked"))), e.get("code"), e.get("country"),
                         e.get("kb_id"), e.get("lat"), e.get("lon"), actor_id))
        self._executemany("INSERT INTO entities (article_id, idx, start_offset, end_offset, text, type, name_en, linked, "
                          "code, country, kb_id, lat, lon, actor_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          ents)
        self._executemany("INSERT INTO times (article_id, idx, start_offset, end_offset, text, value, granularity, "
                          "resolved_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                          [(aid, i, t.get("start", 0), t.get("end", 0), t.get("text") or "", t.get("value"),
                            t.get("granularity"), t.get("resolved_by")) for i, t in enumerate(doc.get("times") or [])])
        qs = []
        for i, q in enumerate(doc.get("quantities") or []):
            try:
                val = float(q.get("value")) if q.get("value") is not None else None
            except (TypeError, ValueError):
                val = None
            qs.append((aid, i, q.get("start", 0), q.get("end", 0), q.get("text") or "", q.get("kind"), val,
                       int(bool(q.get("approximate"))), q.get("unit")))
        self._executemany("INSERT INTO quantities (article_id, idx, start_offset, end_offset, text, kind, value, "
                          "approximate, unit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", qs)

    def _insert_terms(self, aid: str, terms: dict[str, int]) -> None:
        self._executemany("INSERT INTO terms (term, article_id, tf) VALUES (?, ?, ?)",
                          [(t, aid, n) for t, n in terms.items()])

    def _actor_id(self, kb_id: Any, code: Any, name_en: Any, country: Any = None, typ: Any = None) -> int | None:
        key = _actor_key(kb_id, code, name_en)
        if key is None:
            return None
        hit = self._actor_cache.get(key)
        if hit is not None:
            return hit
        self.execute("INSERT INTO actors (key, kb_id, code, name_en, country, type) VALUES (?, ?, ?, ?, ?, ?) "
                     "ON CONFLICT (key) DO NOTHING", (key, kb_id, code, name_en, country, typ))
        aid = int(self.scalar("SELECT id FROM actors WHERE key = ?", (key,)))
        self._actor_cache[key] = aid
        return aid

    def _event_actor(self, a: dict[str, Any] | None, ents: list[dict[str, Any]]) -> tuple:
        if not a:
            return None, None, None, None, None
        kb_id = None
        idx = a.get("entity")
        ent = ents[idx] if isinstance(idx, int) and 0 <= idx < len(ents) else None
        if ent is not None:
            kb_id = ent.get("kb_id")
        actor_id = self._actor_id(kb_id, a.get("code"), a.get("name_en"), a.get("country"),
                                  ent.get("type") if ent else None)
        return actor_id, a.get("code"), a.get("name_en"), a.get("text"), a.get("country")

    def _insert_events(self, doc: dict[str, Any], story_id: int, events: list[dict[str, Any]]) -> None:
        aid, text = doc["id"], doc["text"]
        ents = doc.get("entities") or []
        sents = doc.get("sentences") or []
        rows = []
        for i, ev in enumerate(events):
            s_id, s_code, s_name, s_text, s_cty = self._event_actor(ev.get("source"), ents)
            t_id, t_code, t_name, t_text, t_cty = self._event_actor(ev.get("target"), ents)
            att = ev.get("attributed_to") or {}
            loc = ev.get("location") or {}
            cas = ev.get("casualties") or {}
            trg = ev.get("trigger") or {}
            si = ev.get("sentence")
            stext = None
            if isinstance(si, int) and 0 <= si < len(sents):
                stext = text[sents[si]["start"]:sents[si]["end"]]
            date = ev.get("date") or doc.get("published")
            key = "|".join(str(x or "") for x in (ev.get("type"), s_code or s_name, t_code or t_name, date))
            rows.append((aid, i, ev.get("type") or "", ev.get("mode"), ev.get("cameo_root"), ev.get("quad_class"),
                         ev.get("goldstein"), s_id, t_id, s_code, t_code, s_name, t_name, s_text, t_text, s_cty,
                         t_cty, att.get("code"), att.get("name_en"), int(bool(ev.get("negated"))), date,
                         loc.get("name_en") or loc.get("name"), loc.get("country"), loc.get("lat"), loc.get("lon"),
                         cas.get("killed"), cas.get("injured"), si, stext, trg.get("text"), trg.get("start"),
                         trg.get("end"), ev.get("confidence"), story_id, key,
                         int(isinstance(si, int) and si <= 1)))
        self._executemany(
            "INSERT INTO events (article_id, idx, type, mode, cameo_root, quad_class, goldstein, source_actor_id, "
            "target_actor_id, source_code, target_code, source_name, target_name, source_text, target_text, "
            "source_country, target_country, attributed_code, attributed_name, negated, date, location_name, "
            "location_country, lat, lon, killed, injured, sentence, sentence_text, trigger, trigger_start, "
            "trigger_end, confidence, story_id, event_key, is_root) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows)

    def _update_story(self, story_id: int) -> None:
        self.execute(
            "UPDATE stories SET num_articles = (SELECT COUNT(*) FROM articles a WHERE a.story_id = stories.id), "
            "num_sources = (SELECT COUNT(DISTINCT COALESCE(a.source, '')) FROM articles a "
            "WHERE a.story_id = stories.id), "
            "first_published = (SELECT MIN(a.published) FROM articles a WHERE a.story_id = stories.id), "
            "last_published = (SELECT MAX(a.published) FROM articles a WHERE a.story_id = stories.id) "
            "WHERE id = ?", (story_id,))
        self.execute(
            "UPDATE events SET "
            "num_mentions = (SELECT COUNT(*) FROM events e2 WHERE e2.story_id = events.story_id "
            "AND e2.event_key = events.event_key), "
            "num_articles = (SELECT COUNT(DISTINCT e2.article_id) FROM events e2 WHERE e2.story_id = events.story_id "
            "AND e2.event_key = events.event_key), "
            "num_sources = (SELECT COUNT(DISTINCT COALESCE(a.source, '')) FROM events e2 JOIN articles a ON "
            "a.id = e2.article_id WHERE e2.story_id = events.story_id AND e2.event_key = events.event_key) "
            "WHERE story_id = ?", (story_id,))

    # ------------------------------------------------------------------ search
    def _search_parts(self, query: str, source: str | None, since: Any, until: Any,
                      include_duplicates: bool) -> tuple[str, list[Any], str, list[Any], list]:
        groups = query_groups(query)
        if not groups:
            return "", [], "", [], []
        ctes, cparams = [], []
        for i, g in enumerate(groups):
            ctes.append(f"g{i} AS (SELECT article_id, MAX(tf) AS tf FROM terms WHERE term IN ({_marks(len(g))}) "
                        "GROUP BY article_id)")
            cparams += list(g)
        joins = " ".join(f"JOIN g{i} ON g{i}.article_id = a.id" for i in range(len(groups)))
        where, wparams = [], []
        if not include_duplicates:
            where.append("a.duplicate_of IS NULL")
        if source:
            where.append("LOWER(a.source) = LOWER(?)")
            wparams.append(normalize(source).strip())
        if since:
            where.append("a.published >= ?")
            wparams.append(_date_str(since))
        if until:
            where.append("a.published <= ?")
            wparams.append(_date_str(until))
        tail = joins + (" WHERE " + " AND ".join(where) if where else "")
        return "WITH " + ", ".join(ctes), cparams, tail, wparams, groups

    def search(self, query: str, source: str | None = None, since: Any = None, until: Any = None,
               limit: int = 20, offset: int = 0, include_duplicates: bool = False) -> ResultList:
        """Articles matching every word of ``query`` (inflected forms and both য় encodings included),
        best first (BM25), optionally only from ``source`` and published in [since, until].  Returns a list
        of :class:`SearchHit` with ``.total`` = the number of matches in all."""
        with_sql, cparams, tail, wparams, groups = self._search_parts(query, source, since, until,
                                                                      include_duplicates)
        if not groups:
            return ResultList([], 0)
        limit, offset = max(0, int(limit)), max(0, int(offset))
        total = int(self.scalar(f"{with_sql} SELECT COUNT(*) FROM articles a {tail}", cparams + wparams) or 0)
        if total == 0 or limit == 0:
            return ResultList([], total)
        n_docs = int(self.scalar("SELECT COUNT(*) FROM articles") or 0) or 1
        avg = float(self.scalar("SELECT AVG(n_terms) FROM articles") or 1.0) or 1.0
        score_parts, sparams = [], []
        for i, g in enumerate(groups):
            df = int(self.scalar(f"SELECT COUNT(DISTINCT article_id) FROM terms WHERE term IN ({_marks(len(g))})",
                                 list(g)) or 0)
            score_parts.append(f"(? * g{i}.tf * ? / (g{i}.tf + ? * (? + ? * a.n_terms / ?)))")
            sparams += [bm25_idf(n_docs, df), K1 + 1, K1, 1 - B, B, avg]
        sql = (f"{with_sql} SELECT a.id, a.headline, a.source, a.published, a.author, a.url, a.text, "
               f"a.duplicate_of, a.story_id, ({' + '.join(score_parts)}) AS score FROM articles a {tail} "
               "ORDER BY score DESC, a.published DESC, a.id LIMIT ? OFFSET ?")
        rows = self.rows(sql, cparams + sparams + wparams + [limit, offset])
        hits = []
        for r in rows:
            snippet, marks = make_snippet(r["text"], groups)
            hits.append(SearchHit(id=r["id"], headline=r["headline"], source=r["source"], published=r["published"],
                                  author=r["author"], url=r["url"], snippet=snippet, marks=marks,
                                  score=float(r["score"] or 0.0), duplicate_of=r["duplicate_of"],
                                  story_id=r["story_id"]))
        return ResultList(hits, total)

    def search_count(self, query: str, source: str | None = None, since: Any = None, until: Any = None,
                     include_duplicates: bool = False) -> int:
        with_sql, cparams, tail, wparams, groups = self._search_parts(query, source, since, until,
                                                                      include_duplicates)
        if not groups:
            return 0
        return int(self.scalar(f"{with_sql} SELECT COUNT(*) FROM articles a {tail}", cparams + wparams) or 0)

    # ------------------------------------------------------------------ articles
    def article(self, article_id: str) -> dict[str, Any] | None:
        """The stored OUTPUT.md dict plus ``duplicate_of``, ``dup_kind``, ``similarity``, ``story_id``,
        ``story`` (the story id), ``duplicates`` (articles recorded as duplicates of this one) and
        ``story_articles`` (the other articles of its story); None when absent."""
        r = self.one("SELECT id, json, duplicate_of, dup_kind, similarity, story_id, ingested_at FROM articles "
                     "WHERE id = ?", (str(article_id),))
        if not r:
            return None
        doc = json.loads(r["json"])
        doc.update(duplicate_of=r["duplicate_of"], dup_kind=r["dup_kind"], similarity=r["similarity"],
                   story_id=r["story_id"], story=r["story_id"], ingested_at=r["ingested_at"])
        doc["duplicates"] = self.rows(
            "SELECT id, headline, source, published, similarity, dup_kind FROM articles WHERE duplicate_of = ? "
            "ORDER BY id", (r["id"],))
        doc["story_articles"] = self.rows(
            "SELECT id, headline, source, published, duplicate_of FROM articles WHERE story_id = ? AND id <> ? "
            "AND (duplicate_of IS NULL OR duplicate_of <> ?) ORDER BY published, id LIMIT 100",
            (r["story_id"], r["id"], r["id"])) if r["story_id"] is not None else []
        return doc

    def story(self, story_id: int) -> dict[str, Any] | None:
        s = self.one("SELECT * FROM stories WHERE id = ?", (int(story_id),))
        if not s:
            return None
        s["articles"] = self.rows("SELECT id, headline, source, published, duplicate_of FROM articles "
                                  "WHERE story_id = ? ORDER BY published, id", (int(story_id),))
        return s

    # ------------------------------------------------------------------ events
    def _actor_ids(self, key: str) -> list[int]:
        k = normalize(str(key)).strip()
        rows = self.rows("SELECT id FROM actors WHERE key = ? OR code = ? OR kb_id = ? OR LOWER(name_en) = LOWER(?)",
                         (k, k.upper(), k, k))
        return [int(r["id"]) for r in rows]

    def _event_where(self, actor: str | None, type: str | None, since: Any, until: Any,
                     article_id: str | None = None, story_id: int | None = None) -> tuple[str, list[Any]] | None:
        where, params = [], []
        if actor:
            ids = self._actor_ids(actor)
            if not ids:
                return None
            m = _marks(len(ids))
            where.append(f"(e.source_actor_id IN ({m}) OR e.target_actor_id IN ({m}))")
            params += ids + ids
        if type:
            where.append("e.type = ?")
            params.append(str(type).upper())
        if since:
            where.append("e.date >= ?")
            params.append(_date_str(since))
        if until:
            where.append("e.date <= ?")
            params.append(_date_str(until))
        if article_id:
            where.append("e.article_id = ?")
            params.append(str(article_id))
        if story_id is not None:
            where.append("e.story_id = ?")
            params.append(int(story_id))
        return (" WHERE " + " AND ".join(where) if where else ""), params

    _EVENT_SELECT = ("SELECT " + ", ".join("e." + c for c in EVENT_COLUMNS) +
                     ", a.headline AS headline, a.source AS outlet, a.url AS url, a.published AS published, "
                     "a.ingested_at AS ingested_at "
                     "FROM events e JOIN articles a ON a.id = e.article_id")

    @staticmethod
    def _event_dict(r: dict[str, Any]) -> dict[str, Any]:
        d = dict(r)
        d["negated"] = bool(d.get("negated"))
        d["is_root"] = bool(d.get("is_root"))

        def actor(p: str) -> dict[str, Any] | None:
            if not any(d.get(f"{p}_{k}") for k in ("code", "name", "text")):
                return None
            return {"text": d.get(f"{p}_text"), "name_en": d.get(f"{p}_name"), "code": d.get(f"{p}_code"),
                    "country": d.get(f"{p}_country"), "actor_id": d.get(f"{p}_actor_id")}

        d["source"] = actor("source")
        d["target"] = actor("target")
        d["trigger_text"] = d.get("trigger")
        d["trigger"] = {"text": d.get("trigger"), "start": d.get("trigger_start"), "end": d.get("trigger_end")}
        d["location"] = ({"name_en": d.get("location_name"), "country": d.get("location_country"),
                          "lat": d.get("lat"), "lon": d.get("lon")} if d.get("location_name") or
                         d.get("location_country") else None)
        cas = {k: d[k] for k in ("killed", "injured") if d.get(k) is not None}
        d["casualties"] = cas or None
        return d

    def events(self, actor: str | None = None, type: str | None = None, since: Any = None, until: Any = None,
               limit: int = 50, offset: int = 0, article_id: str | None = None,
               story_id: int | None = None) -> ResultList:
        """Events (newest first) involving ``actor`` (actor key, code like RUSGOV, kb id or English name) as
        source or target, of PLOVER ``type``, dated in [since, until].  Each is a dict with the flat
        ``events`` columns, nested ``source``/``target``/``trigger``/``location``/``casualties`` like
        OUTPUT.md, and the article's ``headline``, ``outlet``, ``url``, ``published``.  ``.total`` is set."""
        w = self._event_where(actor, type, since, until, article_id, story_id)
        if w is None:
            return ResultList([], 0)
        where, params = w
        total = int(self.scalar(f"SELECT COUNT(*) FROM events e{where}", params) or 0)
        rows = self.rows(f"{self._EVENT_SELECT}{where} ORDER BY e.date DESC, e.id DESC LIMIT ? OFFSET ?",
                         params + [max(0, int(limit)), max(0, int(offset))])
        return ResultList([self._event_dict(r) for r in rows], total)

    def events_count(self, actor: str | None = None, type: str | None = None, since: Any = None,
                     until: Any = None) -> int:
        w = self._event_where(actor, type, since, until)
        if w is None:
            return 0
        return int(self.scalar(f"SELECT COUNT(*) FROM events e{w[0]}", w[1]) or 0)

    def iter_events(self, actor: str | None = None, type: str | None = None, since: Any = None,
                    until: Any = None, batch: int = 1000) -> Iterator[dict[str, Any]]:
        """Every matching event (oldest id first), read in batches — for exports."""
        w = self._event_where(actor, type, since, until)
        if w is None:
            return
        where, params = w
        last = 0
        while True:
            cond = (where + " AND e.id > ?") if where else " WHERE e.id > ?"
            rows = self.rows(f"{self._EVENT_SELECT}{cond} ORDER BY e.id LIMIT ?", params + [last, batch])
            if not rows:
                return
            for r in rows:
                yield self._event_dict(r)
            last = rows[-1]["id"]

    # ------------------------------------------------------------------ actors, timeline, network
    def actor(self, key: str, limit: int = 50) -> dict[str, Any] | None:
        """An actor by key, code, kb id or English name: its identity, ``num_events``, ``by_type``,
        ``timeline`` ([{date, type, count}]), ``counterparts`` ([{key, code, name_en, count, types}]) and
        its latest ``events``; None when no actor matches."""
        ids = self._actor_ids(key)
        if not ids:
            return None
        m = _marks(len(ids))
        actors = self.rows(f"SELECT id, key, kb_id, code, name_en, country, type FROM actors WHERE id IN ({m}) "
                           "ORDER BY id", ids)
        main = actors[0]
        evw = f"(source_actor_id IN ({m}) OR target_actor_id IN ({m}))"
        num = int(self.scalar(f"SELECT COUNT(*) FROM events WHERE {evw}", ids + ids) or 0)
        by_type = {r["type"]: int(r["n"]) for r in self.rows(
            f"SELECT type, COUNT(*) AS n FROM events WHERE {evw} GROUP BY type ORDER BY COUNT(*) DESC", ids + ids)}
        cps: dict[int, dict[str, Any]] = {}
        for side, other in (("source_actor_id", "target_actor_id"), ("target_actor_id", "source_actor_id")):
            for r in self.rows(f"SELECT e.{other} AS aid, e.type AS type, COUNT(*) AS n FROM events e "
                               f"WHERE e.{side} IN ({m}) AND e.{other} IS NOT NULL GROUP BY e.{other}, e.type", ids):
                if int(r["aid"]) in ids:
                    continue
                c = cps.setdefault(int(r["aid"]), {"count": 0, "types": {}})
                c["count"] += int(r["n"])
                c["types"][r["type"]] = c["types"].get(r["type"], 0) + int(r["n"])
        counterparts = []
        if cps:
            cm = _marks(len(cps))
            info = {int(r["id"]): r for r in self.rows(f"SELECT id, key, code, name_en, country FROM actors "
                                                       f"WHERE id IN ({cm})", list(cps))}
            for aid_, c in sorted(cps.items(), key=lambda kv: -kv[1]["count"]):
                a = info.get(aid_, {})
                counterparts.append({"key": a.get("key"), "code": a.get("code"), "name_en": a.get("name_en"),
                                     "country": a.get("country"), "count": c["count"], "types": c["types"]})
        timeline = [r._asdict() for r in self.timeline(actor=key)]
        return {"key": main["key"], "name_en": main["name_en"] or main["code"] or main["key"],
                "code": main["code"], "kb_id": main["kb_id"], "country": main["country"], "type": main["type"],
                "actors": actors, "num_events": num, "by_type": by_type, "timeline": timeline,
                "counterparts": counterparts[:100], "events": list(self.events(actor=key, limit=limit))}

    def timeline(self, actor: str | None = None, type: str | None = None, since: Any = None,
                 until: Any = None) -> list[TimelineRow]:
        """(date, type, count) per day and event type, oldest first, optionally for one actor/type."""
        w = self._event_where(actor, type, since, until)
        if w is None:
            return []
        where, params = w
        where = (where + " AND e.date IS NOT NULL") if where else " WHERE e.date IS NOT NULL"
        rows = self.rows(f"SELECT e.date AS date, e.type AS type, COUNT(*) AS n FROM events e{where} "
                         "GROUP BY e.date, e.type ORDER BY e.date, e.type", params)
        return [TimelineRow(r["date"], r["type"], int(r["n"])) for r in rows]

    def network(self, limit: int = 100, type: str | None = None, since: Any = None,
                until: Any = None) -> dict[str, list[dict[str, Any]]]:
        """The actor network: ``edges`` [{source, target, count, types}] (source/target are actor keys, the
        ``limit`` heaviest directed pairs) and ``nodes`` [{id, label, code, name_en, count}]."""
        w = self._event_where(None, type, since, until)
        where, params = w if w else ("", [])
        cond = (where + " AND " if where else " WHERE ") + \
            "e.source_actor_id IS NOT NULL AND e.target_actor_id IS NOT NULL AND e.source_actor_id <> e.target_actor_id"
        pairs = self.rows(f"SELECT e.source_actor_id AS s, e.target_actor_id AS t, COUNT(*) AS n FROM events e{cond} "
                          "GROUP BY e.source_actor_id, e.target_actor_id ORDER BY COUNT(*) DESC, "
                          "e.source_actor_id, e.target_actor_id LIMIT ?", params + [max(1, int(limit))])
        if not pairs:
            return {"nodes": [], "edges": []}
        types: dict[tuple[int, int], dict[str, int]] = {}
        for r in self.rows(f"SELECT e.source_actor_id AS s, e.target_actor_id AS t, e.type AS type, COUNT(*) AS n "
                           f"FROM events e{cond} GROUP BY e.source_actor_id, e.target_actor_id, e.type", params):
            types.setdefault((int(r["s"]), int(r["t"])), {})[r["type"]] = int(r["n"])
        ids = sorted({int(p["s"]) for p in pairs} | {int(p["t"]) for p in pairs})
        info = {int(r["id"]): r for r in self.rows(f"SELECT id, key, code, name_en, country FROM actors WHERE id IN "
                                                   f"({_marks(len(ids))})", ids)}
        weight: dict[int, int] = {}
        edges = []
        for p in pairs:
            s, t, n = int(p["s"]), int(p["t"]), int(p["n"])
            weight[s] = weight.get(s, 0) + n
            weight[t] = weight.get(t, 0) + n
            edges.append({"source": info[s]["key"], "target": info[t]["key"], "count": n, "types": types.get((s, t), {})})
        nodes = [{"id": info[i]["key"], "label": info[i]["name_en"] or info[i]["code"] or info[i]["key"],
                  "code": info[i]["code"], "name_en": info[i]["name_en"], "country": info[i]["country"],
                  "count": weight.get(i, 0)} for i in ids]
        return {"nodes": nodes, "edges": edges}

    # ------------------------------------------------------------------ overview
    def stats(self) -> dict[str, Any]:
        """Counts: articles (originals), duplicates, stories, events, actors, entities, sources, and the
        first/last publication date."""
        r = self.one("SELECT COUNT(*) AS total, SUM(CASE WHEN duplicate_of IS NULL THEN 0 ELSE 1 END) AS dups, "
                     "COUNT(DISTINCT source) AS sources, MIN(published) AS first, MAX(published) AS last "
                     "FROM articles") or {}
        total, dups = int(r.get("total") or 0), int(r.get("dups") or 0)
        return {"articles": total - dups, "duplicates": dups,
                "stories": int(self.scalar("SELECT COUNT(*) FROM stories WHERE num_articles > 0") or 0),
                "events": int(self.scalar("SELECT COUNT(*) FROM events") or 0),
                "actors": int(self.scalar("SELECT COUNT(*) FROM actors") or 0),
                "entities": int(self.scalar("SELECT COUNT(*) FROM entities") or 0),
                "sources": int(r.get("sources") or 0),
                "first_published": r.get("first"), "last_published": r.get("last")}

    def sources(self) -> list[dict[str, Any]]:
        """[{name, count}] of outlets (articles that are not duplicates), most articles first."""
        rows = self.rows("SELECT source AS name, COUNT(*) AS n FROM articles WHERE source IS NOT NULL "
                         "AND duplicate_of IS NULL GROUP BY source ORDER BY COUNT(*) DESC, source")
        return [{"name": r["name"], "count": int(r["n"])} for r in rows]


# ----------------------------------------------------------------------------- opening

def parse_url(url_or_path: str) -> tuple[str, str]:
    """(dialect, target): ('postgres', url) or ('sqlite', file path or ':memory:')."""
    s = str(url_or_path).strip()
    if not s:
        raise StoreError("empty database path")
    low = s.lower()
    if low.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        return "postgres", s.replace("postgresql+psycopg://", "postgresql://", 1)
    if low.startswith("sqlite:///"):
        return "sqlite", s[len("sqlite:///"):] or ":memory:"
    if low.startswith("sqlite://"):
        rest = s[len("sqlite://"):]
        return "sqlite", rest or ":memory:"
    if re.match(r"^[a-z][a-z0-9+.-]*://", low):
        raise StoreError(f"unsupported database URL {s!r} (use a file path, sqlite:///path or postgresql://…)")
    return "sqlite", s


def open_database(url_or_path: Any, readonly: bool = False) -> Database:
    """Open (and, read-write, create/migrate) the archive at a SQLite path, ``sqlite:///path`` or
    ``postgresql://`` URL.  An open :class:`Database` is returned as is."""
    if isinstance(url_or_path, Database):
        return url_or_path
    dialect, target = parse_url(str(url_or_path))
    if dialect == "postgres":
        from .postgres import PostgresDatabase

        db: Database = PostgresDatabase.connect(target, readonly=readonly)
    else:
        from .sqlite import SQLiteDatabase

        db = SQLiteDatabase.connect(target, readonly=readonly)
    try:
        if readonly:
            db.check_schema()
        else:
            db.migrate()
    except BaseException:
        db.close()
        raise
    return db
