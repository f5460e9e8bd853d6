"""pandas output: stable columns and dtypes, one row per item in order, and pandas optional."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

import genenorm
from genenorm import frames
from genenorm.check import check_hit_table, check_path, check_paths
from genenorm.models import (
    HitVerdict,
    Kind,
    MatchMethod,
    OrganismGroup,
    PageReport,
    Resolution,
    Status,
    Verdict,
)
from genenorm.pfocr import read_hit_table

from .conftest import REFERENCE_HITS, REFERENCE_ID, REFERENCE_PAGE, ROOT, WEBSITE

DOC = ROOT / "docs" / "frames.md"

#: The contract, spelt out: changing a column must change this test on purpose.
EXPECTED = {
    "resolutions_frame": {
        "query": "string", "status": "category", "symbol": "string", "hgnc_id": "string",
        "name": "string", "locus_type": "string", "entrez": "string", "ensembl": "string",
        "match": "category", "family": "string", "candidates": "string",
        "n_candidates": "Int64", "is_gene": "boolean", "source": "string", "release": "string",
    },
    "keywords_frame": {
        "figid": "string", "path": "string", "position": "Int64", "keyword": "string",
        "kind": "category", "verdict": "category", "symbol": "string", "hgnc_id": "string",
        "status": "category", "reasons": "string", "reason_details": "string",
        "terms": "string", "words": "string", "mentions": "string", "siblings": "string",
        "ncbigene": "string", "ensembl": "string", "famplex": "string", "mesh": "string",
        "chebi": "string", "drugbank": "string", "seed_compound": "string",
        "confidence": "Float64", "support": "string", "matched_as": "category",
    },
    "hits_frame": {
        "figid": "string", "path": "string", "row": "Int64", "organism_id": "string",
        "gene_id": "string", "word": "string", "match": "string", "source": "string",
        "symbol": "string",
        "current_symbol": "string", "hgnc_id": "string", "verdict": "category",
        "reasons": "string", "reason_details": "string", "confidence": "Float64",
        "support": "string", "matched_as": "category",
    },
    "suggestions_frame": {
        "figid": "string", "path": "string", "symbol": "string", "hgnc_id": "string",
        "text": "string", "start": "Int64", "end": "Int64",
    },
    "organisms_frame": {
        "figid": "string", "path": "string", "taxon": "string", "name": "string",
        "group": "category", "score": "Float64", "evidence": "string",
    },
}  # fmt: skip
CONSTANTS = {
    "resolutions_frame": frames.RESOLUTION_COLUMNS,
    "keywords_frame": frames.KEYWORD_COLUMNS,
    "hits_frame": frames.HIT_COLUMNS,
    "suggestions_frame": frames.SUGGESTION_COLUMNS,
    "organisms_frame": frames.ORGANISM_COLUMNS,
}
CATEGORIES = {
    "status": Status,
    "kind": Kind,
    "verdict": Verdict,
    "match": MatchMethod,
    "group": OrganismGroup,
}


def _dtypes(df: pd.DataFrame) -> dict[str, str]:
    return {str(name): str(dtype) for name, dtype in df.dtypes.items()}


def _documented() -> dict[str, dict[str, str]]:
    """``| `column` | `dtype` | … |`` rows of docs/frames.md, per ``## `function`…`` section."""
    tables: dict[str, dict[str, str]] = {}
    current = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"##+ .*?`(\w+_frame)\(", line)
        if heading:
            current = heading.group(1)
            tables[current] = {}
            continue
        row = re.match(r"\| `(\w+)` \| `(\w+)` \|", line)
        if row and current is not None:
            tables[current][row.group(1)] = row.group(2)
    return tables


@pytest.fixture(name="report", scope="module")
def _report() -> PageReport:
    """The reference figure, checked with its hit tables."""
    return check_path(REFERENCE_PAGE)


@pytest.fixture(name="reports", scope="module")
def _reports() -> list[PageReport]:
    """All 13 sample pages, checked."""
    return list(check_paths([WEBSITE / "_figures"]))


