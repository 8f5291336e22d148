"""Entity stage: table tests (Bengali sentence → expected (type, name_en, code) set), written for
these tests (no article text)."""

from __future__ import annotations

import pytest

from khobor.pipeline import Pipeline
from khobor.stages.entities import _lexicon


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(["segment", "entities"])


def _ents(pipe, text):
    doc = pipe.process({"id": "t", "body": text})
    return doc, {(e.type, e.name_en, e.code) for e in doc.entities}


# (sentence, entities that must be found, (type, name_en) pairs that must NOT be found)
CASES = [
    # known names, inflected
    ("রাশিয়ার প্রেসিডেন্ট ভ্লাদিমির পুতিন ইরানের সঙ্গে কথা বলেছেন।",
     {("LOC", "Russia", "RUS"), ("PER", "Vladimir Putin", "RUSGOV"), ("LOC", "Iran", "IRN")}, set()),
    # a known place + an institutional head is one organisation
    ("বাগমারা থানার ওসি ঘটনাস্থলে যান।", {("ORG", "Bagmara Police Station", "BGDCOP")}, {("LOC", "Bagmara")}),
    ("চট্টগ্রাম স্টক এক্সচেঞ্জ আজ বন্ধ ছিল।", {("ORG", "Chittagong Stock Exchange", "BGDBUS")},
     {("LOC", "Chittagong")}),
    ("তিনি বাগমারা উপজেলা থেকে এসেছেন।", {("LOC", "Bagmara Upazila", "BGD")}, set()),
    # an abbreviated title is part of a Bangladeshi name; the title alone is not an entity
    ("সভায় বক্তব্য দেন সমিতির সভাপতি মো. শাহরিয়ার।", set(), {("PER", "Md")}),
    # a seat of power acting as its government is an organisation
    ("ক্রেমলিন এক বিবৃতিতে জানিয়েছে।", {("ORG", "Kremlin", "RUSGOV")}, {("LOC", "Kremlin")}),
    # "X নামে এক তরুণী": X is a person
    ("পরে রহিম উদ্দিন নামের এক যুবককে আটক করা হয়।", {("PER", "Rahim Uddin", None)}, set()),
    # common words the tagger sometimes takes for names
    ("সরকারবিরোধী আন্দোলনে তিনি অংশ নেন।", set(), {("ORG", "Sarkarbirodhi")}),
    ("ব্যাংকের গ্রাহকের সংখ্যা বেড়েছে।", set(), {("ORG", "Grahak"), ("ORG", "Bank")}),
    # a gallantry title after a name is not part of it, so the name links
    ("বিএনপির ভাইস চেয়ারম্যান মেজর (অব.) হাফিজ উদ্দিন আহমেদ বীরবিক্রম বলেছেন।",
     {("PER", "Hafiz Uddin Ahmed", "BGDPTY")}, set()),
    # the one spoken to is not part of the name; a name ending in দ keeps it before the genitive
    ("আইনজীবী মফিজুল হক ভূঁইয়া গণমাধ্যমকে বলেন।", {("PER", "Mafijul Haque Bhuiyan", "BGDJUD")}, set()),
    ("আব্দুল ওয়াদুদ বলেন, তিনি ভালো আছেন। আব্দুল ওয়াদুদের সমর্থকরা মিছিল করেছেন।",
     {("PER", "Abdul Wadud", None)}, {("PER", "Abdul Wadu")}),
    # an unknown body named after a foreign place belongs to that place's country
    ("গাজার স্বাস্থ্য কর্তৃপক্ষের হিসাব অনুসারে নিহতের সংখ্যা বেড়েছে।",
     {("ORG", "Gaza Strip Health Authority", "PSEGOV")}, set()),
]


@pytest.mark.parametrize("text,expected,absent", CASES)
def test_entities_table(pipe, text, expected, absent):
    _, got = _ents(pipe, text)
    assert expected <= got, got
    pairs = {(t, n) for t, n, _ in got}
    assert not (absent & pairs), got


