"""``khobor bench``: speed end to end and per stage on real articles, beside peers, in one run.

Measures, on the same articles (``../shared/data/news``, repeated up to N):

* start-up: a fresh interpreter importing khobor and building the pipeline (models + knowledge base);
* the floor: reading the JSONL, cleaning, normalising and tokenising only;
* end to end on one worker (articles/s, tokens/s, seconds per stage) and on N workers (the scaling);
* peak memory (max RSS) of the single-worker process;
* peers: ``dateparser.search_dates`` against our date finder, ``bnunicodenormalizer`` against our
  normaliser (speed, and how many Latin/number/URL tokens each leaves intact), and the shipped NER
  against its memorising baseline (scores from the model's ``meta.json``).
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import time
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from .errors import InputError, KhoborError

CORPORA = ("news/iamaber/articles.jsonl", "news/bdnewspaperscraper/articles_bn.jsonl")


def default_shared() -> Path:
    env = os.environ.get("KHOBOR_SHARED")
    if env:
        return Path(env)
    for base in (Path.cwd(), Path(__file__).resolve().parents[3]):
        cand = base.parent / "shared"
        if (cand / "data").is_dir():
            return cand
    return Path.cwd().parent / "shared"


def load_records(shared: Path, n: int) -> list[dict[str, Any]]:
    """``n`` article records from the shared corpora (repeated when ``n`` exceeds them)."""
    rows: list[dict[str, Any]] = []
    for rel in CORPORA:
        p = shared / "data" / rel
        if not p.exists():
            continue
        with p.open(encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                body = d.get("body") or d.get("article") or ""
                if len(body.strip()) >= 50:
                    rows.append(d)
    if not rows:
        raise InputError(f"no articles found under {shared}/data/news (pass --shared PATH)")
    out = []
    while len(out) < n:
        out.extend(rows[: n - len(out)])
    return out


@dataclass
class BenchReport:
    machine: dict[str, Any] = field(default_factory=dict)
    rows: list[dict[str, Any]] = field(default_factory=list)  # the main table
    stages: dict[str, float] = field(default_factory=dict)
    peers: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"machine": self.machine, "rows": self.rows, "stages": self.stages, "peers": self.peers,
                "notes": self.notes}

    def to_markdown(self) -> str:
        m = self.machine
        out = [f"Measured {m.get('date')} on {m.get('cpu')} ({m.get('cores')} cores), Python {m.get('python')}, "
               f"{m.get('articles')} articles ({m.get('chars_per_article'):.0f} characters, "
               f"{m.get('tokens_per_article'):.0f} tokens each on average) from ../shared/data/news.", ""]
        out += ["| measurement | articles/s | tokens/s | peak RSS (MB) | notes |", "|---|---:|---:|---:|---|"]
        for r in self.rows:
            out.append(f"| {r['name']} | {_fmt(r.get('articles_per_s'), '.1f')} | "
                       f"{_fmt(r.get('tokens_per_s'), ',.0f')} | {r.get('rss_mb', '')} | {r.get('notes', '')} |")
        if self.stages:
            total = sum(self.stages.values()) or 1.0
            out += ["", "Time per stage (one worker):", "", "| stage | ms/article | share |", "|---|---:|---:|"]
            n = self.machine.get("articles", 1)
            for k, v in self.stages.items():
                out.append(f"| {k} | {1000 * v / n:.2f} | {100 * v / total:.0f}% |")
        if self.peers:
            out += ["", "Peers, same articles, same run:", "",
                    "| task | tool | articles/s | quality | notes |", "|---|---|---:|---|---|"]
            for p in self.peers:
                out.append(f"| {p['task']} | {p['tool']} | {_fmt(p.get('articles_per_s'), '.1f')} | "
                           f"{p.get('quality', '')} | {p.get('notes', '')} |")
        if self.notes:
            out += [""] + [f"- {n}" for n in self.notes]
        return "\n".join(out) + "\n"


def _fmt(v: Any, spec: str) -> str:
    return format(v, spec) if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v or "")


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _rss_mb() -> int:
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def startup_seconds() -> float:
    code = "import time;t=time.perf_counter();from khobor.pipeline import get_pipeline;get_pipeline();print(time.perf_counter()-t)"
    best = 1e9
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        best = min(best, float(out.stdout.strip().splitlines()[-1]))
    return best


# worker-process state for the parallel measurement
_PIPE = None


def _init_worker() -> None:
    global _PIPE
    from .pipeline import Pipeline

    _PIPE = Pipeline()
    from .runtime import tune_gc

    tune_gc()  # as get_pipeline() does for every command


def _work(chunk: list[dict[str, Any]]) -> int:
    n = 0
    for rec in chunk:
        try:
            _PIPE.process(rec)  # type: ignore[union-attr]
            n += 1
        except KhoborError:
            pass
    return n


def run_parallel(records: list[dict[str, Any]], workers: int) -> float:
    """Seconds to process ``records`` on ``workers`` processes (start-up excluded)."""
    # fresh interpreters (spawn), so no worker inherits caches this process warmed: 1 and N workers
    # start equal, and the ratio between them is the scaling
    ctx = get_context("spawn")
    size = max(1, min(64, len(records) // (workers * 8) or 1))
    chunks = [records[i:i + size] for i in range(0, len(records), size)]
    with ctx.Pool(workers, initializer=_init_worker) as pool:
        pool.map(_work, [records[:2]] * workers)  # warm every worker
        t0 = time.perf_counter()
        pool.map(_work, chunks)
        return time.perf_counter() - t0


def run_bench(n_articles: int = 2000, workers: int = 2, shared: Path | None = None, peers: bool = True,
              ingest: bool = True) -> BenchReport:
    from .pipeline import Pipeline, StageTimer
    from .readers import record_from_dict

    shared = shared or default_shared()
    records = load_records(shared, n_articles)
    rep = BenchReport()
    # floor: read + clean + tokenise
    floor_pipe = Pipeline(["segment"])
    from .runtime import tune_gc

    tune_gc()  # every measurement runs as the commands do (khobor.runtime)
    t0 = time.perf_counter()
    docs = []
    for d in records:
        try:
            docs.append(floor_pipe.process(record_from_dict(d)))
        except KhoborError:
            pass
    t_floor = time.perf_counter() - t0
    n_tok = sum(len(doc.tokens) for doc in docs)
    n = len(docs)
    rep.machine = {
        "date": time.strftime("%Y-%m-%d"), "cpu": _cpu_name(), "cores": os.cpu_count(),
        "python": platform.python_version(), "articles": n,
        "chars_per_article": sum(len(doc.text) for doc in docs) / max(n, 1),
        "tokens_per_article": n_tok / max(n, 1),
    }
    su = startup_seconds()
    rep.rows.append({"name": "start-up (import + load models and knowledge base)", "articles_per_s": "",
                     "tokens_per_s": "", "rss_mb": "", "notes": f"{su:.2f} s (best of 3 fresh interpreters)"})
    rep.rows.append({"name": "floor: read, clean, normalise, tokenise", "articles_per_s": n / t_floor,
                     "tokens_per_s": n_tok / t_floor, "rss_mb": "", "notes": "the limit the full pipeline approaches"})
    timer = StageTimer()
    pipe = Pipeline(timer=timer)
    tune_gc()
    pipe.process(records[0])  # warm caches
    timer.seconds.clear()
    t0 = time.perf_counter()
    for d in records:
        try:
            pipe.process(d)
        except KhoborError:
            pass
    t_one = time.perf_counter() - t0
    rep.stages = dict(timer.seconds)
    rep.rows.append({"name": "end to end, 1 worker", "articles_per_s": n / t_one, "tokens_per_s": n_tok / t_one,
                     "rss_mb": _rss_mb(), "notes": "clean → segment → entities → times → quantities → events"})
    if workers > 1:
        t_p1 = run_parallel(records, 1)
        t_pn = run_parallel(records, workers)
        rep.rows.append({"name": "end to end, 1 worker process", "articles_per_s": n / t_p1,
                         "tokens_per_s": n_tok / t_p1, "rss_mb": "", "notes": "a fresh process, cold word caches"})
        rep.rows.append({"name": f"end to end, {workers} worker processes", "articles_per_s": n / t_pn,
                         "tokens_per_s": n_tok / t_pn, "rss_mb": "",
                         "notes": f"fresh processes; scaling ×{t_p1 / t_pn:.2f} over 1 worker process"})
    if ingest:
        rep.rows.extend(_ingest_rows(records[: min(len(records), 1000)], workers))
    if peers:
        rep.peers.extend(_peers(docs[: min(len(docs), 300)]))
    return rep


def _ingest_rows(records: list[dict[str, Any]], workers: int) -> list[dict[str, Any]]:
    """`khobor ingest` into a fresh SQLite file with 1 and with N workers (extraction + storage).
    Records get unique ids so that repeated articles are stored, not skipped as already in."""
    import tempfile

    from .store.ingest import _pipeline_extract, ingest

    rows = []
    recs = [dict(r, id=f"bench-{i}") for i, r in enumerate(records)]
    times = {}
    for w in sorted({1, workers}):
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            summary = ingest(str(Path(tmp) / "bench.db"), iter(recs), extract=_pipeline_extract, workers=w)
            times[w] = time.perf_counter() - t0
        rows.append({"name": f"ingest into SQLite, {w} worker{'s' if w > 1 else ''}",
                     "articles_per_s": len(recs) / times[w], "tokens_per_s": "", "rss_mb": "",
                     "notes": f"{summary.added} added, {summary.duplicates} duplicates"
                              + (f"; ×{times[1] / times[w]:.2f} over 1 worker" if w > 1 else "")})
    return rows


def _peers(docs) -> list[dict[str, Any]]:
    import re

    from .stages.times import find_times
    from .text.normalize import normalize

    out: list[dict[str, Any]] = []
    texts = [d.text for d in docs]
    # dates
    t0 = time.perf_counter()
    ours = [find_times(t, d.published) for t, d in zip(texts, docs)]
    t_ours = time.perf_counter() - t0
    out.append({"task": "dates", "tool": "khobor find_times", "articles_per_s": len(texts) / t_ours,
                "quality": "see TIMES.md (held-back sentences)",
                "notes": f"{sum(len(o[0]) for o in ours)} dates found"})
    try:
        from dateparser.search import search_dates

        k = min(len(texts), 60)
        t0 = time.perf_counter()
        found = 0
        for t in texts[:k]:
            res = search_dates(t, languages=["bn"]) or []
            found += len(res)
        t_dp = time.perf_counter() - t0
        out.append({"task": "dates", "tool": "dateparser.search_dates (bn)", "articles_per_s": k / t_dp,
                    "quality": "see TIMES.md", "notes": f"{found} 'dates' in {k} articles (counts like ১৫ জন among them)"})
    except ImportError:
        out.append({"task": "dates", "tool": "dateparser", "articles_per_s": "", "notes": "not installed"})
    # normalisation
    latin = re.compile(r"[A-Za-z0-9][A-Za-z0-9.:/_%-]*")
    t0 = time.perf_counter()
    for t in texts:
        normalize(t)
    t_norm = time.perf_counter() - t0
    kept_ours = sum(1 for t in texts for tok in latin.findall(t) if tok in normalize(t))
    total_latin = sum(len(latin.findall(t)) for t in texts)
    out.append({"task": "normalise", "tool": "khobor normalize", "articles_per_s": len(texts) / t_norm,
                "quality": f"{kept_ours}/{total_latin} Latin/number tokens intact", "notes": "whole text, one pass"})
    try:
        from bnunicodenormalizer import Normalizer

        bnorm = Normalizer()
        k = min(len(texts), 100)
        t0 = time.perf_counter()
        outs = []
        for t in texts[:k]:
            outs.append(" ".join((bnorm(w)["normalized"] or "") for w in t.split()))
        t_b = time.perf_counter() - t0
        kept = sum(1 for t, o in zip(texts[:k], outs) for tok in latin.findall(t) if tok in o)
        tot = sum(len(latin.findall(t)) for t in texts[:k])
        out.append({"task": "normalise", "tool": "bnunicodenormalizer (word by word)", "articles_per_s": k / t_b,
                    "quality": f"{kept}/{tot} Latin/number tokens intact", "notes": "drops or rewrites non-Bengali words"})
    except ImportError:
        out.append({"task": "normalise", "tool": "bnunicodenormalizer", "articles_per_s": "", "notes": "not installed"})
    # NER against its baseline: scores recorded by scripts/train_ner.py
    try:
        from .data.loader import read_json

        scores = read_json("ner/meta.json").get("scores", {})
        r, b = scores["rifat_test"], scores["banglakit_heldout"]
        for tool, key in (("khobor CRF (shipped)", "crf"), ("most-frequent-tag memoriser (baseline)",
                                                             "baseline_memoriser")):
            out.append({"task": "NER", "tool": tool, "articles_per_s": "",
                        "quality": f"F1 {r[key]['micro']['f1']:.3f} rifat test / {b[key]['micro']['f1']:.3f} "
                                   f"banglakit held-back", "notes": "mention level, exact span (ner/meta.json)"})
    except Exception:  # meta.json is optional for the bench
        pass
    return out
