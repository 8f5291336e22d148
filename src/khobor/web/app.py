"""The web UI to browse the archive: FastAPI + Jinja2 (autoescaped), static CSS/JS served locally.

Every page has a JSON twin (``/search`` and ``/search.json`` …).  The layer holds no logic of its own: it
validates query parameters, asks the store (:mod:`khobor.store.database`) and shapes what comes back
for the templates.  The database is opened read-only, one connection per worker thread.

    create_app(db_url)        -> FastAPI
    serve(db_url, host="127.0.0.1", port=8000)
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import threading
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import KhoborError
from ..text.normalize import normalize
from . import views

HERE = Path(__file__).resolve().parent
PAGE_SIZE = 20
MAX_LIMIT = 500

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class BadRequest(Exception):
    """A query parameter the UI cannot use: answered with 400 and the message."""


class NotFound(Exception):
    """Nothing under that id/key: answered with 404."""


# ----------------------------------------------------------------------------- parameters

def _param(request: Request, name: str) -> str | None:
    v = request.query_params.get(name)
    if v is None:
        return None
    v = normalize(v).strip()
    return v or None


def _date_param(request: Request, name: str) -> str | None:
    v = _param(request, name)
    if v is None:
        return None
    try:
        return _dt.date.fromisoformat(v).isoformat()
    except ValueError:
        raise BadRequest(f"{name}: expected a date YYYY-MM-DD, got {v!r}") from None


def _int_param(request: Request, name: str, default: int, lo: int, hi: int) -> int:
    v = _param(request, name)
    if v is None:
        return default
    try:
        n = int(v)
    except ValueError:
        raise BadRequest(f"{name}: expected a whole number, got {v!r}") from None
    if not lo <= n <= hi:
        raise BadRequest(f"{name}: must be between {lo} and {hi}, got {n}")
    return n


def _type_param(request: Request) -> str | None:
    v = _param(request, "type")
    if v is None:
        return None
    t = v.upper()
    if t not in views.PLOVER_TYPES:
        raise BadRequest(f"type: unknown event type {v!r}; expected one of {', '.join(views.PLOVER_TYPES)}")
    return t


def _range(request: Request) -> tuple[str | None, str | None]:
    since, until = _date_param(request, "since"), _date_param(request, "until")
    if since and until and since > until:
        raise BadRequest(f"since ({since}) is after until ({until})")
    return since, until


def _paging(request: Request) -> tuple[int, int, int]:
    limit = _int_param(request, "limit", PAGE_SIZE, 1, MAX_LIMIT)
    page = _int_param(request, "page", 1, 1, 100_000)
    return page, limit, (page - 1) * limit


# ----------------------------------------------------------------------------- the app

def _opener(db: Any):
    """Returns (get_db, close_all). ``db`` is a URL/path (opened read-only, one connection per thread:
    SQLite connections must not cross threads) or an already open database-like object."""
    if not isinstance(db, (str, Path)):
        return (lambda: db), (lambda: None)

    from ..store.database import open_database

    url = str(db)
    local = threading.local()
    opened: list[Any] = []
    lock = threading.Lock()

    def get() -> Any:
        conn = getattr(local, "db", None)
        if conn is None:
            conn = open_database(url, readonly=True)
            local.db = conn
            with lock:
                opened.append(conn)
        return conn

    def close_all() -> None:
        with lock:
            while opened:
                conn = opened.pop()
                try:
                    conn.close()
                except Exception:  # pragma: no cover - closing is best effort
                    pass

    # fail early (a missing file or a bad URL) rather than on the first request
    probe = open_database(url, readonly=True)
    try:
        probe.close()
    except Exception:  # pragma: no cover
        pass
    return get, close_all


def create_app(db_url: Any) -> FastAPI:
    """The web application over the archive at ``db_url`` (SQLite path or postgresql:// URL), opened
    read-only.  ``db_url`` may also be an open database object with the store's methods (tests)."""
    get_db, close_all = _opener(db_url)
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["plover_types"] = views.PLOVER_TYPES
    env.filters["fmtnum"] = views.fmtnum

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        close_all()

    app = FastAPI(title="khobor archive", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.get_db = get_db
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def page(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        ctx.setdefault("q", _param(request, "q") or "")
        path = request.url.path
        ctx["request_path"] = path
        twin = "/index.json" if path == "/" else (path if path.endswith(".json") else path + ".json")
        ctx["json_href"] = twin + ("?" + request.url.query if request.url.query else "")
        html = env.get_template(name).render(**ctx)
        return HTMLResponse(html, status_code=status)

    def wants_json(request: Request) -> bool:
        return request.url.path.endswith(".json")

    def error(request: Request, status: int, message: str) -> Response:
        if wants_json(request):
            return JSONResponse({"error": message, "status": status}, status_code=status)
        title = {400: "Bad request", 404: "Not found"}.get(status, "Error")
        return page(request, "error.html", status=status, title=title, status_code=status, message=message)

    @app.middleware("http")
    async def headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    @app.exception_handler(BadRequest)
    async def _bad(request: Request, exc: BadRequest):
        return error(request, 400, str(exc))

    @app.exception_handler(NotFound)
    async def _nf(request: Request, exc: NotFound):
        return error(request, 404, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        msg = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404:
            msg = f"no page at {request.url.path}"
        return error(request, exc.status_code, msg)

    @app.exception_handler(KhoborError)
    async def _store(request: Request, exc: KhoborError):
        return error(request, 500, f"archive error: {exc}")

    # ------------------------------------------------------------------ home
    def home_data(request: Request) -> dict[str, Any]:
        db = get_db()
        return {"stats": views.plain(db.stats()), "sources": views.sources(db.sources())}

    @app.get("/", response_class=HTMLResponse)
    def home(request: Request):
        d = home_data(request)
        return page(request, "home.html", title="khobor archive", stats=d["stats"],
                    stat_rows=views.stat_rows(d["stats"]), sources=d["sources"])

    @app.get("/index.json")
    @app.get("/stats.json")
    def home_json(request: Request):
        return home_data(request)

    # ------------------------------------------------------------------ search
    def search_data(request: Request) -> dict[str, Any]:
        q = _param(request, "q")
        source = _param(request, "source")
        since, until = _range(request)
        page_no, limit, offset = _paging(request)
        filters = {"q": q, "source": source, "since": since, "until": until}
        if not q:
            return {"query": filters, "page": page_no, "limit": limit, "total": 0, "hits": []}
        hits, total = views.search(get_db(), q, source=source, since=since, until=until,
                                   limit=limit, offset=offset)
        return {"query": filters, "page": page_no, "limit": limit, "total": total, "hits": hits}

    @app.get("/search.json")
    def search_json(request: Request):
        d = search_data(request)
        d["hits"] = [views.hit_json(h) for h in d["hits"]]
        return d

    @app.get("/search", response_class=HTMLResponse)
    def search(request: Request):
        d = search_data(request)
        q = d["query"]["q"] or ""
        hits = [views.hit_view(h, q) for h in d["hits"]]
        return page(request, "search.html", title=f"{q} — search" if q else "search", data=d, hits=hits,
                    sources=views.sources(get_db().sources()),
                    pager=views.pager(request.url.path, dict(request.query_params), d["page"], d["limit"],
                                      d["total"], len(hits)))

    # ------------------------------------------------------------------ article
    def article_data(article_id: str) -> dict[str, Any]:
        article_id = normalize(article_id)
        try:
            art = get_db().article(article_id)
        except (KeyError, LookupError):
            art = None
        if not art:
            raise NotFound(f"no article with id {article_id!r}")
        return views.plain(art)

    @app.get("/article/{article_id:path}.json")
    def article_json(article_id: str):
        return article_data(article_id)

    @app.get("/article/{article_id:path}", response_class=HTMLResponse)
    def article(request: Request, article_id: str):
        art = article_data(article_id)
        return page(request, "article.html", title=art.get("headline") or art.get("id") or "article",
                    art=art, view=views.article_view(art))

    # ------------------------------------------------------------------ events
    def events_data(request: Request) -> dict[str, Any]:
        etype = _type_param(request)
        actor = _param(request, "actor")
        since, until = _range(request)
        page_no, limit, offset = _paging(request)
        rows, total = views.events(get_db(), actor=actor, type=etype, since=since, until=until,
                                   limit=limit, offset=offset)
        return {"query": {"type": etype, "actor": actor, "since": since, "until": until},
                "page": page_no, "limit": limit, "total": total, "events": rows}

    @app.get("/events.json")
    def events_json(request: Request):
        return events_data(request)

    @app.get("/events", response_class=HTMLResponse)
    def events_page(request: Request):
        d = events_data(request)
        rows = [views.event_view(e) for e in d["events"]]
        return page(request, "events.html", title="events", data=d, rows=rows,
                    pager=views.pager(request.url.path, dict(request.query_params), d["page"], d["limit"],
                                      d["total"], len(rows)))

    # ------------------------------------------------------------------ actor
    def actor_data(key: str) -> dict[str, Any]:
        key = normalize(key).strip()
        if not key:
            raise BadRequest("actor: empty key")
        try:
            info = get_db().actor(key)
        except (KeyError, LookupError):
            info = None
        if not info:
            raise NotFound(f"no actor {key!r} in the archive")
        return views.plain(info)

    @app.get("/actor/{key:path}.json")
    def actor_json(key: str):
        return actor_data(key)

    @app.get("/actor/{key:path}", response_class=HTMLResponse)
    def actor_page(request: Request, key: str):
        info = actor_data(key)
        view = views.actor_view(info, key)
        return page(request, "actor.html", title=view["name"], info=info, view=view)

    # ------------------------------------------------------------------ timeline
    def timeline_data(request: Request) -> dict[str, Any]:
        etype = _type_param(request)
        actor = _param(request, "actor")
        rows = views.timeline_rows(get_db().timeline(actor=actor, type=etype))
        return {"query": {"type": etype, "actor": actor}, "rows": rows}

    @app.get("/timeline.json")
    def timeline_json(request: Request):
        return timeline_data(request)

    @app.get("/timeline", response_class=HTMLResponse)
    def timeline(request: Request):
        d = timeline_data(request)
        return page(request, "timeline.html", title="timeline", data=d, chart=views.timeline_chart(d["rows"]))

    # ------------------------------------------------------------------ network
    def network_data(request: Request) -> dict[str, Any]:
        limit = _int_param(request, "limit", 100, 1, 1000)
        net = views.network(get_db().network(limit=limit))
        return {"query": {"limit": limit}, **net}

    @app.get("/network.json")
    def network_json(request: Request):
        return network_data(request)

    @app.get("/network", response_class=HTMLResponse)
    def network_page(request: Request):
        d = network_data(request)
        return page(request, "network.html", title="actor network", data=d, graph=views.network_layout(d))

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return Response(status_code=204)

    return app


def serve(db_url: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the web UI with uvicorn (binds 127.0.0.1 unless told otherwise)."""
    import uvicorn

    app = create_app(db_url)
    uvicorn.run(app, host=host, port=port, log_level="info")
