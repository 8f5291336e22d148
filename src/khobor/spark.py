"""khobor on Apache Spark: JSONL in, Parquet out (``pip install khobor[spark]``).

The pipeline is built once per partition (``mapPartitions``), never per row. Input lines are read as
text, so a malformed line becomes a row with an ``error`` column instead of failing the job; so does a
record the pipeline rejects. Output:

* ``OUTPUT/articles/`` — one row per input line: the OUTPUT.md fields, with ``entities``, ``times``,
  ``quantities`` and ``events`` as nested columns, plus ``error`` and ``input_line``;
* ``OUTPUT/events/`` — a flat table, one row per event, with the article id, source and url.

On a cluster::

    pip wheel . -w dist/   # then ship the wheel to the executors (or install khobor on every node)
    spark-submit --master yarn --py-files dist/khobor-*.whl \\
        scripts/khobor_spark_submit.py hdfs:///news/*.jsonl hdfs:///out/khobor 200

(any path Spark reads works: ``s3a://``, ``hdfs://``, ``file://``). Locally: ``khobor spark in.jsonl out``.
"""

from __future__ import annotations

import glob
import json
import os
import sys
from typing import Any, Iterable, Iterator

from .errors import InputError, KhoborError


def _schema():
    from pyspark.sql import types as T

    actor = T.StructType([
        T.StructField("text", T.StringType()), T.StructField("name_en", T.StringType()),
        T.StructField("code", T.StringType()), T.StructField("country", T.StringType()),
        T.StructField("entity", T.IntegerType()),
    ])
    entity = T.StructType([
        T.StructField("text", T.StringType()), T.StructField("start", T.IntegerType()),
        T.StructField("end", T.IntegerType()), T.StructField("type", T.StringType()),
        T.StructField("name_en", T.StringType()), T.StructField("linked", T.BooleanType()),
        T.StructField("code", T.StringType()), T.StructField("country", T.StringType()),
        T.StructField("kb_id", T.StringType()), T.StructField("lat", T.DoubleType()),
        T.StructField("lon", T.DoubleType()),
    ])
    time = T.StructType([
        T.StructField("text", T.StringType()), T.StructField("start", T.IntegerType()),
        T.StructField("end", T.IntegerType()), T.StructField("value", T.StringType()),
        T.StructField("granularity", T.StringType()), T.StructField("resolved_by", T.StringType()),
    ])
    quantity = T.StructType([
        T.StructField("text", T.StringType()), T.StructField("start", T.IntegerType()),
        T.StructField("end", T.IntegerType()), T.StructField("kind", T.StringType()),
        T.StructField("value", T.DoubleType()), T.StructField("approximate", T.BooleanType()),
        T.StructField("unit", T.StringType()), T.StructField("restated", T.BooleanType()),
    ])
    location = T.StructType([
        T.StructField("name_en", T.StringType()), T.StructField("country", T.StringType()),
        T.StructField("lat", T.DoubleType()), T.StructField("lon", T.DoubleType()),
    ])
    event = T.StructType([
        T.StructField("type", T.StringType()), T.StructField("mode", T.StringType()),
        T.StructField("cameo_root", T.StringType()), T.StructField("quad_class", T.IntegerType()),
        T.StructField("goldstein", T.DoubleType()), T.StructField("source", actor),
        T.StructField("target", actor), T.StructField("negated", T.BooleanType()),
        T.StructField("attributed_to", actor), T.StructField("date", T.StringType()),
        T.StructField("location", location),
        T.StructField("casualties", T.MapType(T.StringType(), T.IntegerType())),
        T.StructField("sentence", T.IntegerType()),
        T.StructField("trigger", T.StructType([
            T.StructField("text", T.StringType()), T.StructField("start", T.IntegerType()),
            T.StructField("end", T.IntegerType())])),
        T.StructField("confidence", T.DoubleType()),
    ])
    return T.StructType([
        T.StructField("input_line", T.LongType()),
        T.StructField("id", T.StringType()), T.StructField("headline", T.StringType()),
        T.StructField("source", T.StringType()), T.StructField("author", T.StringType()),
        T.StructField("desk", T.StringType()), T.StructField("url", T.StringType()),
        T.StructField("published", T.StringType()), T.StructField("published_inferred", T.BooleanType()),
        T.StructField("text", T.StringType()),
        T.StructField("entities", T.ArrayType(entity)), T.StructField("times", T.ArrayType(time)),
        T.StructField("quantities", T.ArrayType(quantity)), T.StructField("events", T.ArrayType(event)),
        T.StructField("error", T.StringType()),
    ])


_TOP = ("id", "headline", "source", "author", "desk", "url", "published", "published_inferred", "text")


def _row(d: dict[str, Any], line: int) -> dict[str, Any]:
    out = {k: d.get(k) for k in _TOP}
    out["input_line"] = line
    out["entities"] = [{k: e.get(k) for k in ("text", "start", "end", "type", "name_en", "linked", "code",
                                              "country", "kb_id", "lat", "lon")} for e in d["entities"]]
    out["times"] = [{k: t.get(k) for k in ("text", "start", "end", "value", "granularity", "resolved_by")}
                    for t in d["times"]]
    out["quantities"] = [dict(q, value=float(q["value"])) for q in d["quantities"]]
    evs = []
    for e in d["events"]:
        e = dict(e)
        e["goldstein"] = float(e["goldstein"])
        if e.get("location"):
            loc = e["location"]
            e["location"] = {k: loc.get(k) for k in ("name_en", "country", "lat", "lon")}
        evs.append(e)
    out["events"] = evs
    out["error"] = None
    return out


