"""The HTTP API over a real ``genenorm serve`` on 127.0.0.1: results equal the library's,
limits and errors are RFC 9457 problems, and nothing is lost."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import attrs
import pytest

from .conftest import REFERENCE_HITS, REFERENCE_PAGE, WEBSITE, RunningServer

httpx = pytest.importorskip("httpx")
pytest.importorskip("fastapi", reason="the server tests need genenorm[server]")

PROBLEM = "application/problem+json"


def _library_report(text: str, hits_path: Path | None, name: str) -> dict:  # type: ignore[type-arg]
    """What the library says for the same page text and hit table."""
    from genenorm.check import check_page
    from genenorm.pfocr import read_hit_table, read_page_text

    page = read_page_text(text, path=name)
    if hits_path is not None:
        page = attrs.evolve(page, gene_hits=read_hit_table(hits_path).hits, has_hits=True)
    return check_page(page).to_dict()


class TestResolve:
    def test_equals_library(self, server: RunningServer) -> None:
        """One result per term, in order, equal to `resolve_many`'s."""
        import genenorm

        terms = ["FAM64A", "tp53", "TNF-α", "7-Sep", "TAZ", "xyzzy", "", "TP53"]
        r = httpx.post(f"{server.url}/v1/resolve", json={"terms": terms})
        assert r.status_code == 200
        assert r.json() == {"results": [x.to_dict() for x in genenorm.resolve_many(terms)]}

    def test_tsv_is_the_cli_output(self, server: RunningServer) -> None:
        """``Accept: text/tab-separated-values`` answers what ``genenorm resolve`` prints."""
        terms = ["SEPT7", "TAZ", "a\tb"]
        r = httpx.post(
            f"{server.url}/v1/resolve",
            json={"terms": terms},
            headers={"Accept": "text/tab-separated-values"},
        )
        cli = subprocess.run(
            ["genenorm", "resolve", *terms], capture_output=True, text=True, check=True
        )
        assert r.headers["content-type"].startswith("text/tab-separated-values")
        assert r.text == cli.stdout

    def test_too_many_terms_is_422(self) -> None:
        """Over ``--max-terms``: a 422 problem naming the limit; at the limit: answered."""
        small = RunningServer("--max-terms", "3")
        try:
            ok = httpx.post(f"{small.url}/v1/resolve", json={"terms": ["A", "B", "C"]})
            r = httpx.post(f"{small.url}/v1/resolve", json={"terms": ["A", "B", "C", "D"]})
        finally:
            small.stop()
        assert ok.status_code == 200
        assert len(ok.json()["results"]) == 3
        assert r.status_code == 422
        assert r.headers["content-type"] == PROBLEM
        body = r.json()
        assert body["status"] == 422
        assert "4 terms" in body["detail"]
        assert "at most 3" in body["detail"]
        assert body["errors"][0]["pointer"] == "#/terms"


