#!/usr/bin/env python
"""Train khobor's Bengali NER model (CRF) from scratch, reproducibly, and evaluate it.

    python scripts/train_ner.py              # build name list, tune c1/c2 on a dev split, train, evaluate
    python scripts/train_ner.py --eval-only  # recompute the scores of the shipped model (prints JSON)

Inputs (../shared/data beside the repo, or --shared):
  ner/rifat/{train,test}_data.txt (MIT), ner/banglakit/main.merged.derived_bio.conll (CC0),
  gazetteers/bengali-names-gender/{male,female}.txt (MIT).
Outputs: src/khobor/data/ner/{model.crfsuite, meta.json, given_names.tsv, kb_tokens.tsv}.

Data preparation (all deterministic):
  * every token NFC-normalised with khobor.text.normalize.normalize and re-tokenised with
    khobor.text.segment.tokenize (glued danda/punctuation split off; hyphenated words become three
    tokens); a labelled token's pieces keep the entity label, except punctuation at its edges (→ O);
  * rifat: 7 malformed lines repaired (MALFORMED below); TIM → O; BIO repaired: an I-X with no
    B-X/I-X before it → B-X; "B-X B-X" (rifat's multi-word names) → one name (second → I-X) for PER
    always, for LOC/ORG unless the first word ends in a genitive -র (ঢাকার সাভার, গাজীপুরের কালিয়াকৈর
    are two places, so they stay two mentions); duplicate sentences collapsed (conflicting labellings:
    the most frequent, ties → the one seen first); train sentences that also occur in test dropped;
  * banglakit: PERSON→PER, ORG→ORG, GPE→LOC, DATE/LAW→O; deduplicated; a fixed seeded 15% held out
    as a test set (never trained or tuned on; identical sentences removed from all training data);
  * dev split for c1/c2: a seeded 10% of the training sentences.
"""

from __future__ import annotations

import argparse
import collections
import datetime as _dt
import hashlib
import json
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from khobor.ner import FEATURE_SET, LABELS, Featurizer, bio_spans, kb_available  # noqa: E402
from khobor.text.normalize import normalize  # noqa: E402
from khobor.text.segment import tokenize  # noqa: E402

OUT = REPO / "src" / "khobor" / "data" / "ner"
SEED = 20240917
HOLDOUT = 0.15
DEV = 0.10
GRID = [(0.05, 0.01), (0.1, 0.05), (0.2, 0.05), (0.1, 0.2), (0.5, 0.05)]
MAX_ITER = 200
MINFREQ = 2
VERSION = "1.0"

# rifat lines with a missing or glued tag: (file, line number) → (token, tag); reasoning in NER.md
MALFORMED = {
    ("train_data.txt", 1267): ("২১", "O"),            # date inside "(২১ এপ্রিল-২১ মে)": TIM → O
    ("train_data.txt", 30221): ("ফেব্রুয়ারির", "O"),   # "ফেব্রুয়ারিরTIM": tag glued to the token
    ("train_data.txt", 35388): ("ফারুক", "B-PER"),     # "যুবদলের কর্মী ফারুক পাটোয়ারী" — a person
    ("train_data.txt", 55242): ("উপজেলার", "O"),       # "সদর উপজেলার লক্ষ্মীচাপ" — common noun
    ("test_data.txt", 2816): ("২০০৭", "O"),           # extra tab after TIM
    ("test_data.txt", 7277): ("হয়", "O"),             # extra tabs
    ("test_data.txt", 22194): ("লা", "O"),            # "লা লিগায়" tagged O in the sentence
    ("test_data.txt", 25296): ("রোনালদোরই", "B-PER"),  # two tabs before the tag
}
# the token after a repaired line that the repair implies a label for
FOLLOW = {("train_data.txt", 35389): "I-PER"}  # পাটোয়ারী (surname of ফারুক)

PUNCT = set(".,;:!?।॥\"'()[]{}<>-—/|…*")


