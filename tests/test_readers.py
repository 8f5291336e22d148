
import pytest

from khobor.errors import InputError
from khobor.pipeline import Pipeline
from khobor.readers import iter_records, parse_plain_text, parse_published, read_path, record_from_dict

from .paths import FIXTURES, NEWS, SAMPLE, needs_shared

SEGMENT_ONLY = Pipeline(["segment"])

PLAIN = """পুতিন-রাইসির ফোনালাপ

সংগৃহীত ছবি

পুতিন-রাইসির ফোনালাপ

অনলাইন ডেস্ক

রাশিয়ার প্রেসিডেন্ট ভ্লাদিমির পুতিন ও ইরানের প্রেসিডেন্ট ইব্রাহিম রাইসি টেলিফোনে আলাপ করেছেন।

দ্বিতীয় অনুচ্ছেদ এখানে।

news24bd.tv/আলী
"""


def test_plain_text_layout():
    rec = parse_plain_text(PLAIN)
    assert rec.headline == "পুতিন-রাইসির ফোনালাপ"
    assert rec.desk == "অনলাইন ডেস্ক"
    assert rec.source == "news24bd.tv"
    assert rec.author == "আলী"
    assert rec.body.startswith("রাশিয়ার প্রেসিডেন্ট")
    for junk in ("সংগৃহীত ছবি", "অনলাইন ডেস্ক", "news24bd.tv", "ফোনালাপ\n"):
        assert junk not in rec.body


@pytest.mark.parametrize(
    "header, field, value",
    [
        ("ছবি: রয়টার্স", "desk", None),
        ("নিজস্ব প্রতিবেদক", "desk", "নিজস্ব প্রতিবেদক"),
        ("আন্তর্জাতিক ডেস্ক", "desk", "আন্তর্জাতিক ডেস্ক"),
        ("চট্টগ্রাম প্রতিনিধি", "desk", "চট্টগ্রাম প্রতিনিধি"),
    ],
)
def test_header_lines(header, field, value):
    rec = parse_plain_text(f"শিরোনাম\n{header}\nপ্রথম বাক্যটি এখানে লেখা হলো। আরও কিছু কথা।")
    assert getattr(rec, field) == value
    assert header not in rec.body


def test_editors_trailer_is_dropped():
    rec = parse_plain_text("শিরোনাম\nখবরের মূল অংশ এখানে লেখা আছে।\nআরআর/এমএস")
    assert "আরআর" not in rec.body


@pytest.mark.parametrize(
    "raw, iso",
    [
        ("2024/08/12", "2024-08-12"),
        ("2024-01-02 04:37:50", "2024-01-02"),
        ("2022-11-12T10:00:00+06:00", "2022-11-12"),
        ("12/11/2022", "2022-11-12"),
        ("১২/১১/২০২২", "2022-11-12"),
        ("None", None),
        ("", None),
        ("not a date", None),
        ("2024-13-45", None),
    ],
)
def test_parse_published(raw, iso):
    assert parse_published(raw) == iso


@pytest.mark.parametrize(
    "obj, field, value",
    [
        ({"body": "খবর", "date": "2024/08/12"}, "published", "2024-08-12"),
        ({"article": "খবর", "publication_date": "2024-01-02 04:37:50"}, "published", "2024-01-02"),
        ({"content": "খবর", "outlet": "Jugantor"}, "source", "Jugantor"),
        ({"text": "খবর", "paper_name": "BBC Bangla"}, "source", "BBC Bangla"),
        ({"body": "খবর", "writer": "আলী"}, "author", "আলী"),
        ({"body": "খবর", "title": "শিরোনাম"}, "headline", "শিরোনাম"),
        ({"body": "খবর", "author": "None"}, "author", None),
    ],
)
def test_field_aliases(obj, field, value):
    assert getattr(record_from_dict(obj), field) == value


def test_jsonl_bad_lines_reported_and_skipped():
    out = list(read_path(str(FIXTURES / "batch.jsonl")))
    good = [r for r in out if not isinstance(r, InputError)]
    bad = [r for r in out if isinstance(r, InputError)]
    assert [r.id for r in good] == ["ok-1", "ok-2", "english", "ok-3"]
    assert [e.line for e in bad] == [2, 4, 5]
    assert "malformed JSON" in str(bad[0]) and "batch.jsonl:2" in str(bad[0])
    # the English record reads, but is rejected as an article
    with pytest.raises(InputError, match="no Bengali"):
        SEGMENT_ONLY.process(good[2])


def test_html_page():
    rec = next(read_path(str(FIXTURES / "page.html")))
    assert rec.headline and "মানববন্ধন" in rec.headline
    assert rec.published == "2024-08-12"
    assert "শাহবাগে" in rec.body and "নিরাপদ সড়কের" in rec.body
    assert "প্রচ্ছদ" not in rec.body  # navigation dropped
    assert "সর্বস্বত্ব" not in rec.body  # footer dropped


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty input"),
        (b"   \n\n", "empty input"),
        (b"\xff\xfe\x00\x01binary", "NUL bytes"),
        ("বাংলা".encode("utf-8") + b"\xff\xfe trailing", "not UTF-8"),
    ],
)
def test_bad_files(tmp_path, content, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError, match=message):
        list(read_path(str(p)))


def test_missing_file_and_unknown_format(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(read_path(str(tmp_path / "nope.txt")))
    errs = list(iter_records([str(tmp_path / "nope.jsonl")]))
    assert len(errs) == 1 and isinstance(errs[0], InputError)


def test_repeated_paragraphs_are_dropped():
    body = "প্রথম বাক্য এখানে। দ্বিতীয় বাক্য এখানে। প্রথম বাক্য এখানে। দ্বিতীয় বাক্য এখানে। শেষ কথা।"
    doc = SEGMENT_ONLY.process({"body": body})
    assert doc.text == "প্রথম বাক্য এখানে। দ্বিতীয় বাক্য এখানে। শেষ কথা।"


@needs_shared
def test_sample_article_layout():
    rec = next(read_path(str(SAMPLE)))
    doc = SEGMENT_ONLY.process(rec)
    assert doc.headline == "পুতিন-রাইসির ফোনালাপ"
    assert (doc.source, doc.author, doc.desk) == ("news24bd.tv", "আলী", "অনলাইন ডেস্ক")
    assert doc.text.startswith("রাশিয়ার প্রেসিডেন্ট ভ্লাদিমির পুতিন")
    assert doc.text.endswith("সম্পর্ক আরও শক্তিশালী ও সক্রিয় হয়েছে।")
    for s in doc.sentences:
        assert doc.text[s.start:s.end].strip() == doc.text[s.start:s.end]


@needs_shared
@pytest.mark.parametrize("corpus", ["iamaber/articles.jsonl", "bdnewspaperscraper/articles_bn.jsonl"])
def test_every_shared_article_reads(corpus):
    """All of ../shared/data/news reads without a crash; the only skips are empty or non-Bengali bodies."""
    ok, skipped = 0, []
    for rec in read_path(str(NEWS / corpus)):
        if isinstance(rec, InputError):  # a record whose body is empty or missing
            skipped.append(str(rec))
            continue
        try:
            doc = SEGMENT_ONLY.process(rec)
        except InputError as exc:
            skipped.append(str(exc))
            continue
        ok += 1
        assert doc.text and doc.sentences
    assert all("empty" in s or "no Bengali" in s or "no article text" in s for s in skipped), skipped
    assert ok >= 0.95 * (ok + len(skipped))
