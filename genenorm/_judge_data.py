"""The judge's reference tables: GO annotations, GO process names, cell lines, EC enzymes.

`JudgeTables` is mixed into `genenorm.lexicon.Lexicon`; each table is read (and verified
against the manifest) on its first use, never at import or at `Lexicon.from_dir`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from itertools import accumulate
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from ._snapcache import Rows
from .exceptions import SnapshotError
from .models import Relation
from .text import LazyPattern, clean, fold

__all__ = ["CellLine", "GoProcess", "GoTerm", "JudgeTables", "compact_key"]

_T = TypeVar("_T")
_NOT_WORD = LazyPattern(r"[\W_]+")
_GENE_RELATIONS = (Relation.APPROVED, Relation.PREVIOUS, Relation.ALIAS)
#: `JudgeTables._partners` keeps a gene's co-cited partners as a set above this many (a tuple
#: otherwise): 4 MB for every such gene, a third less time for the 2020 table's look-ups.
_PARTNER_SET_ABOVE = 500


def compact_key(text: str) -> str:
    """Case-, dash- and space-insensitive key: `clean`, case-folded, every character that
    is not a letter or a digit removed (``THP-1``, ``THP1`` and ``thp 1`` → ``thp1``)."""
    return _NOT_WORD.sub("", clean(text).casefold())


class GoTerm(NamedTuple):
    """A GO term of the shipped annotation table."""

    go_id: str
    name: str
    #: Human genes (approved HGNC) annotated directly to the term with the kept evidence.
    n_genes: int


class GoProcess(NamedTuple):
    """A GO biological process that a text names."""

    go_id: str
    #: The term's GO name.
    name: str
    #: The name or synonym that matched, as GO writes it (``EMT``).
    text: str
    #: ``name``, ``synonym`` (exact and related synonyms are not told apart in the source)
    #: or ``wikipedia`` (the title of the Wikipedia page GO cross-references: ``Apoptosis``).
    kind: str
    #: Approved symbols of the genes whose approved, previous or alias symbol the query
    #: also is (``EMT`` is an alias of ITK): the judge decides which reading wins.
    gene_symbols: tuple[str, ...] = ()


class CellLine(NamedTuple):
    """A cell line that a text names."""

    #: Preferred name (Cellosaurus label, or a MeSH descriptor without "Cells").
    name: str
    #: ``cellosaurus`` (Cellosaurus accessions are not shipped) or the MeSH descriptor
    #: (``MESH:D000084282``) of a line that Cellosaurus does not name the same way.
    source: str
    #: Approved symbols of the genes whose approved, previous or alias symbol the query
    #: also is (as for `GoProcess`).
    gene_symbols: tuple[str, ...] = ()


def _text_key(line: str) -> str:
    tab = line.find("\t")
    return compact_key(line if tab < 0 else line[:tab])


#: Most texts `JudgeTables._remembered` remembers per table.
LOOKUPS_LIMIT = 1 << 16
#: Most row keys `_rows_with_key` remembers per table (then it computes the others anew).
ROW_KEYS_LIMIT = 1 << 16


def _rows_with_key(rows: Sequence[str], key: str, keys: dict[int, str]) -> list[list[str]]:
    """The rows (split) whose first cell has this `compact_key`, in a list sorted by it.

    Keys are not stored with the rows: a lookup computes the keys of the few rows bisection
    visits, and remembers them in *keys* (by row, up to `ROW_KEYS_LIMIT`): every bisection
    of a table starts at the same rows.
    """
    if not key:
        return []
    lo, hi = 0, len(rows)
    while lo < hi:  # bisect.bisect_left by the rows' keys
        mid = (lo + hi) // 2
        k = keys.get(mid)
        if k is None:
            k = _text_key(rows[mid])
            if len(keys) < ROW_KEYS_LIMIT:
                keys[mid] = k
        if k < key:
            lo = mid + 1
        else:
            hi = mid
    out = []
    while lo < len(rows):
        row = rows[lo]
        if _text_key(row) != key:
            break
        out.append(row.split("\t"))
        lo += 1
    return out


class JudgeTables:
    """Accessors of the judge's tables; needs `_read`, `_rows` and `lookup_fold` of a
    `Lexicon`."""

    data_dir: Path
    _rows: Sequence[str]

    def _read(self, name: str) -> list[str]:  # pragma: no cover - Lexicon provides it
        raise NotImplementedError

    def _read_rows(self, name: str) -> Rows:  # pragma: no cover - Lexicon provides it
        raise NotImplementedError

    def lookup_fold(
        self, key: str
    ) -> list[tuple[int, Relation, str]]:  # pragma: no cover - Lexicon provides it
        raise NotImplementedError

    @cached_property
    def _row_keys(self) -> dict[str, dict[int, str]]:
        """`_rows_with_key`'s remembered row keys, by table."""
        return {"go_processes": {}, "cell_lines": {}, "enzymes": {}}

    @cached_property
    def _lookups(self) -> dict[str, dict[str, tuple[Any, ...]]]:
        """What `go_processes`, `cell_lines` and `enzyme` found, by table and text."""
        return {"go_processes": {}, "cell_lines": {}, "enzymes": {}}

    def _remembered(self, table: str, text: str, find: Callable[[str], list[_T]]) -> tuple[_T, ...]:
        """``find(text)`` as a tuple, remembered per table and text (up to `LOOKUPS_LIMIT`
        texts per table; the judge asks about the same long forms and words again and
        again)."""
        memo = self._lookups[table]
        found = memo.get(text)
        if found is None:
            found = tuple(find(text))
            if len(memo) < LOOKUPS_LIMIT:
                memo[text] = found
        return found

    def _bad(self, name: str, line: str) -> SnapshotError:
        path = self.data_dir / name
        return SnapshotError(f"{path}: malformed row {line[:60]!r}", path=str(path))

    def gene_rows_of(self, text: str) -> tuple[int, ...]:
        """Rows of the genes whose approved, previous or alias symbol *text* is
        (case-insensitive), in index order, without repeats."""
        found = self.lookup_fold(fold(clean(text)))
        return tuple(dict.fromkeys(idx for idx, rel, _term in found if rel in _GENE_RELATIONS))

    def gene_symbols_of(self, text: str) -> tuple[str, ...]:
        """Approved symbols of the genes of `gene_rows_of`, in index order, without repeats."""
        rows = self._rows
        return tuple(dict.fromkeys(rows[idx].split("\t", 2)[1] for idx in self.gene_rows_of(text)))

    # ------------------------------------------------------------------ articles

    @cached_property
    def _articles(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for line in self._read("gene_articles.tsv.gz"):
            hgnc_id, sep, n = line.partition("\t")
            if not sep or not n.isdigit():
                raise self._bad("gene_articles.tsv.gz", line)
            out[hgnc_id] = int(n)
        return out

    def articles(self, hgnc_id: str) -> int:
        """How many PubMed articles NCBI Gene links to the gene with this HGNC ID
        (``gene2pubmed``; 0 when none or unknown): how well studied the gene is."""
        return self._articles.get(hgnc_id, 0)

    # ------------------------------------------------------------------ co-citation

    def _by_gene(self, name: str, *, empty: bool = False) -> dict[str, str]:
        """A table of ``hgnc_id<TAB>value`` rows as a dict (a row without its tab, or with an
        empty value unless *empty*, is malformed)."""
        out: dict[str, str] = {}
        for line in self._read(name):
            hgnc_id, sep, value = line.partition("\t")
            if not sep or not (value or empty):
                raise self._bad(name, line)
            out[hgnc_id] = value
        return out

    @cached_property
    def _cocitations(self) -> dict[str, str | tuple[int, ...] | frozenset[int]]:
        """Each gene's co-cited HGNC numbers: the table's text, until `_partners` parses it
        in its place (the table itself, not a cache: nothing to trim)."""
        return dict(self._by_gene("cocitations.tsv.gz"))

    @cached_property
    def _cocited_numbers(self) -> dict[int, int]:
        """One int object per HGNC number that `_partners` has met (at most one per gene of
        the co-citation table: not a cache, nothing to trim)."""
        return {}

    def has_cocitations(self, hgnc_id: str) -> bool:
        """Whether NCBI Gene links the gene to an article with another gene (`cocited` is
        not empty)."""
        return hgnc_id in self._cocitations

    def _partners(self, hgnc_id: str) -> tuple[int, ...] | frozenset[int]:
        """The gene's co-cited HGNC numbers (parsed once, in place of their text): in
        increasing order, or as a set for a hub (more than `_PARTNER_SET_ABOVE`).

        The genes share their numbers' int objects (`_cocited_numbers`), so a tuple costs 8
        bytes a partner, and `frozenset.intersection` walks it without making an int per
        step (as it would over an `array`). A set costs about five times as much, but is
        probed once per number of the figure instead of walked: the hubs are few (91 genes
        of 21,297), but most of what the figures' genes are asked about (every gene's
        tuples and sets together, 10 MB, against 6 MB of text)."""
        found = self._cocitations.get(hgnc_id, ())
        if isinstance(found, str):
            numbers = list(accumulate(map(int, found.split())))
            found = tuple(map(self._cocited_numbers.setdefault, numbers, numbers))
            if len(found) > _PARTNER_SET_ABOVE:
                found = frozenset(found)
            self._cocitations[hgnc_id] = found
        return found

    def cocited(self, hgnc_id: str) -> frozenset[int]:
        """HGNC numbers (``HGNC:1097`` → 1097) of the genes with which NCBI Gene links the
        gene with this HGNC ID to a common PubMed article, counting only articles about at
        most ten genes (``gene2pubmed``); empty when none or unknown."""
        return frozenset(self._partners(hgnc_id))

    def cocited_among(self, hgnc_id: str, numbers: frozenset[int]) -> frozenset[int]:
        """The HGNC numbers of *numbers* that `cocited` holds for the gene (a figure's genes
        written about with it), without building its whole set."""
        return numbers.intersection(self._partners(hgnc_id)) if numbers else frozenset()

    # ------------------------------------------------------------------ NCBI synonyms

    @cached_property
    def _ncbi_synonyms(self) -> dict[str, str]:
        return self._by_gene("ncbi_synonyms.tsv.gz")

    def ncbi_synonyms(self, hgnc_id: str) -> tuple[str, ...]:
        """NCBI Gene's synonyms of the gene with this HGNC ID that HGNC does not list as its
        symbol, alias or previous symbol (``gene_info``; empty when none or unknown). PFOCR
        matched OCR words against NCBI Gene's synonyms, so a keyword may come from one."""
        found = self._ncbi_synonyms.get(hgnc_id)
        return tuple(found.split("|")) if found else ()

    # ------------------------------------------------------------------ GO annotations

    @cached_property
    def _go_annotations(self) -> dict[str, str]:
        return self._by_gene("go_annotations.tsv.gz", empty=True)

    @cached_property
    def _go_parsed(self) -> dict[str, frozenset[int]]:
        return {}

    def go_count(self, hgnc_id: str) -> int:
        """How many informative GO terms (see `go_terms`) the gene with this HGNC ID has,
        without building or keeping the set."""
        raw = self._go_annotations.get(hgnc_id, "")
        return raw.count(" ") + 1 if raw else 0

    def go_terms(self, hgnc_id: str) -> frozenset[int]:
        """Indexes (see `go_term`) of the informative GO terms (biological process and
        cellular component, experimental or curated evidence, direct annotations, terms
        carried by 3 to 300 human genes) of the gene with this HGNC ID; empty when none.
        """
        found = self._go_parsed.get(hgnc_id)
        if found is None:
            raw = self._go_annotations.get(hgnc_id, "")
            found = frozenset(int(i) for i in raw.split()) if raw else frozenset()
            self._go_parsed[hgnc_id] = found
        return found

    @cached_property
    def _go_term_rows(self) -> Rows:
        rows = self._read_rows("go_terms.tsv.gz")
        if rows and not rows[-1].startswith(f"{len(rows) - 1}\t"):
            raise self._bad("go_terms.tsv.gz", rows[-1])
        return rows

    def go_term(self, index: int) -> GoTerm:
        """The GO term at *index* of ``go_terms.tsv.gz``.

        Raises:
            IndexError: no such index.
        """
        if index < 0:
            raise IndexError(index)
        f = self._go_term_rows[index].split("\t")
        return GoTerm(f[1], f[2], int(f[4]))

    def go_aspect(self, index: int) -> str:
        """``P`` (biological process) or ``C`` (cellular component) of the term at *index*."""
        if index < 0:
            raise IndexError(index)
        return self._go_term_rows[index].split("\t")[3]

    @property
    def n_go_terms(self) -> int:
        """How many GO terms the annotation table uses."""
        return len(self._go_term_rows)

    # ------------------------------------------------------------------ GO processes

    @cached_property
    def _go_process_rows(self) -> Rows:
        return self._read_rows("go_processes.tsv.gz")

    @cached_property
    def _go_process_names(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for line in self._go_process_rows:
            if line.endswith("\tname"):
                text, go_id, _kind = line.split("\t")
                out[go_id] = text
        return out

    def go_processes(self, text: str) -> list[GoProcess]:
        """Every GO biological process whose name, synonym or Wikipedia title is *text*
        (case-, dash- and space-insensitive), names before synonyms, then by GO id."""
        return list(self._remembered("go_processes", text, self._go_processes))

    def _go_processes(self, text: str) -> list[GoProcess]:
        found = _rows_with_key(
            self._go_process_rows, compact_key(text), self._row_keys["go_processes"]
        )
        if not found:
            return []
        genes = self.gene_symbols_of(text)
        names = self._go_process_names
        out: list[GoProcess] = []
        for f in found:
            if len(f) != 3:
                raise self._bad("go_processes.tsv.gz", "\t".join(f))
            if all(p.go_id != f[1] for p in out):
                out.append(GoProcess(f[1], names.get(f[1], f[0]), f[0], f[2], genes))
        return out

    def go_process(self, text: str) -> GoProcess | None:
        """The GO biological process that *text* names (``EMT``, ``epithelial to
        mesenchymal transition``), or ``None``. When several terms share the text, a term
        whose name it is comes first, then the lowest GO id; `go_processes` lists all."""
        found = self.go_processes(text)
        return found[0] if found else None

    # ------------------------------------------------------------------ cell lines

    @cached_property
    def _cell_line_rows(self) -> Rows:
        return self._read_rows("cell_lines.tsv.gz")

    def cell_lines(self, text: str) -> list[CellLine]:
        """Every cell line named *text* (case-, dash- and space-insensitive: ``THP-1`` =
        ``THP1`` = ``thp 1``): Cellosaurus names first, a name written exactly as *text*
        before others."""
        return list(self._remembered("cell_lines", text, self._cell_lines))

    def _cell_lines(self, text: str) -> list[CellLine]:
        found = _rows_with_key(
            self._cell_line_rows, compact_key(text), self._row_keys["cell_lines"]
        )
        if not found:
            return []
        genes = self.gene_symbols_of(text)
        written = clean(text)
        out: list[CellLine] = []
        for f in sorted(found, key=lambda f: (f[2] != "", f[0] != written)):
            if len(f) != 3:
                raise self._bad("cell_lines.tsv.gz", "\t".join(f))
            line = CellLine(f[1] or f[0], f[2] or "cellosaurus", genes)
            if line not in out:
                out.append(line)
        return out

    def cell_line(self, text: str) -> str | None:
        """Preferred name of the cell line *text* names, or ``None``. See `cell_lines` for
        the source and whether the text is also a gene symbol."""
        found = self.cell_lines(text)
        return found[0].name if found else None

    # ------------------------------------------------------------------ enzymes

    @cached_property
    def _enzyme_rows(self) -> Rows:
        return self._read_rows("enzymes.tsv.gz")

    def enzyme(self, text: str) -> list[str]:
        """EC numbers of the enzymes whose accepted name or synonym is *text* (case-, dash-
        and space-insensitive), accepted names first; empty when none."""
        return list(self._remembered("enzymes", text, self._enzyme))

    def _enzyme(self, text: str) -> list[str]:
        out: list[str] = []
        for f in _rows_with_key(self._enzyme_rows, compact_key(text), self._row_keys["enzymes"]):
            if f[1] not in out:
                out.append(f[1])
        return out

    @cached_property
    def _ec_names(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for line in self._enzyme_rows:
            if line.endswith("\tname"):
                text, ec, _kind = line.split("\t")
                out[ec] = text
        return out

    def ec_name(self, ec: str) -> str | None:
        """Accepted name of a (four-level) EC number, or ``None``."""
        return self._ec_names.get(ec.strip().removeprefix("EC:").removeprefix("EC "))

    @cached_property
    def _gene_ec(self) -> dict[str, tuple[str, ...]]:
        out: dict[str, tuple[str, ...]] = {}
        for line in self._read("gene_ec.tsv.gz"):
            hgnc_id, sep, ecs = line.partition("\t")
            if not sep:
                raise self._bad("gene_ec.tsv.gz", line)
            out[hgnc_id] = tuple(ecs.split())
        return out

    def ec_of(self, hgnc_id: str) -> tuple[str, ...]:
        """EC numbers HGNC gives the gene with this HGNC ID; empty when none."""
        return self._gene_ec.get(hgnc_id, ())

    @cached_property
    def _genes_of_ec(self) -> dict[str, tuple[str, ...]]:
        out: dict[str, list[str]] = {}
        for hgnc_id, ecs in self._gene_ec.items():
            for ec in ecs:
                out.setdefault(ec, []).append(hgnc_id)
        return {k: tuple(v) for k, v in out.items()}

    def genes_of_ec(self, ec: str) -> tuple[str, ...]:
        """HGNC IDs of the genes HGNC annotates with this EC number."""
        return self._genes_of_ec.get(ec, ())
