"""Public functions given the wrong kind of argument raise a `TypeError` (or the documented
`PageError`) that names the function and what it takes, never an ``AttributeError`` from deep
inside (a fuzzing review of the API found a dozen)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import genenorm
from genenorm.check import check_hit_table, check_hits, check_page, check_path
from genenorm.exceptions import PageError
from genenorm.export import gene_set, gmt_line
from genenorm.pfocr import read_hit_table

from .conftest import REFERENCE_PAGE

pd = pytest.importorskip("pandas")
from genenorm import frames  # noqa: E402 - needs pandas


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: check_path(bytes(REFERENCE_PAGE)), r"check_path\(\) takes path as str"),
        (lambda: read_hit_table(b"x.tsv"), r"read_hit_table\(\) takes a path"),  # type: ignore[arg-type]
        (lambda: check_page(str(REFERENCE_PAGE)), r"check_page\(\) takes a Page, not str"),  # type: ignore[arg-type]
        (lambda: check_page(None), r"check_page\(\) takes a Page, not NoneType"),  # type: ignore[arg-type]
        (lambda: check_hits(["TP53"]), r"check_hits\(\) takes GeneHit values; got str at position 0"),  # type: ignore[list-item]
        (lambda: check_hits(h for h in []), r"takes a sequence of GeneHit, not generator"),  # type: ignore[arg-type]
        (lambda: check_hit_table("x.tsv"), r"check_hit_table\(\) takes a HitTable, not str"),  # type: ignore[arg-type]
        (lambda: gene_set(None), r"gene_set\(\) takes a PageReport"),  # type: ignore[arg-type]
        (lambda: gmt_line("x"), r"gmt_line\(\) takes a GeneSet"),  # type: ignore[arg-type]
        (lambda: genenorm.Resolver("/data"), r"use Resolver.from_dir"),  # type: ignore[arg-type]
        (lambda: genenorm.resolve(["TP53"]), r"terms must be str; got list"),  # type: ignore[arg-type]
        (lambda: frames.keywords_frame(["x"]), r"keywords_frame\(\) takes PageReport values; got str at position 0"),  # type: ignore[list-item]
        (lambda: frames.organisms_frame(b"x"), r"organisms_frame\(\) takes PageReport values, not a bytes"),  # type: ignore[arg-type]
        (lambda: frames.suggestions_frame([1]), r"suggestions_frame\(\) takes PageReport values; got int"),  # type: ignore[list-item]
        (lambda: frames.resolutions_frame([None]), r"resolutions_frame\(\) takes Resolution values; got NoneType"),  # type: ignore[list-item]
    ],
)  # fmt: skip
def test_wrong_kind_of_argument_is_a_named_type_error(
    call: Callable[[], object], message: str
) -> None:
    with pytest.raises(TypeError, match=message):
        call()


@pytest.mark.parametrize("name", ["a\x00b.md", "\ud800.md"])
def test_a_name_no_file_can_have_is_a_page_error(name: str, tmp_path: Path) -> None:
    """A path with a NUL or a lone surrogate is a `PageError` naming it, as the docstring
    says of any page that cannot be read (it was a bare ValueError or UnicodeEncodeError)."""
    with pytest.raises(PageError, match=r"^(a\\x00b|\\ud800)\.md: "):
        check_path(str(tmp_path / name).removeprefix(str(tmp_path) + "/"))
