"""The ASGI application: versioned JSON endpoints and the curator page.

A thin layer: request bodies become library calls (`genenorm.server._service`), response
bodies are the library's own ``to_dict`` values and writers (`genenorm.report`), and the
response schemas in the OpenAPI document are derived from the same attrs classes
(`genenorm.server._schema`).
"""

from __future__ import annotations

import contextlib
import gc
import hmac
import io
import json
import logging
import threading
import time
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from functools import cache
from http import HTTPStatus
from importlib import resources
from typing import Annotated, Any, TypeVar

import anyio
import anyio.to_thread
from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
    field_validator,
)
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .._gc import gc_paused
from ..exceptions import BackendUnavailableError, PageError
from ..models import Provenance, Resolution
from ..page_models import HitVerdict, Page, PageReport
from ..records import HIT_COLUMNS, resolution_record
from ..report import write_jsonl, write_tsv, write_tsv_row
from ..text import lone_surrogate, surrogate_problem
from ._config import ServerConfig
from ._schema import component_schemas, schema_ref
from ._service import PageInput, Service, hit_table

__all__ = ["app_from_env", "create_app"]

logger = logging.getLogger(__name__)

_T = TypeVar("_T")

PROBLEM = "application/problem+json"
TSV = "text/tab-separated-values"
JSONL = "application/x-ndjson"

# --------------------------------------------------------------------------- problems


