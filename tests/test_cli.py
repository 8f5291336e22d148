"""The command line as a user meets it: output, exit codes, and one clear line for every bad input."""

import json
import subprocess
import sys

import pytest

from .paths import FIXTURES, SAMPLE, needs_shared


def run(*args, stdin: bytes | None = None):
    p = subprocess.run([sys.executable, "-m", "khobor", *args], input=stdin, capture_output=True, timeout=300)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty input"),
        (b"\xff\xfe\xfa\xfb not text", "not UTF-8"),
        (b"This file is plain English, not a Bengali article at all.\n", "no Bengali"),
        (b"\x00\x01\x02\x03", "NUL bytes"),
    ],
)
def test_bad_input_is_one_line_and_nonzero(tmp_path, content, message):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    code, out, err = run("extract", "--json", str(f))
    assert code != 0
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert message in err and "Traceback" not in err


def test_missing_file_and_bad_option(tmp_path):
    code, _, err = run("extract", str(tmp_path / "none.txt"))
    assert code != 0 and "no such file" in err and "Traceback" not in err
    code, _, err = run("extract", "--published", "12-11-2022", str(FIXTURES / "page.html"))
    assert code == 2 and "Traceback" not in err


def test_jsonl_batch_reports_bad_lines_and_keeps_the_rest():
    code, out, err = run("extract", "--json", str(FIXTURES / "batch.jsonl"))
    assert code == 0
    ids = [json.loads(line)["id"] for line in out.splitlines()]
    assert ids == ["ok-1", "ok-2", "ok-3"]
    for n in (2, 4, 5, 7):  # malformed JSON, not an object, no body, not Bengali
        assert f"batch.jsonl:{n}:" in err
    assert "Traceback" not in err


def test_stdin_and_html(tmp_path):
    text = "শিরোনাম\n\nঢাকায় আজ বৃষ্টি হয়েছে। সকাল থেকে আকাশ মেঘলা ছিল।\n".encode()
    code, out, _ = run("extract", "--json", "-", stdin=text)
    assert code == 0 and json.loads(out)["headline"] == "শিরোনাম"
    code, out, _ = run("extract", "--json", str(FIXTURES / "page.html"))
    d = json.loads(out)
    assert code == 0 and d["published"] == "2024-08-12" and "শাহবাগে" in d["text"]


@needs_shared
def test_sample_article_json():
    code, out, err = run("extract", "--json", str(SAMPLE))
    assert code == 0, err
    d = json.loads(out)
    assert d["schema"] == "khobor.article/1"
    assert (d["headline"], d["source"], d["author"], d["desk"]) == (
        "পুতিন-রাইসির ফোনালাপ", "news24bd.tv", "আলী", "অনলাইন ডেস্ক")
    for junk in ("সংগৃহীত ছবি", "অনলাইন ডেস্ক", "news24bd.tv"):
        assert junk not in d["text"]
    text = d["text"]
    for layer in ("entities", "times", "quantities"):
        for x in d[layer]:
            assert text[x["start"]:x["end"]] == x["text"], (layer, x)
    for ev in d["events"]:
        t = ev["trigger"]
        assert text[t["start"]:t["end"]] == t["text"]
        assert 0 <= ev["sentence"] < len(d["sentences"])
    for s in d["sentences"]:
        assert 0 <= s["start"] < s["end"] <= len(text)


@needs_shared
def test_readable_view():
    code, out, err = run("extract", str(SAMPLE))
    assert code == 0, err
    assert "পুতিন-রাইসির ফোনালাপ" in out and "Vladimir Putin" in out and "CONSULT" in out


def test_kb_lookup():
    code, out, _ = run("kb", "lookup", "--json", "পুতিনকে")
    assert code == 0
    info = json.loads(out)
    assert info["candidates"][0]["name_en"] == "Vladimir Putin"
    code, out, _ = run("kb", "lookup", "অজানানামখখখ")
    assert code == 1


def test_spark_missing_input_is_one_line(tmp_path):
    code, _, err = run("spark", str(tmp_path / "none.jsonl"), str(tmp_path / "out"))
    assert code == 2 and "no such input" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