# ------------------------------------------------------------------------------------------- reading
def read_rifat(path: Path) -> list[tuple[list[str], list[str]]]:
    sents, toks, labs = [], [], []
    with path.open(encoding="utf-8-sig") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip():
                if toks:
                    sents.append((toks, labs))
                toks, labs = [], []
                continue
            key = (path.name, n)
            if key in MALFORMED:
                tok, lab = MALFORMED[key]
            else:
                parts = [p for p in line.split("\t") if p.strip()]
                if len(parts) == 1 and line.startswith("\t"):
                    continue  # 34 lines with an empty token (tag O): nothing to keep
                if len(parts) != 2:
                    raise SystemExit(f"unexpected malformed line {path.name}:{n}: {line!r}")
                tok, lab = parts[0].strip(), parts[1].strip()
                lab = FOLLOW.get(key, lab)
            if lab == "TIM":
                lab = "O"
            toks.append(tok)
            labs.append(lab)
    if toks:
        sents.append((toks, labs))
    return sents


BK_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC"}


def read_banglakit(path: Path) -> list[tuple[list[str], list[str]]]:
    sents, toks, labs = [], [], []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                if toks:
                    sents.append((toks, labs))
                toks, labs = [], []
                continue
            tok, lab = line.split("\t")
            if lab != "O":
                typ = BK_MAP.get(lab[2:])
                lab = f"{lab[:2]}{typ}" if typ else "O"
            toks.append(tok)
            labs.append(lab)
    if toks:
        sents.append((toks, labs))
    return sents


# ------------------------------------------------------------------------------------------- cleaning
def retokenize(toks: list[str], labs: list[str]) -> tuple[list[str], list[str]]:
    """Normalise each token and split it with khobor's tokenizer; edge punctuation of a labelled token
    becomes O, inner pieces continue the entity."""
    out_t, out_l = [], []
    for tok, lab in zip(toks, labs):
        pieces = [t.text for t in tokenize(normalize(tok, fast=True))]
        if not pieces:
            continue
        if lab == "O":
            out_t += pieces
            out_l += ["O"] * len(pieces)
            continue
        typ = lab[2:]
        i, j = 0, len(pieces)
        while i < j and pieces[i] in PUNCT:
            i += 1
        while j > i and pieces[j - 1] in PUNCT:
            j -= 1
        for k, p in enumerate(pieces):
            if k < i or k >= j:
                out_l.append("O")
            elif k == i:
                out_l.append(lab)
            else:
                out_l.append("I-" + typ)
            out_t.append(p)
    return out_t, out_l


def repair_bio(toks: list[str], labs: list[str], merge_bb: bool) -> list[str]:
    out = list(labs)
    for i, lab in enumerate(out):
        prev = out[i - 1] if i else "O"
        if lab.startswith("I-") and prev[2:] != lab[2:]:
            out[i] = "B-" + lab[2:]
        elif merge_bb and lab.startswith("B-") and prev != "O" and prev[2:] == lab[2:]:
            typ = lab[2:]
            genitive = toks[i - 1].endswith("র")
            if typ == "PER" or not genitive:
                out[i] = "I-" + typ
    return out


def clean(sents, merge_bb: bool):
    out = []
    for toks, labs in sents:
        t, l = retokenize(toks, labs)
        if t:
            out.append((t, repair_bio(t, l, merge_bb)))
    return out


def dedupe(sents):
    """Collapse identical token sequences; conflicting labellings → the most frequent (ties: first)."""
    groups: dict[tuple, collections.Counter] = {}
    order: dict[tuple, dict] = {}
    for toks, labs in sents:
        k = tuple(toks)
        groups.setdefault(k, collections.Counter())[tuple(labs)] += 1
        order.setdefault(k, {}).setdefault(tuple(labs), len(order[k]))
    out, conflicts = [], 0
    for k, cnt in groups.items():
        if len(cnt) > 1:
            conflicts += 1
        best = max(cnt, key=lambda labs: (cnt[labs], -order[k][labs]))
        out.append((list(k), list(best)))
    return out, conflicts


# ------------------------------------------------------------------------------------------- data
def sha256(paths) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.read_bytes())
    return h.hexdigest()


