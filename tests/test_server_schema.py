"""Property-based tests of the HTTP API against its own OpenAPI document (schemathesis).

Schemathesis generates valid and invalid requests for every operation from
``/openapi.json`` of a real ``genenorm serve`` on 127.0.0.1 and checks every answer: no server
error, a documented status code and content type, and a body matching the response schema
(derived from the result classes). Oversized and malformed bodies are included: the
small-limit server below answers them with 400/413/422 problems, which the document lists
(its item limits are in the document as ``maxItems``).
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
pytest.importorskip("fastapi", reason="the server tests need genenorm[server]")

from hypothesis import HealthCheck, given, settings  # noqa: E402

from .conftest import RunningServer  # noqa: E402

OPERATIONS = [
    ("/v1/resolve", "POST"),
    ("/v1/check", "POST"),
    ("/v1/check-hits", "POST"),
    ("/v1/data", "GET"),
    ("/healthz", "GET"),
]


@pytest.fixture(name="api", scope="module")
def _api():  # type: ignore[no-untyped-def]
    """A server with small limits (so that generated bodies hit them) and its document."""
    running = RunningServer("--max-body-bytes", "1000000", "--max-terms", "40", "--max-pages", "3")
    yield running, schemathesis.openapi.from_url(f"{running.url}/openapi.json")
    running.stop()


def test_every_operation_is_covered(api) -> None:  # type: ignore[no-untyped-def]
    """The list below names every operation of the document."""
    _, schema = api
    found = {(op.path, op.method.upper()) for op in (r.ok() for r in schema.get_all_operations())}
    assert found == set(OPERATIONS)


@pytest.mark.parametrize("mode", ["positive", "negative"])
@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_operation_conforms(api, path: str, method: str, mode: str) -> None:  # type: ignore[no-untyped-def]
    """Generated requests get documented, schema-conforming answers; never a 5xx."""
    running, schema = api
    operation = schema[path][method]
    if method == "GET" and mode == "negative":
        pytest.skip("a GET without parameters has no invalid request to generate")
    # The TSV body of /v1/check-hits is any text to the document; tests/test_server.py
    # covers it with real tables.
    strategy = operation.as_strategy(schemathesis.GenerationMode(mode))
    if path == "/v1/check-hits":
        strategy = strategy.filter(lambda case: case.media_type == "application/json")

    @given(case=strategy)
    @settings(
        max_examples=25,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def run(case) -> None:  # type: ignore[no-untyped-def]
        case.call_and_validate(base_url=running.url, timeout=30)

    run()
