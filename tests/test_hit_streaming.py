"""Issue 13, round 10: ``check-hits`` streams its table figure by figure.

`genenorm.pfocr.read_hit_rows` keeps a table's rows as lines, checked as `read_hit_table`
checks them; `genenorm.check.check_hit_rows` makes, judges and hands back one figure's hits
at a time, with the verdicts `check_hit_table` gives, in file order.
"""

from __future__ import annotations

import io
import itertools
import random
from pathlib import Path

import pytest

from genenorm import records
from genenorm.check import check_hit_rows, check_hit_table
from genenorm.cli import main
from genenorm.exceptions import PageError
from genenorm.judging.checker import Checker, figure_groups
from genenorm.pfocr import (
    HitRows,
    _split_tsv,
    read_hit_rows,
    read_hit_table,
    read_hit_table_text,
    read_stream_hit_rows,
)
from genenorm.records import hit_record_texts

HEADER_2020 = "figid\tpmcid\tword\tsymbol\tsource\thgnc_symbol\tentrez"
ROWS_2020 = [
    "f1.jpg\tPMC1\tTP53\tTP53\thgnc_symbol\tTP53\t7157",
    "f1.jpg\tPMC1\tMDM2\tMDM2\thgnc_symbol\tMDM2\t4193",
    "f2.jpg\tPMC2\tAKT1\tAKT1\thgnc_symbol\tAKT1\t207",
    "f1.jpg\tPMC1\tCDKN1A\tCDKN1A\thgnc_symbol\tCDKN1A\t1026",  # f1 again, after f2
    "f3.jpg\tPMC3\tEGFR\tEGFR\thgnc_symbol\tEGFR\t1956",
    "f2.jpg\tPMC2\tPTEN\tPTEN\thgnc_symbol\tPTEN\t5728",
    "f3.jpg\tPMC3\tERBB2\tERBB2\thgnc_symbol\tERBB2\t2064",
    "f4.jpg\tPMC4\tIL6\tIL6\thgnc_symbol\tIL6\t3569",
]
GENES_HEADER = (
    "organism_id\torganism_name\torganism_group\tword\tmatch\tncbigene_symbol\tncbigene_id\t"
    "source\tcount_direct\tcount_synonym\tcount_match"
)
GENES_ROW = "9606\tHomo sapiens\tPrimates\tPTEN\tPTEN\tPTEN\t5728\tncbigene_symbol\t1\t0\t1"


def _text(header: str, rows: list[str]) -> str:
    return header + "\n" + "\n".join(rows) + "\n"


# --------------------------------------------------------------------------- reading


@pytest.mark.parametrize(
    "text",
    [
        _text(HEADER_2020, ROWS_2020),
        _text(HEADER_2020, ["", *ROWS_2020[:2], "", *ROWS_2020[2:]]),  # blank lines
        _text(HEADER_2020, [ROWS_2020[0], " \tPMC1\tTP53\tTP53\thgnc_symbol\tTP53\tNA"]),
        _text(GENES_HEADER, [GENES_ROW, GENES_ROW.replace("9606", "NA")]),
    ],
)
def test_rows_make_the_table_s_hits(tmp_path: Path, text: str) -> None:
    """`read_hit_rows` then `HitRows.hits` gives `read_hit_table`'s hits, rows and raw cells."""
    path = tmp_path / "f9-genes.tsv"
    path.write_text(text, encoding="utf-8")
    table = read_hit_table(path)
    rows = read_hit_rows(path)
    assert (rows.path, rows.columns, rows.format) == (table.path, table.columns, table.format)
    assert rows.hits(range(len(rows.rows))) == list(table.hits)
    assert rows.table() == table
    assert rows.figids() == [h.figid for h in table.hits]
    streamed = read_stream_hit_rows(io.BytesIO(text.encode()), name=str(path))
    assert streamed.hits(range(len(streamed.rows))) == list(table.hits)
    # rows given as cells (`genenorm.scale`) make the same hits as rows kept as lines
    cells = HitRows(rows.path, rows.columns, [rows.cells(i) for i in range(len(rows.rows))])
    assert cells.hits(range(len(cells.rows))) == list(table.hits)
    assert cells.figids() == rows.figids()


BAD_TABLES = [
    GENES_HEADER + "\n" + GENES_ROW + "\n" + GENES_ROW + "\textra\n",  # too wide
    GENES_HEADER + "\n" + GENES_ROW.rsplit("\t", 1)[0] + "\n",  # too narrow
    GENES_HEADER + "\n" + "PTEN\n",  # one field only
    GENES_HEADER + "\n" + GENES_ROW + "\n" + "\t" * 10 + "\n",  # all empty
    GENES_HEADER + "\n" + " \t" * 10 + " \n",  # all blank
    GENES_HEADER + "\n" + GENES_ROW.replace("PTEN\tPTEN\tPTEN", "PT\rEN\tPTEN\tPTEN") + "\n",
    GENES_HEADER + "\n" + GENES_ROW.replace("\tPTEN\t", "\t" + "W" * 200_000 + "\t", 1) + "\n",
    GENES_HEADER + "\tword\n" + GENES_ROW + "\tother\n",  # duplicate column
    "\n" + GENES_ROW + "\n",  # no header
    "a\tb\n1\t2\n",  # not a hit table
]


