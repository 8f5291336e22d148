"""The web UI (khobor.web.app) with FastAPI's TestClient.

Runs against a small in-memory fake with the store's methods (so the UI is tested on its own), and,
when khobor.store is importable and can build a database, against a real SQLite archive too.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

fastapi = pytest.importorskip("fastapi")
pytest.importorskip("httpx")
from fastapi.testclient import TestClient  # noqa: E402

from khobor.web import views  # noqa: E402
from khobor.web.app import create_app  # noqa: E402

# ----------------------------------------------------------------------------- a small fake store

PUTIN = {"text": "পুতিন", "name_en": "Vladimir Putin", "code": "RUSGOV", "country": "RUS", "entity": 0}
RAISI = {"text": "রাইসির", "name_en": "Ebrahim Raisi", "code": "IRNGOV", "country": "IRN", "entity": 1}
POLICE = {"text": "পুলিশ", "name_en": "Police", "code": "BGDCOP", "country": "BGD", "entity": None}

TEXT1 = "রুশ প্রেসিডেন্ট পুতিন শনিবার ইরানের প্রেসিডেন্ট রাইসির সঙ্গে ফোনালাপ করেছেন।"
TEXT2 = "ঢাকায় হামলায় ১৫ জন নিহত হয়েছেন। পুলিশ ৩ জনকে গ্রেপ্তার করেছে।"
TEXT3 = "সম্পাদকীয় <script>alert('x')</script> & <b>মোটা</b> লেখা।"


def _span(text: str, sub: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(sub, i + 1)
    return i, i + len(sub)


def _ent(text, sub, typ, name, code):
    s, e = _span(text, sub)
    return {"text": sub, "start": s, "end": e, "type": typ, "name_en": name, "linked": True, "code": code,
            "country": code[:3] if code else None, "kb_id": None}


def _article(aid, headline, text, source, published, entities=(), times=(), quantities=(), events=()):
    return {"schema": "khobor.article/1", "id": aid, "headline": headline, "source": source, "author": None,
            "desk": None, "published": published, "published_inferred": False, "text": text,
            "sentences": [{"start": 0, "end": len(text)}], "entities": list(entities), "times": list(times),
            "quantities": list(quantities), "events": list(events)}


def _event(text, typ, trig, src, tgt, date, **kw):
    s, e = _span(text, trig)
    return {"type": typ, "mode": kw.get("mode"), "cameo_root": "04", "quad_class": 1, "goldstein": 1.0,
            "source": src, "target": tgt, "negated": kw.get("negated", False), "attributed_to": None,
            "date": date, "location": kw.get("location"), "casualties": kw.get("casualties"), "sentence": 0,
            "trigger": {"text": trig, "start": s, "end": e}, "confidence": 0.8}


A1 = _article(
    "a1", "পুতিন-রাইসির ফোনালাপ", TEXT1, "news24bd.tv", "2022-11-12",
    entities=[_ent(TEXT1, "পুতিন", "PER", "Vladimir Putin", "RUSGOV"),
              _ent(TEXT1, "রাইসির", "PER", "Ebrahim Raisi", "IRNGOV"),
              _ent(TEXT1, "ইরানের", "LOC", "Iran", "IRN")],
    times=[{"text": "শনিবার", **dict(zip(("start", "end"), _span(TEXT1, "শনিবার"))), "value": "2022-11-12",
            "granularity": "day", "resolved_by": "weekday"}],
    events=[_event(TEXT1, "CONSULT", "ফোনালাপ", PUTIN, RAISI, "2022-11-12", mode="phone")])
A2 = _article(
    "a2", "ঢাকায় হামলা", TEXT2, "Prothom Alo", "2024-01-03",
    entities=[_ent(TEXT2, "ঢাকায়", "LOC", "Dhaka", "BGD"), _ent(TEXT2, "পুলিশ", "ORG", "Police", "BGDCOP")],
    quantities=[{"text": "১৫ জন নিহত", **dict(zip(("start", "end"), _span(TEXT2, "১৫ জন নিহত"))),
                 "kind": "killed", "value": 15, "approximate": False, "unit": "person"}],
    events=[_event(TEXT2, "ASSAULT", "হামলায়", None, None, "2024-01-03",
                   location={"name_en": "Dhaka", "country": "BGD"}, casualties={"killed": 15}),
            _event(TEXT2, "COERCE", "গ্রেপ্তার", POLICE, None, "2024-01-04")])
A3 = _article("a3", "<script>alert('h')</script> শিরোনাম", TEXT3, "Samakal", "2024-08-05")


class FakeDB:
    """The store's read API over three articles."""

    def __init__(self) -> None:
        self.articles = {a["id"]: a for a in (A1, A2, A3)}
        self.closed = False

    def _events(self):
        for a in self.articles.values():
            for ev in a["events"]:
                yield {**ev, "article_id": a["id"], "headline": a["headline"], "outlet": a["source"]}

    def search(self, query, source=None, since=None, until=None, limit=20, offset=0):
        hits = []
        for a in self.articles.values():
            if source and a["source"] != source:
                continue
            if since and a["published"] < since or until and a["published"] > until:
                continue
            body = a["text"]
            i = body.find(query)
            if i < 0 and query not in a["headline"]:
                continue
            snippet = body if i < 0 else body[:i] + "\x02" + query + "\x03" + body[i + len(query):]
            hits.append({"id": a["id"], "headline": a["headline"], "source": a["source"],
                         "published": a["published"], "snippet": snippet, "score": 1.0})
        return hits[offset:offset + limit], len(hits)

    def article(self, id):
        a = self.articles.get(id)
        return dict(a, duplicates=[]) if a else None

    def events(self, actor=None, type=None, since=None, until=None, limit=20, offset=0):
        out = []
        for ev in self._events():
            if type and ev["type"] != type:
                continue
            if actor and actor not in {(x or {}).get(k) for x in (ev["source"], ev["target"])
                                       for k in ("code", "name_en")}:
                continue
            if since and (ev["date"] or "") < since or until and (ev["date"] or "9") > until:
                continue
            out.append(ev)
        return out[offset:offset + limit]

    def actor(self, key):
        evs = self.events(actor=key, limit=1000)
        if not evs:
            return None
        cps: dict[str, int] = {}
        for e in evs:
            for x in (e["source"], e["target"]):
                if x and key not in (x["code"], x["name_en"]):
                    cps[x["code"]] = cps.get(x["code"], 0) + 1
        return {"key": key, "code": key, "name_en": evs[0]["source"]["name_en"] if evs[0]["source"] else key,
                "events": evs, "timeline": [{"date": e["date"], "type": e["type"], "count": 1} for e in evs],
                "counterparts": [{"code": c, "name_en": c, "count": n} for c, n in cps.items()]}

    def timeline(self, actor=None, type=None):
        rows: dict[tuple[str, str], int] = {}
        for e in self.events(actor=actor, type=type, limit=10_000):
            rows[(e["date"], e["type"])] = rows.get((e["date"], e["type"]), 0) + 1
        return [{"date": d, "type": t, "count": n} for (d, t), n in sorted(rows.items())]

    def network(self, limit=100):
        nodes, edges = {}, {}
        for e in self._events():
            s, t = e["source"], e["target"]
            for x in (s, t):
                if x:
                    nodes.setdefault(x["code"], {"id": x["code"], "label": x["name_en"], "count": 0})["count"] += 1
            if s and t:
                edges[(s["code"], t["code"])] = edges.get((s["code"], t["code"]), 0) + 1
        return {"nodes": list(nodes.values())[:limit],
                "edges": [{"source": a, "target": b, "count": n} for (a, b), n in edges.items()]}

    def stats(self):
        return {"articles": len(self.articles), "events": sum(len(a["events"]) for a in self.articles.values())}

    def sources(self):
        return [{"name": a["source"], "count": 1} for a in self.articles.values()]