class TestCheck:
    def test_reference_page_equals_library(self, server: RunningServer) -> None:
        """The reference page with its hit table (TSV text or JSON rows) gives the library's report."""
        text = REFERENCE_PAGE.read_text("utf-8")
        tsv = REFERENCE_HITS.read_text("utf-8")
        lines = tsv.splitlines()
        header = lines[0].split("\t")
        rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
        body = {
            "pages": [
                {"text": text, "hits": tsv, "name": "ref.md"},
                {"text": text, "hits": rows, "name": "ref.md"},
                {"text": text, "name": "bare.md"},
            ]
        }
        r = httpx.post(f"{server.url}/v1/check", json=body, timeout=30)
        assert r.status_code == 200
        reports = r.json()["reports"]
        with_hits = _library_report(text, REFERENCE_HITS, "ref.md")
        assert reports[0] == with_hits
        assert reports[1] == with_hits
        assert reports[2] == _library_report(text, None, "bare.md")
        verdicts = {k["keyword"]: k["verdict"] for k in reports[0]["keywords"]}
        assert verdicts["TCF23"] == "false_hit"
        assert verdicts["ABCB1"] == "supported"

    def test_bad_page_keeps_its_place(self, server: RunningServer) -> None:
        """A bad page in a batch gives an error record in its place; the others are checked."""
        good = REFERENCE_PAGE.read_text("utf-8")
        body = {
            "pages": [
                {"text": "---\nfigid: [unclosed\n---\n"},
                {"text": good},
                {"text": "no front matter"},
                {"front_matter": {"caption": "no figid"}},
                {},
                {"text": good, "hits": "not\ta\thit table\n"},
                {"front_matter": {"figid": "F1", "schema-jsonld": {"keywords": ["TP53", "out"]}}},
            ]
        }
        r = httpx.post(f"{server.url}/v1/check", json=body, timeout=30)
        assert r.status_code == 200
        reports = r.json()["reports"]
        assert len(reports) == len(body["pages"])
        failed = [i for i, rep in enumerate(reports) if rep["errors"]]
        assert failed == [0, 2, 3, 4, 5]
        assert reports[0]["errors"][0].startswith("pages[0]:3: malformed YAML")
        assert "exactly one of 'text' or 'front_matter'" in reports[4]["errors"][0]
        assert "missing column" in reports[5]["errors"][0]
        assert reports[1]["figid"] == "PMC11987792__cancers-17-01167-g005"
        assert [k["keyword"] for k in reports[6]["keywords"]] == ["TP53", "out"]

    def test_jsonl_and_tsv_are_the_cli_output(self, server: RunningServer) -> None:
        """The JSONL and TSV answers are byte for byte what ``genenorm check`` writes."""
        text = REFERENCE_PAGE.read_text("utf-8")
        body = {"pages": [{"text": text, "name": "<stdin>"}]}
        for fmt, accept in (
            ("jsonl", "application/x-ndjson"),
            ("tsv", "text/tab-separated-values"),
        ):
            r = httpx.post(f"{server.url}/v1/check", json=body, headers={"Accept": accept})
            cli = subprocess.run(
                ["genenorm", "check", "-", "--format", fmt],
                input=text,
                capture_output=True,
                text=True,
                check=True,
            )
            assert r.status_code == 200
            assert r.text == cli.stdout, fmt

    def test_include_text_gives_offsets_text(self, server: RunningServer) -> None:
        """``include_text`` returns the text that suggestion offsets index."""
        text = REFERENCE_PAGE.read_text("utf-8")
        r = httpx.post(f"{server.url}/v1/check?include_text=true", json={"pages": [{"text": text}]})
        data = r.json()
        page_text = data["texts"][0]
        for s in data["reports"][0]["suggestions"]:
            assert page_text[s["start"] : s["end"]] == s["text"]

    def test_never_reads_server_paths(self, server: RunningServer) -> None:
        """A page naming a server-side file is parsed as text, never opened."""
        body = {
            "pages": [
                {"text": str(REFERENCE_PAGE)},
                {"text": "---\nfigid: x\n---\n", "hits": "/etc/passwd"},
            ]
        }
        reports = httpx.post(f"{server.url}/v1/check", json=body).json()["reports"]
        assert "no YAML front matter" in reports[0]["errors"][0]
        assert "root" not in json.dumps(reports)
        assert reports[1]["errors"]


