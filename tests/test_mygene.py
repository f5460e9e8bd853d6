"""The MyGene.info source, over HTTP, against the local MyGene-compatible server.

The unmodified ``mygene`` client talks to :class:`genenorm.testing.MyGeneServer` on
127.0.0.1; nothing is patched and nothing touches the internet (except the opt-in
``network`` test at the end).
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import os
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from genenorm import BackendUnavailableError, MatchMethod, Relation, Resolution, Status
from genenorm.cli import main
from genenorm.resolver import Resolver
from genenorm.sources import get_source
from genenorm.sources.mygene import (
    CACHED_SOURCE,
    DEFAULT_URL,
    URL_ENV,
    MyGeneSource,
    _retry_after,
    _sendable,
    cache_info,
    clear_cache,
    default_cache_path,
)
from genenorm.testing import Fault, MyGeneServer, snapshot_documents
from genenorm.text import fold

from .conftest import REFERENCE_PAGE

HERE = Path(__file__).resolve().parent / "mygene"
RELEASE = "MyGene.info 20210517 (2021-05-17T23:30:04.024669)"


@pytest.fixture(name="server", scope="module")
def _server() -> Iterator[MyGeneServer]:
    """One local MyGene.info for the module; faults and the log are reset per test."""
    with MyGeneServer() as server:
        yield server


@pytest.fixture(autouse=True)
def _clean_server(server: MyGeneServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Reset the server around each test; keep loopback traffic away from any proxy."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.delenv(URL_ENV, raising=False)
    server.reset()
    yield
    server.reset()


@pytest.fixture(name="source")
def _source(server: MyGeneServer, resolver: Resolver) -> Iterator[MyGeneSource]:
    """A source with a short timeout and tiny backoff, so fault tests stay fast."""
    with MyGeneSource(
        server.url, snapshot=resolver, timeout=0.5, retries=2, backoff=0.001, max_wait=0.05
    ) as source:
        yield source


def summary(r: Resolution) -> tuple[str, str | None, str | None]:
    """Status, symbol and HGNC ID of a result."""
    return (str(r.status), r.symbol, r.hgnc_id)


def posts(server: MyGeneServer) -> list[int]:
    """Number of terms of each POST /query the server received."""
    return [r.terms for r in server.requests if r.method == "POST"]


# --------------------------------------------------------------------------- classification


class TestClassification:
    """Hits are classified by the echoed query, never by order."""

    def test_mixed_case_symbol(self, source: MyGeneSource) -> None:
        """tP53 is the approved symbol TP53, found by case folding, with MyGene provenance."""
        r = source.resolve("tP53")
        assert summary(r) == ("approved", "TP53", "HGNC:11998")
        assert r.match is MatchMethod.CASE_FOLDED
        assert (r.source, r.release) == ("mygene", RELEASE)
        assert (r.entrez, r.ensembl, r.locus_type) == ("7157", "ENSG00000141510", "protein-coding")
        assert r.name == "tumor protein p53"

    def test_alias_only_term(self, source: MyGeneSource) -> None:
        """LFS1 is only an alias, of TP53."""
        r = source.resolve("LFS1")
        assert summary(r) == ("alias", "TP53", "HGNC:11998")
        assert [(c.symbol, c.relation, c.term) for c in r.candidates] == [
            ("TP53", Relation.ALIAS, "LFS1")
        ]

    def test_previous_told_from_alias_by_the_snapshot(
        self, server: MyGeneServer, source: MyGeneSource
    ) -> None:
        """CRYB1 sits in CRYBA1's alias list; the snapshot knows it is a previous symbol."""
        assert summary(source.resolve("CRYB1")) == ("previous", "CRYBA1", "HGNC:2394")
        with MyGeneSource(server.url) as bare:
            assert summary(bare.resolve("CRYB1")) == ("alias", "CRYBA1", "HGNC:2394")

    def test_alias_the_snapshot_lacks(self, source: MyGeneSource, resolver: Resolver) -> None:
        """CTRCT10, a real NCBI synonym of CRYBA1, is found live but not in the snapshot."""
        assert summary(source.resolve("CTRCT10")) == ("alias", "CRYBA1", "HGNC:2394")
        assert resolver.resolve("CTRCT10").status is Status.NOT_FOUND

    def test_alias_hit_ranked_above_symbol(
        self, server: MyGeneServer, source: MyGeneSource
    ) -> None:
        """ROR1: the server ranks RORA (alias) first, as mygene.py#29; ROR1 still wins."""
        import mygene

        client = mygene.MyGeneInfo()
        client.url, client.delay = server.url, 0
        raw = client.querymany(
            ["ROR1"], scopes="symbol,alias", fields="symbol", species="human",
            returnall=True, verbose=False,
        )  # fmt: skip
        assert [h["symbol"] for h in raw["out"]] == ["RORA", "ROR1"]
        r = source.resolve("ROR1")
        assert summary(r) == ("approved", "ROR1", "HGNC:10256")
        assert [(c.symbol, c.relation) for c in r.candidates] == [
            ("ROR1", Relation.APPROVED),
            ("RORA", Relation.ALIAS),
        ]

    def test_recorded_ror1_body(self, server: MyGeneServer) -> None:
        """The server reproduces the real recorded querymany value of ROR1 (example 03)."""
        import mygene

        recorded = json.loads(
            (HERE / "03_querymany_symbol_alias_ROR1_dup_alias_ranked_first.json").read_text()
        )
        client = mygene.MyGeneInfo()
        client.url, client.delay = server.url, 0
        got = client.querymany(
            ["ROR1"], scopes="symbol,alias,prev_symbol", fields="symbol", species="human",
            returnall=True, verbose=False,
        )  # fmt: skip
        expected = recorded["returnall_value"]
        assert got["out"] == expected["out"]
        assert [list(d) for d in got["dup"]] == expected["dup"]

    def test_metadata_keys(self, server: MyGeneServer, source: MyGeneSource) -> None:
        """GET /metadata has the seven keys of the real service and the real build."""
        recorded = json.loads((HERE / "10_metadata_meta_build_20210517.json").read_text())
        meta = source.metadata()
        assert set(meta) == {
            "biothing_type", "build_date", "build_version", "genome_assembly", "src",
            "stats", "taxonomy",
        }  # fmt: skip
        assert meta["build_version"] == recorded["meta_excerpt"]["build_version"]
        assert meta["taxonomy"] == recorded["taxonomy_added_by_server"]

    def test_unknown_term(self, source: MyGeneSource) -> None:
        """An unknown term is not_found, with no candidates."""
        r = source.resolve("NA_TEST")
        assert summary(r) == ("not_found", None, None)
        assert r.candidates == ()
        assert r.source == "mygene"

    def test_ambiguous_alias(self, source: MyGeneSource) -> None:
        """An alias of several genes is ambiguous, candidates ranked previous > alias, symbol."""
        r = source.resolve("TAZ")
        assert r.status is Status.AMBIGUOUS
        assert r.symbol is None
        assert [(c.symbol, c.relation) for c in r.candidates] == [
            ("TAFAZZIN", Relation.PREVIOUS),
            ("WWTR1", Relation.ALIAS),
        ]

    def test_duplicates_sent_once(self, server: MyGeneServer, source: MyGeneSource) -> None:
        """Duplicates go out once and come back at every position; case variants are distinct."""
        results = source.resolve_many(["CDK2", "TP53", "CDK2", "cdk2", "CDK2"])
        assert [r.query for r in results] == ["CDK2", "TP53", "CDK2", "cdk2", "CDK2"]
        assert {r.symbol for r in results} == {"CDK2", "TP53"}
        assert results[0] is results[2] is results[4]
        assert posts(server) == [3]

    def test_empty_terms_not_sent(self, server: MyGeneServer, source: MyGeneSource) -> None:
        """Empty and white-space-only terms are not_found locally; nothing is sent for them."""
        results = source.resolve_many(["", "  ", "TP53", "\t"])
        assert [str(r.status) for r in results] == [
            "not_found",
            "not_found",
            "approved",
            "not_found",
        ]
        assert posts(server) == [1]
        server.reset()
        assert [r.status for r in source.resolve_many(["", " "])] == [Status.NOT_FOUND] * 2
        assert source.resolve_many([]) == []
        assert server.requests == []

    def test_unsendable_terms(self, server: MyGeneServer, source: MyGeneSource) -> None:
        """A double quote or backslash would break the whole batch (HTTP 400): not sent."""
        results = source.resolve_many(['TP"53', "TP53\\", "TP53"])
        assert [str(r.status) for r in results] == ["not_found", "not_found", "approved"]
        assert posts(server) == [1]

    def test_surrounding_space_stripped(self, server: MyGeneServer, source: MyGeneSource) -> None:
        """' TP53 ' is sent as TP53 (once, with TP53) and keeps its own query text."""
        results = source.resolve_many([" TP53 ", "TP53"])
        assert [r.query for r in results] == [" TP53 ", "TP53"]
        assert [r.symbol for r in results] == ["TP53", "TP53"]
        assert posts(server) == [1]

    def test_non_str_term(self, server: MyGeneServer, source: MyGeneSource) -> None:
        """A non-str element is a TypeError naming its position, before any request."""
        with pytest.raises(TypeError, match="position 1"):
            source.resolve_many(["TP53", 7157])  # type: ignore[list-item]
        assert server.requests == []

    def test_2500_terms_3_requests(self, server: MyGeneServer, resolver: Resolver) -> None:
        """2,500 unique terms go out as 1,000 + 1,000 + 500; every term comes back in order.
        (A timeout long enough for a 1,000-term answer on a busy machine: a retry would send
        a batch twice.)"""
        terms = [d["symbol"] for d in snapshot_documents() if d.get("HGNC")][:2500]
        with MyGeneSource(server.url, snapshot=resolver, timeout=30, retries=0) as source:
            results = source.resolve_many(terms)
        assert posts(server) == [1000, 1000, 500]
        assert [r.query for r in results] == terms
        assert all(r.symbol == t for r, t in zip(results, terms, strict=True))

    def test_request_shape(self, server: MyGeneServer, source: MyGeneSource) -> None:
        """Scopes symbol,alias; species as a string; the fields a Resolution needs."""
        source.resolve("TP53")
        post = next(r for r in server.requests if r.method == "POST")
        params = dict(post.params)
        assert post.path == "/v3/query/"
        assert params["scopes"] == "symbol,alias"
        assert params["species"] == "human"
        assert set(params["fields"].split(",")) >= {"symbol", "alias", "HGNC", "ensembl.gene"}
        assert params["q"] == '"TP53"'

    def test_metadata_fetched_once(self, server: MyGeneServer, source: MyGeneSource) -> None:
        """The release comes from one GET /metadata per source."""
        source.resolve_many(["TP53"])
        source.resolve_many(["CDK2"])
        assert source.release == RELEASE
        assert server.count("/v3/metadata", "GET") == 1
        assert server.count("/v3/query") == 2


