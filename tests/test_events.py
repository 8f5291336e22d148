"""The PLOVER event coder, on sentences written for these tests (table rows: Bengali → events)."""

import pytest

from khobor.pipeline import Pipeline

PIPE = Pipeline(["segment", "entities", "events"])


def coded(text):
    doc = PIPE.process({"body": text, "published": "2024-08-12"})
    out = set()
    for ev in doc.events:
        s = ev.source.name_en if ev.source else None
        t = ev.target.name_en if ev.target else None
        out.add((ev.type, s, t, ev.negated))
    return out


@pytest.mark.parametrize(
    "text, expected",
    [
        # reciprocal act of two coordinated subjects, titles and countries before the names
        ("রাশিয়ার প্রেসিডেন্ট ভ্লাদিমির পুতিন ও ইরানের প্রেসিডেন্ট ইব্রাহিম রাইসি টেলিফোনে আলাপ করেছেন।",
         {("CONSULT", "Vladimir Putin", "Ebrahim Raisi", False)}),
        # the subject after the verb; two subjects make two events; target before ওপর
        ("ইরানের ওপর নিষেধাজ্ঞা আরোপ করেছে যুক্তরাষ্ট্র ও ইউরোপীয় ইউনিয়ন।",
         {("SANCTION", "United States", "Iran", False), ("SANCTION", "European Union", "Iran", False)}),
        # negation on the light verb; the object in -কে
        ("ক্রেমলিনকে অস্ত্র সরবরাহ করেনি তেহরান।", {("AID", "Tehran", "Kremlin", True)}),
        # an allegation is ACCUSE by the accuser; the alleged attack is not coded
        ("রাশিয়া ইউক্রেনে হামলা চালিয়েছে, এমন অভিযোগ তুলেছে কিয়েভ।", {("ACCUSE", "Kyiv", "Russia", False)}),
        # future and purpose are not events
        ("যুক্তরাষ্ট্র ইরানের ওপর নিষেধাজ্ঞা আরোপ করবে।", set()),
        ("সহযোগিতা আরও গভীর করতে ঢাকায় আসছেন ভারতের পররাষ্ট্রমন্ত্রী।", set()),
        # an anaphoric restatement ("এই বৈঠকে") is not a new event
        ("এই বৈঠকে রাশিয়া ও ইরান আলোচনা করে।", set()),
        # a two-word cue whose verb is inflected (জানা → জানিয়েছেন)
        ("যুক্তরাষ্ট্রের কাছে সহায়তার দাবি জানিয়েছেন ইউক্রেন।", {("REQUEST", "Ukraine", "United States", False)}),
        # the wish inside an order is not an act; the order is ("যেন … না পারে")
        ("তারেক রহমান নির্দেশ দিয়েছেন, কেউ যেন হামলা করতে না পারে।", {("REQUEST", "Tarique Rahman", "people", False)}),
        # an indefinite subject ("কেউ কেউ") is unnamed people, not the subject carried over
        ("তারেক রহমান বক্তব্য দেন। কেউ কেউ সেনাবাহিনীর কাছে সাহায্য চেয়েছেন।",
         {("REQUEST", "people", "Bangladesh Army", False)}),
        # no case marker names the receiver: the clause's other actor (a possessor before the cue)
        ("তারেক রহমান শিক্ষার্থীদের অভিনন্দন জানিয়েছেন।", {("SUPPORT", "Tarique Rahman", "student", False)}),
        # an impersonal passive: the object is the target, the subject of earlier sentences is not the doer
        ("শেখ হাসিনা বক্তব্য দেন। তারেক রহমানকে দল থেকে বহিষ্কার করা হয়েছে।",
         {("SANCTION", None, "Tarique Rahman", False)}),
        # a national adjective before the act names the doer; the listed objects of a protest are not acts
        ("ইসরায়েলি হামলায় গাজায় ২০ জন নিহত হয়েছেন।", {("ASSAULT", "Israel", "Palestine civilians", False)}),
        ("ইসরায়েলের হামলা, হত্যা ও নির্যাতনের প্রতিবাদে বিক্ষোভ করেছে তুরস্ক।", {("PROTEST", "Turkey", "Israel", False)}),
        # a country followed by its institution acts as that institution (code country + sector)
        ("যুক্তরাজ্য হাইকমিশন শোক প্রকাশ করেছে।", {("SUPPORT", "United Kingdom", None, False)}),
        # the named leader, not the party, is the actor of "X পার্টির নেতা Y"
        ("ভারত সরকারের সমালোচনা করেছেন সমাজবাদী পার্টির নেতা অখিলেশ যাদব।",
         {("ACCUSE", "Akhilesh Yadav", "India", False)}),
        # a first-person verb inside a quotation: the speaker is the doer
        ("তারেক রহমান বলেন, ছাত্র-জনতা ও শিক্ষার্থীদের অভিনন্দন জানাচ্ছি।",
         {("SUPPORT", "Tarique Rahman", "student", False)}),
        # a speaker charging someone with a wrong accuses them
        ("মির্জা ফখরুল ইসলাম আলমগীর বলেন, আওয়ামী লীগ দেশের বিরুদ্ধে চক্রান্ত করছে।",
         {("ACCUSE", "Mirza Fakhrul Islam Alamgir", "Awami League", False)}),
        # "সে জন্য" is "for that", not "he"; a subject across a comma is not a postposed subject
        ("তারেক রহমান নির্দেশ দিয়েছেন, সে জন্য পাহারা দিতে হবে।", {("REQUEST", "Tarique Rahman", None, False)}),
        # charges of wrongdoing in a statement: failure, money laundering
        ("মির্জা ফখরুল ইসলাম আলমগীর বলেন, অন্তর্বর্তী সরকার আইনশৃঙ্খলা রক্ষায় ব্যর্থ হয়েছে।",
         {("ACCUSE", "Mirza Fakhrul Islam Alamgir", "Interim government of Bangladesh", False)}),
        ("তারেক রহমান বলেন, আওয়ামী লীগ দেশের টাকা বিদেশে পাচার করেছে।",
         {("ACCUSE", "Tarique Rahman", "Awami League", False)}),
        # a resignation named as a noun is its possessor's own act
        ("শেখ হাসিনার পদত্যাগের পর দেশে নতুন সরকার গঠিত হয়।", {("RETREAT", "Sheikh Hasina", None, False)}),
        # a cue word inside an organisation's name (আন্দোলন) is no act; an organisation in the locative
        # before an attack is what was attacked
        ("বৈষম্য-বিরোধী ছাত্র আন্দোলন ও সরকার পতন ঘিরে সদরপুর থানায় বিক্ষোভকারীরা হামলা করে।",
         {("ASSAULT", "civilians", "Sadarpur Police Station", False)}),
    ],
)
def test_event_table(text, expected):
    assert coded(text) == expected


