"""The archive store on SQLite and PostgreSQL: opening, migrations, ingest (idempotent, resumable,
duplicates, stories, bad records, workers) and the read API the web UI uses."""

from __future__ import annotations

import sqlite3

import pytest

from khobor.errors import InputError, StoreError
from khobor.store.database import open_database, parse_url
from khobor.store.ingest import IngestSummary, Progress, ingest

PUTIN = ("পুতিন", "PER", "Vladimir Putin", "RUSGOV", "Q7747")
RAISI = ("রাইসির", "PER", "Ebrahim Raisi", "IRNGOV", "Q5936")
IRAN = ("ইরানের", "LOC", "Iran", "IRN", "Q794")


def ident(doc):
    """The stand-in extractor: records already are OUTPUT.md dicts."""
    return doc


def phone_doc(make_doc, id, source, published="2022-11-12", extra=""):
    text = f"রুশ প্রেসিডেন্ট পুতিন শনিবার ইরানের প্রেসিডেন্ট রাইসির সঙ্গে ফোনালাপ করেছেন। {extra}".strip()
    return make_doc(id, text, headline="পুতিন-রাইসির ফোনালাপ", source=source, published=published,
                    entities=[PUTIN, RAISI, IRAN],
                    events=[{"type": "CONSULT", "trigger": "ফোনালাপ", "source": 0, "target": 1, "mode": "phone"}])


# ----------------------------------------------------------------------------- opening

@pytest.mark.parametrize("url,expected", [
    ("khobor.db", ("sqlite", "khobor.db")),
    ("./data/x.db", ("sqlite", "./data/x.db")),
    ("sqlite:///tmp/x.db", ("sqlite", "tmp/x.db")),
    ("sqlite:////tmp/x.db", ("sqlite", "/tmp/x.db")),
    ("postgresql://u@h:5/db", ("postgres", "postgresql://u@h:5/db")),
    ("postgres://u@h/db", ("postgres", "postgres://u@h/db")),
])
def test_parse_url(url, expected):
    assert parse_url(url) == expected


@pytest.mark.parametrize("url", ["mysql://x/y", ""])
def test_parse_url_rejects(url):
    with pytest.raises(StoreError):
        parse_url(url)


def test_readonly_missing_file_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="no archive"):
        open_database(str(tmp_path / "missing.db"), readonly=True)
    assert not (tmp_path / "missing.db").exists()


def test_not_a_database(tmp_path):
    p = tmp_path / "x.db"
    p.write_text("hello, not sqlite " * 100)
    with pytest.raises(StoreError):
        open_database(str(p))


def test_readonly_on_empty_sqlite_file(tmp_path):
    p = tmp_path / "empty.db"
    sqlite3.connect(p).close()
    with pytest.raises(StoreError, match="not a khobor archive"):
        open_database(str(p), readonly=True)


def test_sqlite_url_form(tmp_path):
    with open_database(f"sqlite:///{tmp_path}/a.db") as db:
        assert db.stats()["articles"] == 0
    assert (tmp_path / "a.db").exists()


def test_migrations_recorded_once(db_url):
    with open_database(db_url) as db:
        first = db.rows("SELECT version, name FROM schema_migrations")
    with open_database(db_url) as db:
        again = db.rows("SELECT version, name FROM schema_migrations")
        assert db.migrate() == []
    assert first == again and len(first) >= 1 and first[0]["version"] == 1


def test_readonly_connection_cannot_write(db_url, make_doc):
    with open_database(db_url) as db:
        ingest(db, [phone_doc(make_doc, "a1", "X")], extract=ident)
    ro = open_database(db_url, readonly=True)
    try:
        with pytest.raises(StoreError):
            ro.add(phone_doc(make_doc, "a2", "Y"))
        with pytest.raises(StoreError):
            ro.execute("DELETE FROM articles")
        assert ro.stats()["articles"] == 1
    finally:
        ro.close()


# ----------------------------------------------------------------------------- ingest

def test_ingest_twice_adds_nothing(db_url, make_doc, text_of):
    docs = [make_doc(f"d{i}", text_of(i), source="A") for i in range(6)] + \
           [make_doc(None, text_of(20), source="B")]  # no id: identity by content
    with open_database(db_url) as db:
        s1 = ingest(db, docs, extract=ident, batch_size=2)
        s2 = ingest(db, [dict(d) for d in docs], extract=ident, batch_size=2)
        n_articles = db.scalar("SELECT COUNT(*) FROM articles")
        n_terms = db.scalar("SELECT COUNT(*) FROM terms")
        s3 = ingest(db, [dict(d) for d in docs], extract=ident)
        assert db.scalar("SELECT COUNT(*) FROM terms") == n_terms
    assert (s1.added, s1.duplicates, s1.unchanged) == (7, 0, 0)
    assert (s2.added, s2.duplicates, s2.unchanged) == (0, 0, 7)
    assert s3.added == 0 and n_articles == 7


