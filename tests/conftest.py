"""Shared fixtures: ``db_url`` (a fresh archive on SQLite and on PostgreSQL — the latter skipped without a
server: set KHOBOR_TEST_PG or run ``eval "$(scripts/pg_test_server.sh start)"``), and ``make_doc``, a
builder of small OUTPUT.md article dicts for store tests."""

from __future__ import annotations

import os
import uuid
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

PG_ENV = "KHOBOR_TEST_PG"


def _pg_admin_url() -> str | None:
    return os.environ.get(PG_ENV) or None


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path):
    """A URL/path of an empty archive: a SQLite file, or a new PostgreSQL database (dropped after)."""
    if request.param == "sqlite":
        yield str(tmp_path / "khobor.db")
        return
    admin = _pg_admin_url()
    if not admin:
        pytest.skip(f"no PostgreSQL server: set {PG_ENV}=postgresql://… or run "
                    "`eval \"$(scripts/pg_test_server.sh start)\"`")
    psycopg = pytest.importorskip("psycopg", reason="psycopg 3 not installed (pip install 'psycopg[binary]')")
    name = "khobor_t_" + uuid.uuid4().hex[:12]
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as e:
        pytest.skip(f"PostgreSQL at {PG_ENV} not reachable: {e}")
    parts = urlsplit(admin)
    yield urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    except psycopg.Error:  # pragma: no cover - cleanup is best effort
        pass


def build_doc(id: str | None, text: str, *, headline: str | None = None, source: str | None = "Test Outlet",
              published: str | None = "2024-01-10", entities: list[tuple] = (), events: list[dict] = (),
              url: str | None = None) -> dict[str, Any]:
    """An OUTPUT.md article dict. ``entities``: (surface, type, name_en, code, kb_id) found in ``text`` (first
    occurrence); ``events``: {type, trigger, source: entity index|None, target: entity index|None, date,
    cameo_root, location, casualties, negated}."""
    from khobor.text.normalize import normalize
    from khobor.text.segment import split_sentences

    text = normalize(text)
    sents = [{"start": s.start, "end": s.end} for s in split_sentences(text)]
    ents = []
    for surface, typ, name_en, code, kb_id in entities:
        surface = normalize(surface)
        i = text.index(surface)
        ents.append({"text": surface, "start": i, "end": i + len(surface), "type": typ, "name_en": name_en,
                     "linked": kb_id is not None, "code": code, "country": code[:3] if code else None,
                     "kb_id": kb_id})

    def actor(idx):
        if idx is None:
            return None
        e = ents[idx]
        return {"text": e["text"], "name_en": e["name_en"], "code": e["code"], "country": e["country"], "entity": idx}

    evs = []
    for ev in events:
        trig = normalize(ev["trigger"])
        i = text.index(trig)
        sent = next((k for k, s in enumerate(sents) if s["start"] <= i < s["end"]), 0)
        evs.append({"type": ev["type"], "mode": ev.get("mode"), "cameo_root": ev.get("cameo_root", "04"),
                    "quad_class": ev.get("quad_class", 1), "goldstein": ev.get("goldstein", 1.0),
                    "source": actor(ev.get("source")), "target": actor(ev.get("target")),
                    "negated": ev.get("negated", False), "attributed_to": None, "date": ev.get("date", published),
                    "location": ev.get("location"), "casualties": ev.get("casualties"), "sentence": sent,
                    "trigger": {"text": trig, "start": i, "end": i + len(trig)}, "confidence": 0.8})
    return {"schema": "khobor.article/1", "id": id, "headline": normalize(headline) if headline else None,
            "source": source, "author": None, "desk": None, "url": url, "published": published,
            "published_inferred": False, "text": text, "sentences": sents, "entities": ents, "times": [],
            "quantities": [], "events": evs}


@pytest.fixture
def make_doc():
    return build_doc


_PLACES = ["রংপুর", "খুলনা", "সিলেট", "বরিশাল", "রাজশাহী", "কুমিল্লা", "ময়মনসিংহ", "নোয়াখালী", "দিনাজপুর", "যশোর"]
_THINGS = ["সেতু", "সড়ক", "বিদ্যালয়", "হাসপাতাল", "বাজার", "নদী", "বাঁধ", "স্টেশন", "মাঠ", "পাঠাগার"]
_VERBS = ["পরিদর্শন করেছেন", "উদ্বোধন করেছেন", "নিয়ে আলোচনা করেছেন", "সংস্কারের দাবি জানিয়েছেন",
          "নিয়ে প্রতিবেদন দিয়েছেন"]


def long_text(seed: int, n: int = 24) -> str:
    """A synthetic Bengali text of ``n`` varied sentences (about 10 words each), different per seed."""
    out = []
    for i in range(n):
        k = seed * 50 + i
        out.append(f"{_PLACES[k % 10]} জেলার {k + 3} নম্বর ওয়ার্ডের {_THINGS[(k * 3) % 10]} "
                   f"{_VERBS[(k + seed) % 5]} স্থানীয় প্রতিনিধি দল {seed * 100 + i} জন সদস্য নিয়ে।")
    return " ".join(out)


@pytest.fixture
def text_of():
    return long_text