class TestShapes:
    """alias, ensembl, entrezgene and HGNC come in several shapes."""

    def test_alias_string_and_list(self, source: MyGeneSource, resolver: Resolver) -> None:
        """A gene whose alias is a single string and one whose alias is a list both resolve."""
        docs = [d for d in snapshot_documents() if d.get("HGNC") and "alias" in d]
        single = next(
            d for d in docs
            if isinstance(d["alias"], str) and resolver.resolve(d["alias"]).symbol == d["symbol"]
        )  # fmt: skip
        several = next(
            d for d in docs
            if isinstance(d["alias"], list)
            and resolver.resolve(d["alias"][-1]).symbol == d["symbol"]
        )  # fmt: skip
        got = source.resolve_many([single["alias"], several["alias"][-1]])
        assert [r.symbol for r in got] == [single["symbol"], several["symbol"]]

    def test_ensembl_list(self, source: MyGeneSource) -> None:
        """FLOT1's ensembl is a list (alternate haplotype first): the HGNC gene ID is kept."""
        doc = next(d for d in snapshot_documents() if d.get("symbol") == "FLOT1")
        assert isinstance(doc["ensembl"], list)
        assert source.resolve("FLOT1").ensembl == "ENSG00000137312"

    def test_ensembl_list_without_snapshot(self, server: MyGeneServer) -> None:
        """Without the snapshot, the smallest Ensembl ID of a list is chosen."""
        with MyGeneSource(server.url) as bare:
            assert bare.resolve("FLOT1").ensembl == "ENSG00000137312"

    def test_entrezgene_str_and_int(self, source: MyGeneSource) -> None:
        """CDK2's recorded document has entrezgene as a str, TP53's as an int: both are text."""
        docs = {d.get("symbol"): d for d in snapshot_documents()}
        assert isinstance(docs["CDK2"]["entrezgene"], str)
        assert isinstance(docs["TP53"]["entrezgene"], int)
        assert [r.entrez for r in source.resolve_many(["CDK2", "TP53"])] == ["1017", "7157"]

    def test_hgnc_prefix_added(self, source: MyGeneSource) -> None:
        """HGNC comes as a bare number and leaves as HGNC:n."""
        assert source.resolve("CDK2").hgnc_id == "HGNC:1771"

    def test_non_hgnc_genes(self) -> None:
        """Non-HGNC hits are ignored, but an exact non-HGNC symbol blocks an alias pick."""
        docs = [
            {"_id": "900001", "symbol": "ZZHGNC1", "HGNC": "99001", "alias": ["ZZTERM1", "ZZALIAS"], "taxid": 9606},
            {"_id": "900002", "symbol": "ZZTERM1", "taxid": 9606},  # a LOC-like NCBI gene
            {"_id": "900003", "symbol": "ZZLOC2", "alias": "ZZALIAS", "taxid": 9606},
            {"_id": "ENSG00000283341", "taxid": 9606, "ensembl": {"type_of_gene": "lncRNA"}},
        ]  # fmt: skip
        with MyGeneServer(docs) as server, MyGeneSource(server.url) as source:
            blocked, alias, loc = source.resolve_many(["ZZTERM1", "ZZALIAS", "ZZLOC2"])
        assert blocked.status is Status.AMBIGUOUS
        assert blocked.symbol is None
        assert [c.symbol for c in blocked.candidates] == ["ZZHGNC1"]
        assert summary(alias) == ("alias", "ZZHGNC1", "HGNC:99001")
        assert summary(loc) == ("not_found", None, None)