def test_killed_ingest_resumes(db_url, make_doc, text_of):
    docs = [make_doc(f"k{i}", text_of(i), source="A") for i in range(10)]

    def dying():
        for i, d in enumerate(docs):
            if i == 7:
                raise KeyboardInterrupt("killed")
            yield d

    with open_database(db_url) as db:
        with pytest.raises(KeyboardInterrupt):
            ingest(db, dying(), extract=ident, batch_size=3)
    with open_database(db_url) as db:
        kept = db.scalar("SELECT COUNT(*) FROM articles")
        assert kept == 6  # two full batches committed, the partial one rolled back
        s = ingest(db, docs, extract=ident, batch_size=3)
        assert (s.unchanged, s.added) == (6, 4)
        assert db.scalar("SELECT COUNT(*) FROM articles") == 10
        assert db.scalar("SELECT COUNT(DISTINCT id) FROM articles") == 10


def test_exact_duplicate_other_encoding(db_url, make_doc, text_of):
    text = text_of(3)
    assert "য়" in text
    other = text.replace("\u09af\u09bc", "\u09df")  # the precomposed য়
    with open_database(db_url) as db:
        s = ingest(db, [make_doc("orig", text, source="A"), make_doc("copy", other, source="B")], extract=ident)
        assert (s.added, s.duplicates, s.near_duplicates) == (1, 1, 0)
        r = db.one("SELECT duplicate_of, dup_kind FROM articles WHERE id = ?", ("copy",))
        assert r == {"duplicate_of": "orig", "dup_kind": "exact"}


def test_near_duplicate_with_changed_sentence(db_url, make_doc, text_of):
    base = text_of(5, n=30)
    sents = base.split("। ")
    changed = "। ".join(sents[:10] + ["এই বাক্যটি সম্পূর্ণ নতুন করে লেখা হয়েছে আজ সকালে"] + sents[11:])
    assert changed != base
    unrelated = text_of(9, n=30)
    with open_database(db_url) as db:
        s = ingest(db, [make_doc("n1", base, source="A"), make_doc("n2", changed, source="B"),
                        make_doc("n3", unrelated, source="C")], extract=ident)
        assert (s.added, s.duplicates, s.near_duplicates) == (2, 1, 1)
        r = db.one("SELECT duplicate_of, dup_kind, similarity FROM articles WHERE id = ?", ("n2",))
        assert r["duplicate_of"] == "n1" and r["dup_kind"] == "near" and r["similarity"] >= 0.8
        assert db.one("SELECT duplicate_of FROM articles WHERE id = ?", ("n3",))["duplicate_of"] is None


def test_duplicates_are_not_counted(db_url, make_doc):
    a = phone_doc(make_doc, "p1", "news24bd.tv")
    b = dict(a, id="p2", source="Other")  # the same text again under another id
    with open_database(db_url) as db:
        ingest(db, [a, b], extract=ident)
        assert db.scalar("SELECT COUNT(*) FROM events") == 1
        st = db.stats()
        assert (st["articles"], st["duplicates"], st["events"]) == (1, 1, 1)
        art = db.article("p1")
        assert [d["id"] for d in art["duplicates"]] == ["p2"]
        assert db.article("p2")["duplicate_of"] == "p1"


def test_story_groups_outlets_and_counts_sources(db_url, make_doc):
    a = phone_doc(make_doc, "s1", "news24bd.tv")
    b = make_doc("s2", "ইরানের প্রেসিডেন্ট রাইসির সঙ্গে টেলিফোনে কথা বলেছেন পুতিন। দুই নেতা সহযোগিতা নিয়ে ফোনালাপ করেন।",
                 source="Prothom Alo", published="2022-11-13", entities=[IRAN, RAISI, PUTIN],
                 events=[{"type": "CONSULT", "trigger": "ফোনালাপ", "source": 2, "target": 1,
                          "date": "2022-11-12"}])
    c = phone_doc(make_doc, "s3", "Samakal", published="2023-05-01",
                  extra="এটি পরের বছরের আলাদা একটি ঘটনা নিয়ে লেখা খবর।")
    c["text"]  # far in time: another story
    with open_database(db_url) as db:
        s = ingest(db, [a, b, c], extract=ident)
        assert s.added == 3 and s.stories == 2
        st = {r["id"]: r["story_id"] for r in db.rows("SELECT id, story_id FROM articles")}
        assert st["s1"] == st["s2"] != st["s3"]
        evs = {r["article_id"]: r for r in db.rows("SELECT article_id, num_articles, num_sources, num_mentions "
                                                   "FROM events")}
        assert (evs["s1"]["num_articles"], evs["s1"]["num_sources"]) == (2, 2)
        assert (evs["s2"]["num_articles"], evs["s2"]["num_sources"]) == (2, 2)
        assert evs["s3"]["num_articles"] == 1
        story = db.story(st["s1"])
        assert story["num_articles"] == 2 and story["num_sources"] == 2
        assert [x["id"] for x in db.article("s1")["story_articles"]] == ["s2"]


