"""Writing check results: JSONL (one page a line), TSV (one keyword a row), a text table,
and hit tables with verdict columns appended. Decides nothing; the shapes (columns, records)
come from `genenorm.records`."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from typing import IO, TYPE_CHECKING

from .records import (
    HIT_COLUMNS,
    KEYWORD_COLUMNS,
    TABLE_COLUMNS,
    hit_rows,
    keyword_rows,
    page_record,
)

if TYPE_CHECKING:
    from .page_models import PageReport

__all__ = [
    "HIT_COLUMNS",
    "KEYWORD_COLUMNS",
    "escape_text",
    "hit_rows",
    "keyword_rows",
    "needs_escape",
    "tsv_cell",
    "tsv_line",
    "write_jsonl",
    "write_table",
    "write_table_page",
    "write_tsv",
    "write_tsv_row",
]

#: Characters escaped in TSV cells and in the text table: every C0 and C1 control character
#: (NUL, tab, line feed, carriage return, ESC, NEL U+0085, ...), DEL, the Unicode line and
#: paragraph separators U+2028/U+2029, and the backslash that introduces an escape.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\\]")
_NAMED = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape_char(m: re.Match[str]) -> str:
    ch = m.group()
    named = _NAMED.get(ch)
    if named is not None:
        return named
    code = ord(ch)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def escape_text(value: str) -> str:
    r"""*value* with control characters written as backslash escapes, safe for a terminal
    and a TSV cell: ``\\``, ``\t``, ``\n``, ``\r``, and ``\xHH`` or ``\uHHHH`` for the rest
    (NUL → ``\x00``, ESC → ``\x1b``, U+0085 → ``\x85``, U+2028 → ``\u2028``).

    >>> escape_text("a\tb\x1b[31mc\u2028")
    'a\\tb\\x1b[31mc\\u2028'
    """
    return _UNSAFE.sub(_escape_char, value) if needs_escape(value) else value


def needs_escape(value: str) -> bool:
    r"""Whether `escape_text` changes *value*. An ASCII text is checked without the regular
    expression, which visits every character in Python's matcher (about 1 % of a
    ``check-hits`` run): its only characters to escape are the backslash and those
    `str.isprintable` refuses, ``\x00``-``\x1f`` and ``\x7f``.

    >>> needs_escape("TP53"), needs_escape("a\\b"), needs_escape("a\x7fb"), needs_escape("é\u2028")
    (False, True, True, True)
    """
    if value.isascii():
        return "\\" in value or not value.isprintable()
    return _UNSAFE.search(value) is not None


def tsv_cell(value: object) -> str:
    """Render one TSV cell: ``None`` → empty; control characters and backslashes escaped
    (`escape_text`)."""
    if value is None:
        return ""
    return escape_text(str(value))


def write_tsv_row(out: IO[str], cells: Iterable[object]) -> None:
    """Write one escaped TSV row."""
    out.write(tsv_line(cells))


def tsv_line(cells: Iterable[object]) -> str:
    """One escaped TSV row, with its newline."""
    return "\t".join(tsv_cell(c) for c in cells) + "\n"


def write_jsonl(
    reports: Iterable[PageReport],
    out: IO[str],
    *,
    hit_tables: Callable[[PageReport], Sequence[str]] | None = None,
) -> None:
    """One JSON object per page (`genenorm.records.page_record`), one per line;
    *hit_tables* gives each page's ``hit_tables`` (default: none known)."""
    for r in reports:
        tables = () if hit_tables is None else hit_tables(r)
        out.write(json.dumps(page_record(r, hit_tables=tables), ensure_ascii=False) + "\n")


def write_tsv(reports: Iterable[PageReport], out: IO[str]) -> None:
    """A header, then one row per keyword, suggestion and error."""
    write_tsv_row(out, KEYWORD_COLUMNS)
    for r in reports:
        for row in keyword_rows(r):
            write_tsv_row(out, row)


def write_table(reports: Iterable[PageReport], out: IO[str]) -> None:
    """A plain-text table per page, for people; page text is escaped (`escape_text`), so no
    control sequence from a page reaches the terminal."""
    for r in reports:
        write_table_page(r, out)


def write_table_page(r: PageReport, out: IO[str]) -> None:
    """`write_table` of one page."""
    e_ = escape_text
    out.write(f"{e_(r.figid)}  ({e_(r.path)})\n")
    for e in r.errors:
        out.write(f"  ERROR {e_(e)}\n")
    keywords = [e_(k.keyword) for k in r.keywords]
    width = max([len(TABLE_COLUMNS[0]), *(len(k) for k in keywords)])
    if keywords:
        out.write(_table_line(TABLE_COLUMNS, width))
    for keyword, k in zip(keywords, r.keywords, strict=True):
        verdict = str(k.verdict) if k.verdict else "-"
        symbol = e_(k.symbol or "")
        ids = " ".join(f"{a}:{b}" for a, b in k.ids if a in ("mesh", "chebi", "drugbank"))
        why = "; ".join(f"{x.code}: {x.detail}" for x in k.reasons)
        cells = (keyword, str(k.kind), verdict, symbol, e_(ids or why))
        out.write(_table_line(cells, width))
    for s in r.suggestions:
        out.write(
            f"  suggestion: {e_(s.symbol)} ({e_(s.hgnc_id)}) named as '{e_(s.text)}' at {s.start}-{s.end}\n"
        )
    out.write("\n")


def _table_line(cells: Sequence[str], width: int) -> str:
    """One line of the text table (`TABLE_COLUMNS`): the first column *width* wide."""
    keyword, kind, verdict, symbol, last = cells
    return f"  {keyword:<{width}}  {kind:<8}  {verdict:<9}  {symbol:<10}  {last}\n"