def _error_row(line: int, message: str, rid: str | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {k: None for k in _TOP}
    row.update(input_line=line, id=rid, entities=[], times=[], quantities=[], events=[], error=message)
    return row


def extract_partition(lines: Iterable[tuple[str, int]]) -> Iterator[dict[str, Any]]:
    """Run the pipeline over one partition of ``(json_line, line_number)`` pairs. Built once here."""
    from .pipeline import Pipeline
    from .readers import record_from_dict

    from .runtime import tune_gc

    pipe = Pipeline()
    tune_gc()  # freeze the models out of the collector's sight (khobor.runtime)
    for raw, line in lines:
        line = int(line) + 1
        if not raw or not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield _error_row(line, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        rid = str(obj.get("id")) if isinstance(obj, dict) and obj.get("id") is not None else None
        try:
            doc = pipe.process(record_from_dict(obj, line=line))
            yield _row(doc.to_dict(), line)
        except KhoborError as exc:
            yield _error_row(line, str(exc), rid)
        except Exception as exc:  # a bug on one record must not fail the job
            yield _error_row(line, f"internal error: {type(exc).__name__}: {exc}", rid)


def run_spark(input_path: str, output_path: str, *, partitions: int | None = None,
              master: str | None = None, session=None) -> str:
    """Extract every JSONL record under ``input_path``; write Parquet under ``output_path``."""
    if "://" not in input_path and not glob.glob(input_path):
        raise InputError(f"no such input: {input_path}")
    try:
        from pyspark.sql import SparkSession
        from pyspark.sql import functions as F
    except ImportError:
        raise KhoborError("pyspark is not installed: pip install 'khobor[spark]'") from None
    spark = session
    # local mode: executors must run this interpreter (the one khobor is installed in)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    if spark is None:
        builder = SparkSession.builder.appName("khobor")
        if master or "pyspark.shell" not in sys.modules:
            builder = builder.master(master or "local[*]")
        spark = builder.config("spark.sql.session.timeZone", "UTC").getOrCreate()
    try:
        return _run(spark, F, input_path, output_path, partitions, stop=session is None)
    except KhoborError:
        raise
    except Exception as exc:  # Py4J / Spark errors carry a Java stack trace: report its first line
        first = next((ln.strip() for ln in str(exc).splitlines() if ln.strip()), type(exc).__name__)
        raise KhoborError(f"Spark job failed: {first[:300]}") from None


def _run(spark, F, input_path: str, output_path: str, partitions: int | None, stop: bool) -> str:
    lines = spark.sparkContext.textFile(input_path)
    if partitions:
        lines = lines.repartition(partitions)
    rows = lines.zipWithIndex().mapPartitions(extract_partition)
    df = spark.createDataFrame(rows, schema=_schema())
    df = df.cache()
    df.write.mode("overwrite").parquet(output_path.rstrip("/") + "/articles")
    ev = (df.where(F.col("error").isNull())
            .select("id", "source", "url", "published", F.posexplode("events").alias("n", "e"))
            .select(F.col("id").alias("article_id"), "source", "url", "published", "n",
                    F.col("e.type").alias("type"), F.col("e.mode").alias("mode"),
                    F.col("e.cameo_root").alias("cameo_root"), F.col("e.quad_class").alias("quad_class"),
                    F.col("e.goldstein").alias("goldstein"),
                    F.col("e.source.name_en").alias("source_name"), F.col("e.source.code").alias("source_code"),
                    F.col("e.target.name_en").alias("target_name"), F.col("e.target.code").alias("target_code"),
                    F.col("e.negated").alias("negated"), F.col("e.date").alias("date"),
                    F.col("e.location.name_en").alias("location"), F.col("e.location.lat").alias("lat"),
                    F.col("e.location.lon").alias("lon"), F.col("e.casualties").alias("casualties"),
                    F.col("e.trigger.text").alias("trigger"), F.col("e.confidence").alias("confidence")))
    ev.write.mode("overwrite").parquet(output_path.rstrip("/") + "/events")
    n = df.count()
    n_err = df.where(F.col("error").isNotNull()).count()
    n_ev = ev.count()
    df.unpersist()
    if stop:
        spark.stop()
    return f"{n} article row(s) ({n_err} with an error), {n_ev} event(s) written to {output_path}"


def main(argv: list[str] | None = None) -> None:
    """Entry point for ``spark-submit scripts/khobor_spark_submit.py INPUT OUTPUT [PARTITIONS]``."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (2, 3):
        print("usage: spark-submit khobor_spark_submit.py INPUT OUTPUT [PARTITIONS]", file=sys.stderr)
        raise SystemExit(2)
    try:
        print(run_spark(args[0], args[1], partitions=int(args[2]) if len(args) == 3 else None))
    except (KhoborError, InputError) as exc:
        print(f"khobor: error: {exc}", file=sys.stderr)
        raise SystemExit(1)