def test_actors_get_or_create(db_url, make_doc):
    with open_database(db_url) as db:
        ingest(db, [phone_doc(make_doc, "a1", "X"), phone_doc(make_doc, "a2", "Y", extra="আলাদা বাক্য আছে এখানে।"),
                    make_doc("a3", "অজ্ঞাত সংগঠন বিক্ষোভ করেছে ঢাকায়।", entities=[("অজ্ঞাত সংগঠন", "ORG", "Ojnato Songothon",
                                                                                   None, None)],
                             events=[{"type": "PROTEST", "trigger": "বিক্ষোভ", "source": 0}])], extract=ident)
        keys = sorted(r["key"] for r in db.rows("SELECT key FROM actors"))
        assert keys == ["Q5936", "Q7747", "Q794", "|Ojnato Songothon"]
        putin = db.one("SELECT id FROM actors WHERE key = ?", ("Q7747",))["id"]
        assert db.scalar("SELECT COUNT(*) FROM events WHERE source_actor_id = ?", (putin,)) == 2
        assert db.scalar("SELECT COUNT(*) FROM entities WHERE actor_id = ?", (putin,)) == 2


def test_bad_records_reported_and_skipped(db_url, make_doc, text_of):
    def extract(rec):
        if rec == "boom":
            raise ValueError("cannot parse")
        return rec

    recs = [make_doc("g1", text_of(1)), InputError("invalid JSON", where="in.jsonl", line=2), "boom",
            make_doc("g2", text_of(2)), {"id": "empty", "text": "   "}]
    with open_database(db_url) as db:
        s = ingest(db, recs, extract=extract)
    assert isinstance(s, IngestSummary)
    assert (s.added, s.skipped) == (2, 3) and len(s.errors) == 3
    assert any("in.jsonl:2" in e for e in s.errors)
    assert any("cannot parse" in e for e in s.errors)
    assert "2 added" in s.describe()


def test_progress_callback(db_url, make_doc, text_of):
    seen: list[Progress] = []
    docs = [make_doc(f"p{i}", text_of(i)) for i in range(4)]
    with open_database(db_url) as db:
        ingest(db, docs, extract=ident, progress=seen.append, total=4)
    assert [p.done for p in seen] == [1, 2, 3, 4]
    assert seen[-1].added == 4 and seen[-1].total == 4 and seen[-1].eta == 0.0
    assert seen[-1].rate > 0


def _extract_from_pair(rec):
    from khobor.article import Article

    rid, text = rec
    return Article(text=text, id=rid, source="W", published="2024-02-02")


def test_parallel_workers_match_sequential(tmp_path, text_of):
    recs = [(f"w{i}", text_of(i)) for i in range(12)] + [("w-dup", text_of(3))]
    out = {}
    for workers in (1, 2):
        with open_database(str(tmp_path / f"w{workers}.db")) as db:
            s = ingest(db, recs, extract=_extract_from_pair, workers=workers, batch_size=4)
            out[workers] = (s.added, s.duplicates, sorted(r["id"] for r in db.rows("SELECT id FROM articles")))
    assert out[1] == out[2] and out[1][:2] == (12, 1)


# ----------------------------------------------------------------------------- reading