# --------------------------------------------------------------------------- faults


RETRYABLE = [
    pytest.param(Fault.error(429, retry_after=1), id="429-retry-after"),
    pytest.param(Fault.error(429), id="429"),
    pytest.param(Fault.error(500), id="500"),
    pytest.param(Fault.html(502), id="502-html"),
    pytest.param(Fault.error(503), id="503"),
    pytest.param(Fault.error(504), id="504"),
    pytest.param(Fault.delay(3.0), id="stall"),
    pytest.param(Fault.html(200), id="200-html"),
    pytest.param(Fault.json({"success": True}), id="200-object"),
    pytest.param(Fault.json([{"query": "TP53", "symbol": "TP53"}]), id="200-truncated"),
    pytest.param(Fault.connection_reset(), id="reset"),
]
TERMS = ["TP53", "CDK2", "", "TP53", "NA_TEST"]


class TestFaults:
    """Every fault is retried; a batch that keeps failing raises or falls back."""

    @pytest.mark.parametrize("fault", RETRYABLE)
    def test_recovers(self, server: MyGeneServer, source: MyGeneSource, fault: Fault) -> None:
        """One fault, then success: the right results after exactly one retry."""
        server.inject(fault)
        results = source.resolve_many(TERMS)
        assert [r.symbol for r in results] == ["TP53", "CDK2", None, "TP53", None]
        assert all(r.source == "mygene" for r in results)
        assert posts(server) == [3, 3]

    @pytest.mark.parametrize("fault", RETRYABLE)
    def test_gives_up(self, server: MyGeneServer, source: MyGeneSource, fault: Fault) -> None:
        """A fault on every attempt: BackendUnavailableError after 1 + retries requests."""
        server.inject(fault, count=None)
        with pytest.raises(BackendUnavailableError, match="4 of 5 terms") as info:
            source.resolve_many(TERMS)
        assert info.value.affected == 4  # the empty term was answered locally
        assert len(posts(server)) == 3

    @pytest.mark.parametrize("fault", RETRYABLE)
    def test_falls_back(self, server: MyGeneServer, resolver: Resolver, fault: Fault) -> None:
        """With fallback, the failed batch comes from the snapshot, marked as such."""
        server.inject(fault, count=None)
        with MyGeneSource(
            server.url, snapshot=resolver, timeout=0.5, retries=1, backoff=0, max_wait=0,
            fallback=True,
        ) as source:  # fmt: skip
            results = source.resolve_many(TERMS)
        assert [r.query for r in results] == TERMS
        assert [r.symbol for r in results] == ["TP53", "CDK2", None, "TP53", None]
        assert [r.source for r in results] == [
            "snapshot",
            "snapshot",
            "mygene",
            "snapshot",
            "snapshot",
        ]
        assert results[0] == resolver.resolve("TP53")

    def test_bad_request_not_retried(self, server: MyGeneServer, source: MyGeneSource) -> None:
        """HTTP 400 is not worth retrying: one request, then the error."""
        server.inject(Fault.error(400), count=None)
        with pytest.raises(BackendUnavailableError, match="HTTP 400") as info:
            source.resolve_many(["TP53"])
        assert info.value.affected == 1
        assert len(posts(server)) == 1

    def test_retry_after_honoured(
        self, server: MyGeneServer, resolver: Resolver, caplog: pytest.LogCaptureFixture
    ) -> None:
        """Retry-After: 1 makes the source wait a second although its own backoff is tiny."""
        server.inject(Fault.error(429, retry_after=1))
        with MyGeneSource(server.url, snapshot=resolver, backoff=0.001, max_wait=5) as source:
            start = time.perf_counter()
            with caplog.at_level(logging.INFO, logger="genenorm.sources.mygene"):
                assert source.resolve("TP53").symbol == "TP53"
            elapsed = time.perf_counter() - start
        assert elapsed >= 1.0
        assert "HTTP 429" in caplog.text
        assert "in 1.00 s" in caplog.text

    def test_retry_after_capped(self, server: MyGeneServer, resolver: Resolver) -> None:
        """A huge Retry-After is capped by max_wait."""
        server.inject(Fault.error(503, retry_after=3600))
        with MyGeneSource(server.url, snapshot=resolver, max_wait=0.01) as source:
            start = time.perf_counter()
            assert source.resolve("TP53").symbol == "TP53"
        assert time.perf_counter() - start < 2

    def test_retry_after_parsing(self) -> None:
        """Retry-After is delta-seconds or an HTTP date; garbage is ignored."""
        assert _retry_after("2") == 2.0
        assert _retry_after("-5") == 0.0
        assert _retry_after(None) is None
        assert _retry_after("soon") is None
        future = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
        wait = _retry_after(future)
        assert wait is not None
        assert 25 < wait <= 30

    def test_exponential_backoff(
        self, server: MyGeneServer, resolver: Resolver, caplog: pytest.LogCaptureFixture
    ) -> None:
        """Waits double from the base delay: 0.01, 0.02, 0.04 s."""
        server.inject(Fault.error(500), count=3)
        with (
            MyGeneSource(server.url, snapshot=resolver, backoff=0.01, retries=3) as source,
            caplog.at_level(logging.INFO, logger="genenorm.sources.mygene"),
        ):
            assert source.resolve("TP53").symbol == "TP53"
        assert [m.split(" in ")[-1] for m in caplog.messages] == ["0.01 s", "0.02 s", "0.04 s"]

    def test_later_batch_fails(self, server: MyGeneServer, source: MyGeneSource) -> None:
        """affected counts the inputs of the failed batch and of the batches not tried."""
        source.batch_size = 2
        server.inject(Fault())  # the first batch is answered normally
        server.inject(Fault.error(503), count=None)
        terms = ["TP53", "CDK2", "EGFR", "KRAS", "BRAF", "EGFR", "TP53"]
        with pytest.raises(BackendUnavailableError, match="batch 2 of 3") as info:
            source.resolve_many(terms)
        assert info.value.affected == 4  # EGFR twice, KRAS, BRAF
        assert len(posts(server)) == 1 + 3  # later batches are not tried

    def test_partial_fallback(self, server: MyGeneServer, resolver: Resolver) -> None:
        """Only the terms of failed batches come from the snapshot."""
        server.inject(Fault())
        server.inject(Fault.error(503), count=None)
        with MyGeneSource(
            server.url, snapshot=resolver, retries=0, batch_size=2, fallback=True
        ) as source:
            results = source.resolve_many(["TP53", "CDK2", "EGFR", "KRAS", "TP53"])
        assert [r.source for r in results] == ["mygene", "mygene", "snapshot", "snapshot", "mygene"]
        assert [r.symbol for r in results] == ["TP53", "CDK2", "EGFR", "KRAS", "TP53"]

    def test_metadata_failure(self, server: MyGeneServer, source: MyGeneSource) -> None:
        """No metadata, no release: every sendable term is affected."""
        server.inject(Fault.error(503), count=None, path="/v3/metadata")
        with pytest.raises(BackendUnavailableError) as info:
            source.resolve_many(["TP53", "", "CDK2"])
        assert info.value.affected == 2
        assert posts(server) == []

    def test_server_down(self, resolver: Resolver) -> None:
        """Nothing listening: a transport error, retried, then the error or the fallback."""
        with MyGeneServer([]) as server:
            url = server.url
        with (
            MyGeneSource(url, snapshot=resolver, retries=1, backoff=0) as source,
            pytest.raises(BackendUnavailableError, match="ConnectError"),
        ):
            source.resolve_many(["TP53"])
        with MyGeneSource(url, snapshot=resolver, retries=0, fallback=True) as source:
            assert source.resolve("TP53").source == "snapshot"

    @settings(
        max_examples=30, deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )  # fmt: skip
    @given(
        terms=st.lists(
            st.sampled_from(
                ["TP53", "tp53", "CDK2", "", " ", "TAZ", "NA_TEST", "ROR1", "CRYB1", 'x"y']
            ),
            max_size=12,
        ),
        failing=st.booleans(),
    )
    def test_no_term_lost(
        self, server: MyGeneServer, resolver: Resolver, terms: list[str], failing: bool
    ) -> None:
        """Whatever the input and whether the service fails, one result per term, in order."""
        server.reset()
        if failing:
            server.inject(Fault.error(503), count=None)
        with MyGeneSource(
            server.url, snapshot=resolver, retries=0, batch_size=3, fallback=True
        ) as source:
            results = source.resolve_many(terms)
        assert [r.query for r in results] == terms
        for term, r in zip(terms, results, strict=True):
            assert r.source == ("snapshot" if failing and _sendable(term) else "mygene")
            if term not in ("TAZ", 'x"y'):
                assert r.symbol == resolver.resolve(term).symbol
        server.reset()


