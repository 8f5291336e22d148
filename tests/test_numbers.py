"""Bengali numbers: digits with separators, number words, multipliers, halves, approximate forms, ordinals."""

import pytest

from khobor.text.normalize import normalize
from khobor.text.numbers import find_numbers, parse_number

PARSE = [
    ("১,২০০", 1200, False),
    ("১২.৫", 12.5, False),
    ("1,20,000", 120000, False),
    ("১৫", 15, False),
    ("এক", 1, False),
    ("পঁয়তাল্লিশ", 45, False),
    ("নিরানব্বই", 99, False),
    ("সাড়ে তিন", 3.5, False),
    ("সাড়ে তিন শ", 350, False),
    ("সাড়ে ৩ হাজার", 3500, False),
    ("দেড়শ", 150, False),
    ("আড়াইশ", 250, False),
    ("দুইশ", 200, False),
    ("তিন শো", 300, False),
    ("পাঁচ হাজার", 5000, False),
    ("৯ লাখ ৬০ হাজার", 960000, False),
    ("২ কোটি", 20000000, False),
    ("২ কোটি ৫০ লাখ", 25000000, False),
    ("১.৫ লাখ", 150000, False),
    ("দেড় লাখ", 150000, False),
    ("এক লক্ষ", 100000, False),
    ("১০ হাজার কোটি", 100000000000, False),
    ("২ হাজার ৫০০", 2500, False),
    ("অন্তত ১৫", 15, True),
    ("প্রায় ৩০", 30, True),
    ("কমপক্ষে ২০", 20, True),
    ("শতাধিক", 100, True),
    ("দুই শতাধিক", 200, True),
    ("অর্ধশতাধিক", 50, True),
    ("কয়েক শ", 300, True),
    ("হাজারো", 1000, True),
    ("শত শত", 100, True),
    ("ডজনখানেক", 12, True),
    ("১ম", 1, False),
    ("২য়", 2, False),
    ("৪র্থ", 4, False),
    ("১০ম", 10, False),
    ("প্রথম", 1, False),
    ("দ্বিতীয়", 2, False),
]


@pytest.mark.parametrize("text,value,approx", PARSE)
def test_parse_number(text, value, approx):
    assert parse_number(normalize(text)) == (value, approx)


@pytest.mark.parametrize("text", ["", "নভেম্বর", "১৫ জন", "নয়", "কয়েক"])
def test_not_one_number(text):
    assert parse_number(normalize(text)) is None


ORDINAL = [("প্রথম", True), ("তৃতীয়", True), ("৩য়", True), ("২১তম", True), ("৩", False), ("তিন", False)]


@pytest.mark.parametrize("text,is_ordinal", ORDINAL)
def test_ordinal_flag(text, is_ordinal):
    (found,) = find_numbers(normalize(text))
    assert found[4] is is_ordinal


FIND = [
    ("এতে ৩ জন নিহত ও ১০ জন আহত হয়েছেন।", [("৩", 3), ("১০", 10)]),
    ("তিনজন নিহত", [("তিন", 3)]),
    ("দুজনকে আটক করা হয়", [("দু", 2)]),
    ("এটা সত্য নয়।", []),  # নয় = 'is not'
    ("নয় জন আহত", [("নয়", 9)]),
    ("প্রায় সাড়ে তিন শ মানুষ", [("প্রায় সাড়ে তিন শ", 350)]),
    ("৯ লাখ ৬০ হাজার টাকা", [("৯ লাখ ৬০ হাজার", 960000)]),
]


@pytest.mark.parametrize("text,expected", FIND)
def test_find_numbers_spans(text, expected):
    text = normalize(text)
    got = [(text[a:b], v) for a, b, v, _ap, _o in find_numbers(text)]
    assert got == [(normalize(s), v) for s, v in expected]


def test_precomposed_ya_matches():
    # U+09DF (precomposed য়) in raw text still parses, offsets stay on the raw text
    raw = "ছ\u09dfজন"
    (a, b, v, _ap, _o), = find_numbers(raw)
    assert v == 6 and raw[a:b] == "ছ\u09df"


def _every_word_start(text, rx):
    """The reference for numbers.scan: try ``rx`` at every word start (no Bengali letter or digit before)."""
    pos = 0
    for a in range(len(text)):
        if a < pos or (a and ("\u0980" <= text[a - 1] <= "\u09ff" or "0" <= text[a - 1] <= "9")):
            continue
        m = rx.match(text, a)
        if m is not None and m.end() > a:
            pos = m.end()
            yield m


def test_scan_equals_trying_every_word_start():
    import json
    from pathlib import Path

    from khobor.stages import quantities, times
    from khobor.text import numbers

    demo = Path(numbers.__file__).parents[1] / "demo" / "articles.jsonl"
    texts = [normalize(json.loads(line)["body"]) for line in demo.open(encoding="utf-8")]
    texts += ["গত  কাল ১২ নভেম্বর", "এ\nমাসের ৩ তারিখ", "(গতকাল) ছ\u09dfজন, পাঁচশ’ জন নিহত", "আজ", "৫'শ লোক"]
    texts += [t.replace("\u09af\u09bc", "\u09df") for t in texts]  # precomposed য় in raw text
    qty = quantities._data()[4]
    for rx, prefixes in ((numbers._regex(), numbers._prefixes()), (times._regex(), times._prefixes()),
                         (qty[0], qty[2])):
        for text in texts:
            got = [m.span() for m in numbers.scan(text, rx, prefixes)]
            assert got == [m.span() for m in _every_word_start(text, rx)], text[:80]