class TestCheckHits:
    def test_tsv_body_equals_cli(self, server: RunningServer) -> None:
        """A TSV body answered as TSV is what ``genenorm check-hits`` prints for the file."""
        for path in sorted((WEBSITE / "_data").glob("*-genes.tsv"))[:4]:
            r = httpx.post(
                f"{server.url}/v1/check-hits",
                content=path.read_bytes(),
                headers={
                    "Content-Type": "text/tab-separated-values",
                    "Accept": "text/tab-separated-values",
                },
            )
            cli = subprocess.run(
                ["genenorm", "check-hits", str(path)], capture_output=True, text=True, check=True
            )
            assert r.status_code == 200, r.text
            assert r.text == cli.stdout, path.name

    def test_json_rows_equal_library(self, server: RunningServer) -> None:
        """JSON rows come back in order with the verdict columns of the library."""
        from genenorm.check import check_hit_table
        from genenorm.pfocr import read_hit_table

        table = read_hit_table(REFERENCE_HITS)
        rows = [dict(h.raw) for h in table.hits]
        r = httpx.post(f"{server.url}/v1/check-hits", json={"rows": rows})
        assert r.status_code == 200
        got = r.json()["rows"]
        assert len(got) == len(rows)
        want = check_hit_table(table)
        assert [g["verdict"] for g in got] == [str(v.verdict) for v in want]
        assert [g["word"] for g in got] == [row["word"] for row in rows]

    def test_unknown_table_is_422(self, server: RunningServer) -> None:
        """Rows of no known format: a 422 problem naming the missing columns."""
        r = httpx.post(f"{server.url}/v1/check-hits", json={"rows": [{"word": "out"}]})
        assert r.status_code == 422
        assert r.headers["content-type"] == PROBLEM
        assert "missing columns" in r.json()["detail"]

    def test_wrong_media_type_is_415(self, server: RunningServer) -> None:
        """A body that is neither JSON nor TSV: 415."""
        r = httpx.post(
            f"{server.url}/v1/check-hits", content=b"x", headers={"Content-Type": "image/png"}
        )
        assert r.status_code == 415
        assert r.headers["content-type"] == PROBLEM


class TestErrors:
    @pytest.mark.parametrize(
        ("body", "status", "pointer"),
        [
            (b'{"terms": [1, "TP53"]}', 422, "#/terms/0"),
            (b'{"terms": "TP53"}', 422, "#/terms"),
            (b'{"terms": ["TP53"], "extra": 1}', 422, "#/extra"),
            (b'{"terms": [', 400, None),
            (b"\xff\xfe", 400, None),
            (b"", 422, None),
        ],
    )
    def test_malformed_bodies(
        self, server: RunningServer, body: bytes, status: int, pointer: str | None
    ) -> None:
        """Malformed bodies get 400/422 problems pointing at the offending input."""
        r = httpx.post(
            f"{server.url}/v1/resolve", content=body, headers={"Content-Type": "application/json"}
        )
        assert r.status_code == status, r.text
        assert r.headers["content-type"] == PROBLEM
        problem = r.json()
        assert problem["status"] == status
        assert problem["instance"] == "/v1/resolve"
        if pointer:
            assert problem["errors"][0]["pointer"] == pointer

    def test_not_found_is_a_problem(self, server: RunningServer) -> None:
        """Unknown paths are 404 problems too."""
        r = httpx.get(f"{server.url}/v2/nothing")
        assert r.status_code == 404
        assert r.headers["content-type"] == PROBLEM

    def test_oversized_body_is_413(self) -> None:
        """A body over ``--max-body-bytes`` is refused with 413, declared or chunked."""
        small = RunningServer("--max-body-bytes", "1000")
        big = json.dumps({"terms": ["TP53"] * 500}).encode()
        try:
            declared = httpx.post(
                f"{small.url}/v1/resolve", content=big, headers={"Content-Type": "application/json"}
            )
            chunked = httpx.post(
                f"{small.url}/v1/resolve",
                content=iter([big[:600], big[600:]]),
                headers={"Content-Type": "application/json"},
            )
            fits = httpx.post(f"{small.url}/v1/resolve", json={"terms": ["TP53"]})
        finally:
            small.stop()
        for r in (declared, chunked):
            assert r.status_code == 413
            assert r.headers["content-type"] == PROBLEM
            assert "at most 1000 bytes" in r.json()["detail"]
        assert fits.status_code == 200

    def test_time_limit_is_503(self) -> None:
        """A request computing past ``--time-limit`` gets a 503 problem, not a hang."""
        slow = RunningServer("--time-limit", "0.001")
        try:
            terms = [f"TERM{i}" for i in range(5000)]
            r = httpx.post(f"{slow.url}/v1/resolve", json={"terms": terms}, timeout=30)
            health = httpx.get(f"{slow.url}/healthz")
        finally:
            slow.stop()
        assert r.status_code == 503
        assert r.headers["content-type"] == PROBLEM
        assert "limit of 0.001 s" in r.json()["detail"]
        assert health.status_code == 200

    def test_full_worker_is_429(self) -> None:
        """Beyond ``--max-concurrency`` computing requests: 429 with Retry-After; none lost."""
        from concurrent.futures import ThreadPoolExecutor

        busy = RunningServer("--max-concurrency", "1", "--max-terms", "100000")
        terms = [f"NOTAGENE{i}" for i in range(60_000)]  # unique: about a second of work
        try:
            with ThreadPoolExecutor(4) as pool:
                answers = list(
                    pool.map(
                        lambda _: httpx.post(
                            f"{busy.url}/v1/resolve", json={"terms": terms}, timeout=60
                        ),
                        range(4),
                    )
                )
        finally:
            busy.stop()
        statuses = sorted(r.status_code for r in answers)
        assert statuses[0] == 200
        assert 429 in statuses
        assert set(statuses) <= {200, 429}
        for r in answers:
            if r.status_code == 429:
                assert r.headers["retry-after"] == "1"
                assert r.headers["content-type"] == PROBLEM
            else:
                assert len(r.json()["results"]) == len(terms)