TITLE_CASES = [
    ("সমিতির সভাপতি মো. শাহরিয়ার বলেন, দাম বাড়বে।", "মো. শাহরিয়ার", "Md. Shahria"),
    ("ড. কামাল উদ্দিন সভায় ছিলেন।", "ড. কামাল উদ্দিন", "Dr. Kamal"),
]


@pytest.mark.parametrize("text,mention,name_prefix", TITLE_CASES)
def test_title_is_part_of_name(pipe, text, mention, name_prefix):
    doc, _ = _ents(pipe, text)
    per = [e for e in doc.entities if e.type == "PER"]
    assert any(e.text == mention and (e.name_en or "").startswith(name_prefix) for e in per), \
        [(e.text, e.name_en) for e in per]
    for e in doc.entities:
        assert doc.text[e.start:e.end] == e.text


def test_longer_person_name_is_not_the_known_person(pipe):
    # a known two-word name inside a longer personal name is someone else
    doc, got = _ents(pipe, "শিক্ষক হাবিবুর রহমান লিটন এবং তানজিদ হাসান তামিম মাঠে ছিলেন।")
    names = {n for t, n, _ in got if t == "PER"}
    assert "Tamim Iqbal" not in names, names
    assert any(n and n.startswith("Habibur Rahman L") for n in names), names


def test_hyphenated_pair_of_people_is_split(pipe):
    doc, got = _ents(pipe, "অভিনেতা সোহেল চৌধুরী-পারভীন সুলতানা দম্পতির মেয়ে এসেছেন।")
    texts = {e.text for e in doc.entities if e.type == "PER"}
    assert not any("-" in t for t in texts), texts


ACRONYMS = [("বিজিএমইএ", "BGMEA"), ("এনবিআর", "NBR"), ("ডিসিসিআই", "DCCI"), ("বিবিসি", "BBC"), ("রাশিয়া", None)]


@pytest.mark.parametrize("word,expected", ACRONYMS)
def test_acronym(word, expected):
    assert _lexicon().acronym(word) == expected


def test_base_len_marks_case_ending(pipe):
    doc, _ = _ents(pipe, "বাগমারা থানার ওসি বলেন।")
    e = next(e for e in doc.entities if e.name_en == "Bagmara Police Station")
    assert e.text[: e.base_len] == "বাগমারা থানা"


def test_common_words_list_is_data():
    lex = _lexicon()
    assert lex.is_common("নির্দেশে")
    assert not lex.is_common("ঢাকা")
    assert not lex.is_common("রহমান")


@pytest.mark.parametrize(
    "text, mention, name, code",
    [
        # a bare national institution in a story about another country is that country's
        ("পাকিস্তানের লাহোরে ইমরান খানের দলের প্রতীক বাতিল করেছে নির্বাচন কমিশন।", "নির্বাচন কমিশন",
         "Election Commission of Pakistan", "PAKGOV"),
        ("ইসরায়েলের তেল আবিবে সেনাবাহিনী মোতায়েন করা হয়েছে।", "সেনাবাহিনী", "Israel Army", "ISRMIL"),
        # in a domestic story it stays Bangladesh's
        ("ঢাকায় নির্বাচন কমিশন বৈঠক করেছে।", "নির্বাচন কমিশন", "Bangladesh Election Commission", "BGDGOV"),
        # and so does a mention that names Bangladesh
        ("পাকিস্তানের লাহোরে বাংলাদেশ নির্বাচন কমিশনের প্রতিনিধিরা গেছেন।", "বাংলাদেশ নির্বাচন কমিশনের",
         "Bangladesh Election Commission", "BGDGOV"),
        # the text defines its acronym, overriding the acronym's usual reading (Press Trust of India)
        ("ইমরান খানের দল পাকিস্তান তেহরিক-ই-ইনসাফ (পিটিআই) বিক্ষোভ করেছে। পিটিআইয়ের নেতারা কথা বলেন।",
         "পিটিআইয়ের", "Pakistan Tehreek-e-Insaf", "PAKPTY"),
    ],
)
def test_story_country_and_defined_acronyms(pipe, text, mention, name, code):
    doc = pipe.process({"body": text, "published": "2024-08-12"})
    e = next(e for e in doc.entities if e.text == mention)
    assert (e.name_en, e.code) == (name, code)
