"""People counts tied to outcomes, money and percentages: table rows and real-sentence fixtures."""

from collections import Counter
from pathlib import Path

import pytest

from khobor.stages.quantities import find_quantities
from khobor.text.normalize import normalize

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SAMPLE = SHARED / "samples" / "putin-raisi-phone-call.txt"
PEOPLE = {"killed", "injured", "arrested", "missing", "kidnapped"}

ROWS = [
    ("১৫ জন নিহত", [("killed", 15)]),
    ("নিহত হয়েছেন ১৫ জন", [("killed", 15)]),
    ("নিহতের সংখ্যা বেড়ে ২০", [("killed", 20)]),
    ("একই পরিবারের ৪ জন দগ্ধ", [("injured", 4)]),
    ("আটক ১০০", [("arrested", 100)]),
    ("এতে ৩ জন নিহত ও ১০ জন আহত হয়েছেন।", [("killed", 3), ("injured", 10)]),
    ("১৫ জন নিহত ও ৪০ জন আহত", [("killed", 15), ("injured", 40)]),
    ("নিহত ১৫, আহত ৪০", [("killed", 15), ("injured", 40)]),
    ("তিনজন নিহত", [("killed", 3)]),
    ("দুজনকে গ্রেপ্তার করেছে পুলিশ", [("arrested", 2)]),
    ("১০ জনকে গ্রেফতার করা হয়েছে", [("arrested", 10)]),
    ("গুলিতে ৫ জন গুলিবিদ্ধ", [("injured", 5)]),
    ("২ ব্যক্তি নিখোঁজ", [("missing", 2)]),
    ("৩ শিক্ষার্থী অপহৃত", [("kidnapped", 3)]),
    ("অন্তত ১৫ জনের মৃত্যু হয়েছে", [("killed", 15)]),
    ("শতাধিক আহত", [("injured", 100)]),
    ("৫টি লাশ উদ্ধার", [("killed", 5)]),
    ("দুই পুলিশ সদস্যসহ পাঁচজন নিহত হয়েছেন", [("killed", 5)]),
    ("আহত হয়েছেন আরও ২০ জন আন্দোলনকারী", [("injured", 20)]),
    # not people counts
    ("২০২২ সালে তিনি ঢাকায় আসেন", []),
    ("৩০ বছর বয়সী", []),
    ("১২ নভেম্বর", []),
    ("খেলায় ৩-১ গোলে জয়", []),
    ("০১৭১১২২৩৩৪৪ নম্বরে ফোন করুন", []),
    ("সকাল ১০টায় সমাবেশ", []),
    ("কয়েকজনের মরদেহ উদ্ধার", []),
    ("১০ জন নেতার সঙ্গে কথা বলেছে", []),
]


@pytest.mark.parametrize("text,expected", ROWS)
def test_people_counts(text, expected):
    text = normalize(text)
    qs = [q for q in find_quantities(text) if q.kind in PEOPLE]
    assert [(q.kind, q.value) for q in qs] == expected
    assert all(text[q.start:q.end] == q.text for q in qs)


MONEY = [
    ("১০ কোটি টাকা", "money", 100000000, "BDT"),
    ("৫০ লাখ মার্কিন ডলার", "money", 5000000, "USD"),
    ("২০ হাজার রুপি", "money", 20000, "INR"),
    ("৩ কোটি ইউরো", "money", 30000000, "EUR"),
    ("৯ লাখ ৬০ হাজার টাকা", "money", 960000, "BDT"),
    ("১২ শতাংশ", "percent", 12, "%"),
    ("১২%", "percent", 12, "%"),
    ("১২ ভাগ", "percent", 12, "%"),
    ("৫৪.৯৩ শতাংশ", "percent", 54.93, "%"),
]


@pytest.mark.parametrize("text,kind,value,unit", MONEY)
def test_money_and_percent(text, kind, value, unit):
    (q,) = find_quantities(normalize(text))
    assert (q.kind, q.value, q.unit) == (kind, value, unit)


def test_restated():
    text = normalize("৫ জন নিহত হন। পরে নিহতের সংখ্যা বেড়ে ৭ জনে দাঁড়ায়। হামলায় ৫ জন নিহত হওয়ার পর ১০ জন আহত")
    qs = find_quantities(text)
    assert [(q.kind, q.value, q.restated) for q in qs] == [
        ("killed", 5, False), ("killed", 7, True), ("killed", 5, True), ("injured", 10, False)]


def _load(name):
    lines = [ln.rstrip("\n") for ln in (FIXTURES / name).open(encoding="utf-8") if not ln.startswith("#")]
    return [tuple(ln.split("\t")) for ln in lines[1:] if ln]


def _pred(sentence):
    return Counter(f"{q.kind}:{q.value}" for q in find_quantities(sentence) if q.kind in PEOPLE and not q.restated)


@pytest.mark.parametrize("published,sentence,expected", _load("quantities_dev.tsv"))
def test_dev_sentences(published, sentence, expected):
    assert _pred(sentence) == Counter(x for x in expected.split("|") if x)


def test_held_back_f1_baseline():
    tp = fp = fn = 0
    for _published, sentence, expected in _load("quantities_held.tsv"):
        gold = Counter(x for x in expected.split("|") if x)
        pred = _pred(sentence)
        hit = sum((gold & pred).values())
        tp, fp, fn = tp + hit, fp + sum(pred.values()) - hit, fn + sum(gold.values()) - hit
    p, r = tp / (tp + fp), tp / (tp + fn)
    assert 2 * p * r / (p + r) >= 0.72  # measured 0.750 on first blind run (TIMES.md)


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared/samples not present beside the repo")
def test_sample_article():
    qs = find_quantities(normalize(SAMPLE.read_text(encoding="utf-8")))
    got = {(q.kind, q.value) for q in qs if not q.restated}
    assert ("killed", 15) in got and ("injured", 40) in got