class TestColumns:
    """Column names and dtypes are the documented contract, empty or not."""

    @pytest.mark.parametrize("function", sorted(EXPECTED))
    def test_constants(self, function: str) -> None:
        """The ``*_COLUMNS`` constants spell out the expected columns, in order."""
        assert list(CONSTANTS[function].items()) == list(EXPECTED[function].items())

    @pytest.mark.parametrize("function", sorted(EXPECTED))
    def test_documented(self, function: str) -> None:
        """docs/frames.md lists every column with its dtype, in order."""
        assert list(_documented()[function].items()) == list(EXPECTED[function].items())

    @pytest.mark.parametrize("function", sorted(EXPECTED))
    def test_empty_input(self, function: str) -> None:
        """No input gives no rows but the full set of columns and dtypes."""
        df = getattr(frames, function)([])
        assert len(df) == 0
        assert _dtypes(df) == EXPECTED[function]

    def test_filled(self, report: PageReport) -> None:
        """Frames with rows have the same columns and dtypes."""
        resolutions = genenorm.resolve_many(["TP53", "TAZ", "xyzzy", "AKT"])
        for function, df in (
            ("resolutions_frame", frames.resolutions_frame(resolutions)),
            ("keywords_frame", frames.keywords_frame(report)),
            ("hits_frame", frames.hits_frame(report)),
            ("suggestions_frame", frames.suggestions_frame(report)),
        ):
            assert len(df) > 0
            assert _dtypes(df) == EXPECTED[function], function
            assert isinstance(df.index, pd.RangeIndex)
            assert df.index.tolist() == list(range(len(df)))

    @pytest.mark.parametrize(("column", "enum"), sorted(CATEGORIES.items()))
    def test_categories_are_the_whole_enum(self, column: str, enum: type) -> None:
        """A categorical column's categories are every enum value, in enum order."""
        for function, columns in CONSTANTS.items():
            if columns.get(column) == "category":
                df = getattr(frames, function)([])
                assert df[column].cat.categories.tolist() == [str(m) for m in enum]
                assert not df[column].cat.ordered

    def test_concat_keeps_dtypes(self, reports: list[PageReport]) -> None:
        """Frames of different pages concatenate without falling back to ``object``."""
        parts = [frames.keywords_frame(r) for r in reports]
        whole = pd.concat(parts, ignore_index=True)
        assert _dtypes(whole) == EXPECTED["keywords_frame"]
        pd.testing.assert_frame_equal(whole, frames.keywords_frame(reports))

    def test_id_keys_cover_the_checker(self, reports: list[PageReport]) -> None:
        """Every ``ids`` key the checker gives on the samples has its own column."""
        keys = {key for r in reports for k in r.keywords for key, _ in k.ids}
        assert keys
        assert keys <= set(frames.ID_KEYS)


class TestKeywords:
    """One row per keyword, in page order."""

    def test_reference_page(self, report: PageReport) -> None:
        """The reference figure: one row per keyword with its verdict, reasons and ids."""
        df = frames.keywords_frame(report)
        assert df["keyword"].tolist() == [k.keyword for k in report.keywords]
        assert df["position"].tolist() == list(range(len(report.keywords)))
        assert set(df["figid"]) == {REFERENCE_ID}
        assert set(df["path"]) == {str(REFERENCE_PAGE)}
        row = df.set_index("keyword").loc["TCF23"]
        assert (row["kind"], row["verdict"], row["symbol"]) == ("gene", "false_hit", "TCF23")
        assert (row["hgnc_id"], row["status"], row["reasons"]) == (
            "HGNC:18602",
            "approved",
            "english_word,unrelated_to_figure,little_studied_gene",
        )
        assert "common English word" in row["reason_details"]
        assert (row["terms"], row["words"], row["ncbigene"]) == ("OUT", "out", "150921")
        assert pd.isna(row["mesh"])
        pgp = df.set_index("keyword").loc["PGP"]
        assert pgp["siblings"] == "ABCB1|PGPEP1"

    def test_values_match_the_report(self, reports: list[PageReport]) -> None:
        """Every cell is the report's value: enums as text, lists joined, ``None`` as NA."""
        df = frames.keywords_frame(reports)
        rows = [(r, i, k) for r in reports for i, k in enumerate(r.keywords)]
        assert len(df) == len(rows) > 100
        for (report, position, k), cells in zip(rows, df.itertuples(index=False), strict=True):
            cell = cells._asdict()
            assert (cell["figid"], cell["path"], cell["position"]) == (
                report.figid,
                report.path,
                position,
            )
            assert cell["keyword"] == k.keyword
            assert cell["kind"] == str(k.kind)
            for name in ("verdict", "status", "symbol", "hgnc_id"):
                value = getattr(k, name)
                assert pd.isna(cell[name]) if value is None else cell[name] == str(value), name
            assert cell["reasons"] == ",".join(r.code for r in k.reasons)
            assert cell["reason_details"] == " | ".join(r.detail for r in k.reasons)
            assert cell["terms"] == "|".join(k.evidence.terms)
            assert cell["mentions"] == "|".join(k.evidence.mentions)
            ids = dict(k.ids)
            for key in frames.ID_KEYS:
                col = frames.id_column(key)
                assert (cell[col] == ids[key]) if key in ids else pd.isna(cell[col]), key

    def test_pages_in_order(self, reports: list[PageReport]) -> None:
        """Many reports: page by page, ``position`` restarting at 0 on each page."""
        df = frames.keywords_frame(reports)
        expected = [r.figid for r in reports for _ in r.keywords]
        assert df["figid"].tolist() == expected
        assert (df.groupby("figid", sort=False)["position"].min() == 0).all()

    def test_error_pages_give_no_rows(self, tmp_path: Path) -> None:
        """A page that cannot be read has no keywords, so no rows."""
        bad = tmp_path / "bad.md"
        bad.write_text("no front matter\n", encoding="utf-8")
        reports = list(check_paths([bad, REFERENCE_PAGE]))
        assert reports[0].errors
        df = frames.keywords_frame(reports)
        assert set(df["figid"]) == {REFERENCE_ID}