def build_data(shared: Path):
    ner = shared / "data" / "ner"
    files = [ner / "rifat" / "train_data.txt", ner / "rifat" / "test_data.txt",
             ner / "banglakit" / "main.merged.derived_bio.conll"]
    stats = {}
    r_train_raw = read_rifat(files[0])
    r_test_raw = read_rifat(files[1])
    r_train, c1 = dedupe(clean(r_train_raw, True))
    r_test, c2 = dedupe(clean(r_test_raw, True))
    test_keys = {tuple(t) for t, _ in r_test}
    overlap = sum(1 for t, _ in r_train if tuple(t) in test_keys)
    r_train = [s for s in r_train if tuple(s[0]) not in test_keys]
    stats["rifat"] = {"train_raw": len(r_train_raw), "test_raw": len(r_test_raw),
                      "train": len(r_train), "test": len(r_test), "train_dropped_in_test": overlap,
                      "train_conflicting_duplicates": c1, "test_conflicting_duplicates": c2}
    b_raw = read_banglakit(files[2])
    b_all, c3 = dedupe(clean(b_raw, False))
    rng = random.Random(SEED)
    idx = list(range(len(b_all)))
    rng.shuffle(idx)
    n_hold = round(HOLDOUT * len(b_all))
    hold = set(idx[:n_hold])
    b_test = [s for i, s in enumerate(b_all) if i in hold]
    b_train = [s for i, s in enumerate(b_all) if i not in hold]
    bt_keys = {tuple(t) for t, _ in b_test}
    train = [s for s in r_train + b_train if tuple(s[0]) not in bt_keys and tuple(s[0]) not in test_keys]
    stats["banglakit"] = {"raw": len(b_raw), "dedup": len(b_all), "train": len(b_train),
                          "heldout_test": len(b_test), "conflicting_duplicates": c3}
    stats["train_sentences"] = len(train)
    stats["train_tokens"] = sum(len(t) for t, _ in train)
    return train, r_test, b_test, stats, files


def split_dev(train):
    rng = random.Random(SEED + 1)
    idx = list(range(len(train)))
    rng.shuffle(idx)
    n = round(DEV * len(train))
    dev = set(idx[:n])
    return [s for i, s in enumerate(train) if i not in dev], [s for i, s in enumerate(train) if i in dev]


def build_names(shared: Path) -> None:
    """Given-name word list (bengali-names-gender, MIT) → data/ner/given_names.tsv (+ notice)."""
    src = shared / "data" / "gazetteers" / "bengali-names-gender"
    words: dict[str, set[str]] = {}
    for fn, g in (("male.txt", "m"), ("female.txt", "f")):
        for line in (src / fn).read_text(encoding="utf-8-sig").splitlines():
            for w in tokenize(normalize(line.strip(), fast=True)):
                if len(w.text) > 1 and w.text[0] >= "\u0980":
                    words.setdefault(w.text, set()).add(g)
    with (OUT / "given_names.tsv").open("w", encoding="utf-8") as fh:
        fh.write("# Words of Bengali given names (split full names); gender m/f/mf.\n")
        fh.write("# source: Faruk Ahmad, bengali-female-vs-male-names (MIT), see LICENSE.bengali-names-gender.txt\n")
        fh.write("name\tgender\tsource\n")
        for w in sorted(words):
            fh.write(f"{w}\t{''.join(sorted(words[w], reverse=True))}\tbengali-names-gender\n")
    (OUT / "LICENSE.bengali-names-gender.txt").write_text((src / "LICENSE").read_text(encoding="utf-8"), encoding="utf-8")


def write_notices(shared: Path) -> None:
    ner = shared / "data" / "ner"
    (OUT / "LICENSE.rifat.txt").write_text(
        "The NER model in this folder was trained in part on Rifat1493/Bengali-NER (train_data.txt),\n"
        "https://github.com/Rifat1493/Bengali-NER, under the following licence:\n\n"
        + (ner / "rifat" / "LICENSE").read_text(encoding="utf-8"), encoding="utf-8")
    (OUT / "LICENSE.banglakit.txt").write_text(
        "The NER model in this folder was trained in part on banglakit/bengali-ner-data,\n"
        "https://github.com/banglakit/bengali-ner-data, dedicated to the public domain:\n\n"
        + (ner / "banglakit" / "LICENSE").read_text(encoding="utf-8"), encoding="utf-8")


