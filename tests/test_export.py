"""Event exports on SQLite and PostgreSQL: CSV with a header, JSON Lines, Parquet readable by pyarrow,
GDELT-style TSV with the 61 GDELT 2.0 event columns."""

from __future__ import annotations

import csv
import io
import json

import pytest

from khobor.errors import InputError
from khobor.store.database import open_database
from khobor.store.export import FLAT_COLUMNS, GDELT_COLUMNS, export_events
from khobor.store.ingest import ingest

PUTIN = ("পুতিন", "PER", "Vladimir Putin", "RUSGOV", "Q7747")
RAISI = ("রাইসির", "PER", "Ebrahim Raisi", "IRNGOV", "Q5936")


@pytest.fixture
def edb(db_url, make_doc):
    docs = [
        make_doc("e1", "রুশ প্রেসিডেন্ট পুতিন শনিবার ইরানের প্রেসিডেন্ট রাইসির সঙ্গে ফোনালাপ করেছেন।",
                 source="news24bd.tv", published="2022-11-12", url="https://example.org/e1",
                 entities=[PUTIN, RAISI],
                 events=[{"type": "CONSULT", "trigger": "ফোনালাপ", "source": 0, "target": 1, "mode": "phone"}]),
        make_doc("e2", "ঢাকায় হামলায় ১৫ জন নিহত হয়েছেন।\tতদন্ত চলছে।", source="Prothom Alo", published="2024-01-03",
                 events=[{"type": "ASSAULT", "trigger": "হামলায়", "cameo_root": "18", "quad_class": 4,
                          "goldstein": -9.0, "casualties": {"killed": 15},
                          "location": {"name_en": "Dhaka", "country": "BGD", "lat": 23.7, "lon": 90.4}}]),
    ]
    with open_database(db_url) as db:
        ingest(db, docs, extract=lambda d: d)
    db = open_database(db_url, readonly=True)
    yield db
    db.close()


def test_csv_has_header_and_rows(edb, tmp_path):
    out = tmp_path / "ev.csv"
    assert export_events(edb, "csv", str(out)) == 2
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert tuple(rows[0]) == FLAT_COLUMNS
    recs = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert {r["type"] for r in recs} == {"CONSULT", "ASSAULT"}
    consult = next(r for r in recs if r["type"] == "CONSULT")
    assert consult["source_code"] == "RUSGOV" and consult["trigger"] == "ফোনালাপ" and consult["outlet"] == "news24bd.tv"


def test_csv_to_text_stream_with_filters(edb):
    buf = io.StringIO()
    assert export_events(edb, "csv", buf, actor="Vladimir Putin") == 1
    lines = buf.getvalue().splitlines()
    assert len(lines) == 2 and lines[0].startswith("id,article_id")
    buf = io.StringIO()
    assert export_events(edb, "csv", buf, type="AID") == 0
    assert buf.getvalue().splitlines() == [",".join(FLAT_COLUMNS)]


def test_jsonl(edb):
    buf = io.StringIO()
    assert export_events(edb, "jsonl", buf, since="2024-01-01") == 1
    (ev,) = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert ev["type"] == "ASSAULT" and ev["casualties"] == {"killed": 15} and ev["location"]["name_en"] == "Dhaka"


def test_parquet_readable(edb, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "ev.parquet"
    assert export_events(edb, "parquet", out) == 2
    t = pq.read_table(out)
    assert t.num_rows == 2 and tuple(t.column_names) == FLAT_COLUMNS
    rows = t.to_pylist()
    assault = next(r for r in rows if r["type"] == "ASSAULT")
    assert assault["killed"] == 15 and assault["goldstein"] == -9.0 and assault["negated"] is False


def test_parquet_empty_still_a_file(edb, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "none.parquet"
    assert export_events(edb, "parquet", out, type="AID") == 0
    assert pq.read_table(out).num_rows == 0


def test_gdelt_columns(edb):
    buf = io.StringIO()
    assert export_events(edb, "gdelt", buf) == 2
    rows = [line.split("\t") for line in buf.getvalue().splitlines()]
    assert len(rows) == 2 and all(len(r) == len(GDELT_COLUMNS) == 61 for r in rows)
    rec = {r[GDELT_COLUMNS.index("EventRootCode")]: dict(zip(GDELT_COLUMNS, r)) for r in rows}
    c = rec["04"]
    assert c["Day"] == "20221112" and c["MonthYear"] == "202211" and c["Year"] == "2022"
    assert (c["Actor1Code"], c["Actor1Name"], c["Actor1CountryCode"], c["Actor1Type1Code"]) == \
        ("RUSGOV", "Vladimir Putin", "RUS", "GOV")
    assert c["Actor2Code"] == "IRNGOV" and c["IsRootEvent"] == "1" and c["SOURCEURL"] == "https://example.org/e1"
    a = rec["18"]
    assert (a["QuadClass"], a["GoldsteinScale"], a["ActionGeo_FullName"], a["ActionGeo_Lat"]) == ("4", "-9", "Dhaka", "23.7")
    assert a["NumArticles"] == "1" and a["NumSources"] == "1" and a["DATEADDED"].isdigit()


def test_gdelt_header_option(edb):
    buf = io.StringIO()
    export_events(edb, "gdelt", buf, header=True)
    assert buf.getvalue().splitlines()[0].split("\t") == list(GDELT_COLUMNS)


def test_unknown_format(edb):
    with pytest.raises(InputError):
        export_events(edb, "xml", io.StringIO())