class Problem(Exception):  # noqa: N818 - an RFC 9457 problem, raised and answered as such
    """An error answered as ``application/problem+json`` (RFC 9457)."""

    def __init__(
        self,
        status: int,
        title: str,
        detail: str,
        *,
        kind: str = "about:blank",
        errors: Sequence[Mapping[str, Any]] = (),
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail, self.kind = status, title, detail, kind
        self.errors = list(errors)
        self.headers = dict(headers or {})

    def response(self, instance: str) -> JSONResponse:
        body: dict[str, Any] = {
            "type": self.kind,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "instance": instance,
        }
        if self.errors:
            body["errors"] = self.errors
        return JSONResponse(body, status_code=self.status, media_type=PROBLEM, headers=self.headers)


def _problem_type(name: str) -> str:
    return f"https://genenorm.readthedocs.io/server/#{name}"


def _too_many(what: str, n: int, limit: int, pointer: str) -> Problem:
    """More items than this server's limit (the document's ``maxItems``): 422."""
    return Problem(
        422,
        "Unprocessable Content",
        f"{n} {what} in one request; this server takes at most {limit}",
        kind=_problem_type("limits"),
        errors=[{"pointer": pointer, "detail": f"at most {limit} {what}"}],
    )


# --------------------------------------------------------------------------- body limit


class _BodyLimit:
    """Refuse request bodies over *limit* bytes with a 413 problem, before any parsing.

    The declared ``Content-Length`` is checked first; a body without one (chunked) is read
    up to the limit and handed on whole.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, receive, send, int(declared))
            return
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await self._refuse(scope, receive, send, size)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, size: int) -> None:
        problem = Problem(
            413,
            "Content Too Large",
            f"request body of {size}+ bytes; this server takes at most {self.limit} bytes",
            kind=_problem_type("limits"),
        )
        response = problem.response(scope.get("path", ""))
        response.headers["Connection"] = "close"
        await response(scope, receive, send)


# --------------------------------------------------------------------------- request models


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _characters_only(value: _T) -> _T:
    """*value*, unless one of its strings holds a lone surrogate (``\\ud800`` in the JSON):
    no character, so it can be neither resolved nor written back (a 422 naming the field)."""
    if (char := lone_surrogate(value)) is not None:
        raise ValueError(surrogate_problem(char))
    return value


#: One hit row: column name → value, as in a PFOCR genes table (website or 2020 format).
HitRow = dict[str, StrictStr | StrictInt | StrictFloat | None]


class ResolveRequest(_Model):
    """Terms to resolve."""

    terms: list[str] = Field(description="terms, each resolved on its own; one result each")

    _check_terms = field_validator("terms")(_characters_only)


class PageItem(_Model):
    """One figure page: its file's text, or its front-matter fields, with optional hits."""

    text: str | None = Field(
        default=None, description="the page file's content: YAML front matter between '---' lines"
    )
    front_matter: dict[str, Any] | None = Field(
        default=None, description="instead of text: the front-matter fields as a JSON object"
    )
    hits: list[HitRow] | str | None = Field(
        default=None,
        description="the figure's gene hit rows: JSON objects (website or 2020 columns) or TSV text",
    )
    name: str | None = Field(
        default=None, description="a name for the page in 'path' and errors (default pages[i])"
    )

    # (text and front_matter holding one are the page's own error, in its report)
    _check_name_hits = field_validator("name", "hits")(_characters_only)


class CheckRequest(_Model):
    """Pages to check."""

    pages: list[PageItem] = Field(description="one or more pages; one report each, in order")


class HitsRequest(_Model):
    """Hit rows to judge."""

    rows: list[HitRow] = Field(
        min_length=1, description="hit table rows (website or 2020 columns), at least one"
    )

    _check_rows = field_validator("rows")(_characters_only)


def _hit_row_schema() -> dict[str, Any]:
    """A hit row: an object with the columns of a website or a 2020 genes table."""
    from ..pfocr import HIT_TABLE_COLUMNS

    value = {"type": ["string", "integer", "number", "null"]}
    return {
        "anyOf": [
            {
                "type": "object",
                "title": f"{name} hit row",
                "properties": dict.fromkeys(columns, value),
                "required": list(columns),
                "additionalProperties": value,
            }
            for name, columns in HIT_TABLE_COLUMNS.items()
        ]
    }


# --------------------------------------------------------------------------- the worker


class _Worker:
    """One worker process's service, in-flight count and thread limiter."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.service: Service | None = None
        self.busy = 0
        self.lock = threading.Lock()

    def start(self) -> None:
        service = Service(self.config)
        service.warm_up()
        self.service = service
        # The loaded tables live as long as the process: keep the cyclic collector from
        # scanning them again and again (a full collection would walk millions of objects).
        gc.collect()
        gc.freeze()

    async def run(self, fn: Callable[[Service], _T], *, small: bool = False) -> tuple[_T, float]:
        """Run *fn* within the concurrency and time limits: its value and its seconds.

        A *small* request (a millisecond or so of work) runs on the event loop itself: handing
        it to a thread would cost about as much as the work. Anything larger runs in a worker
        thread, so that the loop keeps answering while it computes.
        """
        service = self.service
        if service is None:  # pragma: no cover - lifespan always starts the worker
            raise Problem(503, "Service Unavailable", "the data is still loading")
        with self.lock:
            if self.busy >= self.config.max_concurrency:
                raise Problem(
                    429,
                    "Too Many Requests",
                    f"{self.busy} requests are computing in this worker (limit "
                    f"{self.config.max_concurrency}); retry shortly",
                    kind=_problem_type("limits"),
                    headers={"Retry-After": "1"},
                )
            self.busy += 1

        def call() -> tuple[_T, float]:
            start = time.perf_counter()
            try:
                # As genenorm's own loops do: results hold many small objects and no cycles,
                # which the collector would otherwise rescan again and again (_gc.py).
                with gc_paused():
                    return fn(service), time.perf_counter() - start
            finally:  # counted until the thread ends, even when the request timed out
                with self.lock:
                    self.busy -= 1

        if small:
            try:
                return call()
            except BackendUnavailableError as err:
                raise Problem(
                    503, "Service Unavailable", str(err), kind=_problem_type("source")
                ) from None
        try:
            with anyio.fail_after(self.config.time_limit):
                return await anyio.to_thread.run_sync(call, abandon_on_cancel=True)
        except TimeoutError:
            raise Problem(
                503,
                "Service Unavailable",
                f"the request ran longer than this server's limit of {self.config.time_limit:g} s;"
                " send fewer items per request",
                kind=_problem_type("limits"),
                headers={"Retry-After": "1"},
            ) from None
        except BackendUnavailableError as err:
            raise Problem(
                503, "Service Unavailable", str(err), kind=_problem_type("source")
            ) from None


def _wants(request: Request, *types: str) -> str | None:
    """Which of *types* the request's ``Accept`` header prefers to JSON, else ``None`` (JSON,
    also when nothing offered is acceptable).

    Each offered type takes the quality of the most specific media range matching it
    (``text/tab-separated-values;q=0`` refuses TSV even beside ``*/*``); the highest quality
    wins, then the more specific range, then the one named first; JSON on a tie.
    """
    ranges = _accept_ranges(request.headers.get("accept", "")) or [("*/*", 1.0)]
    best, best_key = None, _preference(ranges, "application/json")
    for t in types:
        key = _preference(ranges, t)
        if key > best_key:
            best, best_key = t, key
    return best


def _accept_ranges(header: str) -> list[tuple[str, float]]:
    """The media ranges of an ``Accept`` header with their quality (1 unless ``q=`` says
    otherwise; a malformed ``q`` counts as 0), in header order."""
    out: list[tuple[str, float]] = []
    for part in header.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        out.append((media.lower(), q))
    return out


def _preference(ranges: list[tuple[str, float]], media: str) -> tuple[float, int, int]:
    """How much the *ranges* want *media*, comparable (higher is preferred): the quality of
    its most specific range (exact 3, ``type/*`` 2, ``*/*`` 1), that specificity, and an
    earlier range first. Refused (q=0) or not named: ``(0, 0, 0)``."""
    kind = media.split("/")[0] + "/*"
    found = (0.0, 0, 0)
    for position, (name, q) in enumerate(ranges):
        rank = 3 if name == media else 2 if name == kind else 1 if name == "*/*" else 0
        if rank > found[1]:
            found = (q, rank, -position)
    return found if found[0] > 0 else (0.0, 0, 0)


def _tsv_rows(text: str) -> int:
    """The rows of a TSV table after its header, as the reader splits lines (LF, CRLF or a
    lone CR), blank lines included: what ``max_hits`` counts."""
    body = text.rstrip("\r\n")
    return body.count("\n") + body.count("\r") - body.count("\r\n") if body else 0


#: A request of at most this many terms or hit rows (and, where a body carries them, this
#: many bytes) is *small*: `_Worker.run` computes it on the event loop itself.
_SMALL_ITEMS = 1000
_SMALL_BYTES = 100_000


def _body_size(request: Request) -> int:
    """The declared body size (a very large number when undeclared, e.g. chunked)."""
    declared = request.headers.get("content-length", "")
    return int(declared) if declared.isdigit() else 1 << 62


#: A rendered answer: its bytes and media type (rendering runs with the computation).
_Rendered = tuple[bytes, str]


def _render_text(write: Callable[[io.StringIO], None], media_type: str) -> _Rendered:
    buffer = io.StringIO()
    write(buffer)
    return buffer.getvalue().encode("utf-8"), f"{media_type}; charset=utf-8"


def _render_json(value: object) -> _Rendered:
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.encode("utf-8"), "application/json"


def _answer(rendered: _Rendered, seconds: float) -> Response:
    """The response for a rendered body; ``Server-Timing`` says how long genenorm worked
    (computing and rendering, in milliseconds), to tell that from network and queueing."""
    body, media_type = rendered
    response = Response(body, media_type=media_type)
    response.headers["Server-Timing"] = f"genenorm;dur={seconds * 1000:.2f}"
    return response


# --------------------------------------------------------------------------- static files


@cache
def _static(name: str) -> str:
    return resources.files("genenorm.server").joinpath("static", name).read_text("utf-8")


# --------------------------------------------------------------------------- OpenAPI

_ERROR_STATUSES = {
    "400": "Bad Request: the body is not JSON or not the given media type",
    "401": "Unauthorized: a bearer token is required (when the server sets one)",
    "413": "Content Too Large: the body is over this server's byte limit",
    "415": "Unsupported Media Type",
    "422": "Unprocessable Content: the body does not match the request schema, has more items "
    "than this server's limit (maxItems), or its hit rows match no hit-table format",
    "429": "Too Many Requests: the worker is full; retry after Retry-After seconds",
    "503": "Service Unavailable: over the time limit, or the live source is down",
}
_PROBLEM_SCHEMA = {
    "type": "object",
    "title": "Problem",
    "description": "RFC 9457 problem details; 'errors' points at each offending input.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object"}},
    },
    "required": ["type", "title", "status", "detail"],
}