@pytest.mark.parametrize("text", BAD_TABLES)
def test_rows_refuse_what_the_table_refuses(text: str) -> None:
    """The same error, line and message as `read_hit_table_text`."""
    with pytest.raises(PageError) as expected:
        read_hit_table_text(text, name="t-genes.tsv")
    with pytest.raises(PageError) as got:
        read_stream_hit_rows(io.BytesIO(text.encode()), name="t-genes.tsv")
    assert (str(got.value), got.value.line) == (str(expected.value), expected.value.line)


def test_lines_split_as_rows_were() -> None:
    """`_split_tsv` (rows of cells) on generated tables of odd widths and blank lines."""
    rng = random.Random(13)
    errors: list[int | None] = []
    for _ in range(300):
        width = rng.randint(1, 4)
        lines = ["\t".join(f"h{i}" for i in range(width))]
        for _ in range(rng.randint(0, 6)):
            n = rng.choice([0, width, width, width, width + 1, max(width - 1, 1)])
            lines.append("\t".join(rng.choice(["", " ", "x", "NA"]) for _ in range(n)))
        text = "\n".join(lines) + rng.choice(["", "\n"])
        try:
            _name, header, rows = _split_tsv(text, "t")
        except PageError as err:
            errors.append(err.line)
            continue
        assert all(len(r) == len(header) for r in rows)
        assert rows == [line.split("\t") for line in text.split("\n")[1:] if line]
    assert errors
    assert all(line is not None and line >= 1 for line in errors)


# --------------------------------------------------------------------------- judging


def test_figure_groups_in_order_of_first_row() -> None:
    """Each figure's indexes, a range when together."""
    groups = figure_groups(["a", "b", "a", None, "c", "b", None, "d", "d"])
    assert groups == [[0, 2], [1, 5], [3, 6], range(4, 5), range(7, 9)]
    assert figure_groups([]) == []


def test_check_hit_rows_gives_the_table_s_verdicts_in_file_order(tmp_path: Path) -> None:
    """A run ends where a figure split over the table (f1, f2, f3) still has rows to
    judge; a figure whose rows are together (f4) comes as one run; every row once, in order."""
    path = tmp_path / "t.tsv"
    path.write_text(_text(HEADER_2020, ROWS_2020), encoding="utf-8")
    expected = check_hit_table(read_hit_table(path))
    runs = list(check_hit_rows(read_hit_rows(path)))
    hits = [h for run_hits, _ in runs for h in run_hits]
    assert [h.row for h in hits] == list(range(1, len(ROWS_2020) + 1))
    assert [v for _, run in runs for v in run] == expected
    assert [len(run_hits) for run_hits, _ in runs] == [2, 2, 3, 1]


def test_check_figures_is_check_hits_by_figure(adrd_table: Path) -> None:
    """A fresh checker judging 40 real figures one by one (`Checker.check_figures`) gives
    what another fresh checker's `check_hits` of the same rows gives."""
    rows = read_hit_rows(adrd_table)
    groups = figure_groups(rows.figids())[:40]
    figures = [rows.hits(g) for g in groups]
    by_figure = list(Checker().check_figures(figures))
    assert [len(v) for v in by_figure] == [len(f) for f in figures]
    assert list(itertools.chain(*by_figure)) == Checker().check_hits(
        list(itertools.chain(*figures))
    )


@pytest.mark.parametrize("fmt", ["jsonl", "tsv"])
def test_cli_check_hits_of_split_figures(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command writes every row once, in file order, figures split or not, as the
    writers write `check_hit_table`'s verdicts."""
    path = tmp_path / "t.tsv"
    path.write_text(_text(HEADER_2020, ROWS_2020), encoding="utf-8")
    assert main(["check-hits", "--format", fmt, str(path)]) == 0
    out, err = capsys.readouterr()
    table = read_hit_table(path)
    verdicts = check_hit_table(table)
    raw = [h.raw for h in table.hits]
    if fmt == "jsonl":
        assert out == "".join(t + "\n" for t in hit_record_texts(table.columns, raw, verdicts))
    else:
        lines = out.splitlines()
        assert len(lines) == 1 + len(ROWS_2020)
        assert [line.split("\t")[2] for line in lines[1:]] == [h.word for h in table.hits]
    assert err.startswith(f"genenorm: {len(ROWS_2020)} hits; ")


# --------------------------------------------------------------------------- writing


def test_json_float_memo_is_exact_and_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """`records._json_float` memoised writes what it writes unmemoised, keeps ``0.0`` and
    ``-0.0``, NaN and ints out, and stops memoising at its bound."""
    monkeypatch.setattr(records, "_FLOAT_TEXTS", {})
    values = [0.1, 0.1, -0.0, 0.0, 1e-9, 2.5e300, float("inf"), -float("inf"), float("nan"), 0.3]
    plain = [
        records._NON_FINITE.get(repr(records._round3(x)), repr(records._round3(x))) for x in values
    ]
    assert [records._json_float(x) for x in values] == plain
    assert [records._json_float(x) for x in values] == plain  # the memoised ones again
    assert set(records._FLOAT_TEXTS) == {0.1, 1e-9, 2.5e300, float("inf"), -float("inf"), 0.3}
    monkeypatch.setattr(records, "_FLOAT_TEXTS", dict.fromkeys(range(65_536), "x"))
    records._json_float(0.25)
    assert len(records._FLOAT_TEXTS) == 65_536
    assert 0.25 not in records._FLOAT_TEXTS