# ------------------------------------------------------------------------------------------- scoring
def score(gold_seqs, pred_seqs) -> dict:
    """Mention-level exact-span P/R/F1 per type and micro."""
    tp = collections.Counter()
    ng = collections.Counter()
    np_ = collections.Counter()
    for g, p in zip(gold_seqs, pred_seqs):
        gs, ps = set(bio_spans(g)), set(bio_spans(p))
        for s in gs:
            ng[s[2]] += 1
        for s in ps:
            np_[s[2]] += 1
        for s in gs & ps:
            tp[s[2]] += 1
    out = {}
    for t in list(LABELS) + ["micro"]:
        if t == "micro":
            a, b, c = sum(tp.values()), sum(np_.values()), sum(ng.values())
        else:
            a, b, c = tp[t], np_[t], ng[t]
        p = a / b if b else 0.0
        r = a / c if c else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[t] = {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "gold": c}
    return out


class Memoriser:
    """Baseline: each word's most frequent training label (unseen → O), BIO-repaired."""

    def __init__(self, train):
        cnt: dict[str, collections.Counter] = {}
        for toks, labs in train:
            for t, l in zip(toks, labs):
                cnt.setdefault(t, collections.Counter())[l] += 1
        self.best = {t: c.most_common(1)[0][0] for t, c in cnt.items()}

    def tag(self, toks):
        labs = [self.best.get(t, "O") for t in toks]
        return repair_bio(toks, labs, False)


# ------------------------------------------------------------------------------------------- CRF
def train_crf(train, path: Path, c1: float, c2: float, feat: Featurizer, max_iter=MAX_ITER):
    import pycrfsuite

    tr = pycrfsuite.Trainer(verbose=False)
    for toks, labs in train:
        tr.append(feat.sequence(toks), labs)
    tr.set_params({"c1": c1, "c2": c2, "max_iterations": max_iter, "feature.minfreq": MINFREQ,
                   "feature.possible_transitions": True})
    tr.train(str(path))


def tag_all(path: Path, seqs, feat: Featurizer):
    import pycrfsuite

    t = pycrfsuite.Tagger()
    t.open(str(path))
    return [t.tag(feat.sequence(toks)) for toks, _ in seqs]


def evaluate(model: Path, train, r_test, b_test, feat: Featurizer) -> dict:
    base = Memoriser(train)
    res = {}
    for name, data in (("rifat_test", r_test), ("banglakit_heldout", b_test)):
        gold = [l for _, l in data]
        res[name] = {"crf": score(gold, tag_all(model, data, feat)),
                     "baseline_memoriser": score(gold, [base.tag(t) for t, _ in data]),
                     "sentences": len(data), "tokens": sum(len(t) for t, _ in data)}
    return res


def speed(model: Path, data) -> dict:
    """Tokens/s of NerTagger on the given sentences (warm feature cache): one sentence per call
    (``tag``) and 25 sentences per call (``tag_many``, as ``spans`` does for an article)."""
    from khobor.ner import NerTagger

    t = NerTagger(str(model), {"gazetteers": {"kb": kb_available()}})
    seqs = [toks for toks, _ in data]
    n = sum(len(s) for s in seqs)
    t.tag_many(seqs)
    t0 = time.perf_counter()
    for s in seqs:
        t.tag(s)
    t1 = time.perf_counter()
    for k in range(0, len(seqs), 25):
        t.tag_many(seqs[k:k + 25])
    t2 = time.perf_counter()
    return {"per_sentence": round(n / (t1 - t0)), "per_article_batch_25": round(n / (t2 - t1))}


