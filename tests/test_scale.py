"""Dask scale-out: a local two-process cluster gives the single-process results."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cloudpickle
import pandas as pd
import pytest

from genenorm import frames, scale
from genenorm.check import check_hit_table, check_paths
from genenorm.exceptions import PageError
from genenorm.models import PageReport
from genenorm.pfocr import HitTable, read_hit_table
from genenorm.report import hit_rows
from genenorm.resolver import default_resolver

from .conftest import REFERENCE_HITS, REFERENCE_PAGE, WEBSITE

FIGURES = WEBSITE / "_figures"
GENE_TABLES = sorted((WEBSITE / "_data").glob("*-genes.tsv"))


@pytest.fixture(name="client", scope="module")
def _client() -> Iterator[Any]:
    """A local cluster of two single-threaded worker processes, closed after the module."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


@pytest.fixture(name="single", scope="module")
def _single() -> list[PageReport]:
    """The 13 sample pages checked in this process."""
    reports = list(check_paths([FIGURES]))
    assert len(reports) == 13
    return reports


def _expected_hits(table: HitTable) -> list[dict[str, Any]]:
    """What ``genenorm check-hits`` writes for *table*: its rows plus the verdict columns."""
    verdicts = check_hit_table(table)
    return list(hit_rows(table.columns, [h.raw for h in table.hits], verdicts))


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as plain dicts: categories as text, missing values as ``None``."""
    plain = df.astype(object)
    return [{k: _plain(k, v) for k, v in row.items()} for row in plain.to_dict("records")]


def _plain(column: str, value: Any) -> Any:
    """A frame cell as ``check-hits`` writes it (a confidence with three decimals)."""
    if value is None or value is pd.NA:
        return None
    if column == "confidence":
        return f"{value:.3f}"
    return value


def _payload(collection: Any) -> bytes:
    """The task graph as distributed ships it: pickled tasks."""
    return bytes(cloudpickle.dumps(dict(collection.__dask_graph__())))


def _resolver_loads() -> int:
    """Worker side: how many times this process built its default resolver."""
    from genenorm.resolver import default_resolver

    return default_resolver.cache_info().misses


class TestOnCluster:
    """Each result computed on two worker processes equals the single-process one."""

    def test_two_worker_processes(self, client: Any) -> None:
        """The cluster has two workers in two processes other than this one."""
        pids = client.run(os.getpid)
        assert len(pids) == 2
        assert len(set(pids.values())) == 2
        assert os.getpid() not in pids.values()

    def test_pages_bag(self, client: Any, single: list[PageReport]) -> None:
        """``check_pages_bag`` computes the reports ``check_paths`` gives, in order."""
        bag = scale.check_pages_bag(FIGURES, npartitions=4)
        assert bag.npartitions == 4
        assert bag.compute() == single
        dicts = bag.map(PageReport.to_dict).compute()
        assert dicts == [r.to_dict() for r in single]

    def test_jsonl_written_on_workers(self, client: Any, tmp_path: Path) -> None:
        """The parts, concatenated in name order, are ``genenorm check``'s JSONL, byte for byte."""
        bag = scale.check_pages_to_jsonl(FIGURES, tmp_path / "out", npartitions=3)
        summaries = bag.compute()
        parts = sorted((tmp_path / "out").iterdir())
        assert [p.name for p in parts] == [
            "part-00000.jsonl",
            "part-00001.jsonl",
            "part-00002.jsonl",
        ]
        assert [s["part"] for s in summaries] == [str(p) for p in parts]
        assert sum(s["pages"] for s in summaries) == 13
        assert sum(s["failed"] for s in summaries) == 0
        got = b"".join(p.read_bytes() for p in parts)
        proc = subprocess.run(
            [sys.executable, "-m", "genenorm", "check", "--no-progress", str(FIGURES)],
            capture_output=True,
            check=True,
        )
        assert got == proc.stdout
        assert sum(s["keywords"] for s in summaries) == sum(
            len(json.loads(line)["keywords"]) for line in got.splitlines()
        )

    def test_data_loaded_once_per_worker(self, client: Any) -> None:
        """After several tasks, no worker has built its resolver more than once."""
        scale.check_pages_bag(FIGURES, npartitions=8).compute()
        loads = client.run(_resolver_loads)
        assert set(loads.values()) <= {0, 1}
        assert sum(loads.values()) >= 1

    def test_keywords_dataframe(self, client: Any, single: list[PageReport]) -> None:
        """``keywords_dataframe`` computes ``keywords_frame`` of the same reports."""
        ddf = scale.keywords_dataframe(FIGURES, npartitions=3)
        assert ddf.npartitions == 3
        expected = frames.keywords_frame(single)
        assert ddf.dtypes.to_dict() == expected.dtypes.to_dict()
        got = ddf.compute().reset_index(drop=True)
        pd.testing.assert_frame_equal(got, expected)

    def test_keywords_dataframe_with_resolver(self, client: Any, single: list[PageReport]) -> None:
        """An explicit resolver is shipped by reference and gives the same rows."""
        ddf = scale.keywords_dataframe([FIGURES], npartitions=2, resolver=default_resolver())
        got = ddf.compute().reset_index(drop=True)
        pd.testing.assert_frame_equal(got, frames.keywords_frame(single))

    def test_website_hit_tables(self, client: Any) -> None:
        """The 13 ``-genes.tsv`` tables, one partition each, judged like ``check-hits``."""
        ddf = scale.read_hit_table_dataframe(GENE_TABLES, blocksize=None)
        assert ddf.npartitions == len(GENE_TABLES)
        judged = scale.check_hit_table_partitions(ddf)
        got = _records(judged.compute())
        expected = [row for path in GENE_TABLES for row in _expected_hits(read_hit_table(path))]
        assert got == expected

    def test_2020_hit_table(self, client: Any, adrd_table: Path, tmp_path: Path) -> None:
        """A 4,000-row slice of the 2020 table, cut into several partitions."""
        part = tmp_path / "adrd-slice.tsv"
        with adrd_table.open(encoding="utf-8") as src, part.open("w", encoding="utf-8") as out:
            for _, line in zip(range(4001), src, strict=False):
                out.write(line)
        ddf = scale.read_hit_table_dataframe(part, blocksize="64KB")
        assert ddf.npartitions >= 3
        judged = scale.check_hit_table_partitions(ddf, resolver=default_resolver())
        assert list(judged.columns) == [*read_hit_table(part).columns, *scale.JUDGED_COLUMNS]
        got = judged.compute()
        assert _records(got) == _expected_hits(read_hit_table(part))
        assert str(got["verdict"].dtype) == "category"


