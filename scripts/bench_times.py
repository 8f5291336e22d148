"""Benchmark khobor's times+quantities against dateparser.search.search_dates (languages=['bn']).

Speed: articles/second over the same real articles (shared/data/news, the first N with a publication date;
one process, one core). Quality: precision/recall/F1 of the resolved values on the hand-labelled held-back
sentences (tests/fixtures/times_held.tsv), multiset of values per sentence as in ANNOTATION.md. For
dateparser a found date counts with day granularity (its result is a datetime) — its value is compared as
YYYY-MM-DD.

    python scripts/bench_times.py [--articles 500] [--dateparser-articles 100]
"""

from __future__ import annotations

import argparse
import json
import time
import warnings
from collections import Counter
from datetime import datetime
from pathlib import Path

from khobor.stages.quantities import find_quantities
from khobor.stages.times import find_times
from khobor.text.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
HELD = ROOT / "tests" / "fixtures" / "times_held.tsv"
QHELD = ROOT / "tests" / "fixtures" / "quantities_held.tsv"
PEOPLE = {"killed", "injured", "arrested", "missing", "kidnapped"}


def articles(n: int) -> list[tuple[str, str]]:
    out = []
    for line in (SHARED / "data/news/iamaber/articles.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        if r.get("body") and r.get("date") and len(r["body"]) > 200:
            out.append((r["date"][:10].replace("/", "-"), normalize(r["body"])))
        if len(out) >= n:
            break
    return out


def load(path: Path) -> list[tuple[str, str, str]]:
    lines = [ln.rstrip("\n") for ln in path.open(encoding="utf-8") if not ln.startswith("#")]
    return [tuple(ln.split("\t")) for ln in lines[1:] if ln]


def prf(pairs) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for gold, pred in pairs:
        hit = sum((gold & pred).values())
        tp, fp, fn = tp + hit, fp + sum(pred.values()) - hit, fn + sum(gold.values()) - hit
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def dp_values(search_dates, sentence: str, published: str) -> Counter:
    base = datetime.fromisoformat(published)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(sentence, languages=["bn"], settings={"RELATIVE_BASE": base}) or []
    return Counter(d.date().isoformat() for _t, d in found)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--dateparser-articles", type=int, default=100, help="dateparser is slow: time it on fewer")
    args = ap.parse_args()
    from dateparser.search import search_dates

    arts = articles(args.articles)
    chars = sum(len(b) for _p, b in arts)
    find_times("১২ নভেম্বর", "2024-01-01")  # load data once, outside the timing
    find_quantities("১৫ জন নিহত")
    t0 = time.perf_counter()
    n_t = n_q = 0
    for pub, body in arts:
        n_t += len(find_times(body, pub)[0])
        n_q += len(find_quantities(body))
    dt = time.perf_counter() - t0
    k_rate = len(arts) / dt

    sub = arts[: args.dateparser_articles]
    dp_values(search_dates, "১২ নভেম্বর", "2024-01-01")
    t0 = time.perf_counter()
    n_dp = 0
    for pub, body in sub:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            n_dp += len(search_dates(body, languages=["bn"], settings={"RELATIVE_BASE": datetime.fromisoformat(pub)}) or [])
    dp_dt = time.perf_counter() - t0
    dp_rate = len(sub) / dp_dt

    held = load(HELD)
    k_pairs = [(Counter(x for x in e.split("|") if x), Counter(t.value for t in find_times(s, p)[0])) for p, s, e in held]
    dp_pairs = [(Counter(x for x in e.split("|") if x), dp_values(search_dates, s, p)) for p, s, e in held]
    # dateparser only gives days: also score both on the day-valued gold items alone
    def days(c: Counter) -> Counter:
        return Counter({k: v for k, v in c.items() if len(k) == 10})

    k_day = [(days(g), days(p)) for g, p in k_pairs]
    dp_day = [(days(g), p) for g, p in dp_pairs]
    qheld = load(QHELD)
    q_pairs = [(Counter(x for x in e.split("|") if x),
                Counter(f"{q.kind}:{q.value}" for q in find_quantities(s) if q.kind in PEOPLE and not q.restated))
               for _p, s, e in qheld]

    print(f"articles: {len(arts)} ({chars / len(arts):.0f} chars on average); held-back: {len(held)} time sentences, "
          f"{len(qheld)} quantity sentences")
    print()
    print("| system | articles/s (1 core) | times P | times R | times F1 | day-only P | day-only R | day-only F1 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    kp, kr, kf = prf(k_pairs)
    kdp, kdr, kdf = prf(k_day)
    print(f"| khobor find_times + find_quantities | {k_rate:,.0f} | {kp:.3f} | {kr:.3f} | {kf:.3f} | {kdp:.3f} | {kdr:.3f} | {kdf:.3f} |")
    dpp, dpr, dpf = prf(dp_pairs)
    ddp, ddr, ddf = prf(dp_day)
    print(f"| dateparser.search.search_dates (bn) | {dp_rate:,.1f} ({len(sub)} articles) | {dpp:.3f} | {dpr:.3f} | {dpf:.3f} | {ddp:.3f} | {ddr:.3f} | {ddf:.3f} |")
    qp, qr, qf = prf(q_pairs)
    print()
    print(f"khobor people counts on held-back quantity sentences: P {qp:.3f} R {qr:.3f} F1 {qf:.3f}")
    print(f"found in {len(arts)} articles: {n_t} times, {n_q} quantities; dateparser found {n_dp} dates in {len(sub)}")


if __name__ == "__main__":
    main()
