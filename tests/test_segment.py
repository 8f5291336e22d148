import pytest

from khobor.text.segment import split_sentences, tokenize, words


@pytest.mark.parametrize(
    "text, expected",
    [
        ("সে এল। সে গেল।", ["সে এল।", "সে গেল।"]),
        ("কী হলো? কিছুই না!", ["কী হলো?", "কিছুই না!"]),
        # abbreviations do not split
        ("ড. মুহাম্মদ ইউনূস বৈঠক করেন। পরে ফেরেন।", ["ড. মুহাম্মদ ইউনূস বৈঠক করেন।", "পরে ফেরেন।"]),
        ("মো. আলী আটক হন। মামলা হয়।", ["মো. আলী আটক হন।", "মামলা হয়।"]),
        ("ডা. জাফরুল্লাহ বলেন, ঠিক আছে।", ["ডা. জাফরুল্লাহ বলেন, ঠিক আছে।"]),
        # closing quotes stay with their sentence
        ('তিনি বলেন, "আমরা যাব।" পরে চলে যান।', ['তিনি বলেন, "আমরা যাব।"', "পরে চলে যান।"]),
        # headline-like lines without a danda end at the line break
        ("শিরোনাম এখানে\nপ্রথম বাক্য। দ্বিতীয়।", ["শিরোনাম এখানে", "প্রথম বাক্য।", "দ্বিতীয়।"]),
        # a full stop used as a sentence end (some outlets), but not inside numbers or initials
        ("দাম ১২.৫ টাকা. পরে বাড়ে.", ["দাম ১২.৫ টাকা.", "পরে বাড়ে."]),
        ("M. A. Hasan came. He left.", ["M. A. Hasan came.", "He left."]),
    ],
)
def test_split_sentences(text, expected):
    spans = split_sentences(text)
    assert [text[s.start:s.end] for s in spans] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # vowel signs and hasanta stay inside words (a default tokenizer cuts them apart)
        ("রাশিয়ার প্রেসিডেন্ট", ["রাশিয়ার", "প্রেসিডেন্ট"]),
        ("পুতিন-রাইসির ফোনালাপ", ["পুতিন", "-", "রাইসির", "ফোনালাপ"]),
        ("১৫জন নিহত", ["১৫", "জন", "নিহত"]),
        ("১,২০০ জন; ১২.৫%", ["১,২০০", "জন", ";", "১২.৫", "%"]),
        ("র\u200d্যাব সদস্যরা", ["র\u200d্যাব", "সদস্যরা"]),
        ("(১২ নভেম্বর)", ["(", "১২", "নভেম্বর", ")"]),
        ("Reuters-এর খবর", ["Reuters", "-", "এর", "খবর"]),
    ],
)
def test_tokenize(text, expected):
    toks = tokenize(text)
    assert [t.text for t in toks] == expected
    assert all(text[t.start:t.end] == t.text for t in toks)


def test_words_drop_punctuation():
    assert words("সে বলল, \"হ্যাঁ!\"") == ["সে", "বলল", "হ্যাঁ"]


def test_tokenize_offsets_equal_the_regex_matches():
    import random

    from khobor.text.segment import TOKEN_RE

    pool = ["রাশিয়া", "১৫", "জন", "12.5", "U.N.", "—", "।", '"', " ", "  ", "\n", "\t", "\u00a0", "\u2003", "\x1c",
            "\u200d", "x", "(", "ঢাকায়।"]
    rnd = random.Random(3)
    for _ in range(3000):
        text = "".join(rnd.choice(pool) for _ in range(rnd.randint(0, 15)))
        a, b = rnd.randint(0, len(text)), None
        for start, end in ((0, None), (a, b), (0, a)):
            got = [(t.text, t.start, t.end) for t in tokenize(text, start, end)]
            want = [(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text, start, len(text) if end is None else end)]
            assert got == want, repr(text)


def test_dedupe_precheck_never_hides_a_repeat():
    import random

    from khobor.clean import _dedupe_sentences, _dedupe_split

    pool = ["তিনি বলেন।", "ড. ইউনূস", "মো. আলী", "এ কথা", "বলেন", "।", "?", "!", ".", " ", '"', "”", ")", "U.N.",
            "১.", "আজ।", "আজ.", "M. A. Hasan.", "হ্যাঁ?", "হ্যাঁ।", "x. y"]
    rnd = random.Random(5)
    for _ in range(20000):
        parts = [rnd.choice(pool) for _ in range(rnd.randint(1, 6))]
        if rnd.random() < 0.5:
            parts = parts + [" "] + parts  # a repeated run
        line = "".join(parts).strip()
        if line:
            assert _dedupe_sentences(line) == _dedupe_split(line), repr(line)
