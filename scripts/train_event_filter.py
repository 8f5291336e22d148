"""Train the event coder's learned filter (src/khobor/data/events/filter.json).

The rule coder proposes events; this logistic model, over what the coder knew when it made each one
(type, which actors it found and how — a marked case, a guessed receiver, a subject carried over from
earlier sentences, an impersonal passive, a charge read from a statement …), estimates the probability
that the event is right *with both actors* (ANNOTATION.md's strict match). That probability becomes the
event's ``confidence``, and events below the threshold are dropped.

Trained on the sample and the development gold only (tests/gold/sample.jsonl, dev_a, dev_b, dev_c, dev_d);
the held-out sets are never read here. The threshold is the one that maximises strict F1 in
article-level cross-validation on that same data (so it is not fitted to the very events it keeps).
Deterministic: plain numpy gradient descent from zeros, fixed iterations.

    python scripts/train_event_filter.py            # train and write the model
    python scripts/train_event_filter.py --check    # exit 1 if the shipped model differs from a rebuild
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ["KHOBOR_EVENT_FILTER"] = "0"  # propose events without the filter being trained

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khobor import eval as ev  # noqa: E402
from khobor.pipeline import Pipeline  # noqa: E402

GOLD = ["sample.jsonl", "dev_a.jsonl", "dev_b.jsonl", "dev_c.jsonl", "dev_d.jsonl"]
OUT = ROOT / "src/khobor/data/events/filter.json"
L2 = 1.0
ITERATIONS = 3000
STEP = 0.5
FOLDS = 5
TOLERANCE = 0.005


class _Recorder:
    """Stands in for the filter while proposing: keeps every event and records its features."""

    threshold = 0.0

    def __init__(self) -> None:
        self.seen: list[dict[str, float]] = []

    def probability(self, feats: dict[str, float]) -> float:
        self.seen.append(feats)
        return 1.0


def propose() -> list[tuple[str, list[dict[str, float]], list[int], int]]:
    """Per gold article: (id, features of each proposed event, 1/0 strict match per event, gold count)."""
    pipe = Pipeline()
    stage = next(s for name, s in zip(pipe.stage_names, pipe.stages) if name == "events")
    out = []
    for name in GOLD:
        for g in ev.load_gold(ROOT / "tests/gold" / name):
            rec = _Recorder()
            stage.filter, stage.use_filter = rec, True
            pred = pipe.process(g).to_dict()["events"]
            gold = g["gold"]["events"]
            used: set[int] = set()
            labels = []
            for p in pred:  # the scorer's own greedy one-to-one matching, in predicted order
                hit = next((j for j, x in enumerate(gold) if j not in used and ev.events_match(x, p)), None)
                labels.append(0 if hit is None else 1)
                if hit is not None:
                    used.add(hit)
            out.append((str(g.get("id") or name), rec.seen, labels, len(gold)))
    return out


def _matrix(rows: list[dict[str, float]], names: list[str]) -> np.ndarray:
    index = {n: k for k, n in enumerate(names)}
    X = np.zeros((len(rows), len(names)))
    for r, feats in enumerate(rows):
        for k, v in feats.items():
            if k in index:
                X[r, index[k]] = v
    return X


def fit(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    w = np.zeros(X.shape[1])
    n = len(y)
    reg = np.full(X.shape[1], L2 / n)
    reg[0] = 0.0  # no penalty on the bias
    for _ in range(ITERATIONS):
        p = 1.0 / (1.0 + np.exp(-(X @ w)))
        w -= STEP * (X.T @ (p - y) / n + reg * w)
    return w


def best_threshold(scored: list[tuple[np.ndarray, np.ndarray, int]]) -> tuple[float, float]:
    """(threshold, strict F1): the lowest threshold whose F1 over the articles is within TOLERANCE of the
    best (the curve is flat near its top; the lowest such threshold drops the fewest events and is
    stable from one retraining to the next)."""
    curve = []
    for t in np.round(np.arange(0.0, 0.61, 0.01), 2):
        tp = fp = fn = 0
        for p, y, n_gold in scored:
            keep = p >= t
            tpa = int((y[keep] == 1).sum())
            tp += tpa
            fp += int(keep.sum()) - tpa
            fn += n_gold - tpa
        curve.append((float(t), 2 * tp / (2 * tp + fp + fn) if tp else 0.0))
    top = max(f for _, f in curve)
    return next((t, f) for t, f in curve if f >= top - TOLERANCE)


def train() -> dict:
    data = propose()
    names = ["bias"] + sorted({k for _, rows, _, _ in data for feats in rows for k in feats} - {"bias"})
    # cross-validated probabilities for choosing the threshold (articles dealt to folds in order)
    scored = []
    for fold in range(FOLDS):
        train_rows = [(f, y) for k, (_, rows, ys, _) in enumerate(data) if k % FOLDS != fold
                      for f, y in zip(rows, ys)]
        X = _matrix([f for f, _ in train_rows], names)
        w = fit(X, np.array([y for _, y in train_rows], dtype=float))
        for k, (_, rows, ys, n_gold) in enumerate(data):
            if k % FOLDS == fold:
                p = 1.0 / (1.0 + np.exp(-(_matrix(rows, names) @ w))) if rows else np.zeros(0)
                scored.append((p, np.array(ys), n_gold))
    threshold, cv_f1 = best_threshold(scored)
    base = best_threshold([(np.ones(len(y)), y, n) for _, y, n in scored])[1]
    rows = [f for _, r, _, _ in data for f in r]
    ys = np.array([y for _, _, yy, _ in data for y in yy], dtype=float)
    w = fit(_matrix(rows, names), ys)
    return {
        "about": "Logistic filter over the rule coder's events; probability that an event is right with "
                 "both actors (strict). Built by scripts/train_event_filter.py; do not edit.",
        "trained_on": GOLD,
        "events": int(len(ys)), "right": int(ys.sum()),
        "cv_strict_f1": round(cv_f1, 4), "cv_strict_f1_without_filter": round(base, 4),
        "threshold": threshold,
        "weights": {n: round(float(x), 6) for n, x in zip(names, w)},
    }


def same_model(a: dict, b: dict, tol: float = 1e-4) -> bool:
    """Equal up to float noise (BLAS may sum in another order on another machine)."""
    if a.get("threshold") != b.get("threshold") or set(a.get("weights", {})) != set(b.get("weights", {})):
        return False
    return all(abs(a["weights"][k] - b["weights"][k]) <= tol for k in a["weights"])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    model = train()
    text = json.dumps(model, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if args.check:
        same = OUT.exists() and same_model(json.loads(OUT.read_text(encoding="utf-8")), model)
        print("filter.json is up to date" if same else "filter.json differs from a rebuild")
        return 0 if same else 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"{model['events']} events ({model['right']} right); cross-validated strict F1 "
          f"{model['cv_strict_f1_without_filter']} → {model['cv_strict_f1']} at threshold {model['threshold']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