def test_pronoun_takes_the_previous_subjects():
    text = ("ভ্লাদিমির পুতিন ও ইব্রাহিম রাইসি টেলিফোনে আলাপ করেছেন। "
            "দুই দেশের মধ্যে বাণিজ্য বাড়াতে সম্মত হয়েছেন তারা।")
    got = coded(text)
    assert ("AGREE", "Vladimir Putin", "Ebrahim Raisi", False) in got or \
        ("AGREE", "Ebrahim Raisi", "Vladimir Putin", False) in got


def test_first_person_is_the_speaker_of_the_quotation():
    text = ("শেখ হাসিনা বলেন, দেশের উন্নয়ন চলছে। "
            "তারেক রহমান আমাদের হুমকি দিয়েছেন।")
    assert ("THREATEN", "Tarique Rahman", "Sheikh Hasina", False) in coded(text)


def test_institution_code():
    doc = PIPE.process({"body": "যুক্তরাজ্য হাইকমিশন শোক প্রকাশ করেছে।", "published": "2024-08-12"})
    (ev,) = doc.events
    assert ev.source.code == "GBRGOV"


def test_event_fields_are_coded_from_the_ontology():
    doc = PIPE.process({"body": "ইরানের ওপর নিষেধাজ্ঞা আরোপ করেছে যুক্তরাষ্ট্র।", "published": "2024-08-12"})
    (ev,) = doc.events
    assert (ev.cameo_root, ev.quad_class, ev.goldstein) == ("16", 4, -4.0)
    assert doc.text[ev.trigger.start:ev.trigger.end] == ev.trigger.text == "নিষেধাজ্ঞা"
    assert ev.source.code == "USA" and ev.target.code == "IRN"
    assert ev.date == "2024-08-12"  # no date in the sentence: the publication date


def test_a_receiver_the_sentence_does_not_name_is_the_actor_the_article_is_about():
    text = "শেখ হাসিনা পদত্যাগ করেছেন। শেখ হাসিনা দেশ ছেড়েছেন। শিক্ষার্থীরা বিক্ষোভ মিছিল করেছে।"
    doc = PIPE.process({"body": text, "published": "2024-08-12"})
    protest = next(ev for ev in doc.events if ev.type == "PROTEST")
    assert protest.target.name_en == "Sheikh Hasina" and protest.inferred == ("target",)
    assert protest.to_dict()["inferred"] == ["target"]
    # her own resignation gets no receiver: the only other actor has her own code
    retreat = next(ev for ev in doc.events if ev.type == "RETREAT")
    assert retreat.target is None and retreat.inferred == ()


def test_a_physical_act_retold_with_vaguer_actors_is_one_event():
    text = "জাতীয়তাবাদী ছাত্রদল পুলিশের বিরুদ্ধে বিক্ষোভ মিছিল করে। পরে দলের নেতাকর্মীরা আবার মিছিল করেন।"
    assert coded(text) == {("PROTEST", "Jatiyatabadi Chhatra Dal", "police", False)}


def test_statements_by_two_unnamed_people_of_one_sector_stay_two_events():
    text = "ব্যবসায়ী নেতারা এনবিআরের কাছে সংস্কারের দাবি জানান। আরেক ব্যবসায়ী নেতা হয়রানি বন্ধের দাবি জানান।"
    assert sum(1 for ev in PIPE.process({"body": text, "published": "2024-08-12"}).events
               if ev.type == "REQUEST") == 2