def build_sqlite_archive(path, articles=(A1, A2, A3)) -> str:
    """A small SQLite archive written through the real store (skips when the store is absent)."""
    database = pytest.importorskip("khobor.store.database", reason="khobor.store is not there yet")
    with database.open_database(str(path)) as db:
        for a in articles:
            db.add(a)
        db.commit()
    return str(path)


@pytest.fixture(scope="module", params=["fake", "sqlite"])
def client(request, tmp_path_factory):
    if request.param == "fake":
        app = create_app(FakeDB())
    else:
        app = create_app(build_sqlite_archive(tmp_path_factory.mktemp("web") / "archive.db"))
    with TestClient(app) as c:
        c.backend = request.param
        yield c


# ----------------------------------------------------------------------------- every page and its twin

PAGES = [
    ("/", "/index.json"),
    ("/search?q=পুতিন", "/search.json?q=পুতিন"),
    ("/article/a1", "/article/a1.json"),
    ("/events", "/events.json"),
    ("/events?type=ASSAULT", "/events.json?type=ASSAULT"),
    ("/actor/RUSGOV", "/actor/RUSGOV.json"),
    ("/timeline", "/timeline.json"),
    ("/network", "/network.json"),
]


@pytest.mark.parametrize("html_url,json_url", PAGES)
def test_page_and_json_twin(client, html_url, json_url):
    r = client.get(html_url)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/html")
    assert '<html lang="bn">' in r.text and '<meta charset="utf-8">' in r.text
    assert 'action="/search"' in r.text  # a search box on every page
    assert "/static/khobor.css" in r.text
    j = client.get(json_url)
    assert j.status_code == 200, j.text
    assert j.headers["content-type"].startswith("application/json")
    assert isinstance(j.json(), dict)