# ------------------------------------------------------------------------------------------- main
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--eval-only", action="store_true", help="score the shipped model; print JSON")
    ap.add_argument("--no-tune", action="store_true", help="skip the c1/c2 grid (use the first)")
    args = ap.parse_args()
    if not (args.shared / "data" / "ner").is_dir():
        raise SystemExit(f"training data not found under {args.shared}/data/ner")

    if args.eval_only:
        meta = json.loads((OUT / "meta.json").read_text(encoding="utf-8"))
        train, r_test, b_test, _, _ = build_data(args.shared)
        feat = Featurizer(use_kb=bool(meta["gazetteers"]["kb"]))
        print(json.dumps(evaluate(OUT / "model.crfsuite", train, r_test, b_test, feat), ensure_ascii=False))
        return

    OUT.mkdir(parents=True, exist_ok=True)
    build_names(args.shared)
    write_notices(args.shared)
    from khobor.data.loader import read_tsv
    from khobor.ner import given_names, kb_tokens, write_kb_snapshot

    # freeze the knowledge base's gazetteer tokens with the model (ner/kb_tokens.tsv)
    snapshot = OUT / "kb_tokens.tsv"
    if snapshot.exists():
        snapshot.unlink()
    read_tsv.cache_clear()
    n_tok = write_kb_snapshot(snapshot)
    print(f"kb snapshot: {n_tok} gazetteer tokens", file=sys.stderr)
    read_tsv.cache_clear()
    given_names.cache_clear()
    kb_tokens.cache_clear()
    use_kb = kb_available() and n_tok > 0
    feat = Featurizer(use_kb=use_kb)
    train, r_test, b_test, stats, files = build_data(args.shared)
    print(json.dumps(stats, indent=1), file=sys.stderr)

    tmp = OUT / "_dev.crfsuite"
    tune = []
    c1, c2 = GRID[0]
    if not args.no_tune:
        tr, dev = split_dev(train)
        best = -1.0
        for a, b in GRID:
            t0 = time.time()
            train_crf(tr, tmp, a, b, feat, max_iter=120)
            f = score([l for _, l in dev], tag_all(tmp, dev, feat))["micro"]["f1"]
            tune.append({"c1": a, "c2": b, "dev_micro_f1": f})
            print(f"c1={a} c2={b} dev F1={f:.4f} ({time.time() - t0:.0f}s)", file=sys.stderr)
            if f > best:
                best, c1, c2 = f, a, b
        tmp.unlink(missing_ok=True)

    model = OUT / "model.crfsuite"
    t0 = time.time()
    train_crf(train, model, c1, c2, feat)
    train_s = time.time() - t0
    scores = evaluate(model, train, r_test, b_test, feat)
    tps = speed(model, r_test)
    meta = {
        "version": VERSION,
        "date": _dt.date.today().isoformat(),
        "model": "python-crfsuite linear-chain CRF (L-BFGS)",
        "feature_set": FEATURE_SET,
        "features": ["word (folded, lower)", "stem (khobor.text.inflect)", "case ending", "prefixes 1-4",
                     "suffixes 1-4", "shape", "length bucket", "BOS/EOS", "±1 word/stem/suffix2/shape/ending/gaz",
                     "±2 word/suffix2", "given-name list", "KB alias word types" if use_kb else "(no KB)"],
        "gazetteers": {"given_names": "ner/given_names.tsv (bengali-names-gender, MIT)",
                       "kb": "ner/kb_tokens.tsv (snapshot of kb/aliases.tsv at training time)" if use_kb else None},
        "labels": ["O"] + [f"{p}-{t}" for t in LABELS for p in "BI"],
        "params": {"c1": c1, "c2": c2, "max_iterations": MAX_ITER, "feature.minfreq": MINFREQ,
                   "tuning": tune, "seed": SEED, "holdout": HOLDOUT, "dev": DEV},
        "training_data": {
            "files": {f"{p.parent.name}/{p.name}": sha256([p]) for p in files},
            "sha256": sha256(files),
            "licences": {"rifat": "MIT (LICENSE.rifat.txt)", "banglakit": "CC0 (LICENSE.banglakit.txt)"},
        },
        "sizes": {**stats, "model_bytes": model.stat().st_size, "train_seconds": round(train_s, 1)},
        "scores": scores,
        "tagging_tokens_per_second": tps,
    }
    (OUT / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({"scores": scores, "size": model.stat().st_size, "tok/s": tps}, indent=1))


if __name__ == "__main__":
    main()