class TestWorkers:
    def test_two_workers(self) -> None:
        """``--workers 2``: every worker process loads the data and answers the same."""
        import genenorm

        two = RunningServer("--workers", "2")
        try:
            answers = [
                httpx.post(f"{two.url}/v1/resolve", json={"terms": ["SEPT7", "TAZ"]})
                for _ in range(6)
            ]
        finally:
            two.stop()
        want = {"results": [r.to_dict() for r in genenorm.resolve_many(["SEPT7", "TAZ"])]}
        assert all(a.status_code == 200 and a.json() == want for a in answers)


class TestLiveSource:
    def test_mygene_source(self) -> None:
        """``--source mygene``: terms resolve through MyGene.info (a local one); 503 when down."""
        from genenorm.testing import Fault, MyGeneServer

        with MyGeneServer() as mygene:
            live = RunningServer(
                "--source", "mygene", "--mygene-url", mygene.url, "--retries", "0",
                "--timeout", "2", env={"NO_PROXY": "127.0.0.1,localhost"},
            )  # fmt: skip
            try:
                ok = httpx.post(f"{live.url}/v1/resolve", json={"terms": ["FAM64A", "TP53"]})
                queries = mygene.count()
                mygene.inject(Fault.error(500), count=None)
                down = httpx.post(f"{live.url}/v1/resolve", json={"terms": ["BRCA1"]}, timeout=30)
                data = httpx.get(f"{live.url}/v1/data").json()
            finally:
                live.stop()
        results = ok.json()["results"]
        assert [r["symbol"] for r in results] == ["PIMREG", "TP53"]
        assert {r["source"] for r in results} == {"mygene"}
        assert queries >= 1
        assert down.status_code == 503
        assert down.headers["content-type"] == PROBLEM
        assert data["source"] == "mygene"


