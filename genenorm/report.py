"""Writing check results: JSONL (one page a line), TSV (one keyword a row), a text table,
and hit tables with verdict columns appended. Decides nothing."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import IO, Any

from .models import HitVerdict, PageReport

__all__ = [
    "HIT_COLUMNS",
    "KEYWORD_COLUMNS",
    "escape_text",
    "hit_rows",
    "keyword_rows",
    "tsv_cell",
    "write_jsonl",
    "write_table",
    "write_tsv",
    "write_tsv_row",
]

#: Columns of ``genenorm check --format tsv`` (one row per keyword, then one per suggestion
#: with ``kind`` = ``suggestion``, and one per page error with ``kind`` = ``error``).
KEYWORD_COLUMNS = (
    "figid", "path", "keyword", "kind", "verdict", "symbol", "hgnc_id", "status", "reasons",
    "details", "terms", "words", "ids", "confidence", "support", "matched_as",
)  # fmt: skip
#: Columns appended by ``genenorm check-hits`` to every row of a hit table.
HIT_COLUMNS = ("verdict", "reasons", "current_symbol", "hgnc_id", "confidence", "support")


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
    return _UNSAFE.sub(_escape_char, value) if _UNSAFE.search(value) else value


def tsv_cell(value: object) -> str:
    """Render one TSV cell: ``None`` → empty; control characters and backslashes escaped
    (`escape_text`)."""
    if value is None:
        return ""
    return escape_text(str(value))


def _confidence(value: float | None) -> str | None:
    """A confidence as written in TSV: three decimals."""
    return None if value is None else f"{value:.3f}"


def write_tsv_row(out: IO[str], cells: Iterable[object]) -> None:
    """Write one escaped TSV row."""
    out.write("\t".join(tsv_cell(c) for c in cells) + "\n")


def keyword_rows(report: PageReport) -> list[list[object]]:
    """The TSV rows of one page report (columns `KEYWORD_COLUMNS`)."""
    rows: list[list[object]] = []
    for k in report.keywords:
        rows.append(
            [
                report.figid, report.path, k.keyword, k.kind, k.verdict, k.symbol, k.hgnc_id,
                k.status, ",".join(r.code for r in k.reasons),
                " | ".join(r.detail for r in k.reasons), ",".join(k.evidence.terms),
                ",".join(k.evidence.words), ",".join(f"{a}:{b}" for a, b in k.ids),
                _confidence(k.confidence), ",".join(r.code for r in k.support), k.matched_as,
            ]
        )  # fmt: skip
    for s in report.suggestions:
        rows.append(
            [report.figid, report.path, s.text, "suggestion", None, s.symbol, s.hgnc_id, None,
             None, f"named in the text at {s.start}-{s.end}", None, None, None, None, None,
             None]
        )  # fmt: skip
    for e in report.errors:
        rows.append(
            [
                report.figid,
                report.path,
                None,
                "error",
                None,
                None,
                None,
                None,
                None,
                e,
                None,
                None,
                None,
                None,
                None,
                None,
            ]
        )
    return rows


def write_jsonl(reports: Iterable[PageReport], out: IO[str]) -> None:
    """One JSON object per page (`PageReport.to_dict`), one per line."""
    for r in reports:
        out.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")


def write_tsv(reports: Iterable[PageReport], out: IO[str]) -> None:
    """A header, then one row per keyword, suggestion and error."""
    write_tsv_row(out, KEYWORD_COLUMNS)
    for r in reports:
        for row in keyword_rows(r):
            write_tsv_row(out, row)


def write_table(reports: Iterable[PageReport], out: IO[str]) -> None:
    """A plain-text table per page, for people; page text is escaped (`escape_text`), so no
    control sequence from a page reaches the terminal."""
    e_ = escape_text
    for r in reports:
        out.write(f"{e_(r.figid)}  ({e_(r.path)})\n")
        for e in r.errors:
            out.write(f"  ERROR {e_(e)}\n")
        keywords = [e_(k.keyword) for k in r.keywords]
        width = max((len(k) for k in keywords), default=8)
        for keyword, k in zip(keywords, r.keywords, strict=True):
            verdict = str(k.verdict) if k.verdict else "-"
            symbol = e_(k.symbol or "")
            ids = " ".join(f"{a}:{b}" for a, b in k.ids if a in ("mesh", "chebi", "drugbank"))
            why = "; ".join(f"{x.code}: {x.detail}" for x in k.reasons)
            out.write(
                f"  {keyword:<{width}}  {k.kind!s:<8}  {verdict:<9}  {symbol:<10}  {e_(ids or why)}\n"
            )
        for s in r.suggestions:
            out.write(
                f"  suggestion: {e_(s.symbol)} ({e_(s.hgnc_id)}) named as '{e_(s.text)}' at {s.start}-{s.end}\n"
            )
        out.write("\n")


def hit_rows(
    columns: Sequence[str],
    raw_rows: Sequence[Sequence[tuple[str, str]]],
    verdicts: Sequence[HitVerdict],
) -> Iterable[dict[str, Any]]:
    """Every original hit row with `HIT_COLUMNS` appended, as dicts in column order."""
    for raw, v in zip(raw_rows, verdicts, strict=True):
        row: dict[str, Any] = dict(raw)
        for c in columns:
            row.setdefault(c, "")
        row["verdict"] = str(v.verdict)
        row["reasons"] = ",".join(r.code for r in v.reasons)
        row["current_symbol"] = v.current_symbol
        row["hgnc_id"] = v.hgnc_id
        row["confidence"] = _confidence(v.confidence)
        row["support"] = ",".join(r.code for r in v.support)
        yield row