def _array_of(cls: type, key: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {key: {"type": "array", "items": schema_ref(cls)}, **extra},
        "required": [key],
    }


_HIT_ROWS = {
    "type": "object",
    "properties": {
        "columns": {"type": "array", "items": {"type": "string"}},
        "rows": {
            "type": "array",
            "items": {"type": "object", "additionalProperties": {"type": ["string", "null"]}},
        },
    },
    "required": ["columns", "rows"],
}
_TEXT_SCHEMA = {"type": "string"}


def _ok(json_schema: Mapping[str, Any], *text_types: str) -> dict[int | str, dict[str, Any]]:
    content: dict[str, Any] = {"application/json": {"schema": json_schema}}
    for t in text_types:
        content[t] = {"schema": _TEXT_SCHEMA}
    return {200: {"description": "one result per input item, in order", "content": content}}


def _openapi(app: FastAPI, config: ServerConfig) -> Callable[[], dict[str, Any]]:
    secured = config.token is not None

    def build() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        doc = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
        )
        schemas = doc.setdefault("components", {}).setdefault("schemas", {})
        for name in ("HTTPValidationError", "ValidationError"):
            schemas.pop(name, None)
        schemas.update(component_schemas(PageReport, Resolution, HitVerdict, Provenance))
        schemas["Problem"] = _PROBLEM_SCHEMA
        # This server's limits, so that clients (and schemathesis) know them.
        schemas["ResolveRequest"]["properties"]["terms"]["maxItems"] = config.max_terms
        schemas["CheckRequest"]["properties"]["pages"]["maxItems"] = config.max_pages
        body = doc["paths"]["/v1/check-hits"]["post"]["requestBody"]["content"]
        body["application/json"]["schema"]["properties"]["rows"]["maxItems"] = config.max_hits
        problem = {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}}
        for path, operations in doc["paths"].items():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                responses.pop("422", None)
                if not path.startswith("/v1/") or path == "/v1/data":
                    continue
                for status, description in _ERROR_STATUSES.items():
                    if status == "401" and not secured:
                        continue
                    responses[status] = {"description": description, "content": problem}
        if secured:
            doc["paths"]["/v1/data"]["get"]["responses"]["401"] = {
                "description": _ERROR_STATUSES["401"],
                "content": problem,
            }
        app.openapi_schema = doc
        return doc

    return build