def test_static_assets_served_locally(client):
    css = client.get("/static/khobor.css")
    assert css.status_code == 200
    assert '"Noto Sans Bengali", "Noto Serif Bengali", "Lohit Bengali", "Kalpurush", "SolaimanLipi"' in css.text
    assert client.get("/static/network.js").status_code == 200
    for url, _ in PAGES:  # nothing from a CDN
        assert not re.search(r'(src|href)="(https?:)?//', client.get(url).text)


# ----------------------------------------------------------------------------- search

@pytest.mark.parametrize("q,expect_ids", [
    ("পুতিন", ["a1"]),
    ("নিহত", ["a2"]),
    ("ফোনালাপ", ["a1"]),
    ("অজানাশব্দ", []),
])
def test_search_json(client, q, expect_ids):
    d = client.get("/search.json", params={"q": q}).json()
    assert [h["id"] for h in d["hits"]] == expect_ids
    for h in d["hits"]:
        assert "\x02" not in h["snippet"] and "\x03" not in h["snippet"]
        assert [h["snippet"][s:e] for s, e in h["snippet_marks"]] == [q]


def test_search_page_marks_hits_and_links_articles(client):
    r = client.get("/search", params={"q": "পুতিন"})
    assert "<mark>পুতিন</mark>" in r.text
    assert 'href="/article/a1"' in r.text
    assert "no hits" in client.get("/search", params={"q": "অজানাশব্দ"}).text


def test_search_source_filter(client):
    assert client.get("/search.json", params={"q": "হামলা", "source": "Samakal"}).json()["hits"] == []
    assert len(client.get("/search.json", params={"q": "হামলা", "source": "Prothom Alo"}).json()["hits"]) == 1


def test_search_snippet_escaped(client):
    r = client.get("/search", params={"q": "লেখা"})
    assert "<script>alert" not in r.text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in r.text or "&lt;script&gt;" in r.text


# ----------------------------------------------------------------------------- article

def test_article_highlights_layers(client):
    r = client.get("/article/a1")
    t = r.text
    assert re.search(r'<mark class="ent ent-PER"[^>]*>পুতিন</mark>', t)
    assert re.search(r'<mark class="tm"[^>]*>শনিবার</mark>', t)
    assert re.search(r'<mark class="trg trg-CONSULT"[^>]*>ফোনালাপ</mark>', t)
    assert 'href="/actor/RUSGOV"' in t
    assert "Vladimir Putin" in t and "2022-11-12" in t


def test_article_quantity_and_event_list(client):
    t = client.get("/article/a2").text
    assert re.search(r'<mark class="qty qty-killed"[^>]*>১৫ জন নিহত</mark>', t)
    assert "ASSAULT" in t and "COERCE" in t and "killed 15" in t


def test_article_text_escaped(client):
    r = client.get("/article/a3")
    assert r.status_code == 200
    assert "<script>alert" not in r.text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in r.text
    assert "&lt;b&gt;মোটা&lt;/b&gt;" in r.text and "&amp;" in r.text
    # headline (title and h1) escaped too
    assert "<title>&lt;script&gt;" in r.text
    assert "default-src 'self'" in r.headers["content-security-policy"]


def test_article_json_is_the_stored_dict(client):
    d = client.get("/article/a1.json").json()
    assert d["schema"] == "khobor.article/1"
    assert d["text"][d["entities"][0]["start"]:d["entities"][0]["end"]] == "পুতিন"


@pytest.mark.parametrize("url", ["/article/nope", "/article/nope.json", "/actor/NOBODY", "/actor/NOBODY.json",
                                 "/no/such/page"])
