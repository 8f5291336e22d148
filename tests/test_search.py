"""Bengali full-text search on SQLite and PostgreSQL: inflected forms, both encodings of য়, filters,
ranking, snippets, paging, and queries full of SQL/FTS syntax."""

from __future__ import annotations

import pytest

from khobor.store.database import open_database
from khobor.store.ingest import ingest
from khobor.store.search import HIT_CLOSE, HIT_OPEN, make_snippet, query_groups

YA_PRE, YA_DEC = "\u09df", "\u09af\u09bc"  # য় precomposed / decomposed

DOCS = [
    ("r1", "রাশিয়ার প্রেসিডেন্ট মস্কোতে বৈঠক করেছেন। বৈঠকে অর্থনীতি নিয়ে কথা হয়েছে।", "Jugantor", "2024-08-12"),
    ("r2", "ঢাকায় হামলায় ১৫ জন নিহত হয়েছেন। পুলিশ ঘটনাস্থলে পৌঁছেছে।", "Prothom Alo", "2024-01-03"),
    ("r3", "রাশিয়া ও ইরান সহযোগিতা বাড়াবে বলে জানিয়েছে। রাশিয়া এ নিয়ে বিবৃতি দিয়েছে।", "Samakal",
     "2024-08-06"),
    ("r4", "পুতিনকে ফোন করেছেন রাইসি। দুই নেতা ফোনালাপে বাণিজ্য নিয়ে কথা বলেছেন।", "Prothom Alo", "2024-02-01"),
    ("r5", "It's a test: ' OR 1=1 -- and \"NEAR(\" are just words here; বাজেট ঘোষণা।", "Samakal", "2024-08-07"),
]


def ident(d):
    return d


@pytest.fixture
def sdb(db_url, make_doc):
    with open_database(db_url) as db:
        ingest(db, [make_doc(i, t, source=s, published=p, headline=t.split("।")[0][:30]) for i, t, s, p in DOCS],
               extract=ident)
    db = open_database(db_url, readonly=True)
    yield db
    db.close()


@pytest.mark.parametrize("query,expected", [
    ("রাশিয়া", {"r1", "r3"}),           # the stem finds the genitive রাশিয়ার
    ("রাশিয়ার", {"r1", "r3"}),          # and the inflected query finds the plain form
    ("রাশি" + YA_PRE + "া", {"r1", "r3"}),  # precomposed য় in the query
    ("রাশি" + YA_DEC + "া", {"r1", "r3"}),  # decomposed য় in the query
    ("ঢাকা", {"r2"}),                     # ঢাকায়
    ("পুতিন", {"r4"}),                    # পুতিনকে
    ("রাশিয়া ইরান", {"r3"}),               # every word must match
    ("বৈঠক", {"r1"}),
    ("১৫", {"r2"}), ("15", {"r2"}),        # Bengali and ASCII digits
    ("বাজেট", {"r5"}),
    ("নেই-এমন-শব্দ", set()),
    ("", set()),
    ("   ...   ", set()),
])
def test_search_finds(sdb, query, expected):
    hits = sdb.search(query)
    assert {h.id for h in hits} == expected
    assert hits.total == len(expected) == sdb.search_count(query)


@pytest.mark.parametrize("query", [
    "' OR 1=1 --", "\"", "NEAR(", "NEAR(রাশিয়া, 2)", "রাশিয়া\" OR \"ঢাকা", "*", "a:b", "); DROP TABLE articles; --",
    "%", "_", "\\", "?", "রাশিয়া AND", "OR", "\x00\x02\x03", "'; SELECT * FROM terms; --",
])
def test_hostile_queries_are_safe(sdb, query):
    hits = sdb.search(query)
    assert isinstance(hits, list)
    for h in hits:  # only real word matches, never everything
        assert h.id in {"r1", "r3", "r5"}
    assert sdb.stats()["articles"] == 5


def test_sql_words_are_plain_words(sdb):
    assert [h.id for h in sdb.search("OR 1=1")] == ["r5"]


@pytest.mark.parametrize("kw,expected", [
    ({"source": "Samakal"}, {"r3"}),
    ({"source": "samakal"}, {"r3"}),
    ({"source": "Jugantor"}, {"r1"}),
    ({"source": "Nobody"}, set()),
    ({"since": "2024-08-10"}, {"r1"}),
    ({"until": "2024-08-10"}, {"r3"}),
    ({"since": "2024-08-01", "until": "2024-08-31"}, {"r1", "r3"}),
])
def test_search_filters(sdb, kw, expected):
    assert {h.id for h in sdb.search("রাশিয়া", **kw)} == expected


def test_ranking_prefers_more_hits(sdb):
    hits = sdb.search("রাশিয়া")
    assert hits[0].id == "r3"  # twice in a short text
    assert hits[0].score > hits[1].score > 0


def test_snippet_marks_hits(sdb):
    (hit,) = sdb.search("ঢাকা")
    assert HIT_OPEN + "ঢাকায়" + HIT_CLOSE in hit.snippet
    plain = hit.plain_snippet
    assert [plain[a:b] for a, b in hit.marks] == ["ঢাকায়"]
    d = hit.to_dict()
    assert d["id"] == "r2" and d["source"] == "Prothom Alo" and d["published"] == "2024-01-03"


def test_paging(sdb):
    p1 = sdb.search("রাশিয়া", limit=1)
    p2 = sdb.search("রাশিয়া", limit=1, offset=1)
    assert p1.total == p2.total == 2 and len(p1) == len(p2) == 1 and p1[0].id != p2[0].id


def test_duplicates_hidden_unless_asked(db_url, make_doc):
    text = DOCS[0][1]
    with open_database(db_url) as db:
        ingest(db, [make_doc("o", text), make_doc("c", text)], extract=ident)
        assert [h.id for h in db.search("মস্কো")] == ["o"]
        assert {h.id for h in db.search("মস্কো", include_duplicates=True)} == {"o", "c"}
        (h,) = db.search("মস্কো", include_duplicates=True, source="Test Outlet", limit=1, offset=1)
        assert h.duplicate_of in (None, "o")


@pytest.mark.parametrize("text,query,marked", [
    ("রাশিয়ার প্রেসিডেন্ট বলেছেন।", "রাশিয়া", ["রাশিয়ার"]),
    ("আজ ঢাকায় বৃষ্টি, কাল ঢাকা শুকনো।", "ঢাকা", ["ঢাকায়", "ঢাকা"]),
    ("কিছুই মেলে না।", "ঢাকা", []),
])
def test_make_snippet(text, query, marked):
    snip, marks = make_snippet(text, query_groups(query))
    plain = snip.replace(HIT_OPEN, "").replace(HIT_CLOSE, "")
    assert [plain[a:b] for a, b in marks] == marked
    assert snip.count(HIT_OPEN) == len(marked)


def test_snippet_of_long_text_is_a_window():
    text = "শুরু। " + "অন্য কথা। " * 100 + "এখানে রাশিয়ার খবর। " + "শেষ কথা। " * 100
    snip, marks = make_snippet(text, query_groups("রাশিয়া"))
    assert len(snip) < 300 and snip.startswith("…") and snip.endswith("…") and len(marks) == 1
