"""Score khobor on every gold set and write the evaluation table (EVALUATION.md's main table) and the
pinned baseline of the evaluation gate (tests/gold/baseline.json).

    python scripts/eval_report.py            # print the table
    python scripts/eval_report.py --pin      # also re-pin the gate (measured scores minus a margin)

Run it after a change that moves the scores, and commit both files with the change.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from khobor import eval as ev
from khobor.pipeline import get_pipeline

ROOT = Path(__file__).resolve().parents[1]
SETS = [
    ("sample", "tests/gold/sample.jsonl", "the shipped sample article (the rules were written looking at it)"),
    ("dev", "tests/gold/dev_a.jsonl tests/gold/dev_b.jsonl tests/gold/dev_c.jsonl tests/gold/dev_d.jsonl",
     "77 development articles (rules were tuned on them)"),
    ("heldout", "tests/gold/heldout.jsonl tests/gold/heldout_b.jsonl tests/gold/heldout_c.jsonl "
     "tests/gold/heldout_d.jsonl", "70 held-out articles (never read while writing rules)"),
]
METRICS = ("entities", "times", "quantities", "events_strict", "events_type")
MARGIN = 0.02


def measure() -> dict[str, dict]:
    pipe = get_pipeline()
    out = {}
    for name, files, _ in SETS:
        gold = [g for f in files.split() for g in ev.load_gold(ROOT / f)]
        pred = [pipe.process(g).to_dict() for g in gold]
        out[name] = ev.score(gold, pred).metrics | {"articles": len(gold)}
    return out


def f1(m: dict, key: str) -> float:
    return float(m[key]["f1"])


def table(res: dict[str, dict]) -> str:
    lines = ["| set | articles | entities F1 | linking acc. | times F1 | quantities F1 | events strict F1 | events type F1 |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, _, desc in SETS:
        m = res[name]
        lines.append(f"| {name} — {desc} | {m['articles']} | {f1(m, 'entities'):.3f} | "
                     f"{m['linking']['accuracy']:.3f} | {f1(m, 'times'):.3f} | {f1(m, 'quantities'):.3f} | "
                     f"{f1(m, 'events_strict'):.3f} | {f1(m, 'events_type'):.3f} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pin", action="store_true")
    args = ap.parse_args()
    res = measure()
    print(table(res))
    if args.pin:
        pinned = {name: {k: round(max(0.0, f1(res[name], k) - MARGIN), 3) for k in METRICS}
                  | {"linking": round(max(0.0, res[name]["linking"]["accuracy"] - MARGIN), 3)}
                  for name, _, _ in SETS}
        (ROOT / "tests/gold/baseline.json").write_text(json.dumps(pinned, indent=2) + "\n", encoding="utf-8")
        print("pinned tests/gold/baseline.json")


if __name__ == "__main__":
    main()