def test_404(client, url):
    r = client.get(url)
    assert r.status_code == 404
    if url.endswith(".json"):
        assert "error" in r.json()
    else:
        assert r.headers["content-type"].startswith("text/html") and "404" in r.text


# ----------------------------------------------------------------------------- events and filters

@pytest.mark.parametrize("params,expect_types", [
    ({}, ["CONSULT", "ASSAULT", "COERCE"]),
    ({"type": "ASSAULT"}, ["ASSAULT"]),
    ({"type": "assault"}, ["ASSAULT"]),
    ({"actor": "RUSGOV"}, ["CONSULT"]),
    ({"actor": "Police"}, ["COERCE"]),
    ({"since": "2024-01-04"}, ["COERCE"]),
    ({"until": "2023-01-01"}, ["CONSULT"]),
    ({"since": "2024-01-01", "until": "2024-01-03"}, ["ASSAULT"]),
])
def test_events_filters(client, params, expect_types):
    d = client.get("/events.json", params=params).json()
    assert sorted(e["type"] for e in d["events"]) == sorted(expect_types)
    assert d["total"] == len(expect_types)
    html = client.get("/events", params=params).text
    for t in expect_types:
        assert f">{t}</a>" in html


@pytest.mark.parametrize("url,needle", [
    ("/events?type=BOGUS", "unknown event type"),
    ("/events.json?since=12-11-2022", "since"),
    ("/events?until=2024-13-01", "until"),
    ("/events.json?since=2024-02-01&until=2024-01-01", "after"),
    ("/events?page=0", "page"),
    ("/events.json?limit=abc", "limit"),
    ("/search.json?q=পুতিন&since=yesterday", "since"),
    ("/timeline.json?type=NOPE", "type"),
    ("/network?limit=-1", "limit"),
])
def test_bad_filter_is_400(client, url, needle):
    r = client.get(url)
    assert r.status_code == 400
    body = r.json()["error"] if url.split("?")[0].endswith(".json") else r.text
    assert needle in body


def test_bad_filter_message_escaped(client):
    r = client.get("/events", params={"type": "<script>x</script>"})
    assert r.status_code == 400 and "<script>x" not in r.text and "&lt;script&gt;x" in r.text


def test_events_paging(client):
    d1 = client.get("/events.json", params={"limit": 2}).json()
    d2 = client.get("/events.json", params={"limit": 2, "page": 2}).json()
    assert len(d1["events"]) == 2 and len(d2["events"]) == 1
    assert 'rel="next"' in client.get("/events", params={"limit": 2}).text


# ----------------------------------------------------------------------------- actor, timeline, network

def test_actor_page(client):
    t = client.get("/actor/RUSGOV").text
    assert "Vladimir Putin" in t and 'href="/actor/IRNGOV"' in t and "<svg" in t
    d = client.get("/actor/RUSGOV.json").json()
    assert d["counterparts"][0]["code"] == "IRNGOV"


def test_timeline_chart(client):
    d = client.get("/timeline.json").json()
    assert {(r["date"], r["type"]) for r in d["rows"]} == {("2022-11-12", "CONSULT"), ("2024-01-03", "ASSAULT"),
                                                           ("2024-01-04", "COERCE")}
    t = client.get("/timeline").text
    assert t.count('class="bar t-') == 3  # one bar per (period, type); the range spans years → monthly
    only = client.get("/timeline", params={"type": "ASSAULT"}).text
    assert only.count('class="bar t-') == 1 and "t-ASSAULT" in only


def test_network(client):
    d = client.get("/network.json").json()
    label = {n["id"]: n["label"] for n in d["nodes"]}
    assert {"Vladimir Putin", "Ebrahim Raisi"} <= set(label.values())
    assert [(label[e["source"]], label[e["target"]], e["count"]) for e in d["edges"]] == \
        [("Vladimir Putin", "Ebrahim Raisi", 1)]
    t = client.get("/network").text
    assert t.count("<circle") == len(d["nodes"]) and t.count("<line x1") == 1
    assert "Vladimir Putin</text>" in t and 'href="/actor/' in t and "/static/network.js" in t


def test_home_stats(client):
    t = client.get("/").text
    assert "Prothom Alo" in t and "articles" in t
    assert client.get("/index.json").json()["stats"]["articles"] == 3


# ----------------------------------------------------------------------------- views, pure functions

