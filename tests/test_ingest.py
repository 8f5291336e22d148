"""Ingest from files (``ingest_paths``) and, with ../shared present, 300 real articles ingested twice."""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path

import pytest

from khobor.store.database import open_database
from khobor.store.ingest import ingest, ingest_paths

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
IAMABER = SHARED / "data" / "news" / "iamaber" / "articles.jsonl"


def cheap_extract(record):
    """A stand-in for the pipeline: cleaned text and sentences, no entities or events."""
    from khobor.article import Article, Span
    from khobor.errors import InputError
    from khobor.text.normalize import normalize
    from khobor.text.segment import split_sentences

    body = normalize(getattr(record, "body", "") or "").strip()
    if len(body) < 20:
        raise InputError("empty article", where=record.where, line=record.line)
    return Article(text=body, id=record.id, headline=record.headline, source=record.source,
                   published=record.published, sentences=[Span(s.start, s.end) for s in split_sentences(body)])


def test_ingest_paths_jsonl_with_bad_lines(tmp_path, db_url):
    src = tmp_path / "in.jsonl"
    good = {"id": "j1", "headline": "শিরোনাম", "body": "রাশিয়ার প্রেসিডেন্ট মস্কোতে বৈঠক করেছেন। এটি পরীক্ষার লেখা।",
            "outlet": "Samakal", "date": "2024/08/12"}
    lines = [json.dumps(good, ensure_ascii=False), "{not json", json.dumps(dict(good, id="j2", body="ছোট"))]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    seen = []
    s = ingest_paths([str(src)], db_url, extract=cheap_extract, progress=seen.append)
    assert s.added == 1 and s.skipped == 2
    assert any(":2" in e for e in s.errors) and any(":3" in e for e in s.errors)
    assert seen[-1].total == 3 and seen[-1].done == 3
    s2 = ingest_paths([str(src)], db_url, extract=cheap_extract)
    assert s2.added == 0 and s2.unchanged == 1
    with open_database(db_url, readonly=True) as db:
        art = db.article("j1")
        assert art["source"] == "Samakal" and art["published"] == "2024-08-12"
        assert [h.id for h in db.search("রাশিয়া")] == ["j1"]


@pytest.mark.shared
@pytest.mark.skipif(not IAMABER.is_file(), reason=f"needs {IAMABER} (../shared is absent in a fresh clone)")
def test_300_real_articles_twice(db_url):
    from khobor.readers import read_path

    def records():
        return islice(read_path(str(IAMABER)), 300)

    with open_database(db_url) as db:
        s1 = ingest(db, records(), extract=cheap_extract, batch_size=100)
        stored = db.scalar("SELECT COUNT(*) FROM articles")
        s2 = ingest(db, records(), extract=cheap_extract, batch_size=100)
        assert db.scalar("SELECT COUNT(*) FROM articles") == stored
        assert db.scalar("SELECT COUNT(DISTINCT id) FROM articles") == stored
        assert db.scalar("SELECT COUNT(DISTINCT content_hash) FROM articles WHERE duplicate_of IS NULL") == \
            db.scalar("SELECT COUNT(*) FROM articles WHERE duplicate_of IS NULL")
        words = db.rows("SELECT term FROM terms ORDER BY tf DESC LIMIT 1")
        assert db.search(words[0]["term"], limit=5).total > 0
    assert s1.added + s1.duplicates + s1.skipped + s1.unchanged == 300
    assert s1.added + s1.duplicates == stored and s1.added > 250
    assert (s2.added, s2.duplicates) == (0, 0) and s2.unchanged == stored
    assert s2.skipped == s1.skipped
