import unicodedata

import pytest

from khobor.text.normalize import bengali_ratio, fold, has_bengali, normalize, to_ascii_digits

YA_PRE = "\u09df"  # য় precomposed
YA_DEC = "\u09af\u09bc"  # য + nukta
RA_PRE, RA_DEC = "\u09dc", "\u09a1\u09bc"  # ড়
RHA_PRE, RHA_DEC = "\u09dd", "\u09a2\u09bc"  # ঢ়


@pytest.mark.parametrize(
    "raw, expected",
    [
        # the two encodings of য় / ড় / ঢ় become one
        (f"ঢাকা{YA_PRE}", f"ঢাকা{YA_DEC}"),
        (f"ঢাকা{YA_DEC}", f"ঢাকা{YA_DEC}"),
        (f"প{RA_PRE}া", f"প{RA_DEC}া"),
        (f"আষা{RHA_PRE}", f"আষা{RHA_DEC}"),
        # ে + া → ো (NFC composition)
        ("ক\u09c7\u09be", "কো"),
        # legacy danda and pipe-as-danda
        ("তিনি বলেন৷", "তিনি বলেন।"),
        ("তিনি বলেন|", "তিনি বলেন।"),
        ("তিনি বলেন | পরে", "তিনি বলেন। পরে"),
        # khanda ta written as ত্ + ZWJ; অ + া written for আ
        ("উত্\u200dসব", "উৎসব"),
        ("অামরা", "আমরা"),
        # invisible characters
        ("ঢাকা\u200bয়", "ঢাকায়"),
        ("\ufeffখবর", "খবর"),
        ("খ\u00adবর", "খবর"),
        ("ab\u200dc", "abc"),
        # a ZWJ that shapes র‍্য is kept
        ("র\u200d্যাব", "র\u200d্যাব"),
        # quotes, dashes, spaces
        ("“হ্যালো” ‘এক’", "\"হ্যালো\" 'এক'"),
        ("১০–১২", "১০—১২"),
        ("এক\u00a0দুই  তিন", "এক দুই তিন"),
        ("এক\r\nদুই", "এক\nদুই"),
        ("এক\n\n\n\nদুই", "এক\n\nদুই"),
    ],
)
def test_normalize(raw, expected):
    assert normalize(raw) == unicodedata.normalize("NFC", expected)


@pytest.mark.parametrize(
    "raw",
    [
        "https://www.prothomalo.com/bangladesh/a|b?x=1&y=২",
        "Reuters said 12.5% of 1,200 — OK",
        "news24bd.tv/আলী",
        "email: desk@bdnews24.com, ফোন ০১৭১১-০০০০০০",
        "COVID-19 ও H5N1",
    ],
)
def test_latin_urls_numbers_untouched(raw):
    out = normalize(raw)
    for token in ("https://www.prothomalo.com/bangladesh/a|b?x=1&y=২", "12.5%", "1,200", "news24bd.tv",
                  "desk@bdnews24.com", "০১৭১১-০০০০০০", "COVID-19", "H5N1"):
        if token in raw:
            assert token in out


def test_idempotent_and_both_encodings_equal():
    a = normalize(f"রাশি{YA_PRE}া ঢাকা{YA_DEC} “x”")
    assert normalize(a) == a
    assert normalize(f"রাশি{YA_PRE}া") == normalize(f"রাশি{YA_DEC}া")


@pytest.mark.parametrize(
    "a, b",
    [("র\u200d্যাব", "র্যাব"), ("র\u200c্যাব", "র্যাব"), ("১২৩", "123"), (f"রাশি{YA_PRE}া", f"রাশি{YA_DEC}া")],
)
def test_fold_matching_key(a, b):
    assert fold(a) == fold(b)


def test_digits_and_script_checks():
    assert to_ascii_digits("১২.৫ ও ৩,০০০") == "12.5 ও 3,000"
    long = "০১২৩৪৫৬৭৮৯ সাল ২০২৪ ও 12 " * 10  # long text takes the replace-per-digit path
    assert to_ascii_digits(long) == "0123456789 সাল 2024 ও 12 " * 10
    assert has_bengali("এটি একটি বাংলা বাক্য", minimum=5)
    assert not has_bengali("This is English only", minimum=1)
    assert bengali_ratio("abc") == 0.0
    assert bengali_ratio("বাংলা") == 1.0


def test_nfc_shortcut_assumptions_hold_in_the_unicode_database():
    """khobor.text.normalize.nfc skips unicodedata for text made of 'safe' characters; check the facts
    that shortcut rests on against the Unicode database Python ships."""
    import sys

    from khobor.text.normalize import _OUTSIDE_NFC_SAFE

    safe = [chr(cp) for cp in range(0x2100) if _OUTSIDE_NFC_SAFE.match(chr(cp)) is None]
    safe += ["\ufeff"]
    seconds: dict[str, set[str]] = {}
    for cp in range(sys.maxunicode + 1):
        d = unicodedata.decomposition(chr(cp))
        parts = d.split()
        if d and not d.startswith("<") and len(parts) == 2:
            a, b = (chr(int(x, 16)) for x in parts)
            if unicodedata.normalize("NFC", a + b) == chr(cp):  # a primary composite
                seconds.setdefault(b, set()).add(a)
    for ch in safe:
        d = unicodedata.decomposition(ch)
        if d and not d.startswith("<"):
            assert ch in "\u09cb\u09cc", hex(ord(ch))  # ো ৌ: decompose to ে + া/ৗ and recompose
        if unicodedata.combining(ch):
            assert ch in "\u09bc\u09cd", hex(ord(ch))  # nukta 7, hasanta 9
        if ch in seconds:
            assert ch in "\u09be\u09d7" and seconds[ch] == {"\u09c7"}, hex(ord(ch))


def test_nfc_shortcut_equals_unicodedata():
    import random

    from khobor.text.normalize import nfc

    pool = ("কখগঘঙচযরলড\u09bc\u09cd\u09be\u09d7\u09c7\u09cb\u09cc\u09df\u09dc\u09dd\u09fe\u0964 a<e"
            "\u0301\u0338\u00e9\u2000\u200d\u200c\n")
    rnd = random.Random(7)
    for _ in range(20000):
        s = "".join(rnd.choice(pool) for _ in range(rnd.randint(0, 8)))
        assert nfc(s) == unicodedata.normalize("NFC", s), [hex(ord(c)) for c in s]


def test_short_string_shortcut_changes_nothing():
    import random

    from khobor.text.normalize import _fold, _normalize, fold

    pool = "কখগ য\u09bc\u09df\u09dc\u09c7\u09be\u09d7\u09cb\u09cd\u09bc \n\r\t|অা০১২\u200d\u200c\u200b—–“\u00a0\u0301a1.৷"
    rnd = random.Random(11)
    for _ in range(20000):
        s = "".join(rnd.choice(pool) for _ in range(rnd.randint(1, 10)))
        for fast in (False, True):
            assert normalize(s, fast=fast) == _normalize(s, fast), repr(s)
        assert fold(s) == _fold(s), repr(s)