@pytest.mark.parametrize("snippet,q,expect", [
    ("ক \x02পুতিন\x03 খ", "পুতিন", [("ক ", False), ("পুতিন", True), (" খ", False)]),
    ("রাশিয়ার প্রেসিডেন্ট", "রাশিয়া", [("রাশিয়া", True), ("র প্রেসিডেন্ট", False)]),
    ("কিছু নেই", "ঢাকা", [("কিছু নেই", False)]),
])
def test_hit_parts(snippet, q, expect):
    assert views.hit_parts(snippet, q) == expect


@pytest.mark.parametrize("spans,expect", [
    # (entity, quantity, trigger) layers over "১৫ জন নিহত": the trigger nests inside the count
    ([("quantities", 0, 10, {"kind": "killed", "value": 15}), ("trigger", 6, 10, {"type": "ASSAULT"})],
     [("১৫ জন ", "qty qty-killed"), ("নিহত", "qty qty-killed trg trg-ASSAULT")]),
    ([("entities", 0, 2, {"type": "PER"})], [("১৫", "ent ent-PER"), (" জন নিহত", "")]),
    ([("entities", 6, 99, {"type": "LOC"})], [("১৫ জন ", ""), ("নিহত", "ent ent-LOC")]),  # clipped
    ([("entities", 4, 4, {"type": "LOC"})], [("১৫ জন নিহত", "")]),  # empty span ignored
])
def test_highlight_segments(spans, expect):
    text = "১৫ জন নিহত"
    art: dict[str, Any] = {"text": text, "entities": [], "quantities": [], "times": [], "events": []}
    for layer, s, e, extra in spans:
        if layer == "trigger":
            art["events"].append({**extra, "trigger": {"start": s, "end": e, "text": text[s:e]}})
        else:
            art[layer].append({"start": s, "end": e, "text": text[s:e], **extra})
    segs = views.highlight_segments(art)
    assert [(s["text"], s["cls"]) for s in segs] == expect
    assert "".join(s["text"] for s in segs) == text


@pytest.mark.parametrize("mentions,expect_groups,expect_of", [
    ([("রাশিয়ার", "LOC", "Russia"), ("পুতিন", "PER", "Vladimir Putin"), ("রাশিয়া", "LOC", "Russia")],
     [(["রাশিয়ার", "রাশিয়া"], 2), (["পুতিন"], 1)], [0, 1, 0]),
    ([("ঢাকা", "LOC", None), ("ঢাকা", "ORG", None)], [(["ঢাকা"], 1), (["ঢাকা"], 1)], [0, 1]),
    ([("পুলিশ", "ORG", None), ("পুলিশ", "ORG", None)], [(["পুলিশ"], 2)], [0, 0]),
])
def test_entity_groups(mentions, expect_groups, expect_of):
    ents = [{"text": t, "type": ty, "name_en": n, "start": 0, "end": len(t)} for t, ty, n in mentions]
    groups, of = views.entity_groups(ents)
    assert [(g["forms"], g["mentions"]) for g in groups] == expect_groups
    assert of == expect_of
    assert [g["anchor"] for g in groups] == [f"ent-{i}" for i in range(len(groups))]


@pytest.mark.parametrize("raw,expect", [
    ([{"date": "2024-01-02", "type": "ASSAULT", "count": 2}], [("2024-01-02", "ASSAULT", 2)]),
    ([("2024-01-02", "COERCE", 3)], [("2024-01-02", "COERCE", 3)]),
    ([{"day": "2024-01-02", "n": 4}], [("2024-01-02", "ALL", 4)]),
    ([{"date": None, "type": "X", "count": 1}], []),
])
def test_timeline_rows(raw, expect):
    assert [(r["date"], r["type"], r["count"]) for r in views.timeline_rows(raw)] == expect


def test_timeline_chart_fills_days():
    rows = [{"date": "2024-01-01", "type": "ASSAULT", "count": 2}, {"date": "2024-01-05", "type": "AID", "count": 1},
            {"date": "2024-01-05", "type": "ASSAULT", "count": 1}]
    c = views.timeline_chart(rows)
    assert c["unit"] == "day" and c["from"] == "2024-01-01" and c["to"] == "2024-01-05" and c["max"] == 2
    assert len(c["bars"]) == 3
    stacked = [b for b in c["bars"] if b["label"] == "2024-01-05"]
    assert stacked[0]["y"] > stacked[1]["y"]  # second type sits on top of the first
    assert [lg["type"] for lg in c["legend"]] == ["AID", "ASSAULT"]