class TestHits:
    """One row per hit verdict, from reports or from a hit table."""

    def test_from_report(self, report: PageReport) -> None:
        """A report's hits, numbered from 1 like the rows of its ``-genes.tsv``."""
        df = frames.hits_frame(report)
        assert df["word"].tolist() == [h.word for h in report.hits]
        assert df["row"].tolist() == list(range(1, len(report.hits) + 1))
        assert df["verdict"].astype(str).tolist() == [str(h.verdict) for h in report.hits]
        assert df.loc[0, ["word", "match", "symbol", "current_symbol", "reasons"]].tolist() == [
            "out",
            "OUT",
            "TCF23",
            "TCF23",
            "english_word,unrelated_to_figure,little_studied_gene",
        ]

    def test_from_many_reports(self, reports: list[PageReport]) -> None:
        """Reports' hits, page by page."""
        df = frames.hits_frame(reports)
        assert df["figid"].tolist() == [r.figid for r in reports for _ in r.hits]

    def test_from_hit_table(self) -> None:
        """Verdicts of a hit table, with ``table=`` filling figid, path and row."""
        table = read_hit_table(REFERENCE_HITS)
        verdicts = check_hit_table(table)
        df = frames.hits_frame(verdicts, table=table)
        assert len(df) == len(table.hits)
        assert set(df["figid"]) == {REFERENCE_ID}
        assert set(df["path"]) == {str(REFERENCE_HITS)}
        assert df["row"].tolist() == [h.row for h in table.hits]
        bare = frames.hits_frame(verdicts)
        assert bare["figid"].isna().all()
        assert bare["path"].isna().all()
        assert bare["row"].tolist() == list(range(1, len(verdicts) + 1))
        columns = ["word", "match", "symbol", "verdict", "reasons", "reason_details"]
        pd.testing.assert_frame_equal(bare[columns], df[columns])

    def test_table_of_another_length(self) -> None:
        """``table=`` must have one row per verdict."""
        table = read_hit_table(REFERENCE_HITS)
        verdicts = check_hit_table(table)
        with pytest.raises(ValueError, match="verdict"):
            frames.hits_frame(verdicts[:-1], table=table)

    def test_mixed_input(self, report: PageReport) -> None:
        """Reports and verdicts do not mix; other values are refused with their position."""
        with pytest.raises(TypeError, match="not a mix"):
            frames.hits_frame([report, report.hits[0]])  # type: ignore[list-item]
        with pytest.raises(TypeError, match="str at position 1"):
            frames.hits_frame([report, "x"])  # type: ignore[list-item]


class TestResolutionsAndSuggestions:
    """Resolutions and suggestions, one row each."""

    def test_resolutions(self) -> None:
        """Statuses, candidates joined with ``|`` and nullable booleans and integers."""
        terms = ["SEPT7", "TAZ", "xyzzy", "tp53", "AKT"]
        df = frames.resolutions_frame(genenorm.resolve_many(terms))
        assert df["query"].tolist() == terms
        assert df["status"].astype(str).tolist() == [
            "previous",
            "ambiguous",
            "not_found",
            "approved",
            "family",
        ]
        assert df.loc[0, "symbol"] == "SEPTIN7"
        assert df.loc[1, "candidates"] == "TAFAZZIN|WWTR1"
        assert df["n_candidates"].tolist() == [1, 2, 0, 1, 3]
        assert df["is_gene"].tolist() == [True, False, False, True, False]
        assert pd.isna(df.loc[2, "match"])
        assert pd.isna(df.loc[1, "symbol"])
        assert df.loc[3, "match"] == "case_folded"
        assert df.loc[4, "family"] == "AKT"

    def test_suggestions(self, report: PageReport) -> None:
        """The reference figure's suggestions, with their spans."""
        df = frames.suggestions_frame(report)
        assert df[["symbol", "text", "start", "end"]].values.tolist() == [
            [s.symbol, s.text, s.start, s.end] for s in report.suggestions
        ]
        assert "SNAI1" in df["symbol"].tolist()


