"""One input, one record: the steps shared by ``genenorm check`` and the Dask helpers."""

from __future__ import annotations

from genenorm.check import check_page
from genenorm.corpus import HitsTable, check_one, error_report, used_tables
from genenorm.exceptions import PageError
from genenorm.models import Page

from .conftest import REFERENCE_HITS, REFERENCE_ID, REFERENCE_PAGE


def test_unreadable_input_is_its_error_record() -> None:
    err = PageError("malformed YAML", path="/x/PMC1__a.md", line=3)
    done = check_one(err, None, check_page)
    assert done.report.figid == "PMC1__a"
    assert done.report.errors == (str(err),)
    assert error_report(PageError("bad line", path="<stdin>:3")).figid == ""


def test_hits_table_goes_to_the_page_it_names() -> None:
    from genenorm.pfocr import read_page

    page = read_page(REFERENCE_PAGE)
    table = HitsTable.read(str(REFERENCE_HITS))
    assert table.applies_to(page)
    done = check_one(page, table, check_page)
    assert str(REFERENCE_HITS) in done.hit_tables
    assert len(done.report.hits) == len(table.table.hits)
    other = Page(figid="PMC0__other", keywords=("TP53",))
    assert not table.applies_to(other)
    tables, note = used_tables(other, table)
    assert tables == ()
    assert "no row for figure PMC0__other" in note
    assert REFERENCE_ID in table.describe()
