"""Agreement between two annotators: score one gold file against another, article by article.

    python scripts/agreement.py tests/gold/dev_iaa.jsonl tests/gold/dev_a.jsonl tests/gold/dev_b.jsonl tests/gold/dev_c.jsonl

The first file is the second annotation; the others are searched for the same articles (matched by
``ref``). Events are scored with the project's scorer (ANNOTATION.md) both ways — the second annotator
as the prediction against the first as gold, and the reverse — because a null actor in the gold
matches anything, so the two directions differ slightly. Only the categories the second annotation
fills are reported.
"""

from __future__ import annotations

import argparse
import json
import sys

from khobor import KhoborError
from khobor import eval as ev


def as_prediction(rec: dict) -> dict:
    """A gold record's annotations in OUTPUT.md shape (actors' ``name`` → ``name_en``)."""
    evs = []
    for e in rec["gold"].get("events") or []:
        d = dict(e)
        for role in ("source", "target"):
            a = e.get(role)
            d[role] = None if a is None else {"name_en": a.get("name"), "code": a.get("code")}
        evs.append(d)
    ents = [{"type": e["type"], "name_en": e["name"], "code": e.get("code"), "text": m}
            for e in rec["gold"].get("entities") or [] for m in (e.get("mentions") or [e["name"]])]
    return {"events": evs, "entities": ents, "times": rec["gold"].get("times") or [],
            "quantities": rec["gold"].get("quantities") or []}


def _key(rec: dict) -> str:
    return json.dumps(rec.get("ref") or rec.get("id"), sort_keys=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("second", help="the second annotation")
    ap.add_argument("first", nargs="+", help="gold files holding the first annotation of the same articles")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    try:
        second = ev.load_gold(args.second)
        first = {_key(rec): rec for path in args.first for rec in ev.load_gold(path)}
    except KhoborError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    missing = [_key(r) for r in second if _key(r) not in first]
    if missing:
        print(f"error: {len(missing)} article(s) of {args.second} are in none of the first files: {missing[0]}",
              file=sys.stderr)
        return 1
    a = [first[_key(r)] for r in second]
    cats = ["events_strict", "events_type"]
    out = {"articles": len(second),
           "events": {"first": sum(len(r["gold"]["events"]) for r in a),
                      "second": sum(len(r["gold"]["events"]) for r in second)}}
    for name, gold, pred in (("second_vs_first", a, second), ("first_vs_second", second, a)):
        only_events = [dict(g, gold={"events": g["gold"]["events"]}) for g in gold]
        m = ev.score(only_events, [as_prediction(p) for p in pred]).metrics
        out[name] = {c: m[c] for c in cats}
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print(f"{out['articles']} articles; events: first {out['events']['first']}, second {out['events']['second']}")
        for name in ("second_vs_first", "first_vs_second"):
            s, t = out[name]["events_strict"], out[name]["events_type"]
            print(f"{name:16}  events strict F1 {s['f1']:.3f} (P {s['p']:.3f} R {s['r']:.3f})  type F1 {t['f1']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