# --------------------------------------------------------------------------- configuration


class TestConfiguration:
    """URL, options and construction through get_source."""

    def test_url_from_environment(
        self, server: MyGeneServer, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """$GENENORM_MYGENE_URL is used when no url is given; every request goes there."""
        monkeypatch.setenv(URL_ENV, server.url + "/")
        with MyGeneSource() as source:
            assert source.url == server.url
            assert source.resolve("TP53").symbol == "TP53"
        assert [r.path for r in server.requests] == ["/v3/metadata", "/v3/query/"]

    def test_default_url(self) -> None:
        """Without argument or environment, the public service."""
        assert MyGeneSource().url == DEFAULT_URL == "https://mygene.info/v3"

    @pytest.mark.parametrize(
        ("kwargs", "error"),
        [
            ({"url": "ftp://example.org"}, ValueError),
            ({"timeout": 0}, ValueError),
            ({"retries": -1}, ValueError),
            ({"batch_size": 1001}, ValueError),
            ({"fallback": True}, ValueError),
            ({"species": ["human"]}, TypeError),
        ],
    )
    def test_bad_options(self, kwargs: dict[str, object], error: type[Exception]) -> None:
        """Bad options fail at construction."""
        with pytest.raises(error):
            MyGeneSource(**kwargs)  # type: ignore[arg-type]

    def test_get_source(self, server: MyGeneServer) -> None:
        """get_source('mygene') passes the URL, the snapshot and the options through."""
        source = get_source("mygene", mygene_url=server.url, timeout=2.5, retries=1, fallback=True)
        assert isinstance(source, MyGeneSource)
        assert (source.name, source.url, source.timeout, source.retries) == (
            "mygene",
            server.url,
            2.5,
            1,
        )
        assert source.snapshot is not None
        assert source.fallback
        assert source.resolve("TP53").symbol == "TP53"
        source.close()

    def test_import_is_lazy(self) -> None:
        """Importing genenorm (even the sources module) does not import mygene."""
        import subprocess
        import sys

        code = "import genenorm, genenorm.sources.mygene, sys; print('mygene' in sys.modules)"
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert done.stdout.strip() == "False"


# --------------------------------------------------------------------------- cache


class TestCache:
    """The optional SQLite cache."""

    def test_second_run_sends_nothing(
        self, server: MyGeneServer, resolver: Resolver, tmp_path: Path
    ) -> None:
        """Cached terms are not sent again, even by a new source; new terms are."""
        path = tmp_path / "cache.sqlite3"
        with MyGeneSource(server.url, snapshot=resolver, cache=path) as source:
            first = source.resolve_many(["TP53", "ROR1", "NA_TEST"])
        with MyGeneSource(server.url, snapshot=resolver, cache=path) as source:
            second = source.resolve_many(["TP53", "ROR1", "NA_TEST", "CDK2"])
        assert second[:3] == first
        assert posts(server) == [3, 1]
        assert cache_info(path)["entries"] == 4

    def test_keyed_by_build(self, server: MyGeneServer, resolver: Resolver, tmp_path: Path) -> None:
        """A new MyGene.info build does not reuse old answers."""
        path = tmp_path / "cache.sqlite3"
        with MyGeneSource(server.url, snapshot=resolver, cache=path) as source:
            source.resolve("TP53")
        server.metadata["build_version"] = "20991231"
        try:
            with MyGeneSource(server.url, snapshot=resolver, cache=path) as source:
                r = source.resolve("TP53")
        finally:
            server.metadata["build_version"] = "20210517"
        assert r.release.startswith("MyGene.info 20991231")
        assert posts(server) == [1, 1]
        assert cache_info(path)["builds"] == {"20210517": 1, "20991231": 1}

    def test_failures_not_cached(
        self, server: MyGeneServer, resolver: Resolver, tmp_path: Path
    ) -> None:
        """Fallback answers are never stored."""
        path = tmp_path / "cache.sqlite3"
        server.inject(Fault.error(503), count=None)
        with MyGeneSource(
            server.url, snapshot=resolver, cache=path, retries=0, fallback=True
        ) as source:
            assert source.resolve("TP53").source == "snapshot"
        assert cache_info(path)["entries"] == 0

    def test_default_location_and_clear(
        self,
        server: MyGeneServer,
        resolver: Resolver,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """cache=True uses $XDG_CACHE_HOME/genenorm; clear_cache empties it."""
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
        assert default_cache_path() == tmp_path / "genenorm" / "mygene.sqlite3"
        with MyGeneSource(server.url, snapshot=resolver, cache=True) as source:
            source.resolve_many(["TP53", "CDK2"])
        assert default_cache_path().exists()
        assert clear_cache() == 2
        assert not default_cache_path().exists()
        assert clear_cache() == 0

    def test_off_by_default(
        self,
        server: MyGeneServer,
        resolver: Resolver,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """Without cache=, nothing is written."""
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
        with MyGeneSource(server.url, snapshot=resolver) as source:
            source.resolve("TP53")
        assert not any(tmp_path.iterdir())


# --------------------------------------------------------------------------- agreement


def vocabulary(resolver: Resolver) -> list[str]:
    """A fixed vocabulary drawn from the snapshot by rule (no hand-picked terms).

    Approved genes with an NCBI Gene ID in HGNC-number order; the n-th gives its symbol when
    n % 400 == 0, its lower-cased symbol when n % 400 == 200, its first previous symbol when
    n % 300 == 0 and its first alias when n % 300 == 150; then every k-th of the sorted
    aliases shared by several genes (40 of them) and 20 invented unknown terms.
    """
    lexicon = resolver.lexicon
    genes = sorted(
        (g for g in lexicon.genes if g.status == "approved" and g.entrez),
        key=lambda g: int(g.hgnc_id.removeprefix("HGNC:")),
    )
    terms: list[str] = []
    for n, g in enumerate(genes):
        if n % 400 == 0:
            terms.append(g.symbol)
        if n % 400 == 200:
            terms.append(g.symbol.lower())
        if g.previous and n % 300 == 0:
            terms.append(g.previous[0])
        if g.aliases and n % 300 == 150:
            terms.append(g.aliases[0])
    shared = sorted(
        {
            a
            for g in genes
            for a in g.aliases
            if len({e[0] for e in lexicon.lookup_fold(fold(a))}) > 1
        }
    )
    terms += shared[:: len(shared) // 40][:40]
    terms += [f"GNUNKNOWN{i}" for i in range(20)]
    return list(dict.fromkeys(terms))


def comparable(r: Resolution) -> bool:
    """False for snapshot answers MyGene.info cannot give, by principle.

    Excluded: FamPlex families and curated groundings, withdrawn symbols (HGNC records
    MyGene.info does not carry), normalised spellings (Greek letters, punctuation), Excel
    dates and microRNA spellings (genenorm's own rules), and genes without an NCBI Gene ID
    (not in MyGene.info).
    """
    if r.status in (Status.FAMILY, Status.WITHDRAWN):
        return False
    if r.match not in (None, MatchMethod.EXACT, MatchMethod.CASE_FOLDED):
        return False
    excluded = (Relation.CURATED, Relation.SUCCESSOR, Relation.MEMBER)
    return not any(c.relation in excluded or not c.entrez for c in r.candidates)


def test_agreement_with_snapshot(source: MyGeneSource, resolver: Resolver) -> None:
    """Both backends give the same current symbol, HGNC ID and status on a fixed vocabulary."""
    terms = vocabulary(resolver)
    assert len(terms) >= 200
    live = source.resolve_many(terms)
    offline = resolver.resolve_many(terms)
    compared = 0
    kinds: set[str] = set()
    for term, m, s in zip(terms, live, offline, strict=True):
        if not comparable(s):
            continue
        kinds.add(str(s.status))
        if m.symbol is not None and s.symbol is not None:
            compared += 1
            assert (m.symbol, m.hgnc_id, m.status) == (s.symbol, s.hgnc_id, s.status), term
        else:
            assert (m.status, s.status) in (
                (Status.NOT_FOUND, Status.NOT_FOUND),
                (Status.AMBIGUOUS, Status.AMBIGUOUS),
            ), (term, m, s)
    assert compared >= 200
    assert kinds == {"approved", "previous", "alias", "ambiguous", "not_found"}


# --------------------------------------------------------------------------- CLI


class TestCli:
    """genenorm resolve --source mygene, and genenorm cache."""

    def test_resolve(self, server: MyGeneServer, capsys: pytest.CaptureFixture[str]) -> None:
        """TSV rows with mygene provenance, one per term."""
        code = main(
            [
                "resolve",
                "--source",
                "mygene",
                "--mygene-url",
                server.url,
                "TP53",
                "ROR1",
                "CRYB1",
                "NA_TEST",
            ]
        )
        out, err = capsys.readouterr()
        assert code == 0, err
        rows = [line.split("\t") for line in out.splitlines()]
        header, body = rows[0], rows[1:]
        got = [dict(zip(header, row, strict=True)) for row in body]
        assert [(g["query"], g["status"], g["symbol"]) for g in got] == [
            ("TP53", "approved", "TP53"),
            ("ROR1", "approved", "ROR1"),
            ("CRYB1", "previous", "CRYBA1"),
            ("NA_TEST", "not_found", ""),
        ]
        assert {g["source"] for g in got} == {"mygene"}
        assert {g["release"] for g in got} == {RELEASE}

    def test_resolve_jsonl(self, server: MyGeneServer, capsys: pytest.CaptureFixture[str]) -> None:
        """--format jsonl carries the same values."""
        code = main(
            [
                "resolve",
                "--source",
                "mygene",
                "--mygene-url",
                server.url,
                "--format",
                "jsonl",
                "tp53",
            ]
        )
        rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        assert code == 0
        assert [(r["symbol"], r["hgnc_id"], r["source"]) for r in rows] == [
            ("TP53", "HGNC:11998", "mygene")
        ]

    def test_unavailable(self, server: MyGeneServer, capsys: pytest.CaptureFixture[str]) -> None:
        """A failing service exits 3 with the count; --fallback answers from the snapshot."""
        server.inject(Fault.error(503), count=None)
        argv = [
            "resolve",
            "--source",
            "mygene",
            "--mygene-url",
            server.url,
            "--retries",
            "0",
            "TP53",
            "CDK2",
        ]
        assert main(argv) == 3
        assert "2 of 2 terms unresolved" in capsys.readouterr().err
        assert main([*argv, "--fallback"]) == 0
        assert "\tsnapshot\t" in capsys.readouterr().out

    def test_cache_commands(
        self,
        server: MyGeneServer,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """--cache fills the cache; cache info shows it; cache clear empties it."""
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
        argv = [
            "resolve",
            "--source",
            "mygene",
            "--mygene-url",
            server.url,
            "--cache",
            "TP53",
            "CDK2",
        ]
        assert main(argv) == 0
        assert main(argv) == 0
        assert posts(server) == [2]
        capsys.readouterr()
        assert main(["cache", "info"]) == 0
        out = capsys.readouterr().out
        assert "entries: 2" in out
        assert "MyGene.info 20210517: 2" in out
        assert main(["cache", "clear"]) == 0
        assert "removed 2 cached terms" in capsys.readouterr().err
        assert main(["cache", "info", "--path", str(tmp_path / "none.sqlite3")]) == 0
        assert "exists: False" in capsys.readouterr().out


# --------------------------------------------------------------------------- hardening (issue 12)


def _bounded(call: Callable[[], object], limit: float) -> tuple[object, float]:
    """Run *call* in a thread; fail (rather than hang) when it takes more than *limit* s.

    Returns what it returned or raised, and the seconds it took.
    """
    box: list[object] = []

    def run() -> None:
        try:
            box.append(call())
        except BaseException as err:
            box.append(err)

    start = time.monotonic()
    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(limit)
    took = time.monotonic() - start
    assert not worker.is_alive(), f"still running after {limit} s (no overall deadline)"
    return box[0], took


def _pages(tmp_path: Path, n: int) -> Path:
    """A folder of *n* copies of the reference page (a.md, b.md, ...)."""
    folder = tmp_path / "pages"
    folder.mkdir()
    text = REFERENCE_PAGE.read_text(encoding="utf-8")
    for i in range(n):
        (folder / f"{chr(ord('a') + i)}.md").write_text(text, encoding="utf-8")
    return folder


class TestDeadlineAndCap:
    """--timeout bounds the whole request; answers are capped in size."""

    @pytest.mark.parametrize("headers", [False, True], ids=["body", "headers"])
    def test_slow_drip(self, server: MyGeneServer, resolver: Resolver, headers: bool) -> None:
        """One byte every 0.1 s never trips a 1 s read timeout; the deadline ends it."""
        server.inject(Fault.slow_drip(0.1, headers=headers), count=None, path="/v3/metadata")
        source = MyGeneSource(server.url, snapshot=resolver, timeout=1.0, retries=1, backoff=0)
        got, took = _bounded(lambda: source.resolve("TP53"), 15)
        assert isinstance(got, BackendUnavailableError), got
        assert "deadline of 1 s for the whole request passed" in str(got)
        assert took < 2 * 1.0 + 1.5  # two attempts of at most 1 s each, and some slack
        source.close()

    @pytest.mark.parametrize(
        "fault",
        [
            Fault.huge(200_000_000),
            Fault.huge(200_000_000, declare_length=False),
            Fault.huge(200_000_000, gzip=True),
        ],
        ids=["declared", "streamed", "gzip-bomb"],
    )
    def test_huge_body(self, server: MyGeneServer, resolver: Resolver, fault: Fault) -> None:
        """A 200 MB answer fails at the cap, without retries and without being held whole."""
        server.inject(fault, count=None, path="/v3/metadata")
        source = MyGeneSource(server.url, snapshot=resolver, retries=2, max_bytes=1 << 20)
        tracemalloc.start()
        try:
            got, _ = _bounded(lambda: source.resolve("TP53"), 60)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
            source.close()
        assert isinstance(got, BackendUnavailableError), got
        assert "larger than" in str(got)
        assert "1,048,576" in str(got)
        assert server.count("/v3/metadata", "GET") == 1  # a cap is not worth a retry
        assert peak < 32 << 20, f"peak {peak:,} bytes"

    def test_cap_does_not_touch_normal_answers(
        self, server: MyGeneServer, resolver: Resolver
    ) -> None:
        """300 terms in one request go through under the default cap (a regression guard)."""
        terms = vocabulary(resolver)[:300]
        with MyGeneSource(server.url, snapshot=resolver) as source:
            results = source.resolve_many(terms)
        assert len(results) == len(terms)
        assert {r.source for r in results} == {"mygene"}


class TestOptionChecks:
    """Bad --timeout and --mygene-url values are named usage errors."""

    @pytest.mark.parametrize("value", ["inf", "-inf", "nan", "0", "-1", "1e300", "soon"])
    def test_timeout(self, capsys: pytest.CaptureFixture[str], value: str) -> None:
        url = "http://127.0.0.1:9/v3"  # never the public service, even if the check regressed
        argv = ["resolve", "--source", "mygene", "--mygene-url", url, f"--timeout={value}", "TP53"]
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert "argument --timeout: --timeout must be" in err
        assert "Traceback" not in err

    @pytest.mark.parametrize(
        "url",
        ["http://[::1", "ftp://example.org/v3", "http://", "http://host:99999/v3",
         "http://exa mple.org", "http://host/v3?x=1", "mygene.info/v3"],
    )  # fmt: skip
    def test_url(self, capsys: pytest.CaptureFixture[str], url: str) -> None:
        argv = ["resolve", "--source", "mygene", "--mygene-url", url, "TP53"]
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert "argument --mygene-url: --mygene-url" in err
        assert "is not valid" in err

    def test_url_from_environment(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        monkeypatch.setenv(URL_ENV, "http://[::1")
        assert main(["resolve", "--source", "mygene", "TP53"]) == 2
        assert f"${URL_ENV} 'http://[::1' is not valid" in capsys.readouterr().err

    @pytest.mark.parametrize(
        "kwargs",
        [{"timeout": math.inf}, {"max_wait": math.inf}, {"backoff": math.nan},
         {"retries": 1.5}, {"max_bytes": 10}, {"outage_hold": -1}],
    )  # fmt: skip
    def test_api(self, kwargs: dict[str, Any]) -> None:
        with pytest.raises(ValueError, match=next(iter(kwargs))):
            MyGeneSource("http://127.0.0.1:9/v3", **kwargs)


class TestOutage:
    """A service that keeps failing is remembered as down."""

    def test_remembered(
        self, server: MyGeneServer, resolver: Resolver, caplog: pytest.LogCaptureFixture
    ) -> None:
        """With --fallback, five calls pay the retries once, not five times; one warning."""
        server.inject(Fault.error(503), count=None, path="/v3/metadata")
        with (
            caplog.at_level(logging.WARNING, logger="genenorm.sources.mygene"),
            MyGeneSource(
                server.url, snapshot=resolver, retries=2, backoff=0.01, fallback=True
            ) as source,
        ):
            results = [source.resolve("TP53") for _ in range(5)]
        assert [r.source for r in results] == ["snapshot"] * 5
        assert server.count("/v3/metadata", "GET") == 3
        assert len(caplog.messages) == 1, caplog.messages

    def test_single_attempt_after_the_hold(self, server: MyGeneServer, resolver: Resolver) -> None:
        """After the hold one attempt is made; a success ends the outage."""
        server.inject(Fault.error(503), count=None, path="/v3/metadata")
        with MyGeneSource(
            server.url, snapshot=resolver, retries=2, backoff=0.01, fallback=True,
            outage_hold=0,
        ) as source:  # fmt: skip
            source.resolve("TP53")
            source.resolve("TP53")
            assert server.count("/v3/metadata", "GET") == 3 + 1
            server.clear_faults()
            assert source.resolve("TP53").source == "mygene"
            assert server.count("/v3/metadata", "GET") == 3 + 1 + 1

    def test_without_fallback_fails_at_once(self, server: MyGeneServer, resolver: Resolver) -> None:
        server.inject(Fault.error(503), count=None, path="/v3/metadata")
        with MyGeneSource(server.url, snapshot=resolver, retries=1, backoff=0.01) as source:
            for _ in range(3):
                with pytest.raises(BackendUnavailableError):
                    source.resolve("TP53")
        assert server.count("/v3/metadata", "GET") == 2

    def test_check_names_every_page(
        self, server: MyGeneServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """check --source mygene: every page gets a record naming it; exit 3 names the first."""
        folder = _pages(tmp_path, 3)
        server.inject(Fault.error(503), count=None, path="/v3/metadata")
        argv = ["check", str(folder), "--source", "mygene", "--mygene-url", server.url,
                "--retries", "1", "--no-progress"]  # fmt: skip
        assert main(argv) == 3
        out, err = capsys.readouterr()
        records = [json.loads(line) for line in out.splitlines()]
        assert [Path(r["path"]).name for r in records] == ["a.md", "b.md", "c.md"]
        for r in records:
            assert r["errors"]
            assert r["errors"][0].startswith(f"{r['path']}: not checked:")
        assert f"3 pages not checked, from {folder / 'a.md'} on" in err
        assert server.count("/v3/metadata", "GET") == 2

    def test_check_fallback_pays_once(
        self, server: MyGeneServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        folder = _pages(tmp_path, 4)
        server.inject(Fault.error(503), count=None, path="/v3/metadata")
        argv = ["check", str(folder), "--source", "mygene", "--mygene-url", server.url,
                "--retries", "2", "--fallback", "--no-progress"]  # fmt: skip
        assert main(argv) == 0
        records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        assert len(records) == 4
        assert not any(r["errors"] for r in records)
        assert server.count("/v3/metadata", "GET") == 3


class TestCacheHardening:
    """The cache key holds the service URL; broken cache files are survivable."""

    def test_keyed_by_url(self, server: MyGeneServer, resolver: Resolver, tmp_path: Path) -> None:
        """Answers cached from one server are not served for another."""
        path = tmp_path / "cache.sqlite3"
        with MyGeneSource(server.url, snapshot=resolver, cache=path) as source:
            assert source.resolve("TP53").symbol == "TP53"
        with (
            MyGeneServer([]) as other,
            MyGeneSource(other.url, snapshot=resolver, cache=path) as source,
        ):
            assert source.resolve("TP53").status is Status.NOT_FOUND
            assert other.count() == 1
            other_url = other.url
        assert cache_info(path)["services"] == {server.url: 1, other_url: 1}

    def test_answers_from_cache_when_down(
        self, server: MyGeneServer, resolver: Resolver, tmp_path: Path
    ) -> None:
        """With the service down, cached terms are answered (marked), others fail."""
        path = tmp_path / "cache.sqlite3"
        with MyGeneSource(server.url, snapshot=resolver, cache=path) as source:
            fresh = source.resolve_many(["TP53", "CRYB1"])
        server.inject(Fault.error(503), count=None, path="/v3")
        with MyGeneSource(server.url, snapshot=resolver, cache=path, retries=0) as source:
            cached = source.resolve_many(["TP53", "CRYB1"])
            with pytest.raises(BackendUnavailableError) as caught:
                source.resolve_many(["TP53", "CDK2"])
        assert caught.value.affected == 1
        assert [summary(r) for r in cached] == [summary(r) for r in fresh]
        assert {(r.source, r.release) for r in cached} == {(CACHED_SOURCE, RELEASE)}
        with MyGeneSource(
            server.url, snapshot=resolver, cache=path, retries=0, fallback=True
        ) as source:
            mixed = source.resolve_many(["TP53", "CDK2"])
        assert [r.source for r in mixed] == [CACHED_SOURCE, "snapshot"]

    @pytest.mark.parametrize("shape", ["corrupt", "directory", "truncated"])
    def test_broken_file(
        self,
        server: MyGeneServer,
        resolver: Resolver,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture,
        shape: str,
    ) -> None:
        """resolve --cache warns and answers; cache info warns; cache clear recovers."""
        path = tmp_path / "cache.sqlite3"
        if shape == "directory":
            path.mkdir()
        elif shape == "corrupt":
            path.write_bytes(b"not a database\n" * 500)
        else:
            with MyGeneSource(server.url, snapshot=resolver, cache=path) as source:
                source.resolve_many(["TP53", "CDK2"])
            data = path.read_bytes()
            path.write_bytes(data[:100] + b"\xff" * (len(data) - 100))
        with (
            caplog.at_level(logging.WARNING, logger="genenorm.sources.mygene"),
            MyGeneSource(server.url, snapshot=resolver, cache=path) as source,
        ):
            results = [source.resolve("TP53"), source.resolve("TP53")]
        assert [r.symbol for r in results] == ["TP53", "TP53"]
        warnings = [m for m in caplog.messages if "is unusable" in m]
        assert len(warnings) == 1, caplog.messages  # once per source, not per call
        assert str(path) in warnings[0]
        assert main(["cache", "info", "--path", str(path)]) == 0
        out, err = capsys.readouterr()
        assert "exists: True" in out
        assert f"warning: cache {path} is unusable" in err
        assert main(["cache", "clear", "--path", str(path)]) == 0
        assert "removed 0 cached terms" in capsys.readouterr().err
        assert not path.exists()

    def test_clear_keeps_a_full_directory(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A directory with files in it is not deleted; the error names it (exit 2)."""
        path = tmp_path / "cache.sqlite3"
        path.mkdir()
        (path / "keep.txt").write_text("mine\n")
        assert main(["cache", "clear", "--path", str(path)]) == 2
        assert f"cache {path} is a directory that is not empty" in capsys.readouterr().err
        assert (path / "keep.txt").exists()

    def test_read_only_file(
        self,
        server: MyGeneServer,
        resolver: Resolver,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture,
    ) -> None:
        """A cache file that cannot be written still answers; nothing crashes; clear works."""
        path = tmp_path / "cache.sqlite3"
        with MyGeneSource(server.url, snapshot=resolver, cache=path) as source:
            source.resolve("TP53")
        with _read_only(path):
            with (
                caplog.at_level(logging.WARNING, logger="genenorm.sources.mygene"),
                MyGeneSource(server.url, snapshot=resolver, cache=path) as source,
            ):
                results = source.resolve_many(["TP53", "CDK2"])
            assert [(r.symbol, r.source) for r in results] == [
                ("TP53", "mygene"),
                ("CDK2", "mygene"),
            ]
            assert posts(server) == [1, 1]  # TP53 came from the read-only cache
            assert any("readonly database" in m for m in caplog.messages), caplog.messages
            assert main(["cache", "info", "--path", str(path)]) == 0
            assert "entries: 1" in capsys.readouterr().out
        assert main(["cache", "clear", "--path", str(path)]) == 0
        assert not path.exists()


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[None]:
    """Make *path* unwritable for this process: mode 0444, or, for root (who ignores
    modes), the file system's immutable flag."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(0o644)
        return
    import fcntl
    import struct

    get_flags, set_flags, immutable = 0x80086601, 0x40086602, 0x10  # linux/fs.h
    with path.open("rb") as f:
        try:
            flags = struct.unpack("l", fcntl.ioctl(f, get_flags, b"\0" * 8))[0]
            fcntl.ioctl(f, set_flags, struct.pack("l", flags | immutable))
        except OSError as err:
            pytest.skip(f"running as root and cannot make {path} immutable: {err}")
        try:
            yield
        finally:
            fcntl.ioctl(f, set_flags, struct.pack("l", flags))


# --------------------------------------------------------------------------- the real service


@pytest.mark.network
def test_public_service(request: pytest.FixtureRequest, resolver: Resolver) -> None:
    """The real MyGene.info answers like the local server (opt-in: -m network and env)."""
    if "network" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("talks to mygene.info; run with -m network")
    if os.environ.get("GENENORM_NETWORK_TESTS") != "1":
        pytest.skip("talks to mygene.info; set GENENORM_NETWORK_TESTS=1")
    with MyGeneSource(DEFAULT_URL, snapshot=resolver, timeout=30) as source:
        results = source.resolve_many(["TP53", "tp53", "ROR1", "CDK2", "NA_TEST_GENENORM"])
    assert [r.symbol for r in results] == ["TP53", "TP53", "ROR1", "CDK2", None]
    assert results[0].hgnc_id == "HGNC:11998"
    assert results[0].release.startswith("MyGene.info ")
