"""The web UI in a real browser: uvicorn on 127.0.0.1 (a free port) over a small archive, Debian's
/usr/bin/chromium driven by Playwright (sync API; no browser download).  Screenshots go to
tests/artifacts/ (git-ignored).  Install what it needs with scripts/install_e2e.sh.
"""

from __future__ import annotations

import importlib.util
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE / "artifacts"

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is absent (run scripts/install_e2e.sh)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (run scripts/install_e2e.sh)")
uvicorn = pytest.importorskip("uvicorn")


def _fake_store():
    """The in-memory archive of tests/test_web.py (three short articles, one with <script> in it)."""
    spec = importlib.util.spec_from_file_location("khobor_test_web_fake", HERE / "test_web.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod, mod.FakeDB()


def _sqlite_archive(tmp: Path, articles: list[dict]) -> str | None:
    """A small SQLite archive written through the real store (None when khobor.store is absent)."""
    try:
        from khobor.store.database import open_database
    except ImportError:
        return None
    path = tmp / "e2e.db"
    with open_database(str(path)) as db:
        for a in articles:
            db.add(a)
        db.commit()
    return str(path)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from khobor.web.app import create_app

    mod, fake = _fake_store()
    db_path = _sqlite_archive(tmp_path_factory.mktemp("e2e"), [mod.A1, mod.A2, mod.A3])
    app = create_app(db_path if db_path else fake)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    th = threading.Thread(target=srv.run, daemon=True)
    th.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not th.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield {"base": f"http://127.0.0.1:{port}", "sqlite": bool(db_path)}
    srv.should_exit = True
    th.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pw = sync_api.sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
    except Exception as exc:
        pw.stop()
        pytest.skip(f"chromium would not start: {exc}")
    yield b
    b.close()
    pw.stop()


@pytest.fixture()
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="bn-BD")
    pg = ctx.new_page()
    pg.set_default_timeout(15_000)
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.console_errors = []  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("console", lambda m: m.type == "error" and pg.console_errors.append(m.text))
    yield pg
    ctx.close()


def _shot(pg, name: str) -> Path:
    out = ARTIFACTS / f"{name}.png"
    pg.screenshot(path=str(out), full_page=True)
    assert out.stat().st_size > 5_000
    return out


def test_search_then_article(server, page):
    page.goto(server["base"] + "/")
    page.fill("header input[name=q]", "পুতিন")
    page.press("header input[name=q]", "Enter")
    page.wait_for_selector("ol.hits .hit-title")
    assert "/search?q=" in page.url
    assert page.locator("ol.hits mark").first.inner_text() == "পুতিন"
    _shot(page, "search")
    page.locator("ol.hits .hit-title").first.click()
    page.wait_for_selector("#article-text")
    assert "/article/" in page.url
    assert page.locator("#article-text mark.ent-PER").count() >= 1
    assert page.locator("#article-text mark.trg").count() >= 1
    assert page.locator("table.events tbody tr").count() >= 1
    # a click on a highlighted name flashes its row in the entity list
    mark = page.locator("#article-text mark.ent-PER").first
    ref = mark.get_attribute("data-ref")
    mark.click()
    page.wait_for_selector(f"tr#{ref}.flash")
    _shot(page, "article")
    assert page.dialogs == []


def test_script_in_article_renders_as_text(server, page):
    page.goto(server["base"] + "/article/a3")
    body = page.locator("#article-text").inner_text()
    assert "<script>alert('x')</script>" in body and "<b>মোটা</b>" in body
    assert page.locator("#article-text b").count() == 0
    assert page.evaluate("document.querySelectorAll('main script').length") == 0
    assert page.dialogs == []


def test_bengali_is_shaped(server, page):
    page.goto(server["base"] + "/article/a1")
    assert page.evaluate("document.documentElement.lang") == "bn"
    page.evaluate("document.fonts.ready")
    assert page.evaluate("""document.fonts.check('16px "Noto Sans Bengali"', 'ক্ষ')""")
    family = page.evaluate("getComputedStyle(document.querySelector('#article-text')).fontFamily")
    assert "Noto Sans Bengali" in family
    # a conjunct shapes into one glyph: narrower than its parts (consonant, hasanta, consonant) laid
    # side by side, as it would be drawn without Bengali shaping
    widths = page.evaluate("""() => {
        const host = document.querySelector('#article-text');
        const w = (s) => { const e = document.createElement('span'); e.textContent = s;
            e.style.whiteSpace = 'pre'; host.appendChild(e); const x = e.getBoundingClientRect().width;
            e.remove(); return x; };
        return {ksa: w('ক্ষ'), parts: w('ক') + w('্') + w('ষ'), nta: w('ন্ত'), nta_parts: w('ন') + w('্') + w('ত')};
    }""")
    assert widths["ksa"] < 0.9 * widths["parts"], widths
    assert widths["nta"] < 0.9 * widths["nta_parts"], widths


@pytest.mark.parametrize("path,selector,name", [
    ("/events", "table.events tbody tr", "events"),
    ("/events?type=ASSAULT", "table.events tbody tr", "events-assault"),
    ("/timeline", "svg.timeline-svg rect.bar", "timeline"),
    ("/network", "#network-svg[data-ready] circle", "network"),
    ("/actor/RUSGOV", "svg.timeline-svg rect.bar", "actor"),
])
def test_pages_render(server, page, path, selector, name):
    page.goto(server["base"] + path)
    page.wait_for_selector(selector)
    assert page.locator(selector).count() >= 1
    assert page.locator("header form[action='/search'] input[name=q]").count() == 1
    _shot(page, name)
    assert page.console_errors == [], page.console_errors


def test_bad_filter_and_missing_article(server, page):
    r = page.goto(server["base"] + "/events?since=not-a-date")
    assert r.status == 400
    assert "since" in page.locator(".message").inner_text()
    r = page.goto(server["base"] + "/article/does-not-exist")
    assert r.status == 404


def test_artifacts_are_ignored():
    git = shutil.which("git")
    if not git:
        pytest.skip("git is absent")
    import subprocess

    r = subprocess.run([git, "check-ignore", "-q", str(ARTIFACTS / "search.png")], cwd=HERE.parent)
    assert r.returncode == 0, "tests/artifacts/ should be git-ignored"
