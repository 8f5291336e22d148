"""`khobor bench` runs end to end on a few real articles and reports every measurement (no timing is
asserted here: speed is measured by the benchmark, never by a test)."""

from khobor.bench import run_bench

from .paths import SHARED, needs_shared


@needs_shared
def test_bench_reports_all_rows():
    rep = run_bench(n_articles=30, workers=2, shared=SHARED, peers=True)
    names = [r["name"] for r in rep.rows]
    assert any("start-up" in n for n in names)
    assert any("floor" in n for n in names)
    assert "end to end, 1 worker" in names
    assert "end to end, 1 worker process" in names and "end to end, 2 worker processes" in names
    assert any(n.startswith("ingest into SQLite, 2 workers") for n in names)
    assert set(rep.stages) == {"segment", "entities", "times", "quantities", "events"}
    tools = {p["tool"] for p in rep.peers}
    assert any("dateparser" in t for t in tools) and any("bnunicodenormalizer" in t for t in tools)
    md = rep.to_markdown()
    assert "| end to end, 1 worker |" in md and "Peers" in md
