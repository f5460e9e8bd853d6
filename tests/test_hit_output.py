"""``genenorm check-hits`` output written from the fields directly: the same text as the
records and rows it stands for (`hit_records` + `json_text`, `hit_rows` + `write_tsv_row`)."""

from __future__ import annotations

import io
import itertools
import random
import zlib
from collections.abc import Sequence
from pathlib import Path

import pytest

from genenorm.cli._check import _hit_lines, _tsv_line
from genenorm.models import HitVerdict, Reason, ReasonCode, Verdict
from genenorm.pfocr import read_hit_rows
from genenorm.records import (
    HIT_COLUMNS,
    hit_cells,
    hit_line_texts,
    hit_record_texts,
    hit_records,
    hit_rows,
    json_text,
)
from genenorm.report import write_tsv_row

#: Cell texts that JSON or TSV write otherwise than as themselves.
ODD = [
    "", "TP53", "TNF-α", 'say "hi"', "back\\slash", "tab\there", "line\nfeed", "cr\rret",
    "nul\x00", "esc\x1b[31m", "nel\x85", "sep\u2028", "del\x7f", "emoji 🧬", "NA", "\\t",
]  # fmt: skip
INF = float("inf")
WEIGHTS = [0.0, -0.0, 1.0, -2.5, 0.1234567, 1e-9, 3.0005, -1.2345, 12.0, 0, INF, -INF, INF - INF]
CONFIDENCES = [None, 0.0, 1.0, 0.5, 0.12345, 0.9995, 0.0004, 1 / 3, INF - INF, 1, 0]


def _verdicts(n: int, rng: random.Random) -> list[HitVerdict]:
    codes = list(ReasonCode)

    def reasons() -> tuple[Reason, ...]:
        return tuple(
            Reason(rng.choice(codes), rng.choice(ODD), rng.choice(WEIGHTS))
            for _ in range(rng.randrange(4))
        )

    return [
        HitVerdict(
            word=rng.choice(ODD),
            match="m",
            source="s",
            symbol="S",
            verdict=rng.choice(list(Verdict)),
            current_symbol=rng.choice([None, *ODD]),
            hgnc_id=rng.choice([None, "HGNC:11998", "x\ty"]),
            reasons=reasons(),
            confidence=rng.choice(CONFIDENCES),
            support=reasons(),
        )
        for _ in range(n)
    ]


def _rows(columns: Sequence[str], n: int, rng: random.Random) -> list[tuple[tuple[str, str], ...]]:
    rows = []
    for _ in range(n):
        pairs = [(c, rng.choice(ODD)) for c in columns]
        shape = rng.random()
        if shape < 0.1 and pairs:
            pairs.pop(rng.randrange(len(pairs)))  # a column missing
        elif shape < 0.2:
            pairs.append(("extra", rng.choice(ODD)))  # a column the header lacks
        elif shape < 0.3:
            rng.shuffle(pairs)  # another order
        rows.append(tuple(pairs))
    return rows


def _old_tsv(
    columns: Sequence[str], raw: list[tuple[tuple[str, str], ...]], v: list[HitVerdict]
) -> str:
    out = io.StringIO()
    every = [*columns, *HIT_COLUMNS]
    for row in hit_rows(columns, raw, v):
        write_tsv_row(out, (row.get(c) for c in every))
    return out.getvalue()


def _new_tsv(
    columns: Sequence[str], raw: list[tuple[tuple[str, str], ...]], v: list[HitVerdict]
) -> str:
    return "".join(_tsv_line(cells) for cells in hit_cells(columns, raw, v))


@pytest.mark.parametrize(
    "columns",
    [
        ("figid", "pmcid", "word", "symbol", "source", "hgnc_symbol", "entrez"),
        ("a",),
        (),
        ("word", "verdict", "b"),  # a column the verdict columns overwrite
        ("word", "schema_version"),
        ("a", "a"),  # a column twice
        ("naïve", 'q"uote', "t\tab"),
    ],
)
def test_same_text_as_the_records_and_rows(columns: tuple[str, ...]) -> None:
    rng = random.Random(zlib.crc32(repr(columns).encode()))
    raw = _rows(columns, 300, rng)
    verdicts = _verdicts(300, rng)
    old = [json_text(r) for r in hit_records(columns, raw, verdicts)]
    assert list(hit_record_texts(columns, raw, verdicts)) == old
    assert _new_tsv(columns, raw, verdicts) == _old_tsv(columns, raw, verdicts)


def test_every_odd_cell_in_every_place() -> None:
    columns = ("x", "y")
    raw = [(("x", a), ("y", b)) for a, b in itertools.product(ODD, repeat=2)]
    verdicts = _verdicts(len(raw), random.Random(7))
    old = [json_text(r) for r in hit_records(columns, raw, verdicts)]
    assert list(hit_record_texts(columns, raw, verdicts)) == old
    assert _new_tsv(columns, raw, verdicts) == _old_tsv(columns, raw, verdicts)


def test_lengths_must_agree() -> None:
    raw = [(("a", "1"),)] * 2
    with pytest.raises(ValueError, match="zip"):
        list(hit_record_texts(("a",), raw, _verdicts(1, random.Random(1))))
    with pytest.raises(ValueError, match="zip"):
        list(hit_cells(("a",), raw, _verdicts(1, random.Random(1))))


@pytest.mark.parametrize("extra", [(), ("note",), ("verdict",)])
def test_rows_written_from_their_lines(tmp_path: Path, extra: tuple[str, ...]) -> None:
    """`check-hits` TSV writes a row the table kept as its line as that line and the judged
    cells (`hit_line_texts`): the same text as its cells written one by one, whatever the
    cells hold (a column the verdict columns overwrite makes every row take the cells)."""
    columns = ("figid", "pmcid", "word", "symbol", "source", "hgnc_symbol", "entrez", *extra)
    rng = random.Random(11)
    odd = [c for c in ODD if "\t" not in c and "\n" not in c and "\r" not in c]
    lines = ["\t".join(columns)]
    for i in range(400):
        cells = [f"F{i % 7}", "PMC1", *(rng.choice(odd) or "x" for _ in columns[2:])]
        lines.append("\t".join(cells))
    path = tmp_path / "hits.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = read_hit_rows(path)
    hits = table.hits(range(len(table.rows)))
    verdicts = _verdicts(len(hits), rng)
    written = "".join(_hit_lines(table, "tsv", hits, verdicts))
    assert written == _old_tsv(table.columns, [h.raw for h in hits], verdicts)
    texts = list(hit_line_texts(table.columns, table.rows, verdicts))
    assert (None in texts) is bool(extra and extra[0] == "verdict")