class TestToFrame:
    """``to_frame`` picks the frame by the type of its input."""

    def test_dispatch(self, report: PageReport, reports: list[PageReport]) -> None:
        """Resolutions, a report, many reports and hit verdicts each get their frame."""
        resolutions = genenorm.resolve_many(["TP53", "TAZ"])
        pd.testing.assert_frame_equal(
            frames.to_frame(resolutions), frames.resolutions_frame(resolutions)
        )
        pd.testing.assert_frame_equal(
            frames.to_frame(resolutions[0]), frames.resolutions_frame(resolutions[:1])
        )
        pd.testing.assert_frame_equal(frames.to_frame(report), frames.keywords_frame(report))
        pd.testing.assert_frame_equal(
            frames.to_frame(iter(reports)), frames.keywords_frame(reports)
        )
        hits: list[HitVerdict] = list(report.hits)
        pd.testing.assert_frame_equal(frames.to_frame(hits), frames.hits_frame(hits))

    def test_empty(self) -> None:
        """An empty input gives an empty keywords frame, with every column and dtype."""
        df = frames.to_frame([])
        assert len(df) == 0
        assert list(df.columns) == list(frames.KEYWORD_COLUMNS)
        pd.testing.assert_frame_equal(df, frames.keywords_frame([]))

    @pytest.mark.parametrize("bad", ["TP53", 3, [genenorm.resolve("TP53"), "TP53"], ["TP53"]])
    def test_refused(self, bad: object) -> None:
        """Text, numbers and mixed or foreign values are refused."""
        with pytest.raises(TypeError, match="to_frame"):
            frames.to_frame(bad)  # type: ignore[arg-type]

    def test_mixed_names_position(self, report: PageReport) -> None:
        """The message names the first value of another type and its position."""
        mixed: list[Resolution | PageReport] = [genenorm.resolve("TP53"), report]
        with pytest.raises(TypeError, match="PageReport at position 1"):
            frames.to_frame(mixed)


class TestWithoutPandas:
    """Without pandas the library works and the frame functions say what to install."""

    @pytest.mark.parametrize(
        ("function", "argument"),
        [
            ("to_frame", "resolutions"),
            ("resolutions_frame", "resolutions"),
            ("keywords_frame", "report"),
            ("hits_frame", "report"),
            ("suggestions_frame", "report"),
        ],
    )
    def test_clear_error(
        self, monkeypatch: pytest.MonkeyPatch, report: PageReport, function: str, argument: str
    ) -> None:
        """``sys.modules["pandas"] = None``: a ModuleNotFoundError naming the extra."""
        value = report if argument == "report" else genenorm.resolve_many(["TP53"])
        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(ImportError) as info:
            getattr(frames, function)(value)
        assert isinstance(info.value, ModuleNotFoundError)
        assert info.value.name == "pandas"
        assert str(info.value) == f"{function}() needs pandas: pip install 'genenorm[pandas]'"

    def test_rest_of_the_library(self) -> None:
        """In a fresh interpreter with pandas and dask blocked, checking still works."""
        code = textwrap.dedent(
            f"""
            import sys
            sys.modules["pandas"] = None
            sys.modules["dask"] = None
            import genenorm, genenorm.frames, genenorm.scale
            from genenorm.check import check_path
            report = check_path({str(REFERENCE_PAGE)!r})
            assert len(report.keywords) == 23
            try:
                genenorm.frames.to_frame(report)
            except ImportError as err:
                print(err)
            try:
                genenorm.scale.check_pages_bag([])
            except ImportError as err:
                print(err)
            """
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
        )
        assert out.stdout.splitlines() == [
            "to_frame() needs pandas: pip install 'genenorm[pandas]'",
            "check_pages_bag() needs dask: pip install 'genenorm[dask]'",
        ]

    def test_import_is_lazy(self) -> None:
        """Importing the modules imports neither pandas nor dask."""
        code = (
            "import sys, genenorm.frames, genenorm.scale; "
            "print(sorted(m for m in ('pandas', 'dask') if m in sys.modules))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
        )
        assert out.stdout.strip() == "[]"
