"""The FastAPI application: the API of CONTRACT.md and the web page.

``create_app(settings)`` builds one; ``app_from_env()`` is what ``newsfuse serve`` hands
uvicorn, with the settings from the environment; the pipeline runs in a pool of worker
processes (``workers.py``) started by the lifespan.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

import anyio
import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException

from newsfuse.model import Report
from newsfuse.render import render_json
from newsfuse.render._html_style import STYLE
from newsfuse.render._json_load import report_from_dict
from newsfuse.service import openapi, page
from newsfuse.service.inputs import ApiError, Inputs, from_form, from_json
from newsfuse.service.limits import BodyLimit, SecurityHeaders
from newsfuse.service.settings import Settings
from newsfuse.service.stories import NO_STORE, open_store
from newsfuse.service.workers import WorkerLost, Workers, fuse_inputs

_STATIC = resources.files("newsfuse.service") / "static"
_FORMS = ("multipart/form-data", "application/x-www-form-urlencoded")


def app_from_env() -> FastAPI:
    """The app with ``Settings.from_env()``: the factory ``newsfuse serve`` runs."""
    return create_app(Settings.from_env())


def create_app(settings: Settings | None = None) -> FastAPI:
    """The service: ``/v1/fuse``, ``/v1/stories``, ``/healthz``, the page ``/``, ``/docs``."""
    settings = settings or Settings()
    store = open_store(settings.store)
    # In-process fallback when the lifespan did not run (an app driven by a test client):
    # one cluster at a time in a thread, as the pipeline holds the GIL anyway.
    limiter = anyio.CapacityLimiter(1)
    pool: list[Workers] = []

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        workers = Workers(settings.workers, settings.embedder)
        try:
            await workers.start()
            pool.append(workers)
            yield
        finally:
            pool.clear()
            workers.close()

    app = FastAPI(
        title="newsfuse",
        summary="Many news reports of one event in, one cited account out.",
        version="1",
        docs_url=None,  # served below from local files: no CDN
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = store

    async def run_fuse(inputs: Inputs) -> Report:
        try:
            with anyio.fail_after(settings.timeout):
                if pool:
                    return await pool[0].fuse(inputs)
                # abandon_on_cancel: the answer goes out at the limit; the thread finishes
                # its cluster in the background (Python threads cannot be stopped).
                return await anyio.to_thread.run_sync(
                    fuse_inputs, inputs, settings.embedder, abandon_on_cancel=True, limiter=limiter
                )
        except TimeoutError:
            raise ApiError(
                503, f"the report took longer than the limit of {settings.timeout:g} s"
            ) from None
        except WorkerLost as error:
            raise ApiError(503, f"{error}, twice; try again") from None

    async def read_inputs(request: Request) -> Inputs:
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind == "application/json" or kind.endswith("+json"):
            return from_json(await request.body(), settings)
        if kind in _FORMS:
            try:
                form = await request.form(
                    max_files=settings.max_documents,
                    max_fields=settings.max_documents + 10,
                    # Pasted text is one field: as large as the body may be (1 MB otherwise).
                    max_part_size=settings.max_body_bytes,
                )
            except (MultiPartException, HTTPException) as error:
                raise _form_error(error, settings) from None
            return from_form(form, settings)
        raise ApiError(
            415, "send JSON (application/json) or a form (multipart/form-data), not " + repr(kind)
        )

    @app.post(
        "/v1/fuse",
        summary="Fuse one cluster",
        openapi_extra=openapi.FUSE_BODY,
        responses=openapi.FUSE_RESPONSES,
    )
    async def fuse_endpoint(request: Request) -> Response:
        """The report of one cluster (the JSON of ``newsfuse fuse --format json``)."""
        report = await run_fuse(await read_inputs(request))
        if not any(s.status == "used" for s in report.sources):
            raise ApiError(422, "no usable article among the inputs", sources=_problems(report))
        return Response(render_json(report, indent=None), media_type="application/json")

    @app.get("/v1/stories", summary="The stories of the store (corpus mode)")
    async def stories() -> dict[str, Any]:
        if store is None:
            raise ApiError(404, NO_STORE)
        return {"stories": await anyio.to_thread.run_sync(store.list_stories)}

    @app.get("/v1/stories/{story_id}", summary="One story and its report (corpus mode)")
    async def story(story_id: str) -> dict[str, Any]:
        if store is None:
            raise ApiError(404, NO_STORE)
        found = await anyio.to_thread.run_sync(store.story, story_id)
        if found is None:
            raise ApiError(404, f"no story {story_id!r} in the store")
        return found

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    async def stories_page() -> HTMLResponse:
        return HTMLResponse(page.stories(await stories_listed()))

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    async def story_page(story_id: str) -> HTMLResponse:
        found = await story(story_id)
        return HTMLResponse(page.report(report_from_dict(found["report"])))

    async def stories_listed() -> list[dict[str, Any]]:
        listed = await stories()
        return list(listed["stories"])

    @app.get("/healthz", summary="Liveness")
    async def healthz() -> dict[str, Any]:
        # workers: pipeline processes warmed up and alive (0 when the app runs in process).
        ready = pool[0].ready if pool else 0
        return {
            "status": "ok",
            "embedder": settings.embedder,
            "store": store is not None,
            "workers": ready,
        }

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def home() -> HTMLResponse:
        return HTMLResponse(page.home(stories=store is not None))

    @app.post("/report", response_class=HTMLResponse, include_in_schema=False)
    async def report_page(request: Request) -> HTMLResponse:
        # The page's form posts here: the same inputs as /v1/fuse, answered as a page.
        try:
            inputs = await read_inputs(request)
            report = await run_fuse(inputs)
            if not any(s.status == "used" for s in report.sources):
                raise ApiError(422, "no usable article among the inputs")
        except ApiError as error:
            form_text = await _pasted(request)
            body = page.home(error=error.message, text=form_text, stories=store is not None)
            return HTMLResponse(body, status_code=error.status)
        return HTMLResponse(page.report(report))

    @app.get("/static/report.css", include_in_schema=False)
    async def report_css() -> Response:
        return Response(STYLE, media_type="text/css")

    _add_docs(app)
    app.mount("/static", StaticFiles(directory=str(_STATIC)), name="static")
    _add_error_handlers(app)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def _form_error(error: MultiPartException | HTTPException, settings: Settings) -> ApiError:
    """A form the parser refused (Starlette wraps its MultiPartException in a 400
    HTTPException inside an app): 413 past the article limit, else 400 with its reason."""
    reason = error.message if isinstance(error, MultiPartException) else str(error.detail)
    # Starlette says only this of the file count; more files than articles allowed.
    if reason.startswith("Too many files"):
        limit = settings.max_documents
        return ApiError(413, f"too many articles: over {limit} files (limit {limit} per request)")
    return ApiError(400, f"cannot read the form: {reason}")


async def _pasted(request: Request) -> str:
    """The pasted text of a form that failed, to show it again; "" when there is none."""
    try:
        text = (await request.form()).get("text")  # parsed once already: cached
    except Exception:  # an unreadable form has no text to give back
        return ""
    return text if isinstance(text, str) else ""


def _problems(report: Report) -> list[dict[str, str | None]]:
    return [
        {"name": s.name, "status": s.status, "error": s.error}
        for s in report.sources
        if s.status != "used"
    ]


def _add_docs(app: FastAPI) -> None:
    """Swagger UI at /docs from the files fastapi-offline ships, its one inline script
    allowed by hash in the CSP."""
    assets = resources.files("fastapi_offline") / "static"
    app.mount("/static/docs", StaticFiles(directory=str(assets)), name="docs-assets")
    html = get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="newsfuse API",
        swagger_js_url="/static/docs/swagger-ui-bundle.js",
        swagger_css_url="/static/docs/swagger-ui.css",
        swagger_favicon_url="/static/docs/favicon.png",
    ).body
    scripts = re.findall(rb"<script>(.*?)</script>", html, re.DOTALL)
    hashes = " ".join(
        "'sha256-" + _b64(hashlib.sha256(script).digest()) + "'" for script in scripts
    )
    # Swagger UI sets styles from its script, so this page (ours, no source text) allows them.
    csp = (
        f"default-src 'none'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'"
    )

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(html, headers={"content-security-policy": csp})


def _b64(digest: bytes) -> str:
    return base64.b64encode(digest).decode()


def _add_error_handlers(app: FastAPI) -> None:
    """Every error as JSON ``{"error": message, ...}`` with its status."""

    async def api_error(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, ApiError)
        return JSONResponse(error.body(), status_code=error.status)

    async def http_error(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, HTTPException)
        return JSONResponse({"error": str(error.detail)}, status_code=error.status_code)

    async def invalid(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, RequestValidationError)
        details = [{"where": list(e.get("loc", ())), "why": e.get("msg")} for e in error.errors()]
        return JSONResponse({"error": "invalid request", "details": details}, status_code=422)

    async def internal(request: Request, error: Exception) -> JSONResponse:
        return JSONResponse({"error": f"internal error: {type(error).__name__}"}, status_code=500)

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(Exception, internal)
