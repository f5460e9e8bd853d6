"""Fuzzing the readers (issue 12): generated pages and hit tables never raise anything but a
`PageError`, never hang, and a corpus run gives exactly one record per input, in order."""

from __future__ import annotations

import tempfile
import time
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from genenorm.check import check_hits, check_paths
from genenorm.exceptions import PageError
from genenorm.models import Page
from genenorm.pfocr import HIT_TABLE_COLUMNS, read_hit_table_text, read_page_bytes

#: Per-example bound: generous for a shared 2-core machine, far below a hang.
BOUND = timedelta(seconds=10)
FUZZ = settings(max_examples=60, deadline=BOUND, suppress_health_check=[HealthCheck.too_slow])

#: Characters that matter to YAML, TSV and line splitting, plus some Unicode debris.
_TRICKY = "-:[]{}&*!|>'\"#%@`,?\t\r\n \x00\x1b\u2028\u0085\ufeff\u00a0é\u03b1"
_text = st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(_TRICKY), max_size=40)
_word = st.text(alphabet=st.sampled_from("ABCDPTENRSK0123-/ ab:[&*'\"\r\t"), max_size=8)


@st.composite
def page_bytes(draw: st.DrawFn) -> bytes:
    """A figure page: often well formed, sometimes nested deep, mutated or plain bytes."""
    kind = draw(st.sampled_from(["page", "page", "deep", "mutated", "bytes"]))
    if kind == "bytes":
        return draw(st.binary(max_size=200))
    keywords = draw(st.lists(_word, max_size=6))
    lines = ["---", f"figid: {draw(_word)}", "schema-jsonld:", "  keywords:"]
    lines += [f"  - {k}" for k in keywords]
    if draw(st.booleans()):
        lines.append(f"caption: {draw(_text)}")
    if draw(st.booleans()):  # a key given twice
        lines.append(f"figid: {draw(_word)}")
    if kind == "deep":
        depth = draw(st.integers(100, 3000))
        opener, closer = draw(st.sampled_from([("[", "]"), ("{a: ", "}")]))
        lines.append("other: " + opener * depth + closer * depth)
    lines.append("---")
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = newline.join(lines) + newline
    if kind == "mutated":
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(_text) + text[at + draw(st.integers(0, 5)) :]
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()) and kind == "mutated":
        data += draw(st.binary(max_size=8))
    return data


@st.composite
def table_text(draw: st.DrawFn) -> str:
    """A hit table: a known header (sometimes with a duplicate column), rows of fuzz."""
    header = list(HIT_TABLE_COLUMNS[draw(st.sampled_from(["website", "2020"]))])
    if draw(st.integers(0, 4)) == 0:
        header.append(draw(st.sampled_from(header)))
    rows = draw(
        st.lists(
            st.lists(_word, min_size=len(header), max_size=len(header)).map("\t".join)
            | st.sampled_from(["", "\t" * (len(header) - 1)])
            | _text,
            max_size=8,
        )
    )
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(["\t".join(header), *rows]) + newline


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """Load the snapshot once, so that the per-example bound times the readers, not the load."""
    list(check_paths([Path(__file__).parent / "data" / "pfocr-website" / "_figures"]))


@FUZZ
@given(page_bytes())
def test_a_page_is_a_page_or_a_page_error(data: bytes) -> None:
    """Reading any bytes as a page gives a `Page` or raises `PageError`, nothing else."""
    try:
        result: Page | PageError = read_page_bytes(data, path="fuzz.md")
    except PageError as err:
        result = err
    assert isinstance(result, Page) or str(result).startswith("fuzz.md")


@FUZZ
@given(table_text())
def test_a_table_is_a_table_or_a_page_error(text: str) -> None:
    """Any table text gives one hit per non-blank row, each judged, or raises `PageError`."""
    try:
        table = read_hit_table_text(text, name="fuzz-genes.tsv")
    except PageError as err:
        assert err.path == "fuzz-genes.tsv"  # noqa: PT017 - the error is the answer here
        return
    rows = [line for line in text.replace("\r\n", "\n").split("\n")[1:] if line]
    assert len(table.hits) == len(rows)
    assert len(check_hits(table.hits)) == len(table.hits)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(page_bytes(), min_size=1, max_size=4), st.lists(table_text(), max_size=4))
def test_a_corpus_run_gives_one_record_per_page(pages: list[bytes], tables: list[str]) -> None:
    """A directory of generated pages and side tables: one report per page, in order, in time."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "_figures").mkdir()
        (root / "_data").mkdir()
        names = [f"p{i}" for i in range(len(pages))]
        for name, data in zip(names, pages, strict=False):
            (root / "_figures" / f"{name}.md").write_bytes(data)
        for name, text in zip(names, tables, strict=False):
            (root / "_data" / f"{name}-genes.tsv").write_text(text, "utf-8", "surrogatepass")
        start = time.monotonic()
        reports = list(check_paths([root]))
        assert time.monotonic() - start < BOUND.total_seconds() * len(pages)
    assert [Path(r.path).name for r in reports] == [f"{n}.md" for n in names]
    for report in reports:
        assert report.errors or report.figid
