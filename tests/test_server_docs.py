"""The client examples of ``docs/server.md`` run against a real server (curl always; jq,
R with httr2 and Node.js when installed)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from genenorm.report import HIT_COLUMNS

from .conftest import ROOT, RunningServer

pytest.importorskip("fastapi", reason="the server tests need genenorm[server]")

DOC = ROOT / "docs" / "server.md"
DOC_URL = "http://127.0.0.1:8000"


def _blocks(language: str) -> list[str]:
    text = DOC.read_text("utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)


CURL = [b for b in _blocks("sh") if "curl" in b]


def test_the_doc_has_its_examples() -> None:
    """The page keeps its curl, R and JavaScript examples (the tests below run them)."""
    assert len(CURL) == 3
    assert len(_blocks("r")) == 1
    assert len(_blocks("js")) == 1


@pytest.mark.parametrize("block", CURL, ids=["resolve", "check-jq", "check-hits-tsv"])
def test_curl_examples(server: RunningServer, block: str) -> None:
    """Every curl example succeeds (``-f``: an HTTP error fails it) and answers data."""
    if shutil.which("curl") is None:
        pytest.skip("curl is not installed")
    if "jq " in block and shutil.which("jq") is None:
        pytest.skip("jq is not installed")
    script = "set -euo pipefail\n" + block.replace(DOC_URL, server.url)
    out = subprocess.run(
        ["bash", "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    if "/v1/resolve" in block:
        assert [r["symbol"] for r in json.loads(out)["results"]] == ["PIMREG", "SEPTIN7", None]
    elif "/v1/check-hits" in block:
        assert out.splitlines()[0].endswith("\t".join(HIT_COLUMNS))
    else:
        assert json.loads(out)["reports"][0]["figid"] == "PMC11987792__cancers-17-01167-g005"


def test_javascript_example(server: RunningServer) -> None:
    """The fetch example prints one line per term (Node.js >= 18)."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed")
    code = _blocks("js")[0].replace(DOC_URL, server.url)
    out = subprocess.run(
        [node, "--input-type=module", "-e", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.splitlines() == [
        "FAM64A\tprevious\tPIMREG",
        "7-Sep\tprevious\tSEPTIN7",
        "TAZ\tambiguous\t",
    ]


def test_r_example(server: RunningServer) -> None:
    """The httr2 example tabulates the verdicts (R with httr2)."""
    rscript = shutil.which("Rscript")
    if rscript is None:
        pytest.skip("R is not installed")
    has = subprocess.run([rscript, "-e", "library(httr2)"], capture_output=True, check=False)
    if has.returncode != 0:
        pytest.skip("the R package httr2 is not installed")
    code = _blocks("r")[0].replace(DOC_URL, server.url)
    out = subprocess.run(
        [rscript, "-e", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "false_hit" in out
