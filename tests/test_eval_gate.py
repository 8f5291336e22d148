"""The evaluation gate: khobor's scores on the gold sets must not drop below the pinned baseline
(tests/gold/baseline.json, written by `python scripts/eval_report.py --pin` a little under what was
measured). A change that lowers a score fails CI; a change that raises one should re-pin."""

import json
from pathlib import Path

import pytest

from khobor import eval as ev
from khobor.pipeline import get_pipeline

from .paths import needs_shared

GOLD = Path(__file__).resolve().parent / "gold"
BASELINE = json.loads((GOLD / "baseline.json").read_text(encoding="utf-8"))
SETS = {
    "sample": ["sample.jsonl"],
    "dev": ["dev_a.jsonl", "dev_b.jsonl", "dev_c.jsonl", "dev_d.jsonl"],
    "heldout": ["heldout.jsonl", "heldout_b.jsonl", "heldout_c.jsonl", "heldout_d.jsonl"],
}


def _scores(name):
    gold = [g for f in SETS[name] for g in ev.load_gold(GOLD / f)]
    pipe = get_pipeline()
    m = ev.score(gold, [pipe.process(g).to_dict() for g in gold]).metrics
    got = {k: m[k]["f1"] for k in ("entities", "times", "quantities", "events_strict", "events_type")}
    got["linking"] = m["linking"]["accuracy"]
    return got


def _check(name):
    got = _scores(name)
    low = {k: (round(got[k], 3), v) for k, v in BASELINE[name].items() if got[k] < v}
    assert not low, f"{name}: scores below the pinned baseline (got, pinned): {low}"


def test_sample_gate():
    _check("sample")


@needs_shared
@pytest.mark.parametrize("name", ["dev", "heldout"])
def test_gold_gate(name):
    _check(name)


def test_sample_must_show_events():
    """The 14 events of the sample article (issue: source → target; symmetric ones either way)."""
    gold = ev.load_gold(GOLD / "sample.jsonl")
    pred = get_pipeline().process(gold[0]).to_dict()
    report = ev.score(gold, [pred])
    strict = report.metrics["events_strict"]
    assert strict["tp"] == 14 and strict["fn"] == 0
    assert strict["fp"] <= 2  # "with few extra events"
