"""The archive's must-show, through the real commands and the real pipeline: two ingests of 300
iamaber articles leave each article once; `khobor search সরকার --json` returns hits; `khobor events
--format csv` exports them."""

import csv
import io
import json
import sqlite3
import subprocess
import sys

from .paths import NEWS, needs_shared


def khobor(*args):
    p = subprocess.run([sys.executable, "-m", "khobor", *args], capture_output=True, timeout=600)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


@needs_shared
def test_ingest_twice_search_export(tmp_path):
    src = tmp_path / "iamaber300.jsonl"
    with open(NEWS / "iamaber" / "articles.jsonl", encoding="utf-8") as fh:
        src.write_text("".join(next(fh) for _ in range(300)), encoding="utf-8")
    db = str(tmp_path / "k.db")
    code, _, err1 = khobor("ingest", str(src), "--db", db, "--quiet", "--workers", "2")
    assert code == 0, err1
    con = sqlite3.connect(db)
    n_articles = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    n_events = con.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    assert 250 <= n_articles <= 300  # the corpus has empty bodies among its first 300 records
    assert n_events > 100
    code, _, err2 = khobor("ingest", str(src), "--db", db, "--quiet")
    assert code == 0, err2
    assert "0 added" in err2
    assert con.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == n_articles
    assert con.execute("SELECT COUNT(DISTINCT id) FROM articles").fetchone()[0] == n_articles
    assert con.execute("SELECT COUNT(*) FROM events").fetchone()[0] == n_events
    con.close()

    code, out, err = khobor("search", "সরকার", "--db", db, "--json")
    assert code == 0, err
    hits = json.loads(out)
    assert len(hits) == 20 and all("\x02" in h["snippet"] for h in hits)

    code, out, err = khobor("events", "--db", db, "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == n_events
    assert {"type", "cameo_root", "quad_class", "goldstein", "source_code", "target_code"} <= set(rows[0])
