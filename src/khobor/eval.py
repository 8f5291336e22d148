"""Scoring khobor's output against gold annotations, exactly as /shared/spec/ANNOTATION.md says.

* :func:`load_gold` reads a gold JSON Lines file. A record holds its article (``body``, ``headline``,
  ``published``, ``source``) or points to one in the shared news corpora with
  ``"ref": {"corpus": "iamaber", "id": "iamaber-00027"}`` or
  ``"ref": {"corpus": "bdnewspaperscraper", "line": 213}`` (1-based line of ``articles_bn.jsonl``).
* :func:`score` compares gold records with predicted OUTPUT.md dicts (aligned by order) and returns an
  :class:`EvalReport` of micro-averaged counts (summed over articles) and P/R/F1.
* :func:`run` = load + extract + score; :func:`format_table` prints a report.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable

from .errors import GoldError
from .text.normalize import normalize

PLOVER_TYPES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
})
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
ENTITY_TYPES = frozenset({"PER", "ORG", "LOC"})
PEOPLE_KINDS = frozenset({"killed", "injured", "arrested", "missing", "kidnapped"})
NAME_RATIO = 0.85

_ISO_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_BARE_COUNTRY = re.compile(r"^[A-Z]{3}$")

CORPORA = {
    # corpus name -> (path under <shared>/data/news, how a ref addresses a record, body field)
    "iamaber": ("iamaber/articles.jsonl", "id", "body"),
    "bdnewspaperscraper": ("bdnewspaperscraper/articles_bn.jsonl", "line", "article"),
}


# ----------------------------------------------------------------------------- matching primitives

def norm_name(name: str | None) -> str:
    """Lower-case, drop punctuation, fold whitespace (after NFC)."""
    if not name:
        return ""
    s = normalize(str(name)).lower()
    s = "".join(" " if unicodedata.category(c).startswith("P") else c for c in s)
    return " ".join(s.split())


def names_match(a: str | None, b: str | None) -> bool:
    """ANNOTATION.md: equal after :func:`norm_name`, or difflib ratio ≥ 0.85."""
    na, nb = norm_name(a), norm_name(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    return difflib.SequenceMatcher(None, na, nb).ratio() >= NAME_RATIO


def actors_match(gold: dict | None, pred: dict | None) -> bool:
    """A gold actor of null matches anything; otherwise names match, codes are equal, or the gold code
    is a bare country and the predicted code starts with it."""
    if gold is None:
        return True
    if pred is None:
        return False
    if names_match(gold.get("name"), pred.get("name_en")):
        return True
    gcode, pcode = gold.get("code"), pred.get("code")
    if gcode and pcode:
        if gcode == pcode:
            return True
        if _BARE_COUNTRY.match(gcode) and pcode.startswith(gcode):
            return True
    return False


def events_match(gold: dict, pred: dict) -> bool:
    if gold.get("type") != pred.get("type"):
        return False
    if bool(gold.get("negated", False)) != bool(pred.get("negated", False)):
        return False
    gs, gt = gold.get("source"), gold.get("target")
    ps, pt = pred.get("source"), pred.get("target")
    if actors_match(gs, ps) and actors_match(gt, pt):
        return True
    if gold.get("type") in SYMMETRIC_TYPES:
        return actors_match(gs, pt) and actors_match(gt, ps)
    return False


# ----------------------------------------------------------------------------- counts

@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __iadd__(self, other: "Counts") -> "Counts":
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.p, self.r
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "p": round(self.p, 4), "r": round(self.r, 4), "f1": round(self.f1, 4)}


def _multiset(gold: Iterable, pred: Iterable) -> Counts:
    g, p = Counter(gold), Counter(pred)
    tp = sum((g & p).values())
    return Counts(tp, sum(p.values()) - tp, sum(g.values()) - tp)


def _max_matching(n_left: int, edges: list[list[int]], match_right: dict[int, int],
                  left_order: Iterable[int]) -> None:
    """Augmenting-path bipartite matching; extends ``match_right`` (right -> left) in place."""
    matched_left = set(match_right.values())

    def augment(u: int, seen: set[int]) -> bool:
        for v in edges[u]:
            if v in seen:
                continue
            seen.add(v)
            if v not in match_right or augment(match_right[v], seen):
                match_right[v] = u
                return True
        return False

    for u in left_order:
        if u not in matched_left and augment(u, set()):
            matched_left.add(u)


def score_entities(gold_ents: list[dict], pred_ents: list[dict]) -> tuple[Counts, int, int]:
    """Returns (counts, linked_correct, linked_total). Predicted mentions are reduced to distinct
    (type, name_en) pairs, each keeping the set of its surface texts."""
    pairs: dict[tuple[str, str | None], set[str]] = {}
    for e in pred_ents:
        key = (e.get("type"), e.get("name_en"))
        pairs.setdefault(key, set())
        if e.get("text"):
            pairs[key].add(normalize(e["text"]))
    keys = list(pairs)
    gold_mentions = [{normalize(m) for m in g.get("mentions") or []} for g in gold_ents]
    name_edges: list[list[int]] = []
    any_edges: list[list[int]] = []
    for typ, name in keys:
        ne, ae = [], []
        for j, g in enumerate(gold_ents):
            if g.get("type") != typ:
                continue
            if names_match(g.get("name"), name):
                ne.append(j)
                ae.append(j)
            elif pairs[(typ, name)] & gold_mentions[j]:
                ae.append(j)
        name_edges.append(ne)
        any_edges.append(ae)
    match: dict[int, int] = {}  # gold index -> predicted pair index
    # Name matches first (so linking is judged on the best pairing), then mention matches.
    _max_matching(len(keys), name_edges, match, range(len(keys)))
    _max_matching(len(keys), any_edges, match, range(len(keys)))
    tp = len(match)
    linked_ok = sum(1 for j, i in match.items() if names_match(gold_ents[j].get("name"), keys[i][1]))
    return Counts(tp, len(keys) - tp, len(gold_ents) - tp), linked_ok, tp


def score_times(gold_times: list[dict], pred_times: list[dict]) -> Counts:
    gold = [t.get("value") for t in gold_times if t.get("value")]
    pred = [t.get("value") for t in pred_times]
    c = _multiset(gold, [v for v in pred if v])
    c.fp += sum(1 for v in pred if not v)  # a null predicted value is wrong
    return c


def score_quantities(gold_q: list[dict], pred_q: list[dict]) -> Counts:
    def keys(qs: list[dict]) -> list[tuple]:
        return [(q.get("kind"), q.get("value")) for q in qs
                if q.get("kind") in PEOPLE_KINDS and not q.get("restated")]
    return _multiset(keys(gold_q), keys(pred_q))


def score_events(gold_ev: list[dict], pred_ev: list[dict]) -> tuple[Counts, Counts, dict[str, Counts]]:
    """(strict, by-type, per-type strict). Strict: greedy one-to-one in predicted order, each predicted
    event taking the first unmatched gold event it matches."""
    used: set[int] = set()
    per_type: dict[str, Counts] = {}
    tp = 0
    for p in pred_ev:
        hit = next((j for j, g in enumerate(gold_ev) if j not in used and events_match(g, p)), None)
        c = per_type.setdefault(str(p.get("type")), Counts())
        if hit is None:
            c.fp += 1
        else:
            used.add(hit)
            c.tp += 1
            tp += 1
    for j, g in enumerate(gold_ev):
        if j not in used:
            per_type.setdefault(str(g.get("type")), Counts()).fn += 1
    strict = Counts(tp, len(pred_ev) - tp, len(gold_ev) - tp)
    by_type = _multiset([(g.get("type"), bool(g.get("negated", False))) for g in gold_ev],
                        [(p.get("type"), bool(p.get("negated", False))) for p in pred_ev])
    return strict, by_type, per_type


# ----------------------------------------------------------------------------- report

CATEGORIES = ("entities", "times", "quantities", "events_strict", "events_type")


@dataclass
class EvalReport:
    n_articles: int = 0
    counts: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in CATEGORIES})
    linked_correct: int = 0
    linked_total: int = 0
    per_type: dict[str, Counts] = field(default_factory=dict)
    articles: list[dict[str, Any]] = field(default_factory=list)

    @property
    def linking_accuracy(self) -> float:
        return self.linked_correct / self.linked_total if self.linked_total else 0.0

    @property
    def metrics(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: c.to_dict() for k, c in self.counts.items()}
        out["linking"] = {"correct": self.linked_correct, "total": self.linked_total,
                          "accuracy": round(self.linking_accuracy, 4)}
        out["events_per_type"] = {t: self.per_type[t].to_dict() for t in sorted(self.per_type)}
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"n_articles": self.n_articles, "metrics": self.metrics, "articles": self.articles}


def score(gold: list[dict], predicted: list[dict]) -> EvalReport:
    """Score predicted OUTPUT.md dicts against gold records (same order, same length)."""
    if len(gold) != len(predicted):
        raise GoldError(f"{len(gold)} gold records but {len(predicted)} predictions")
    rep = EvalReport(n_articles=len(gold))
    for g, p in zip(gold, predicted):
        ann = g.get("gold") or {}
        p = p or {}
        ents, ok, tot = score_entities(ann.get("entities") or [], p.get("entities") or [])
        times = score_times(ann.get("times") or [], p.get("times") or [])
        qty = score_quantities(ann.get("quantities") or [], p.get("quantities") or [])
        strict, by_type, per_type = score_events(ann.get("events") or [], p.get("events") or [])
        art = {"entities": ents, "times": times, "quantities": qty, "events_strict": strict,
               "events_type": by_type}
        for k, c in art.items():
            rep.counts[k] += c
        rep.linked_correct += ok
        rep.linked_total += tot
        for t, c in per_type.items():
            rep.per_type.setdefault(t, Counts())
            rep.per_type[t] += c
        rep.articles.append({"id": g.get("id") or _ref_label(g), **{k: c.to_dict() for k, c in art.items()},
                             "linking": {"correct": ok, "total": tot}})
    return rep


def format_table(report: EvalReport) -> str:
    """A plain-text table of the report."""
    rows = [("", "tp", "fp", "fn", "P", "R", "F1")]

    def row(name: str, c: Counts) -> tuple:
        return (name, str(c.tp), str(c.fp), str(c.fn), f"{c.p:.3f}", f"{c.r:.3f}", f"{c.f1:.3f}")

    labels = {"entities": "entities", "times": "times", "quantities": "quantities",
              "events_strict": "events (strict)", "events_type": "events (type)"}
    for k in CATEGORIES:
        rows.append(row(labels[k], report.counts[k]))
    for t in sorted(report.per_type):
        rows.append(row("  " + t, report.per_type[t]))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [f"{report.n_articles} articles"]
    for r in rows:
        lines.append("  ".join([r[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(r[1:], widths[1:])]))
    lines.append(f"linking accuracy  {report.linking_accuracy:.3f}  "
                 f"({report.linked_correct}/{report.linked_total} matched entities)")
    return "\n".join(lines)


def run(gold_path: str | Path, extract_fn: Callable[[dict], dict], shared: Path | None = None) -> EvalReport:
    """Load ``gold_path``, run ``extract_fn`` on every record and score the result."""
    gold = load_gold(gold_path, shared)
    return score(gold, [extract_fn(g) for g in gold])


# ----------------------------------------------------------------------------- gold files

def _ref_label(rec: dict) -> str | None:
    ref = rec.get("ref")
    if not isinstance(ref, dict):
        return None
    return f"{ref.get('corpus')}:{ref.get('id', ref.get('line'))}"


def find_shared(gold_path: Path | None = None) -> Path | None:
    """The shared data folder: $KHOBOR_SHARED, else a ``shared`` folder beside an ancestor of the gold
    file (../shared beside the repo), else beside the working directory."""
    env = os.environ.get("KHOBOR_SHARED")
    if env:
        return Path(env)
    starts = []
    if gold_path is not None:
        starts.append(Path(gold_path).resolve().parent)
    starts.append(Path.cwd().resolve())
    for start in starts:
        for d in [start, *start.parents]:
            cand = d / "shared"
            if (cand / "data" / "news").is_dir():
                return cand
    return None


@lru_cache(maxsize=4)
def _corpus(path: str) -> tuple[dict[str, dict], list[str]]:
    """(records by id, raw lines) of a corpus file."""
    by_id: dict[str, dict] = {}
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return by_id, lines


def _resolve_ref(ref: Any, shared: Path | None, where: str, lineno: int) -> dict:
    if not isinstance(ref, dict) or ref.get("corpus") not in CORPORA:
        raise GoldError(f"bad ref {ref!r}: expected {{\"corpus\": one of {sorted(CORPORA)}, ...}}",
                        where=where, line=lineno)
    corpus = ref["corpus"]
    rel, key, body_field = CORPORA[corpus]
    if shared is None or not (shared / "data" / "news").is_dir():
        raise GoldError(f"ref {_ref_label({'ref': ref})} needs the shared data folder "
                        f"({shared or '../shared beside the repo'} not found; pass shared= / --shared or set "
                        "KHOBOR_SHARED)", where=where, line=lineno)
    path = shared / "data" / "news" / rel
    if not path.is_file():
        raise GoldError(f"corpus file {path} not found", where=where, line=lineno)
    by_id, lines = _corpus(str(path))
    obj: Any = None
    if key == "id":
        rid = ref.get("id")
        if not isinstance(rid, str):
            raise GoldError(f"ref to {corpus} needs a string \"id\"", where=where, line=lineno)
        if not by_id:
            for raw in lines:
                if raw.strip():
                    try:
                        o = json.loads(raw)
                    except json.JSONDecodeError:
                        continue
                    if isinstance(o, dict) and "id" in o:
                        by_id[str(o["id"])] = o
        obj = by_id.get(rid)
        if obj is None:
            raise GoldError(f"no record with id {rid!r} in {path}", where=where, line=lineno)
    else:
        n = ref.get("line")
        if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= len(lines):
            raise GoldError(f"ref line {n!r} outside 1..{len(lines)} of {path}", where=where, line=lineno)
        try:
            obj = json.loads(lines[n - 1])
        except json.JSONDecodeError as e:
            raise GoldError(f"line {n} of {path} is not JSON: {e}", where=where, line=lineno) from None
    body = obj.get(body_field) if isinstance(obj, dict) else None
    if not isinstance(body, str) or not body.strip():
        raise GoldError(f"ref {_ref_label({'ref': ref})} has no article text", where=where, line=lineno)
    return obj


def _published_of(corpus: str, obj: dict) -> str | None:
    if corpus == "iamaber":
        d = obj.get("date")
    else:
        d = obj.get("publication_date")
        if not d or d == "None":
            d = obj.get("scraped_at")
    if not isinstance(d, str):
        return None
    m = re.match(r"(\d{4})[-/](\d{2})[-/](\d{2})", d.strip())
    return "-".join(m.groups()) if m else None


def _check_gold(ann: Any, where: str, lineno: int) -> None:
    def bad(msg: str) -> GoldError:
        return GoldError(msg, where=where, line=lineno)

    if not isinstance(ann, dict):
        raise bad("\"gold\" must be an object with entities, times, quantities, events")
    for k in ("entities", "times", "quantities", "events"):
        v = ann.get(k, [])
        if not isinstance(v, list) or not all(isinstance(x, dict) for x in v):
            raise bad(f"gold.{k} must be a list of objects")
    for e in ann.get("entities", []):
        if e.get("type") not in ENTITY_TYPES:
            raise bad(f"entity type {e.get('type')!r} is not PER/ORG/LOC")
        if not isinstance(e.get("name"), str) or not e["name"].strip():
            raise bad(f"entity without a name: {e!r}")
        if not isinstance(e.get("mentions", []), list):
            raise bad(f"entity mentions must be a list: {e!r}")
    for t in ann.get("times", []):
        if not isinstance(t.get("value"), str) or not _ISO_VALUE.match(t["value"]):
            raise bad(f"time value {t.get('value')!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    for q in ann.get("quantities", []):
        if q.get("kind") not in PEOPLE_KINDS:
            raise bad(f"quantity kind {q.get('kind')!r} is not one of {sorted(PEOPLE_KINDS)}")
        if not isinstance(q.get("value"), int) or isinstance(q.get("value"), bool):
            raise bad(f"quantity value {q.get('value')!r} is not an integer")
    for ev in ann.get("events", []):
        if ev.get("type") not in PLOVER_TYPES:
            raise bad(f"event type {ev.get('type')!r} is not a PLOVER type")
        if not isinstance(ev.get("negated", False), bool):
            raise bad("event negated must be true or false")
        for side in ("source", "target"):
            a = ev.get(side)
            if a is not None and (not isinstance(a, dict) or not (a.get("name") or a.get("code"))):
                raise bad(f"event {side} must be null or an object with a name and/or code")


def load_gold(path: str | Path, shared: Path | None = None, *, resolve: bool = True) -> list[dict]:
    """Read a gold JSONL file. Records with a ``ref`` get ``body``/``headline``/``source``/``published``/
    ``id`` filled from the corpus (fields already in the gold record win). With ``resolve=False`` refs are
    only checked for shape. Raises :class:`GoldError` with file:line on any problem."""
    path = Path(path)
    where = str(path)
    try:
        raw_lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise GoldError(f"cannot read gold file: {e}", where=where) from None
    if shared is None and resolve:
        shared = find_shared(path)
    out: list[dict] = []
    for lineno, raw in enumerate(raw_lines, 1):
        if not raw.strip():
            continue
        try:
            rec = json.loads(raw)
        except json.JSONDecodeError as e:
            raise GoldError(f"not valid JSON: {e.msg} (column {e.colno})", where=where, line=lineno) from None
        if not isinstance(rec, dict):
            raise GoldError("a gold record must be a JSON object", where=where, line=lineno)
        _check_gold(rec.get("gold"), where, lineno)
        if "ref" in rec:
            ref = rec["ref"]
            if not isinstance(ref, dict) or ref.get("corpus") not in CORPORA:
                raise GoldError(f"bad ref {ref!r}", where=where, line=lineno)
            if resolve:
                obj = _resolve_ref(ref, shared, where, lineno)
                rel, key, body_field = CORPORA[ref["corpus"]]
                rec = dict(rec)
                rec.setdefault("id", str(obj["id"]) if key == "id" else _ref_label(rec))
                rec.setdefault("body", obj[body_field])
                rec.setdefault("headline", obj.get("headline"))
                src = obj.get("outlet") or obj.get("paper_name") or obj.get("source")
                if src:
                    rec.setdefault("source", src)
                if not rec.get("published"):
                    rec["published"] = _published_of(ref["corpus"], obj)
        elif not isinstance(rec.get("body"), str) or not rec["body"].strip():
            raise GoldError("a gold record needs a \"body\" or a \"ref\"", where=where, line=lineno)
        rec.setdefault("id", f"{path.stem}-{lineno}")
        rec["gold_line"] = lineno
        out.append(rec)
    return out