class TestAccess:
    def test_token_and_cors(self, tmp_path: Path) -> None:
        """With a token file, /v1/* needs the bearer token; CORS answers only listed origins."""
        token_file = tmp_path / "token"
        token_file.write_text("s3cret-token\n")
        secured = RunningServer(
            "--token-file", str(token_file), "--cors-origin", "https://curator.example.org"
        )
        try:
            url = f"{secured.url}/v1/resolve"
            body = {"terms": ["TP53"]}
            missing = httpx.post(url, json=body)
            wrong = httpx.post(url, json=body, headers={"Authorization": "Bearer nope"})
            right = httpx.post(url, json=body, headers={"Authorization": "Bearer s3cret-token"})
            health = httpx.get(f"{secured.url}/healthz")
            allowed = httpx.options(
                url,
                headers={
                    "Origin": "https://curator.example.org",
                    "Access-Control-Request-Method": "POST",
                },
            )
            other = httpx.options(
                url,
                headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
            )
            spec = httpx.get(f"{secured.url}/openapi.json").json()
        finally:
            secured.stop()
        assert missing.status_code == wrong.status_code == 401
        assert missing.headers["content-type"] == PROBLEM
        assert missing.headers["www-authenticate"] == "Bearer"
        assert right.status_code == 200
        assert health.status_code == 200
        assert allowed.headers["access-control-allow-origin"] == "https://curator.example.org"
        assert "access-control-allow-origin" not in other.headers
        assert "401" in spec["paths"]["/v1/resolve"]["post"]["responses"]

    def test_no_cors_by_default(self, server: RunningServer) -> None:
        """By default no CORS header is sent."""
        r = httpx.post(
            f"{server.url}/v1/resolve",
            json={"terms": ["TP53"]},
            headers={"Origin": "https://curator.example.org"},
        )
        assert "access-control-allow-origin" not in r.headers