@pytest.fixture
def filled(db_url, make_doc):
    docs = [
        phone_doc(make_doc, "a1", "news24bd.tv"),
        make_doc("a2", "ঢাকায় হামলায় ১৫ জন নিহত হয়েছেন। পুলিশ ৩ জনকে গ্রেপ্তার করেছে।", headline="ঢাকায় হামলা",
                 source="Prothom Alo", published="2024-01-03",
                 entities=[("ঢাকায়", "LOC", "Dhaka", "BGD", "Q1354"), ("পুলিশ", "ORG", "Police", "BGDCOP", "KB:police")],
                 events=[{"type": "ASSAULT", "trigger": "হামলায়", "cameo_root": "18", "quad_class": 4,
                          "goldstein": -9.0, "location": {"name_en": "Dhaka", "country": "BGD", "lat": 23.7, "lon": 90.4},
                          "casualties": {"killed": 15}},
                         {"type": "COERCE", "trigger": "গ্রেপ্তার", "source": 1, "date": "2024-01-04",
                          "cameo_root": "17", "quad_class": 4, "goldstein": -5.0}]),
        make_doc("a3", "রাশিয়ার প্রেসিডেন্ট পুতিন মস্কোতে বৈঠক করেছেন। তিনি ইরানের প্রতিনিধির সঙ্গে কথা বলেন।",
                 headline="মস্কোতে বৈঠক", source="Samakal", published="2024-08-05",
                 entities=[PUTIN, ("ইরানের", "LOC", "Iran", "IRN", "Q794")],
                 events=[{"type": "CONSULT", "trigger": "বৈঠক", "source": 0, "target": 1}]),
    ]
    with open_database(db_url) as db:
        ingest(db, docs, extract=ident)
    db = open_database(db_url, readonly=True)
    yield db
    db.close()


def test_article_roundtrip(filled):
    art = filled.article("a2")
    assert art["schema"] == "khobor.article/1" and art["id"] == "a2"
    assert art["text"][art["entities"][0]["start"]:art["entities"][0]["end"]] == "ঢাকায়"
    assert art["duplicate_of"] is None and art["story_id"] is not None
    assert filled.article("nope") is None


@pytest.mark.parametrize("kw,expected", [
    ({}, {"a1", "a2", "a3"}),
    ({"actor": "RUSGOV"}, {"a1", "a3"}),
    ({"actor": "Vladimir Putin"}, {"a1", "a3"}),
    ({"actor": "vladimir putin"}, {"a1", "a3"}),
    ({"actor": "Q5936"}, {"a1"}),
    ({"actor": "Nobody"}, set()),
    ({"type": "ASSAULT"}, {"a2"}),
    ({"type": "consult", "since": "2024-01-01"}, {"a3"}),
    ({"since": "2024-01-04", "until": "2024-01-04"}, {"a2"}),
])
def test_events_filters(filled, kw, expected):
    evs = filled.events(**kw, limit=100)
    assert {e["article_id"] for e in evs} == expected
    assert evs.total == len(evs) == filled.events_count(**kw)


def test_event_shape(filled):
    (ev,) = filled.events(type="ASSAULT")
    assert ev["casualties"] == {"killed": 15} and ev["location"]["name_en"] == "Dhaka"
    assert ev["trigger"]["text"] == "হামলায়" and ev["outlet"] == "Prothom Alo" and ev["headline"] == "ঢাকায় হামলা"
    assert ev["sentence_text"].startswith("ঢাকায় হামলায়")
    (c,) = filled.events(actor="RUSGOV", since="2024-01-01")
    assert c["source"]["code"] == "RUSGOV" and c["target"]["name_en"] == "Iran"


def test_events_paging(filled):
    page1 = filled.events(limit=2, offset=0)
    page2 = filled.events(limit=2, offset=2)
    assert page1.total == page2.total == 4
    assert len(page1) == 2 and len(page2) == 2
    assert not {e["id"] for e in page1} & {e["id"] for e in page2}


def test_actor_timeline_network(filled):
    info = filled.actor("RUSGOV")
    assert info["name_en"] == "Vladimir Putin" and info["num_events"] == 2
    assert {c["name_en"]: c["count"] for c in info["counterparts"]} == {"Ebrahim Raisi": 1, "Iran": 1}
    assert info["by_type"] == {"CONSULT": 2}
    assert filled.actor("nobody at all") is None
    tl = filled.timeline()
    assert ("2024-01-03", "ASSAULT", 1) in tl and all(len(r) == 3 for r in tl)
    assert filled.timeline(actor="RUSGOV") == [("2022-11-12", "CONSULT", 1), ("2024-08-05", "CONSULT", 1)]
    net = filled.network()
    assert {(e["source"], e["target"], e["count"]) for e in net["edges"]} == {("Q7747", "Q5936", 1),
                                                                           ("Q7747", "Q794", 1)}
    assert {n["id"] for n in net["nodes"]} == {"Q7747", "Q5936", "Q794"}


def test_stats_and_sources(filled):
    st = filled.stats()
    assert (st["articles"], st["duplicates"], st["events"], st["sources"]) == (3, 0, 4, 3)
    assert st["first_published"] == "2022-11-12" and st["last_published"] == "2024-08-05"
    assert {s["name"] for s in filled.sources()} == {"news24bd.tv", "Prothom Alo", "Samakal"}


def test_bad_date_filter_is_a_store_error(filled):
    with pytest.raises(StoreError):
        filled.events(since="yesterday'; DROP TABLE events; --")
