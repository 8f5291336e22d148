"""khobor on Apache Spark in local mode: N JSONL lines in, N Parquet article rows out, bad lines as
error rows, a flat events table beside them."""

import json
import shutil

import pytest

from .paths import NEWS, needs_shared

pyspark = pytest.importorskip("pyspark", reason="pyspark not installed (pip install 'khobor[spark]')")
if shutil.which("java") is None:
    pytest.skip("no Java runtime for Spark", allow_module_level=True)

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def spark():
    import os
    import sys

    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    s = (SparkSession.builder.master("local[2]").appName("khobor-test")
         .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate())
    yield s
    s.stop()


@needs_shared
def test_200_articles_make_200_rows(spark, tmp_path):
    from khobor.spark import run_spark

    src = tmp_path / "in.jsonl"
    n = 0
    with open(NEWS / "iamaber" / "articles.jsonl", encoding="utf-8") as fh, open(src, "w", encoding="utf-8") as out:
        for line in fh:
            if len(json.loads(line).get("body") or "") < 200:
                continue
            out.write(line)
            n += 1
            if n == 198:
                break
        out.write("{not json\n")  # a malformed line: an error row, not a failed job
        out.write(json.dumps({"id": "english", "body": "Plain English text only, no Bengali."}) + "\n")
    summary = run_spark(str(src), str(tmp_path / "out"), partitions=4, session=spark)
    assert "200 article row(s) (2 with an error)" in summary
    rows = spark.read.parquet(str(tmp_path / "out" / "articles"))
    assert rows.count() == 200
    assert rows.where("error IS NOT NULL").count() == 2
    ok = rows.where("error IS NULL").select("id", "text", "entities", "events").collect()
    assert all(r["text"] for r in ok)
    assert sum(len(r["entities"]) for r in ok) > 1000
    events = spark.read.parquet(str(tmp_path / "out" / "events"))
    assert events.count() == sum(len(r["events"]) for r in ok)
    assert set(events.columns) >= {"article_id", "type", "cameo_root", "source_code", "target_code", "goldstein"}