# --------------------------------------------------------------------------- the app

_BEARER = HTTPBearer(auto_error=False, description="the server's token (--token-file)")


def create_app(config: ServerConfig | None = None) -> FastAPI:
    """The ASGI application for *config* (default: `ServerConfig()`).

    The data loads once, when the application starts (ASGI lifespan), not per request.

    .. versionadded:: 0.1.0
    """
    from .. import __version__

    config = config or ServerConfig()
    worker = _Worker(config)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await anyio.to_thread.run_sync(worker.start)
        yield

    app = FastAPI(
        title="genenorm",
        version=__version__,
        description=(
            "Which gene keywords of a pathway figure are real? HGNC resolution, false-hit "
            "verdicts with reasons and evidence, genes vs chemicals. Response bodies follow the "
            "JSONL contract of `genenorm check` (docs/output.md); errors are RFC 9457 problems."
        ),
        lifespan=lifespan,
        docs_url="/docs",
        redoc_url="/redoc",
    )
    app.openapi = _openapi(app, config)  # type: ignore[method-assign]

    async def authorised(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)],
    ) -> None:
        token = config.token
        if token is None:
            return
        given = "" if credentials is None else credentials.credentials
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise Problem(
                401,
                "Unauthorized",
                "missing or wrong bearer token (send 'Authorization: Bearer <token>')",
                kind=_problem_type("authentication"),
                headers={"WWW-Authenticate": "Bearer"},
            )

    secured: list[Any] = [Depends(authorised)] if config.token is not None else []

    # -------------------------------------------------------------- errors

    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> Response:
        return exc.response(request.url.path)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {
                "pointer": "#/" + "/".join(str(p) for p in e.get("loc", ())[1:]),
                "detail": str(e.get("msg", "")),
            }
            for e in exc.errors()
        ]
        json_error = any(e.get("type") == "json_invalid" for e in exc.errors())
        status, title = (400, "Bad Request") if json_error else (422, "Unprocessable Content")
        first = errors[0] if errors else {"pointer": "#/", "detail": "invalid request"}
        detail = f"{first['pointer']}: {first['detail']}"
        if len(errors) > 1:
            detail += f" (and {len(errors) - 1} more)"
        return Problem(status, title, detail, errors=errors[:50]).response(request.url.path)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        try:  # the standard phrase ("Bad Request" for a body FastAPI could not parse)
            title = HTTPStatus(exc.status_code).phrase
        except ValueError:
            title = "Error"
        detail = str(exc.detail)
        if exc.status_code == 400 and detail == "There was an error parsing the body":
            detail = (
                "the body could not be parsed as JSON (not UTF-8, a number too long, or nested "
                "too deeply)"
            )
        return Problem(exc.status_code, title, detail, headers=exc.headers).response(
            request.url.path
        )

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:  # pragma: no cover
        logger.exception("unexpected error on %s", request.url.path)
        return Problem(
            500, "Internal Server Error", f"{type(exc).__name__} (see the server log)"
        ).response(request.url.path)

    # -------------------------------------------------------------- endpoints

    @app.post(
        "/v1/resolve",
        dependencies=secured,
        response_class=JSONResponse,
        responses=_ok(_array_of(Resolution, "results"), TSV, JSONL),
        summary="Resolve gene terms against HGNC",
        description=(
            "One `Resolution` per term, in order (as `genenorm resolve --format jsonl`). "
            "`Accept: text/tab-separated-values` gives the TSV of `genenorm resolve`."
        ),
    )
    async def resolve(body: ResolveRequest, request: Request) -> Response:
        if len(body.terms) > config.max_terms:
            raise _too_many("terms", len(body.terms), config.max_terms, "#/terms")
        wanted = _wants(request, TSV, JSONL)

        def render(results: list[Resolution]) -> _Rendered:
            if wanted == TSV:
                from ..records import RESOLVE_COLUMNS, resolution_row

                def tsv(out: io.StringIO) -> None:
                    write_tsv_row(out, RESOLVE_COLUMNS)
                    for r in results:
                        write_tsv_row(out, resolution_row(r))

                return _render_text(tsv, TSV)
            if wanted == JSONL:
                return _render_text(
                    lambda out: out.writelines(
                        json.dumps(resolution_record(r), ensure_ascii=False) + "\n" for r in results
                    ),
                    JSONL,
                )
            return _render_json({"results": [r.to_dict() for r in results]})

        rendered, took = await worker.run(
            lambda s: render(s.resolve(body.terms)), small=len(body.terms) <= _SMALL_ITEMS
        )
        return _answer(rendered, took)

    @app.post(
        "/v1/check",
        dependencies=secured,
        response_class=JSONResponse,
        responses=_ok(
            _array_of(
                PageReport,
                "reports",
                texts={
                    "type": "array",
                    "items": {"type": ["string", "null"]},
                    "description": "with include_text: each page's title, caption and paper "
                    "title joined by newlines (the text that suggestion offsets index)",
                },
            ),
            TSV,
            JSONL,
        ),
        summary="Check PFOCR figure pages",
        description=(
            "One page report per page, in order (a JSONL line of `genenorm check`); a page "
            "that cannot be read gives a report with `errors` in its place. "
            "`Accept: application/x-ndjson` or `text/tab-separated-values` give the "
            "JSONL or TSV of `genenorm check`."
        ),
    )
    async def check(
        body: CheckRequest,
        request: Request,
        include_text: Annotated[
            bool, Query(description="add 'texts': the text each page's offsets refer to")
        ] = False,
    ) -> Response:
        if len(body.pages) > config.max_pages:
            raise _too_many("pages", len(body.pages), config.max_pages, "#/pages")
        n_hits = sum(
            len(p.hits) if isinstance(p.hits, list) else _tsv_rows(p.hits)
            for p in body.pages
            if p.hits
        )
        if n_hits > config.max_hits:
            raise _too_many("hit rows", n_hits, config.max_hits, "#/pages")
        items = [
            PageInput(text=p.text, front_matter=p.front_matter, hits=p.hits, name=p.name)
            for p in body.pages
        ]
        wanted = _wants(request, TSV, JSONL)

        def render(checked: list[tuple[PageReport, Page | None]]) -> _Rendered:
            reports = [report for report, _ in checked]
            if wanted == TSV:
                return _render_text(lambda out: write_tsv(reports, out), TSV)
            if wanted == JSONL:
                return _render_text(lambda out: write_jsonl(reports, out), JSONL)
            payload: dict[str, Any] = {"reports": [r.to_dict() for r in reports]}
            if include_text:
                payload["texts"] = [None if page is None else page.text for _, page in checked]
            return _render_json(payload)

        rendered, took = await worker.run(
            lambda s: render(s.check(items)),
            small=len(items) == 1
            and n_hits <= _SMALL_ITEMS
            and _body_size(request) <= _SMALL_BYTES,
        )
        return _answer(rendered, took)

    @app.post(
        "/v1/check-hits",
        dependencies=secured,
        response_class=JSONResponse,
        responses=_ok(_HIT_ROWS, TSV),
        summary="Judge the rows of a PFOCR hit table",
        description=(
            "The rows with `verdict`, `reasons`, `current_symbol` and `hgnc_id` appended "
            '(as `genenorm check-hits`). Send JSON (`{"rows": [...]}`) or the table itself '
            "as `text/tab-separated-values`; `Accept: text/tab-separated-values` answers TSV."
        ),
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "rows": {"type": "array", "items": _hit_row_schema(), "minItems": 1}
                            },
                            "required": ["rows"],
                            "additionalProperties": False,
                        }
                    },
                    TSV: {"schema": {"type": "string"}},
                },
            }
        },
    )
    async def check_hits(request: Request) -> Response:
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        raw = await request.body()
        hits: str | list[HitRow]
        if media == TSV:
            try:
                tsv_text = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                raise Problem(
                    400, "Bad Request", f"body: not valid UTF-8 at byte {err.start}"
                ) from None
            hits, n_rows = tsv_text, _tsv_rows(tsv_text)
        elif media in ("application/json", ""):
            try:
                hits = HitsRequest.model_validate_json(raw or b"null").rows
            except ValidationError as err:
                located = [{**e, "loc": ("body", *e["loc"])} for e in err.errors()]
                raise RequestValidationError(located) from None
            n_rows = len(hits)
        else:
            raise Problem(
                415,
                "Unsupported Media Type",
                f"send application/json or {TSV}, not {media!r}",
            )
        if n_rows > config.max_hits:
            raise _too_many("hit rows", n_rows, config.max_hits, "#/rows")
        try:
            table = hit_table(hits, "body")
        except PageError as err:
            raise Problem(
                422,
                "Unprocessable Content",
                str(err),
                kind=_problem_type("hit-tables"),
                errors=[{"pointer": "#/rows", "detail": str(err)}],
            ) from None
        columns = [*table.columns, *HIT_COLUMNS]
        as_tsv = _wants(request, TSV) is not None

        def render(rows: list[dict[str, Any]]) -> _Rendered:
            if as_tsv:

                def tsv(out: io.StringIO) -> None:
                    write_tsv_row(out, columns)
                    for row in rows:
                        write_tsv_row(out, (row.get(c) for c in columns))

                return _render_text(tsv, TSV)
            return _render_json({"columns": columns, "rows": rows})

        rendered, took = await worker.run(
            lambda s: render(s.check_hits(table)),
            small=len(table.hits) <= _SMALL_ITEMS and len(raw) <= _SMALL_BYTES,
        )
        return _answer(rendered, took)

    @app.get(
        "/v1/data",
        dependencies=secured,
        summary="Provenance of the data in use",
        responses={
            200: {
                "description": "release, sources (name, version, date, licence, sha256) and files",
                "content": {"application/json": {"schema": {"type": "object"}}},
            }
        },
    )
    async def data() -> JSONResponse:
        from ..lexicon import snapshot_info

        info = snapshot_info(config.data_dir)
        info.pop("data_dir", None)  # a server-side path: not the client's business
        info["source"] = config.source
        info["genenorm"] = __version__
        return JSONResponse(info)

    @app.get("/healthz", summary="Liveness and readiness", include_in_schema=True)
    async def healthz() -> JSONResponse:
        ready = worker.service is not None
        body = {
            "status": "ok" if ready else "loading",
            "genenorm": __version__,
            "release": worker.service.release if worker.service else "",
            "busy": worker.busy,
        }
        return JSONResponse(body, status_code=200 if ready else 503)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def page() -> HTMLResponse:
        html = _static("index.html").replace(
            "__AUTH__", "required" if config.token is not None else "none"
        )
        # Only this server's own script, style sheet and API; no inline code, no framing.
        csp = (
            "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            "form-action 'self'"
        )
        return HTMLResponse(
            html, headers={"Content-Security-Policy": csp, "X-Content-Type-Options": "nosniff"}
        )

    @app.get("/static/{name}", include_in_schema=False)
    async def static(name: str) -> Response:
        types = {"app.js": "text/javascript", "style.css": "text/css"}
        if name not in types:
            raise StarletteHTTPException(404, f"no static file {name!r}")
        return Response(_static(name), media_type=f"{types[name]}; charset=utf-8")

    # HEAD wherever GET is served (RFC 9110; uptime checks send it), out of the document
    for path, endpoint, deps in (
        ("/v1/data", data, secured), ("/healthz", healthz, []), ("/", page, []),
        ("/static/{name}", static, []),
    ):  # fmt: skip
        app.add_api_route(
            path, endpoint, methods=["HEAD"], dependencies=deps, include_in_schema=False
        )

    if config.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(config.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "Accept"],
        )
    app.add_middleware(_BodyLimit, limit=config.max_body_bytes)
    return app


def app_from_env() -> FastAPI:
    """The application for the settings in ``$GENENORM_SERVER_CONFIG`` (uvicorn's factory)."""
    return create_app(ServerConfig.from_env())
