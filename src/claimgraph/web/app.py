"""The FastAPI app behind ``claimgraph serve``: server-rendered pages and a JSON API over the store.

Handlers are thin: they validate what the request says, call a read function of
:mod:`claimgraph.store.queries` (the same ones the CLI prints) or the batch ingest, and render. Pages are
Jinja2 templates with autoescaping on; the figures are inline SVG drawn by the templates from the geometry
:mod:`claimgraph.web.figures` computes; the highlights come from :mod:`claimgraph.web.highlight`.
Errors of the API are RFC 9457 problem documents (``application/problem+json``); pages get an HTML page
with the same status.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import tempfile
import threading
from collections.abc import AsyncIterator, Callable, Iterable
from http import HTTPStatus
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

import sqlalchemy as sa
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.exceptions import HTTPException as StarletteHTTPException

from claimgraph import __version__
from claimgraph.records import AnalysisRecord, Document
from claimgraph.store import Linker, queries
from claimgraph.web.figures import layout_source_graph, layout_timeline
from claimgraph.web.highlight import highlight_record, source_label
from claimgraph.web.linking import BackgroundLinker
from claimgraph.web.security import (
    CSRF_COOKIE,
    CSRF_FIELD,
    DEFAULT_MAX_BODY,
    CsrfGuard,
    SecurityMiddleware,
    safe_url,
)

Analyze = Callable[[Iterable[Document]], Iterable[AnalysisRecord]]

log = logging.getLogger(__name__)

DOCUMENT_ID = re.compile(r"^[0-9a-f]{64}$")
CLAIM_ID = re.compile(r"^C[0-9A-Za-z]{1,15}$")
ENTITY_ID = re.compile(r"^E[0-9A-Za-z]{1,15}$")
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
PAGE_SIZE = 25
# An entity page shows at most this many statements and claims per list, and the latest events of its
# timeline: a frequent entity (a candidate in a campaign corpus) is in thousands; all are in its JSON.
ENTITY_ROWS = 100
ENTITY_EVENTS = 200
STANCE_COLUMNS = ("asserts", "denies", "contradicts", "no_comment")
# module level: FastAPI resolves the handlers' annotations (strings, under `from __future__`) here
Limit = Annotated[int, Query(ge=1, le=500, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]


class ProblemError(Exception):
    """An error to answer with ``status``: a problem document for the API, an error page for people."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


def _templates() -> Environment:
    env = Environment(
        loader=PackageLoader("claimgraph.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    env.filters["short"] = lambda text, size=120: (
        text if text is None or len(text) <= size else text[: size - 1] + "…"
    )
    env.globals["version"] = __version__
    return env


def _wants_problem(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", "")


def _problem(status: int, detail: str) -> JSONResponse:
    title = HTTPStatus(status).phrase
    return JSONResponse(
        {"type": "about:blank", "title": title, "status": status, "detail": detail},
        status_code=status,
        media_type="application/problem+json",
    )


def _query_string(params: dict[str, Any], **changes: Any) -> str:
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "", False)})