class TestPayload:
    """Tasks carry paths and a resolver reference, never lexicon indexes."""

    def test_resolver_pickles_to_a_path(self) -> None:
        """A resolver pickles to its data directory, not its data."""
        data = pickle.dumps(default_resolver())
        assert len(data) < 500
        assert pickle.loads(data).lexicon.data_dir == default_resolver().lexicon.data_dir

    @pytest.mark.parametrize("kind", ["bag", "keywords", "hits"])
    def test_graphs_are_small(self, kind: str) -> None:
        """Each graph, with an explicit resolver, pickles to a few kilobytes."""
        resolver = default_resolver()
        if kind == "bag":
            collection: Any = scale.check_pages_bag(FIGURES, resolver=resolver)
        elif kind == "keywords":
            collection = scale.keywords_dataframe(FIGURES, resolver=resolver)
        else:
            collection = scale.check_hit_table_partitions(
                scale.read_hit_table_dataframe(REFERENCE_HITS), resolver=resolver
            )
        payload = _payload(collection)
        assert b"_resolver_for_dir" in payload
        assert len(payload) < 50_000


class TestLocal:
    """Behaviour that needs no cluster (synchronous scheduler)."""

    def test_chunks(self) -> None:
        """Pages are cut into consecutive, nearly equal chunks; defaults scale with size."""
        files = [f"p{i}.md" for i in range(10)]
        chunks = scale._chunks(files, 3)
        assert [len(c) for c in chunks] == [4, 3, 3]
        assert [f for c in chunks for f in c] == files
        assert len(scale._chunks(files, 50)) == 10
        assert len(scale._chunks(files, None)) == 1
        assert scale._partition_count(0, None) == 1
        assert scale._partition_count(1_000, None) == 10
        assert scale._partition_count(10_000, None) == 100
        assert scale._partition_count(50_000, None) == 100
        assert scale._partition_count(250_000, None) == 250
        with pytest.raises(ValueError, match="npartitions"):
            scale._chunks(files, 0)

    def test_unreadable_pages(self, tmp_path: Path) -> None:
        """A page that cannot be read gives an error report, as with ``check_paths``."""
        (tmp_path / "a-bad.md").write_text("no front matter\n", encoding="utf-8")
        shutil.copyfile(REFERENCE_PAGE, tmp_path / "b-good.md")
        got = scale.check_pages_bag(tmp_path, npartitions=2).compute(scheduler="synchronous")
        assert got == list(check_paths([tmp_path]))
        assert got[0].errors
        assert not got[1].errors

    def test_every_entry_check_paths_reports(self, tmp_path: Path) -> None:
        """A dangling link, a FIFO and a directory without pages each get the error report
        `check_paths` gives them, in its order (they were left out: 2 of 4 reports lost),
        and the JSONL parts hold as many lines as `genenorm check` writes."""
        pages = tmp_path / "corpus"
        pages.mkdir()
        shutil.copyfile(REFERENCE_PAGE, pages / "a-good.md")
        (pages / "b-dangling.md").symlink_to(tmp_path / "nowhere.md")
        os.mkfifo(pages / "c-fifo.md")
        (tmp_path / "empty").mkdir()
        inputs = [pages, tmp_path / "empty"]
        got = scale.check_pages_bag(inputs, npartitions=2).compute(scheduler="synchronous")
        assert got == list(check_paths(inputs))
        assert [bool(r.errors) for r in got] == [False, True, True, True]
        scale.check_pages_to_jsonl(inputs, tmp_path / "out").compute(scheduler="synchronous")
        lines = [line for part in sorted((tmp_path / "out").glob("part-*.jsonl"))
                 for line in part.read_text("utf-8").splitlines()]  # fmt: skip
        assert [json.loads(line)["path"] for line in lines] == [r.path for r in got]

    def test_a_smaller_run_leaves_no_stale_parts(self, tmp_path: Path) -> None:
        """A second, smaller run into the same directory removes the first run's parts
        beyond its own: ``cat part-*.jsonl`` is this run's output alone."""
        out = tmp_path / "out"
        page = os.fspath(REFERENCE_PAGE)
        scale.check_pages_to_jsonl([page] * 5, out, npartitions=5).compute(scheduler="synchronous")
        (out / "notes.txt").write_text("mine", encoding="utf-8")
        scale.check_pages_to_jsonl([page] * 2, out, npartitions=2).compute(scheduler="synchronous")
        assert sorted(p.name for p in out.iterdir()) == [
            "notes.txt", "part-00000.jsonl", "part-00001.jsonl",
        ]  # fmt: skip

    @pytest.mark.parametrize("blocksize", ["64MB", None])
    def test_hit_table_rows_are_checked_as_check_hits_checks_them(
        self, tmp_path: Path, blocksize: str | None
    ) -> None:
        """A ragged row is refused naming file and line, as ``check-hits`` refuses it (it was
        padded with empty cells and judged); no file, or a binary one, is a named error."""
        lines = REFERENCE_HITS.read_text("utf-8").splitlines(keepends=True)
        ragged = tmp_path / "ragged.tsv"
        ragged.write_text("".join([*lines[:4], "x\ty\n", *lines[4:]]), encoding="utf-8")
        frame = scale.read_hit_table_dataframe(ragged, blocksize=blocksize)
        with pytest.raises(PageError, match=r"ragged\.tsv:5: 2 field\(s\) where the header has"):
            frame.compute(scheduler="synchronous")
        with pytest.raises(PageError, match="no file matches"):
            scale.read_hit_table_dataframe(os.fspath(tmp_path / "*.nothing"), blocksize=blocksize)
        binary = tmp_path / "binary.tsv"
        binary.write_bytes(bytes(range(128, 256)) * 10)
        with pytest.raises(PageError, match="not valid UTF-8"):
            scale.read_hit_table_dataframe(binary, blocksize=blocksize)

    def test_hit_table_rows_refused_with_check_hits_errors(self, tmp_path: Path) -> None:
        """Every row `genenorm check-hits` refuses is refused here with its error and line
        (one row check for both readers): all fields empty, a lone carriage return."""
        lines = REFERENCE_HITS.read_text("utf-8").splitlines()
        width = len(lines[0].split("\t"))
        cases = {
            "empty.tsv": [*lines[:3], "\t" * (width - 1), *lines[3:]],
            "cr.tsv": [*lines[:2], lines[2].replace("\t", "\r\t", 1), *lines[3:]],
        }
        for name, rows in cases.items():
            table = tmp_path / name
            table.write_bytes(("\n".join(rows) + "\n").encode())
            with pytest.raises(PageError) as cli_error:
                read_hit_table(table)
            frame = scale.read_hit_table_dataframe(table)
            with pytest.raises(PageError) as dask_error:
                frame.compute(scheduler="synchronous")
            assert str(dask_error.value) == str(cli_error.value)

    def test_empty_corpus(self, tmp_path: Path) -> None:
        """No pages: the one error report `check_paths` gives (no input found), and an empty
        frame with every column."""
        (report,) = scale.check_pages_bag(tmp_path).compute(scheduler="synchronous")
        assert report == next(iter(check_paths([tmp_path])))
        assert "no input found" in report.errors[0]
        df = scale.keywords_dataframe(tmp_path).compute(scheduler="synchronous")
        assert len(df) == 0
        assert list(df.columns) == list(frames.KEYWORD_COLUMNS)

    def test_partition_of_inferred_dtypes(self) -> None:
        """A frame read with pandas' defaults (numbers, ``NA`` as NaN) is judged the same."""
        plain = pd.read_csv(REFERENCE_HITS, sep="\t")
        assert plain["organism_id"].dtype.kind == "i"
        text = scale.read_hit_table_dataframe(REFERENCE_HITS).compute(scheduler="synchronous")
        judged = scale.judge_hits_partition(plain)
        expected = scale.judge_hits_partition(text)
        columns = list(scale.JUDGED_COLUMNS)
        pd.testing.assert_frame_equal(judged[columns], expected[columns])
        assert judged.index.equals(plain.index)

    def test_rejudging_replaces_columns(self) -> None:
        """Judging a judged frame replaces the verdict columns instead of doubling them."""
        once = scale.judge_hits_partition(pd.read_csv(REFERENCE_HITS, sep="\t", dtype=str))
        twice = scale.judge_hits_partition(once)
        pd.testing.assert_frame_equal(once, twice)

    def test_meta(self) -> None:
        """``judge_hits_meta`` is the empty result, from a pandas or a Dask frame."""
        ddf = scale.read_hit_table_dataframe(REFERENCE_HITS)
        meta = scale.judge_hits_meta(ddf)
        assert len(meta) == 0
        assert meta.dtypes.to_dict() == scale.judge_hits_meta(ddf.head(3)).dtypes.to_dict()
        assert [str(meta[c].dtype) for c in scale.JUDGED_COLUMNS] == list(
            scale.JUDGED_COLUMNS.values()
        )

    def test_unknown_header(self, tmp_path: Path) -> None:
        """A table of no known format is refused when the graph is built, not computed."""
        bad = tmp_path / "x.tsv"
        bad.write_text("a\tb\n1\t2\n", encoding="utf-8")
        with pytest.raises(PageError, match="unknown hit-table header"):
            scale.check_hit_table_partitions(scale.read_hit_table_dataframe(bad))

    @pytest.mark.parametrize(
        "function",
        ["check_pages_bag", "keywords_dataframe", "read_hit_table_dataframe"],
    )
    def test_without_dask(self, monkeypatch: pytest.MonkeyPatch, function: str) -> None:
        """``sys.modules["dask"] = None``: a ModuleNotFoundError naming the extra."""
        monkeypatch.setitem(sys.modules, "dask", None)
        with pytest.raises(ModuleNotFoundError) as info:
            getattr(scale, function)(FIGURES)
        assert str(info.value) == f"{function}() needs dask: pip install 'genenorm[dask]'"