class TestService:
    def test_data_is_the_manifest_without_paths(self, server: RunningServer) -> None:
        """/v1/data gives the provenance of `snapshot_info`, without the server's path."""
        import genenorm

        info = genenorm.snapshot_info()
        data = httpx.get(f"{server.url}/v1/data").json()
        assert data["release"] == info["release"]
        assert data["sources"] == info["sources"]
        assert "data_dir" not in data

    def test_openapi_schemas_come_from_the_models(self, server: RunningServer) -> None:
        """The response schemas name every field of the result classes."""
        from genenorm.models import KeywordVerdict, PageReport

        spec = httpx.get(f"{server.url}/openapi.json").json()
        schemas = spec["components"]["schemas"]
        for cls in (PageReport, KeywordVerdict):
            assert list(schemas[cls.__name__]["properties"]) == [f.name for f in attrs.fields(cls)]
        ok = spec["paths"]["/v1/check"]["post"]["responses"]["200"]["content"]
        assert ok["application/json"]["schema"]["properties"]["reports"]["items"] == {
            "$ref": "#/components/schemas/PageReport"
        }

    def test_curl(self, server: RunningServer) -> None:
        """curl, as a non-Python client would call it."""
        curl = shutil.which("curl")
        if curl is None:
            pytest.skip("curl is not installed")
        out = subprocess.run(
            [curl, "-sS", "-H", "Content-Type: application/json", "-d", '{"terms": ["7-Sep"]}',
             f"{server.url}/v1/resolve"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        assert json.loads(out.stdout)["results"][0]["symbol"] == "SEPTIN7"

    def test_page_and_docs_are_served(self, server: RunningServer) -> None:
        """The curator page, its assets and the interactive docs answer."""
        page = httpx.get(f"{server.url}/")
        assert page.status_code == 200
        assert 'data-auth="none"' in page.text
        assert "default-src 'self'" in page.headers["content-security-policy"]
        for name in ("app.js", "style.css"):
            assert httpx.get(f"{server.url}/static/{name}").status_code == 200
        assert httpx.get(f"{server.url}/static/../pyproject.toml").status_code == 404
        assert httpx.get(f"{server.url}/docs").status_code == 200


class TestFoundByFuzzing:
    """What a fuzzing review of the API found (each test fails on the code before the fix)."""

    @pytest.mark.parametrize(
        ("path", "body", "pointer"),
        [
            ("/v1/resolve", b'{"terms": ["TP53", "A\\ud800"]}', "#/terms"),
            ("/v1/check", b'{"pages": [{"text": "x", "name": "p\\udc00"}]}', "#/pages/0/name"),
            ("/v1/check", b'{"pages": [{"text": "x", "hits": "w\\ud800"}]}', "#/pages/0/hits"),
        ],
    )
    def test_a_lone_surrogate_is_422_and_the_connection_lives_on(
        self, server: RunningServer, path: str, body: bytes, pointer: str
    ) -> None:
        """A lone surrogate (no character) in a term, a page name or hit rows is a 422 naming
        the field, not a 500 that also dropped the keep-alive connection."""
        with httpx.Client(base_url=server.url) as client:
            r = client.post(path, content=body, headers={"Content-Type": "application/json"})
            again = client.post("/v1/resolve", json={"terms": ["TP53"]})
        assert r.status_code == 422, r.text
        assert r.headers["content-type"] == PROBLEM
        assert r.json()["errors"][0]["pointer"] == pointer
        assert "lone surrogate" in r.json()["detail"]
        assert again.status_code == 200

    def test_max_hits_counts_tsv_hits_and_cr_line_ends(self) -> None:
        """``--max-hits`` applies to hits sent as TSV text in `/v1/check` and to a TSV body
        with CR-only line ends in `/v1/check-hits` (both were judged whole)."""
        header = (REFERENCE_HITS.read_text("utf-8").splitlines())[0]
        rows = REFERENCE_HITS.read_text("utf-8").splitlines()[1:7]
        small = RunningServer("--max-hits", "5")
        try:
            page = {"text": REFERENCE_PAGE.read_text("utf-8"), "hits": "\n".join([header, *rows])}
            check = httpx.post(f"{small.url}/v1/check", json={"pages": [page]})
            table = httpx.post(
                f"{small.url}/v1/check-hits",
                content="\r".join([header, *rows]).encode(),
                headers={"Content-Type": "text/tab-separated-values"},
            )
            five = httpx.post(
                f"{small.url}/v1/check-hits",
                content="\r".join([header, *rows[:5]]).encode(),
                headers={"Content-Type": "text/tab-separated-values"},
            )
        finally:
            small.stop()
        assert (check.status_code, table.status_code, five.status_code) == (422, 422, 200)
        assert "6 hit rows" in check.json()["detail"]

    @pytest.mark.parametrize("path", ["/healthz", "/v1/data", "/", "/static/app.js"])
    def test_head_wherever_get(self, server: RunningServer, path: str) -> None:
        """HEAD is answered wherever GET is (it was 405), with no body."""
        r = httpx.head(f"{server.url}{path}")
        assert r.status_code == 200
        assert r.content == b""

    @pytest.mark.parametrize(
        ("accept", "media"),
        [
            ("text/tab-separated-values;q=0", "application/json"),
            ("application/json, text/tab-separated-values;q=0.1", "application/json"),
            ("application/x-ndjson;q=0, application/json", "application/json"),
            ("text/tab-separated-values;q=0, */*", "application/json"),
            ("text/tab-separated-values", "text/tab-separated-values"),
            ("application/json;q=0.5, text/tab-separated-values", "text/tab-separated-values"),
            ("text/*", "text/tab-separated-values"),
            ("*/*", "application/json"),
        ],
    )
    def test_accept_weighs_quality(self, server: RunningServer, accept: str, media: str) -> None:
        """``Accept`` is read with its qualities, not searched for a substring: a type the
        client refuses (q=0) or ranks lower is not chosen."""
        r = httpx.post(
            f"{server.url}/v1/resolve", json={"terms": ["TP53"]}, headers={"Accept": accept}
        )
        assert r.status_code == 200
        assert r.headers["content-type"].split(";")[0] == media

    def test_an_unparsable_body_is_a_bad_request(self, server: RunningServer) -> None:
        """A body FastAPI cannot parse (a 5,000-digit number) is a 400 titled 'Bad Request'
        that says why, not 'Error'."""
        r = httpx.post(
            f"{server.url}/v1/resolve",
            content=b'{"terms": [' + b"1" * 5000 + b"]}",
            headers={"Content-Type": "application/json"},
        )
        assert r.status_code == 400
        assert r.json()["title"] == "Bad Request"
        assert "JSON" in r.json()["detail"]