def _pages(total: int, page: int, size: int = PAGE_SIZE) -> dict[str, int]:
    last = max(1, (total + size - 1) // size)
    return {"page": page, "last": last, "total": total, "size": size}


def create_app(
    engine: sa.Engine,
    *,
    analyze: Analyze | None = None,
    link: Linker | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    model: str | None = None,
) -> FastAPI:
    """The app over the store ``engine``.

    ``analyze`` and ``link`` are what pasted articles go through (by default the spaCy analyzer, loaded on
    the first paste, and :func:`claimgraph.link.link_corpus`); tests pass their own. A pasted article is
    stored at once; the corpus is relinked in the background (:mod:`claimgraph.web.linking`), and stopping
    the app waits for a relink that is running.
    """
    ingest_lock = threading.Lock()
    state: dict[str, Any] = {"analyze": analyze, "link": link}

    def get_link() -> Linker:
        if state["link"] is None:
            from claimgraph.batch import default_linker

            state["link"] = default_linker()
        linker: Linker = state["link"]
        return linker

    relinker = BackgroundLinker(engine, get_link, ingest_lock)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if relinker.status()["state"] != "idle":
            log.warning("waiting for the corpus relink to finish before stopping")
            from starlette.concurrency import run_in_threadpool

            await run_in_threadpool(relinker.wait)

    app = FastAPI(
        lifespan=lifespan,
        title="claimgraph",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        description="Who claims what, citing whom, who denies it, and when: the HTTP API over a "
        "claimgraph store. Lists are paginated (`limit`, `offset`; the answer carries "
        "`total`); errors are RFC 9457 problem documents.",
    )
    env = _templates()
    csrf = CsrfGuard()
    app.state.relinker = relinker
    static = Path(__file__).resolve().parent / "static"
    try:  # mounted before /static, which would otherwise take its paths
        import swagger_ui_bundle

        app.mount("/static/swagger", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="swagger")
    except ImportError:  # pragma: no cover - a dependency; without it /docs shows no UI
        pass
    app.mount("/static", StaticFiles(directory=static), name="static")

    def render(name: str, request: Request, status_code: int = 200, **context: Any) -> HTMLResponse:
        html = env.get_template(name).render(
            request_path=request.url.path, linking=relinker.status(), **context
        )
        return HTMLResponse(html, status_code=status_code)

    # -- errors -----------------------------------------------------------------------------------------
    def error_response(request: Request, status: int, detail: str) -> Response:
        if _wants_problem(request):
            return _problem(status, detail)
        return render(
            "error.html", request, status, status=status, title=HTTPStatus(status).phrase, detail=detail
        )

    @app.exception_handler(ProblemError)
    async def on_problem(request: Request, exc: ProblemError) -> Response:
        return error_response(request, exc.status, exc.detail)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> Response:
        return error_response(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> Response:
        details = "; ".join(
            f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors()
        )
        return error_response(request, 422, details or "invalid request")

    def found_or_404(
        value: str, pattern: re.Pattern[str], what: str, read: Callable[[Any, str], dict[str, Any] | None]
    ) -> dict[str, Any]:
        """The stored `what` with this id; 404 for a malformed id (checked before any lookup) or none."""
        if not pattern.match(value):
            raise ProblemError(404, f"no such {what}: {value[:80]!r} is not a {what} id")
        found = read(engine, value)
        if found is None:
            raise ProblemError(404, f"no such {what}: {value}")
        return found

    def document_or_404(document_id: str) -> dict[str, Any]:
        return found_or_404(document_id, DOCUMENT_ID, "document", queries.get_document)

    def claim_or_404(claim_id: str) -> dict[str, Any]:
        return found_or_404(claim_id, CLAIM_ID, "claim", queries.get_claim)

    def entity_or_404(entity_id: str) -> dict[str, Any]:
        return found_or_404(entity_id, ENTITY_ID, "entity", queries.get_entity)

    # -- pages ------------------------------------------------------------------------------------------
    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/documents", status_code=303)

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents_page(
        request: Request,
        q: Annotated[str | None, Query(max_length=200)] = None,
        outlet: Annotated[str | None, Query(max_length=200)] = None,
        published_from: Annotated[str | None, Query(alias="from", pattern=ISO_DATE)] = None,
        published_to: Annotated[str | None, Query(alias="to", pattern=ISO_DATE)] = None,
        entity: Annotated[str | None, Query(max_length=200)] = None,
        denials: Annotated[str | None, Query(pattern="^(yes|no)?$")] = None,
        page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    ) -> HTMLResponse:
        has_denials = {"yes": True, "no": False}.get(denials or "")
        result = queries.page_documents(
            engine,
            search=q,
            outlet=outlet,
            published_from=published_from,
            published_to=published_to,
            entity=entity,
            has_denials=has_denials,
            limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
        )
        params = {
            "q": q,
            "outlet": outlet,
            "from": published_from,
            "to": published_to,
            "entity": entity,
            "denials": denials,
        }
        return render(
            "documents.html",
            request,
            result=result,
            params=params,
            outlets=queries.list_outlets(engine),
            pages=_pages(result["total"], page),
            link=lambda **changes: "/documents?" + _query_string(params, **changes),
        )

    @app.get("/documents/{document_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, document_id: str) -> HTMLResponse:
        document = document_or_404(document_id)
        record = document["record"]
        corpus_names = {local: e["name"] for local, e in document["entity_of"].items()}
        entity_names = {e["id"]: e["name"] for e in record.get("entities") or []}
        attributions = record.get("attributions") or []
        claim_of: dict[str, list[dict[str, Any]]] = {}
        for claim in document["claims"]:
            for local, stance in zip(claim["attributions"], claim["stances"], strict=False):
                claim_of.setdefault(local, []).append({"id": claim["id"], "stance": stance})
        rows = [
            {
                "a": a,
                "label": source_label(a, {**entity_names, **corpus_names}),
                "entity": document["entity_of"].get(a.get("source_entity") or ""),
                "claims": claim_of.get(a["id"], []),
            }
            for a in attributions
        ]
        return render(
            "document.html",
            request,
            document=document,
            record=record,
            rows=rows,
            pieces=highlight_record(document["text"], record, corpus_names),
        )

    @app.get("/claims", response_class=HTMLResponse, include_in_schema=False)
    def claims_page(
        request: Request,
        status: Annotated[
            str | None, Query(pattern="^(single-source|corroborated|contested|denied)?$")
        ] = None,
        entity: Annotated[str | None, Query(max_length=200)] = None,
        page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    ) -> HTMLResponse:
        result = queries.page_claims(
            engine,
            status=status or None,
            entity=entity or None,
            limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
        )
        params = {"status": status, "entity": entity}
        return render(
            "claims.html",
            request,
            result=result,
            params=params,
            statuses=queries.CLAIM_STATUSES,
            pages=_pages(result["total"], page),
            link=lambda **changes: "/claims?" + _query_string(params, **changes),
        )

    @app.get("/claims/{claim_id}", response_class=HTMLResponse, include_in_schema=False)
    def claim_page(request: Request, claim_id: str) -> HTMLResponse:
        claim = claim_or_404(claim_id)
        matrix: dict[str, dict[str, Any]] = {}
        for source in claim["sources"]:
            key = source["entity_id"] or f"{source['kind']}:{source['entity'].casefold()}"
            row = matrix.setdefault(
                key,
                {
                    "name": source["entity"],
                    "entity_id": source["entity_id"],
                    "kind": source["kind"],
                    "independent": False,
                    "cells": {s: [] for s in STANCE_COLUMNS},
                },
            )
            row["independent"] |= bool(source["independent"])
            document, _, local = source["attribution"].partition("#")
            row["cells"].setdefault(source["stance"], []).append(
                {**source, "href": f"/documents/{document}#{local}"}
            )
        citations = queries.list_citations(engine, claim=claim_id)
        return render(
            "claim.html",
            request,
            claim=claim,
            matrix=list(matrix.values()),
            columns=STANCE_COLUMNS,
            timeline=layout_timeline(claim["timeline"]),
            graph=layout_source_graph(citations),
        )

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities_page(
        request: Request,
        name: Annotated[str | None, Query(max_length=200)] = None,
        page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    ) -> HTMLResponse:
        offset = (page - 1) * PAGE_SIZE
        result = queries.page_entities(
            engine, name=name or None, limit=PAGE_SIZE, offset=offset, members=False
        )
        params = {"name": name}
        return render(
            "entities.html",
            request,
            rows=result["items"],
            params=params,
            pages=_pages(result["total"], page),
            link=lambda **changes: "/entities?" + _query_string(params, **changes),
        )

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, entity_id: str) -> HTMLResponse:
        entity = found_or_404(
            entity_id, ENTITY_ID, "entity", lambda engine, i: queries.get_entity(engine, i, limit=ENTITY_ROWS)
        )
        events = queries.page_timeline(engine, entity=entity_id, limit=ENTITY_EVENTS, latest=True)
        return render(
            "entity.html",
            request,
            entity=entity,
            events=events["items"],
            all_events=events["total"],
            rows=ENTITY_ROWS,
            timeline=layout_timeline(events["items"]),
        )

    @app.get("/graph", response_class=HTMLResponse, include_in_schema=False)
    def graph_page(request: Request) -> HTMLResponse:
        citations = queries.list_citations(engine, limit=300)
        return render(
            "graph.html", request, graph=layout_source_graph(citations, max_nodes=60), citations=citations
        )

    # -- pasting an article -----------------------------------------------------------------------------
    def analyze_form(
        request: Request, status: int = 200, error: str | None = None, values: dict[str, str] | None = None
    ) -> HTMLResponse:
        cookie = request.cookies.get(CSRF_COOKIE) or CsrfGuard.new_cookie()
        response = render(
            "analyze.html",
            request,
            status,
            token=csrf.token_for(cookie),
            error=error,
            values=values or {},
            field=CSRF_FIELD,
        )
        if request.cookies.get(CSRF_COOKIE) != cookie:
            response.set_cookie(CSRF_COOKIE, cookie, httponly=True, samesite="strict", path="/")
        return response

    @app.get("/analyze", response_class=HTMLResponse, include_in_schema=False)
    def analyze_page(request: Request) -> HTMLResponse:
        return analyze_form(request)

    @app.post("/analyze", include_in_schema=False)
    async def analyze_post(request: Request) -> Response:
        async with request.form(max_files=1, max_fields=10) as form:
            return await handle_paste(request, form)

    async def handle_paste(request: Request, form: Any) -> Response:
        host_origin = f"{request.url.scheme}://{request.headers.get('host', request.url.netloc)}"
        token = form.get(CSRF_FIELD)
        refused = csrf.check(
            cookie=request.cookies.get(CSRF_COOKIE),
            token=token if isinstance(token, str) else None,
            origin=request.headers.get("origin"),
            fetch_site=request.headers.get("sec-fetch-site"),
            host_origin=host_origin,
        )
        if refused is not None:
            raise ProblemError(403, f"refused: {refused}")
        values = {
            k: v.strip()
            for k in ("text", "title", "outlet", "url", "published")
            if isinstance(v := form.get(k), str)
        }
        upload = form.get("file")
        html = False
        text = values.get("text", "")
        if upload is not None and not isinstance(upload, str) and upload.filename:
            data = await upload.read()
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                return analyze_form(request, 422, "the uploaded file is not UTF-8 text", values)
            html = upload.filename.lower().endswith((".html", ".htm")) or text.lstrip()[
                :15
            ].lower().startswith(("<!doctype html", "<html"))
        if not text.strip():
            return analyze_form(request, 422, "paste an article's text or choose a file", values)
        if values.get("published") and not re.match(ISO_DATE, values["published"]):
            return analyze_form(request, 422, "the publication date must be YYYY-MM-DD", values)
        if values.get("url") and safe_url(values["url"]) is None:
            return analyze_form(request, 422, "the URL must be an http or https URL", values)
        from starlette.concurrency import run_in_threadpool

        try:
            document_id = await run_in_threadpool(ingest_one, text, html, values)
        except ProblemError as err:
            return analyze_form(request, err.status, err.detail, values)
        return RedirectResponse(f"/documents/{document_id}", status_code=303)

    def ingest_one(text: str, html: bool, values: dict[str, str]) -> str:
        """Store one article through the batch ingest (a one-line JSONL corpus); its document id."""
        from claimgraph.batch import ingest_corpus
        from claimgraph.clean import clean_input
        from claimgraph.errors import InputError
        from claimgraph.ingest.corpus import read_corpus
        from claimgraph.ingest.readers import RawInput

        line = {
            "html" if html else "text": text,
            **{k: values[k] for k in ("title", "outlet", "url", "published") if values.get(k)},
        }
        with ingest_lock, tempfile.TemporaryDirectory(prefix="claimgraph-paste-") as folder:
            path = Path(folder) / "pasted.jsonl"
            path.write_text(json.dumps(line) + "\n", encoding="utf-8")
            items = list(read_corpus([str(path)], max_bytes=max_body * 2))
            if not items or not isinstance(items[0], RawInput):  # an InputError: say why
                reason = getattr(items[0], "reason", items[0]) if items else "empty"
                raise ProblemError(422, f"cannot read the article: {reason}")
            try:  # the id is the hash of the cleaned text (metadata does not change it)
                document_id = clean_input(items[0]).id
            except InputError as err:
                raise ProblemError(422, f"cannot analyze it: {err.reason}") from None
            if state["analyze"] is None:
                from claimgraph.analyze import Analyzer

                state["analyze"] = (Analyzer(model) if model else Analyzer()).analyze_documents
            report = ingest_corpus(engine, [str(path)], analyze=state["analyze"], link=None)
            if report.failures:
                raise ProblemError(422, f"cannot analyze it: {report.failures[0].reason}")
        relinker.request()  # the claim graph follows in the background
        return document_id

    # -- API --------------------------------------------------------------------------------------------

    @app.get("/api/documents", tags=["documents"])
    def api_documents(
        q: Annotated[str | None, Query(max_length=200, description="Words in the title or text.")] = None,
        outlet: Annotated[str | None, Query(max_length=200)] = None,
        published_from: Annotated[str | None, Query(alias="from", pattern=ISO_DATE)] = None,
        published_to: Annotated[str | None, Query(alias="to", pattern=ISO_DATE)] = None,
        entity: Annotated[
            str | None, Query(max_length=200, description="An entity's id, name or alias.")
        ] = None,
        has_denials: bool | None = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Stored documents, newest first: `{"total", "limit", "offset", "items"}`."""
        return queries.page_documents(
            engine,
            search=q,
            outlet=outlet,
            published_from=published_from,
            published_to=published_to,
            entity=entity,
            has_denials=has_denials,
            limit=limit,
            offset=offset,
        )

    @app.get("/api/documents/{document_id}", tags=["documents"])
    def api_document(document_id: str) -> dict[str, Any]:
        """The document's analysis record (docs/analysis-json.md), as it was analyzed."""
        record: dict[str, Any] = document_or_404(document_id)["record"]
        return record

    @app.get("/api/claims", tags=["claims"])
    def api_claims(
        entity: Annotated[str | None, Query(max_length=200)] = None,
        status: Annotated[
            str | None, Query(pattern="^(single-source|corroborated|contested|denied)$")
        ] = None,
        source: Annotated[str | None, Query(max_length=200)] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Claims as `claimgraph claims --format json` gives them (docs/cli.md), paginated."""
        return queries.page_claims(
            engine, entity=entity, status=status, source=source, limit=limit, offset=offset
        )

    @app.get("/api/claims/{claim_id}", tags=["claims"])
    def api_claim(claim_id: str) -> dict[str, Any]:
        """One claim, its sources with their statements' text, and its timeline."""
        return claim_or_404(claim_id)

    @app.get("/api/entities", tags=["entities"])
    def api_entities(
        name: Annotated[str | None, Query(max_length=200)] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Corpus entities as `claimgraph entities --format json` gives them, paginated."""
        return queries.page_entities(engine, name=name, limit=limit, offset=offset)

    @app.get("/api/entities/{entity_id}", tags=["entities"])
    def api_entity(entity_id: str) -> dict[str, Any]:
        """One entity: what it said, the claims about it and by it."""
        return entity_or_404(entity_id)

    @app.get("/api/timeline", tags=["timeline"])
    def api_timeline(
        entity: Annotated[str | None, Query(max_length=200)] = None,
        claim: Annotated[str | None, Query(max_length=20)] = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Dated events and reports in time order (`claimgraph timeline --format json`), paginated."""
        return queries.page_timeline(engine, entity=entity, claim=claim, limit=limit, offset=offset)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs_page(request: Request) -> HTMLResponse:
        return render("docs.html", request)

    @app.get("/api/linking", tags=["linking"])
    def api_linking() -> dict[str, Any]:
        """Whether the claim graph is being relinked after a paste: `state` (`idle`, `pending`,
        `linking`), `requested_at`, `started_at`, and the last run's `finished_at`, `seconds`, `claims`
        and `error`."""
        return relinker.status()

    @app.get("/healthz", include_in_schema=False)
    def health() -> dict[str, Any]:
        return {"ok": True}

    app.add_middleware(SecurityMiddleware, max_body=max_body)
    return app