# ----------------------------------------------------------------------------- odd input

@pytest.mark.parametrize("q", ["<script>", "'", "%", "\"", "ক" * 500, "😀", "   ", "AND OR NOT", "ঢাকা*"])
def test_odd_queries_do_not_break_search(client, q):
    r = client.get("/search", params={"q": q})
    assert r.status_code == 200 and "<script>" not in r.text.split("</header>", 1)[1]
    assert client.get("/search.json", params={"q": q}).status_code == 200


@pytest.mark.parametrize("url", ["/article/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/article/a%2Fb", "/actor/x%2Fy",
                                 "/actor/%3Cb%3E.json"])
def test_odd_ids_are_404_and_escaped(client, url):
    r = client.get(url)
    assert r.status_code == 404
    if url.endswith(".json"):  # JSON, not HTML: served as such, never sniffed
        assert r.headers["content-type"].startswith("application/json")
        assert r.headers["x-content-type-options"] == "nosniff"
    else:
        assert "<script>alert" not in r.text and "<b>" not in r.text


# ----------------------------------------------------------------------------- the real store

def test_article_with_slash_in_id(tmp_path):
    db = build_sqlite_archive(tmp_path / "s.db", [dict(A1, id="prothomalo/2024/01/a1")])
    with TestClient(create_app(db)) as c:
        hit = c.get("/search.json", params={"q": "পুতিন"}).json()["hits"][0]
        assert hit["id"] == "prothomalo/2024/01/a1"
        assert 'href="/article/prothomalo/2024/01/a1"' in c.get("/search", params={"q": "পুতিন"}).text
        assert c.get("/article/prothomalo/2024/01/a1").status_code == 200
        assert c.get("/article/prothomalo/2024/01/a1.json").json()["id"] == "prothomalo/2024/01/a1"


def test_empty_archive(tmp_path):
    db = build_sqlite_archive(tmp_path / "empty.db", [])
    with TestClient(create_app(db)) as c:
        for url in ("/", "/search?q=ঢাকা", "/events", "/timeline", "/network", "/events.json", "/timeline.json",
                    "/network.json", "/index.json"):
            assert c.get(url).status_code == 200, url
        assert "no dated events" in c.get("/timeline").text
        assert "no actors" in c.get("/network").text
        assert c.get("/actor/RUSGOV").status_code == 404


def test_pages_on_each_backend(db_url):
    """The same pages over each store backend (SQLite; PostgreSQL when a test server is there)."""
    database = pytest.importorskip("khobor.store.database")
    with database.open_database(db_url) as db:
        for a in (A1, A2, A3):
            db.add(a)
        db.commit()
    with TestClient(create_app(db_url)) as c:
        assert [h["id"] for h in c.get("/search.json", params={"q": "পুতিন"}).json()["hits"]] == ["a1"]
        assert re.search(r'<mark class="ent ent-PER"[^>]*>পুতিন</mark>', c.get("/article/a1").text)
        assert "&lt;script&gt;" in c.get("/article/a3").text
        assert c.get("/events.json", params={"type": "ASSAULT"}).json()["total"] == 1
        assert c.get("/actor/RUSGOV.json").json()["counterparts"][0]["code"] == "IRNGOV"
        assert c.get("/timeline").text.count('class="bar t-') == 3
        assert c.get("/network.json").json()["edges"][0]["count"] == 1
        assert c.get("/events", params={"since": "x"}).status_code == 400


def test_app_opens_read_only(tmp_path):
    db = build_sqlite_archive(tmp_path / "ro.db")
    app = create_app(db)
    with TestClient(app):
        conn = app.state.get_db()
        assert conn.readonly
        from khobor.errors import StoreError

        with pytest.raises(StoreError):
            conn.add(dict(A1, id="new"))


def test_serve_binds_loopback_by_default():
    import inspect

    from khobor.web.app import serve

    params = inspect.signature(serve).parameters
    assert params["host"].default == "127.0.0.1" and params["port"].default == 8000


def test_create_app_missing_store_file(tmp_path):
    store = pytest.importorskip("khobor.store.database")
    from khobor.errors import KhoborError

    missing = tmp_path / "nope" / "missing.db"
    with pytest.raises((KhoborError, OSError)):
        create_app(str(missing))
    del store
