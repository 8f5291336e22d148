"""khobor.eval: the ANNOTATION.md scoring rules on small hand-made gold/prediction tables, and the gold
files of tests/gold (they parse, refs resolve when ../shared is present, event types are PLOVER)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khobor import eval as ev
from khobor.errors import GoldError

GOLD_DIR = Path(__file__).resolve().parent / "gold"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
HAVE_SHARED = (SHARED / "data" / "news").is_dir()


def actor(name=None, code=None):
    return {"name": name, "code": code}


def pactor(name_en=None, code=None):
    return {"text": "x", "name_en": name_en, "code": code, "country": code[:3] if code else None, "entity": None}


def gev(typ, src, tgt, negated=False):
    return {"type": typ, "source": src, "target": tgt, "negated": negated}


def pev(typ, src, tgt, negated=False):
    return {"type": typ, "source": src, "target": tgt, "negated": negated}


def ent(text, typ, name_en, code=None):
    return {"text": text, "type": typ, "name_en": name_en, "code": code}


def doc(entities=(), times=(), quantities=(), events=()):
    return {"entities": list(entities), "times": list(times), "quantities": list(quantities),
            "events": list(events)}


def gold(entities=(), times=(), quantities=(), events=()):
    return {"body": "x", "gold": doc(entities, times, quantities, events)}


def counts(report, key):
    m = report.metrics[key]
    return m["tp"], m["fp"], m["fn"]


# ----------------------------------------------------------------------------- names

@pytest.mark.parametrize("a, b, expected", [
    ("Vladimir Putin", "vladimir  putin", True),          # case and spaces
    ("Awami League", "Awami-League.", True),              # punctuation removed, spaces folded
    ("Ebrahim Raisi", "Ibrahim Raisi", True),             # ratio 0.923
    ("Ali Shamkhani", "Ali Shamkhan", True),              # ratio 0.96
    ("Kyiv", "Kiev", False),                              # ratio 0.5
    ("Dhaka", "Dhaka University", False),                 # ratio 0.476
    ("Sheikh Hasina", "Sheikh Hasan", True),              # 0.88: just above the threshold
    ("Shiraz", "Shiran", False),                          # 0.833: just below
    ("Russia", None, False),
    ("", "", False),
])
def test_names_match(a, b, expected):
    assert ev.names_match(a, b) is expected


def test_threshold_is_085():
    import difflib
    assert difflib.SequenceMatcher(None, "sheikh hasina", "sheikh hasan").ratio() >= 0.85
    assert difflib.SequenceMatcher(None, "shiraz", "shiran").ratio() < 0.85


# ----------------------------------------------------------------------------- actors

@pytest.mark.parametrize("g, p, expected", [
    (None, None, True),                                        # gold null matches anything
    (None, pactor("Anyone", "USAGOV"), True),
    (actor("Iran", "IRN"), None, False),                       # predicted null does not match a gold actor
    (actor("Iran", "IRN"), pactor(None, "IRNGOV"), True),      # bare-country gold code, predicted starts with it
    (actor("Iran", "IRNGOV"), pactor(None, "IRN"), False),     # not the other way round
    (actor("Iran", "IRNGOV"), pactor(None, "IRNMIL"), False),
    (actor("Vladimir Putin", "RUSGOV"), pactor("Vladimir Putin", None), True),
    (actor("Ebrahim Raisi", "IRNGOV"), pactor("Ibrahim Raisi", "IRNCVL"), True),  # names match
    (actor("European Union", "IGOEU"), pactor(None, "IGOEU"), True),
    (actor("European Union", "IGOEU"), pactor("EU", "IGO"), False),
])
def test_actors_match(g, p, expected):
    assert ev.actors_match(g, p) is expected


# ----------------------------------------------------------------------------- entities

def test_entities_pairs_mentions_and_linking():
    g = gold(entities=[
        {"type": "PER", "name": "Vladimir Putin", "code": "RUSGOV", "mentions": ["ভ্লাদিমির পুতিন", "পুতিন"]},
        {"type": "LOC", "name": "Russia", "code": "RUS", "mentions": ["রাশিয়ার"]},
        {"type": "LOC", "name": "Shiraz", "code": "IRN", "mentions": ["শিরাজের"]},
        {"type": "ORG", "name": "Reuters", "code": "MED", "mentions": ["রয়টার্স"]},
    ])
    p = doc(entities=[
        ent("ভ্লাদিমির পুতিন", "PER", "Vladimir Putin"),
        ent("পুতিনকে", "PER", "Vladimir Putin"),          # same pair: counted once
        ent("রাশিয়ার", "LOC", "Rashiyar"),               # unlinked, matched by mention text (NFC)
        ent("শিরাজের", "ORG", "Shiraz"),                  # wrong type: fp, and gold Shiraz is fn
        ent("তেহরান", "LOC", "Tehran"),                    # not in gold: fp
    ])
    r = ev.score([g], [p])
    assert counts(r, "entities") == (2, 2, 2)
    assert r.metrics["linking"] == {"correct": 1, "total": 2, "accuracy": 0.5}


def test_entities_mention_match_is_nfc():
    import unicodedata
    decomposed = unicodedata.normalize("NFD", "রাশিয়া")
    precomposed = "রাশি\u09dfা"
    g = gold(entities=[{"type": "LOC", "name": "Russia", "code": "RUS", "mentions": [precomposed]}])
    r = ev.score([g], [doc(entities=[ent(decomposed, "LOC", None)])])
    assert counts(r, "entities") == (1, 0, 0)
    assert r.metrics["linking"]["correct"] == 0


def test_entities_one_to_one():
    g = gold(entities=[{"type": "LOC", "name": "Dhaka", "code": "BGD", "mentions": ["ঢাকা"]}])
    p = doc(entities=[ent("ঢাকা", "LOC", "Dacca"), ent("ঢাকায়", "LOC", "Dhaka")])
    r = ev.score([g], [p])
    assert counts(r, "entities") == (1, 1, 0)
    assert r.metrics["linking"]["correct"] == 1   # the name-matching pair is preferred


# ----------------------------------------------------------------------------- times and quantities

@pytest.mark.parametrize("gold_values, pred_values, expected", [
    (["2022-11-12", "2022-11-09"], ["2022-11-12", "2022-11-09"], (2, 0, 0)),
    (["2024-08-12", "2024-08-12"], ["2024-08-12"], (1, 0, 1)),            # multiset: both occurrences count
    (["2024-08-12"], ["2024-08-12", "2024-08-12"], (1, 1, 0)),
    (["2024-08"], ["2024-08-01"], (0, 1, 1)),
    (["2022-11-12"], [None, "2022-11-12"], (1, 1, 0)),                    # null value counts wrong
    ([], [None], (0, 1, 0)),
])
def test_times(gold_values, pred_values, expected):
    g = gold(times=[{"text": "t", "value": v} for v in gold_values])
    p = doc(times=[{"text": "t", "value": v} for v in pred_values])
    assert counts(ev.score([g], [p]), "times") == expected


@pytest.mark.parametrize("gold_q, pred_q, expected", [
    ([("killed", 15), ("injured", 40)], [("killed", 15), ("injured", 40)], (2, 0, 0)),
    ([("killed", 15)], [("killed", 15), ("killed", 15, True)], (1, 0, 0)),      # restated ignored
    ([("killed", 15)], [("killed", 15, True)], (0, 0, 1)),
    ([("killed", 15)], [("injured", 15)], (0, 1, 1)),
    ([("arrested", 3)], [("arrested", 3), ("money", 500), ("count", 3), ("percent", 5)], (1, 0, 0)),
    ([("missing", 2), ("kidnapped", 1)], [("missing", 2)], (1, 0, 1)),
])
def test_quantities(gold_q, pred_q, expected):
    g = gold(quantities=[{"text": "q", "kind": k, "value": v} for k, v in gold_q])
    p = doc(quantities=[{"text": "q", "kind": q[0], "value": q[1], "restated": len(q) > 2 and q[2]}
                        for q in pred_q])
    assert counts(ev.score([g], [p]), "quantities") == expected


# ----------------------------------------------------------------------------- events

PUTIN = actor("Vladimir Putin", "RUSGOV")
RAISI = actor("Ebrahim Raisi", "IRNGOV")
P_PUTIN = pactor("Vladimir Putin", "RUSGOV")
P_RAISI = pactor("Ebrahim Raisi", "IRNGOV")


@pytest.mark.parametrize("g_events, p_events, strict, by_type", [
    # symmetric types match in either direction
    ([gev("CONSULT", PUTIN, RAISI)], [pev("CONSULT", P_RAISI, P_PUTIN)], (1, 0, 0), (1, 0, 0)),
    ([gev("AGREE", PUTIN, RAISI)], [pev("AGREE", P_RAISI, P_PUTIN)], (1, 0, 0), (1, 0, 0)),
    ([gev("COOPERATE", PUTIN, RAISI)], [pev("COOPERATE", P_RAISI, P_PUTIN)], (1, 0, 0), (1, 0, 0)),
    # others do not
    ([gev("SUPPORT", PUTIN, RAISI)], [pev("SUPPORT", P_RAISI, P_PUTIN)], (0, 1, 1), (1, 0, 0)),
    # gold null target matches anything, a predicted null does not match a gold actor
    ([gev("ASSAULT", None, actor("Iran", "IRN"))], [pev("ASSAULT", P_PUTIN, pactor(None, "IRNCVL"))],
     (1, 0, 0), (1, 0, 0)),
    ([gev("ACCUSE", PUTIN, actor("Ukraine", "UKR"))], [pev("ACCUSE", P_PUTIN, None)], (0, 1, 1), (1, 0, 0)),
    # bare-country gold code
    ([gev("SANCTION", actor("United States", "USA"), actor("Iran", "IRN"))],
     [pev("SANCTION", pactor("US", "USAGOV"), pactor(None, "IRNGOV"))], (1, 0, 0), (1, 0, 0)),
    # negation must agree (and is part of the by-type key)
    ([gev("AID", actor("Iran", "IRN"), actor("Russia", "RUS"), negated=True)],
     [pev("AID", pactor("Iran", "IRN"), pactor("Russia", "RUS"))], (0, 1, 1), (0, 1, 1)),
    # one-to-one: two predictions of one gold event
    ([gev("CONSULT", PUTIN, RAISI)], [pev("CONSULT", P_PUTIN, P_RAISI), pev("CONSULT", P_RAISI, P_PUTIN)],
     (1, 1, 0), (1, 1, 0)),
    # wrong type
    ([gev("CONSULT", PUTIN, RAISI)], [pev("AGREE", P_PUTIN, P_RAISI)], (0, 1, 1), (0, 1, 1)),
    ([], [], (0, 0, 0), (0, 0, 0)),
])
def test_events(g_events, p_events, strict, by_type):
    r = ev.score([gold(events=g_events)], [doc(events=p_events)])
    assert counts(r, "events_strict") == strict
    assert counts(r, "events_type") == by_type


def test_events_greedy_in_predicted_order():
    # Greedy, not optimal: each prediction (in order) takes the first unmatched gold event it matches.
    g = [gev("ACCUSE", None, None), gev("ACCUSE", PUTIN, None)]
    p = [pev("ACCUSE", P_RAISI, None), pev("ACCUSE", P_PUTIN, None)]
    assert counts(ev.score([gold(events=g)], [doc(events=p)]), "events_strict") == (2, 0, 0)
    p_rev = [pev("ACCUSE", P_PUTIN, None), pev("ACCUSE", P_RAISI, None)]   # Putin uses up the null gold
    assert counts(ev.score([gold(events=g)], [doc(events=p_rev)]), "events_strict") == (1, 1, 1)


def test_per_type_and_micro_sum_over_articles():
    g1 = gold(events=[gev("CONSULT", PUTIN, RAISI), gev("ASSAULT", None, actor("Iran", "IRN"))],
              times=[{"value": "2022-11-12"}])
    g2 = gold(events=[gev("ASSAULT", None, None)], times=[{"value": "2024-01-02"}])
    p1 = doc(events=[pev("CONSULT", P_PUTIN, P_RAISI), pev("PROTEST", None, None)], times=[{"value": "2022-11-12"}])
    p2 = doc(events=[pev("ASSAULT", None, None)], times=[{"value": "2024-01-03"}])
    r = ev.score([g1, g2], [p1, p2])
    assert counts(r, "events_strict") == (2, 1, 1)
    assert counts(r, "times") == (1, 1, 1)
    m = r.metrics
    assert (m["events_per_type"]["CONSULT"]["tp"], m["events_per_type"]["CONSULT"]["f1"]) == (1, 1.0)
    assert (m["events_per_type"]["ASSAULT"]["tp"], m["events_per_type"]["ASSAULT"]["fn"]) == (1, 1)
    assert (m["events_per_type"]["PROTEST"]["fp"], m["events_per_type"]["PROTEST"]["p"]) == (1, 0.0)
    assert m["events_strict"]["p"] == round(2 / 3, 4) and m["events_strict"]["r"] == round(2 / 3, 4)
    assert len(r.to_dict()["articles"]) == 2
    table = ev.format_table(r)
    assert "events (strict)" in table and "ASSAULT" in table and "linking accuracy" in table


def test_score_needs_aligned_lists():
    with pytest.raises(GoldError):
        ev.score([gold()], [])


# ----------------------------------------------------------------------------- load_gold

def write(tmp_path, lines):
    p = tmp_path / "g.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


GOOD = {"body": "ঢাকায় বৈঠক হয়েছে।", "published": "2024-01-02",
        "gold": {"entities": [], "times": [], "quantities": [], "events": []}}


@pytest.mark.parametrize("bad, message", [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "JSON object"),
    (json.dumps({"gold": {}}), "body"),
    (json.dumps({**GOOD, "gold": {"events": [{"type": "MEET"}]}}), "PLOVER"),
    (json.dumps({**GOOD, "gold": {"entities": [{"type": "GPE", "name": "X"}]}}), "PER/ORG/LOC"),
    (json.dumps({**GOOD, "gold": {"times": [{"value": "12 Nov"}]}}), "YYYY"),
    (json.dumps({**GOOD, "gold": {"quantities": [{"kind": "dead", "value": 1}]}}), "kind"),
    (json.dumps({**GOOD, "ref": {"corpus": "nowhere", "id": "x"}}), "ref"),
])
def test_load_gold_errors_name_file_and_line(tmp_path, bad, message):
    p = write(tmp_path, [json.dumps(GOOD), bad])
    with pytest.raises(GoldError) as e:
        ev.load_gold(p)
    assert f"{p}:2:" in str(e.value) and message in str(e.value)


def test_load_gold_inline_body(tmp_path):
    recs = ev.load_gold(write(tmp_path, [json.dumps(GOOD), "", json.dumps(GOOD)]))
    assert len(recs) == 2 and recs[0]["body"] == GOOD["body"]


def test_ref_without_shared_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.delenv("KHOBOR_SHARED", raising=False)
    monkeypatch.chdir(tmp_path)
    p = write(tmp_path, [json.dumps({**GOOD, "ref": {"corpus": "iamaber", "id": "iamaber-00027"}})])
    with pytest.raises(GoldError, match="shared data folder"):
        ev.load_gold(p, shared=tmp_path / "absent")


@pytest.mark.skipif(not HAVE_SHARED, reason=f"needs the shared data folder at {SHARED}")
@pytest.mark.parametrize("ref, message", [
    ({"corpus": "iamaber", "id": "iamaber-99999"}, "no record"),
    ({"corpus": "bdnewspaperscraper", "line": 100000}, "outside"),
    ({"corpus": "bdnewspaperscraper", "line": 0}, "outside"),
])
def test_unresolvable_ref(tmp_path, ref, message):
    g = {k: v for k, v in GOOD.items() if k != "body"}
    p = write(tmp_path, [json.dumps({**g, "ref": ref})])
    with pytest.raises(GoldError, match=message) as e:
        ev.load_gold(p, shared=SHARED)
    assert f"{p}:1:" in str(e.value)


@pytest.mark.skipif(not HAVE_SHARED, reason=f"needs the shared data folder at {SHARED}")
def test_ref_resolution(tmp_path):
    g = {"gold": GOOD["gold"]}
    p = write(tmp_path, [json.dumps({**g, "ref": {"corpus": "iamaber", "id": "iamaber-00000"}}),
                         json.dumps({**g, "ref": {"corpus": "bdnewspaperscraper", "line": 1}})])
    a, b = ev.load_gold(p, shared=SHARED)
    assert a["id"] == "iamaber-00000" and a["source"] == "Jugantor" and a["published"] == "2024-08-12"
    assert a["body"].strip()
    assert b["source"] == "BBC Bangla" and b["published"] == "2025-12-30" and b["body"].strip()


# ----------------------------------------------------------------------------- the gold files themselves

GOLD_FILES = sorted(GOLD_DIR.glob("*.jsonl"))


@pytest.mark.parametrize("path", GOLD_FILES, ids=[p.name for p in GOLD_FILES])
def test_gold_file_parses(path):
    recs = ev.load_gold(path, resolve=False)
    assert recs
    for r in recs:
        for e in r["gold"]["events"]:
            assert e["type"] in ev.PLOVER_TYPES
        for e in r["gold"]["entities"]:
            assert e["type"] in ev.ENTITY_TYPES and e.get("mentions"), e


@pytest.mark.skipif(not HAVE_SHARED, reason=f"needs the shared data folder at {SHARED}")
@pytest.mark.parametrize("path", GOLD_FILES, ids=[p.name for p in GOLD_FILES])
def test_gold_refs_resolve_and_mentions_occur(path):
    from khobor.text.normalize import normalize

    for r in ev.load_gold(path, shared=SHARED):
        body = normalize(r["body"])
        if "ref" in r:
            assert r.get("published"), r["id"]
        for e in r["gold"]["entities"]:
            for m in e["mentions"]:
                assert normalize(m) in body, (r["id"], e["name"], m)


def test_sample_gold_is_self_contained():
    path = GOLD_DIR / "sample.jsonl"
    if not path.exists():
        pytest.skip("no sample gold")
    (rec,) = ev.load_gold(path, resolve=False)
    assert "ref" not in rec and rec["body"].strip() and rec["source"] == "news24bd.tv"


# ----------------------------------------------------------------------------- inter-annotator agreement

def _agreement(*args):
    import subprocess
    import sys
    root = Path(__file__).resolve().parents[1]
    return subprocess.run([sys.executable, str(root / "scripts/agreement.py"), *args],
                          capture_output=True, text=True, cwd=root)


@pytest.mark.skipif(not HAVE_SHARED, reason=f"needs the shared data folder at {SHARED}")
def test_agreement_between_annotators_is_what_evaluation_md_reports():
    out = _agreement("tests/gold/dev_iaa.jsonl", "tests/gold/dev_a.jsonl", "tests/gold/dev_b.jsonl",
                     "tests/gold/dev_c.jsonl", "--json")
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert got["articles"] == 12 and got["events"] == {"first": 60, "second": 73}
    assert round(got["second_vs_first"]["events_strict"]["f1"], 2) == 0.80
    assert round(got["first_vs_second"]["events_strict"]["f1"], 2) == 0.83


def test_agreement_reports_a_missing_file_in_one_line(tmp_path):
    out = _agreement(str(tmp_path / "nope.jsonl"), str(tmp_path / "nope2.jsonl"))
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert out.stderr.strip().count("\n") == 0 and "nope.jsonl" in out.stderr
