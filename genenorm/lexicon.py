"""The compiled data: loaded once, verified, and answered from in-memory indexes.

A `Lexicon` reads a data directory (by default the snapshot embedded in the package,
through `importlib.resources`), checks every file against the SHA-256 in its
``manifest.json`` (once while the file is unchanged, with the snapshot cache: see
`Lexicon._checked`), and answers key → genes / families / non-gene meanings / chemicals /
English-word facts. Nothing is read at import time; `default_lexicon` loads on first use.
"""

from __future__ import annotations

import bisect
import contextlib
import os
import re
import zlib
from collections.abc import Callable, Iterator, Sequence
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Literal, NamedTuple, overload

from ._format import (
    CHEMICAL_CLASSES,
    CHEMICAL_KINDS,
    CHEMICALS,
    HGNC,
    KEYS,
    KEYS_VERSION,
    RELATION_CODES,
    SHARDS,
    default_data_dir,
    read_manifest,
)
from ._judge_data import CellLine, GoProcess, GoTerm, JudgeTables
from ._snapcache import (
    ByteRows,
    Lookup,
    Rows,
    Sharded,
    ShardedLookup,
    ShardedRows,
    TextRows,
    cached,
    fingerprint,
    lists,
    log_debug,
    remember_checked,
    trusted,
)
from .exceptions import SnapshotError
from .models import Provenance, Relation
from .text import LazyPattern, clean, fold, norm_key

__all__ = [
    "CellLine",
    "Chemical",
    "Gene",
    "GoProcess",
    "GoTerm",
    "Lexicon",
    "Meaning",
    "default_data_dir",
    "default_lexicon",
    "read_manifest",
    "snapshot_info",
]

#: Environment variable naming a data directory to use instead of the embedded snapshot.
DATA_ENV = "GENENORM_DATA"


class Gene(NamedTuple):
    """One HGNC record (approved or withdrawn)."""

    hgnc_id: str
    symbol: str
    name: str
    status: str
    locus_type: str
    entrez: str
    ensembl: str
    uniprot: tuple[str, ...]
    aliases: tuple[str, ...]
    previous: tuple[str, ...]
    successors: tuple[str, ...]


class Meaning(NamedTuple):
    """A curated meaning of a text: FamPlex's grounding map, or a MeSH protein name."""

    text: str
    #: ``GO:0001837``, ``MESH:D017382``, ``CHEBI:…``, ``FPLX:SOD``, ``HGNC:…``.
    curie: str
    #: ``famplex`` (a text of the grounding map), ``famplex_id`` (a family's identifier
    #: used as its name) or ``mesh`` (a protein name).
    source: str = "famplex"


class Chemical(NamedTuple):
    """One chemical or drug name with its identifiers (empty string when unknown)."""

    name: str
    mesh: str
    drugbank: str
    chebi: str
    #: ``drug`` (DrugBank), ``chemical`` (MeSH chemicals and drugs tree, ModelSEED).
    kind: str
    #: ModelSEED compound id (``cpd00020``; CURIE prefix ``seed.compound``).
    seed: str = ""
    #: ``metabolite``, ``drug``, ``ion``, ``element``, or empty when not known.
    chemical_class: str = ""


#: Index entry: (gene index, relation, lexicon term as written).
Entry = tuple[int, Relation, str]
_NO_ENTRIES: list[Entry] = []
_NO_MEANINGS: list[Meaning] = []
_RELATION_BY_CODE = {code: Relation(name) for name, code in RELATION_CODES.items()}


def _hash(data: bytes) -> str:
    import hashlib  # 4 ms (OpenSSL): only when a file is hashed (see `Lexicon._checked`)

    return hashlib.sha256(data).hexdigest()


def _cache_key(meta: dict[str, Any]) -> str:
    """What a table parsed from a data file depends on: its bytes and its manifest row count
    (the snapshot cache's key; see `genenorm._snapcache`)."""
    return f"{meta['sha256']}-r{meta.get('rows')}"


class Lexicon(JudgeTables):
    """Read-only indexes over one data directory. Build with `from_dir`."""

    def __init__(self, data_dir: Path, manifest: dict[str, Any]) -> None:
        self.data_dir = data_dir
        self.manifest = manifest
        self.release: str = str(manifest.get("release", ""))
        self._rows: Sequence[str] = []
        self._genes: dict[int, Gene] = {}
        self._row_families: dict[int, tuple[str, ...]] = {}
        self._narrower: dict[str, frozenset[str]] = {}
        self._fold_raw: ShardedLookup[str] | Lookup[str] = Lookup.of({})
        self._norm_lines: list[str] = []
        self._rows_sha = ""
        self._keys: tuple[Callable[[], bytes], dict[str, Any]] = (bytes, {})
        #: Parsed entries by key, of the case-folded and of the normalised keys.
        self._parsed: tuple[dict[str, list[Entry]], dict[str, list[Entry]]] = ({}, {})
        self._chemical_memo: dict[str, Chemical | None] = {}
        self._chemical_shards: dict[str, Sequence[bytes]] = {}

    @classmethod
    def from_dir(cls, data_dir: str | Path) -> Lexicon:
        """Load a data directory (made by ``scripts/build_data.py`` or ``genenorm data build``).

        Raises:
            SnapshotError: a file is missing, truncated, corrupted or malformed; the message
                names it.
        """
        data_dir = Path(data_dir)
        manifest = read_manifest(data_dir)
        if manifest.get("keys") != KEYS_VERSION:
            path = data_dir / "manifest.json"
            raise SnapshotError(
                f"{path}: data built for key version {manifest.get('keys')!r}, this genenorm "
                f"needs {KEYS_VERSION}; rebuild it with 'genenorm data build'",
                path=str(path),
            )
        lex = cls(data_dir, manifest)
        lex._load_hgnc()
        return lex

    # ------------------------------------------------------------------ raw files

    def _read(self, name: str) -> list[str]:
        """Return the lines (header dropped) of one verified gzipped TSV file."""
        raw, meta = self._checked(name)
        build = lambda: self._lines(name, raw(), meta.get("rows"), text=True)  # noqa: E731
        return cached(_cache_key(meta), "lines", build, lists)

    def _read_rows(self, name: str) -> Rows:
        """`_read`, kept compact (see `Rows`): for tables that are searched, not parsed whole."""
        raw, meta = self._checked(name)

        def build() -> Rows:
            return Rows.of(self._lines(name, raw(), meta.get("rows"), text=True))

        return cached(_cache_key(meta), "rows", build, Rows.load, Rows.dump)

    def _checked(self, name: str) -> tuple[Callable[[], bytes], dict[str, Any]]:
        """`_verified`, for a file whose bytes are needed only when the snapshot cache does
        not have what is parsed from it: its bytes (read then) and its manifest entry.

        The file is hashed now unless the cache recorded that it matched its SHA-256 with
        the size, modification and change times, inode and device it has now
        (`genenorm._snapcache.trusted`): a file written, replaced or truncated since is
        hashed again, so that a damaged file is still refused.
        """
        path = self.data_dir / name
        meta = self.manifest["files"].get(name)
        try:
            st = os.stat(path)
        except OSError:
            st = None
        if meta is not None and st is not None and trusted(_cache_key(meta), str(path), st):
            read: list[bytes] = []

            def raw() -> bytes:  # a cache miss: read (and check) the file after all
                if not read:
                    read.append(self._verified(name)[0])
                return read[0]

            return raw, meta
        data, meta = self._verified_remembered(name, st)
        return lambda: data, meta

    def _verified_remembered(
        self, name: str, st: os.stat_result | None
    ) -> tuple[bytes, dict[str, Any]]:
        """`_verified`, recorded as matching (`remember_checked`) when the file still has the
        fingerprint of *st* (its `os.stat` before it was read)."""
        data, meta = self._verified(name)
        if st is not None:
            path = self.data_dir / name
            with contextlib.suppress(OSError):
                if fingerprint(os.stat(path)) == fingerprint(st):  # unchanged while read
                    remember_checked(_cache_key(meta), str(path), st)
        return data, meta

    def _raw(self, name: str) -> tuple[bytes, dict[str, Any]]:
        """`_verified`, for a file whose bytes are always needed (not only on a cache miss):
        not hashed when the snapshot cache trusts it as it is (see `_checked`).

        The trusted file is read through one open file whose fingerprint (`os.fstat`) is the
        recorded one before the read and unchanged after it, so the bytes read are the ones
        that matched; otherwise the file is hashed as `_verified` does (and remembered).
        """
        path = self.data_dir / name
        meta = self.manifest["files"].get(name)
        st: os.stat_result | None = None
        if meta is not None:
            with contextlib.suppress(OSError), open(path, "rb") as f:
                st = os.fstat(f.fileno())
                if trusted(_cache_key(meta), str(path), st):
                    raw = f.read()
                    if len(raw) == st.st_size and fingerprint(os.fstat(f.fileno())) == fingerprint(
                        st
                    ):
                        return raw, meta
        return self._verified_remembered(name, st)

    def _verified(self, name: str) -> tuple[bytes, dict[str, Any]]:
        """The raw bytes of one data file, checked against its SHA-256, and its manifest entry."""
        path = self.data_dir / name
        meta = self.manifest["files"].get(name)
        if meta is None:
            raise SnapshotError(
                f"{path}: not listed in {self.data_dir / 'manifest.json'}", path=str(path)
            )
        try:
            raw = path.read_bytes()
        except OSError as err:
            raise SnapshotError(
                f"{path}: cannot read snapshot file ({err})", path=str(path)
            ) from err
        if _hash(raw) != meta.get("sha256"):
            raise SnapshotError(
                f"{path}: checksum mismatch (corrupted, truncated or edited); rebuild the data "
                "directory or reinstall genenorm",
                path=str(path),
            )
        return raw, meta

    @overload
    def _lines(
        self, name: str, raw: bytes, expected: object, *, header: bool = ..., text: Literal[True]
    ) -> list[str]: ...
    @overload
    def _lines(
        self,
        name: str,
        raw: bytes,
        expected: object,
        *,
        header: bool = ...,
        text: Literal[False] = False,
    ) -> list[bytes]: ...
    def _lines(
        self, name: str, raw: bytes, expected: object, *, header: bool = True, text: bool = False
    ) -> list[str] | list[bytes]:
        """The lines of gzipped *raw* (its header dropped), checked against *expected* rows;
        decoded when *text* (decoding the whole text at once is the fastest way)."""
        path = self.data_dir / name
        lines: list[str] | list[bytes]
        import gzip  # only when the snapshot cache misses: a cold start skips it

        try:
            data = gzip.decompress(raw)
            lines = data.decode("utf-8").split("\n") if text else data.split(b"\n")
        except (OSError, EOFError, UnicodeDecodeError, zlib.error) as err:
            raise SnapshotError(
                f"{path}: not a gzipped UTF-8 table ({err})", path=str(path)
            ) from err
        if lines and not lines[-1]:
            lines.pop()
        n = len(lines) - header
        if expected is not None and n != expected:
            raise SnapshotError(f"{path}: {n} rows, manifest says {expected}", path=str(path))
        return lines[1:] if header else lines

    def _read_bytes(self, name: str) -> list[bytes]:
        """`_read`, with the lines left as UTF-8 bytes."""
        raw, meta = self._verified(name)
        return self._lines(name, raw, meta.get("rows"))

    # ------------------------------------------------------------------ genes

    def _load_hgnc(self) -> None:
        raw, meta = self._checked(HGNC)
        self._rows_sha = _cache_key(meta)

        def build() -> dict[str, TextRows]:
            return ShardedRows.split(self._lines(HGNC, raw(), meta.get("rows"), text=True))

        # in shards of UTF-8 rows, each decoded a row at a time: a resolve reads a few rows
        table = f"rows8.{ShardedRows.SIZE}"
        self._rows = ShardedRows(
            Sharded(self._rows_sha, table, build, TextRows.load, TextRows.dump)
        )
        self._keys = self._checked(KEYS)
        self._fold_raw = self._lookup("fold", self._fold_table)

    def _lookup(self, table: str, build: Callable[[], dict[str, str]]) -> ShardedLookup[str]:
        """A key table of ``hgnc_keys.tsv.gz``, from the snapshot cache or *build*, in shards
        by the keys' first character (a resolve reads one or two of them)."""
        return ShardedLookup(
            Sharded(
                _cache_key(self._keys[1]), f"{table}.s", lambda: ShardedLookup.split(build()),
                Lookup.load_packed, Lookup.dump_packed,
            )
        )  # fmt: skip

    def _key_lines(self) -> tuple[list[str], int]:
        """The rows of ``hgnc_keys.tsv.gz`` and where its normalised keys begin."""
        path = self.data_dir / KEYS
        raw, meta = self._keys
        lines = self._lines(KEYS, raw(), meta.get("rows"), text=True)
        # Rows are sorted, so the case-folded keys ("f") come first and the normalised ones
        # ("n") after them.
        split = bisect.bisect_left(lines, "n\t")
        if (lines and not lines[0].startswith(("f\t", "n\t"))) or (
            split < len(lines) and not lines[-1].startswith("n\t")
        ):
            bad = lines[0] if not lines[0].startswith(("f\t", "n\t")) else lines[-1]
            msg = f"{path}: unknown key kind {bad.split(chr(9), 1)[0]!r}"
            raise SnapshotError(msg, path=str(path))
        return lines, split

    def _key_table(self, lines: list[str]) -> dict[str, str]:
        try:
            return dict(line[2:].split("\t", 1) for line in lines)
        except ValueError:
            path = self.data_dir / KEYS
            raise SnapshotError(f"{path}: malformed key row", path=str(path)) from None

    def _fold_table(self) -> dict[str, str]:
        """The case-folded keys (parsed now; the normalised ones are kept for first use)."""
        lines, split = self._key_lines()
        self._norm_lines = lines[split:]
        return self._key_table(lines[:split])

    @cached_property
    def _norm_raw(self) -> ShardedLookup[str]:
        def build() -> dict[str, str]:
            if not self._norm_lines:
                lines, split = self._key_lines()
                self._norm_lines = lines[split:]
            return self._key_table(self._norm_lines)

        table = self._lookup("norm", build)
        self._norm_lines = []
        return table

    def _caches(self) -> list[dict[Any, Any]]:
        """What this lexicon remembers of its look-ups (parsed genes and entries, chemicals,
        GO terms, the judge tables' look-ups and row keys), for a checker's
        `genenorm._budget.CacheBudget`; emptying them changes no result. The loaded tables
        themselves are not caches."""
        return [
            self._genes, *self._parsed, self._chemical_memo, self._go_parsed,
            *self._lookups.values(), *self._row_keys.values(),
        ]  # fmt: skip

    def __len__(self) -> int:
        return len(self._rows)

    def gene(self, index: int) -> Gene:
        """The HGNC record at row *index* of ``hgnc.tsv.gz``."""
        g = self._genes.get(index)
        if g is None:
            f = self._rows[index].split("\t")
            if len(f) != 11:
                path = self.data_dir / HGNC
                raise SnapshotError(
                    f"{path}: row {index + 2} has {len(f)} columns, expected 11", path=str(path)
                )
            g = Gene(
                f[0], f[1], f[2], f[3], f[4], f[5], f[6],
                tuple(f[7].split("|")) if f[7] else (),
                tuple(f[8].split("|")) if f[8] else (),
                tuple(f[9].split("|")) if f[9] else (),
                tuple(f[10].split("|")) if f[10] else (),
            )  # fmt: skip
            self._genes[index] = g
        return g

    @property
    def genes(self) -> Iterator[Gene]:
        """Every HGNC record, approved and withdrawn, in file order."""
        return (self.gene(i) for i in range(len(self._rows)))

    @cached_property
    def _by_id(self) -> Lookup[int]:
        def build() -> Lookup[int]:
            return Lookup.of({row[: row.index("\t")]: i for i, row in enumerate(self._rows)})

        return cached(self._rows_sha, "by_id.p", build, Lookup.load_packed, Lookup.dump_packed)

    @cached_property
    def _by_entrez(self) -> Lookup[int]:
        def build() -> Lookup[int]:
            out: dict[str, int] = {}
            for i, row in enumerate(self._rows):
                f = row.split("\t", 6)
                if f[3] == "approved" and f[5]:
                    out.setdefault(f[5], i)
            return Lookup.of(out)

        return cached(self._rows_sha, "by_entrez.p", build, Lookup.load_packed, Lookup.dump_packed)

    def index_of_entrez(self, entrez: str) -> int | None:
        """Row of the approved gene with this NCBI Gene ID, if any."""
        return self._by_entrez.get(entrez.strip())

    def gene_by_id(self, hgnc_id: str) -> Gene | None:
        """The record with this HGNC ID, if any."""
        i = self._by_id.get(hgnc_id)
        return None if i is None else self.gene(i)

    def index_of(self, hgnc_id: str) -> int | None:
        """Row of an HGNC ID in ``hgnc.tsv.gz``."""
        return self._by_id.get(hgnc_id)

    def _entries(self, normalised: bool, key: str) -> list[Entry]:
        parsed = self._parsed[normalised]
        cached = parsed.get(key)
        if cached is not None:
            return cached
        raw = (self._norm_raw if normalised else self._fold_raw).get(key)
        if not raw:
            return _NO_ENTRIES  # misses are not cached: unknown terms are unbounded
        out: list[Entry] = []
        for item in raw.split(";") if ";" in raw else (raw,):
            idx, code, term = item.split(",", 2)
            out.append((int(idx), _RELATION_BY_CODE[code], term))
        if len(parsed) < 100_000:
            parsed[key] = out
        return out

    def lookup_fold(self, key: str) -> list[Entry]:
        """Entries whose term has this case-folded key (see `genenorm.text.fold`)."""
        return self._entries(False, key)

    def lookup_norm(self, key: str) -> list[Entry]:
        """Entries whose term has this normalised key (see `genenorm.text.norm_key`)."""
        return self._entries(True, key)

    @cached_property
    def withdrawn_entries(self) -> dict[str, list[Gene]]:
        """Withdrawn records by case-folded symbol (including those without a successor)."""
        out: dict[str, list[Gene]] = {}
        for i, row in enumerate(self._rows):
            if "\tapproved\t" not in row:
                g = self.gene(i)
                out.setdefault(fold(g.symbol), []).append(g)
        return out

    def withdrawn_of(self, key: str) -> list[Gene]:
        """`withdrawn_entries` of one case-folded symbol (empty when none), read from a table
        of the snapshot cache instead of a pass over every HGNC record."""
        found = self._withdrawn.get(key)
        return [] if found is None else [self.gene(int(i)) for i in found.split(",")]

    @cached_property
    def _withdrawn(self) -> Lookup[str]:
        def pairs() -> Iterator[tuple[str, int]]:
            for i, row in enumerate(self._rows):
                if "\tapproved\t" not in row:
                    yield fold(self.gene(i).symbol), i

        return self._row_lookup("withdrawn.p", pairs)

    def _row_lookup(
        self, table: str, pairs: Callable[[], Iterator[tuple[str, int]]]
    ) -> Lookup[str]:
        """Key → rows of ``hgnc.tsv.gz`` (``"i"``, or ``"i,j,…"`` in row order), from the
        snapshot cache or made from the (key, row) *pairs*."""

        def build() -> Lookup[str]:
            out: dict[str, str] = {}
            for key, i in pairs():
                same = out.get(key)
                out[key] = str(i) if same is None else f"{same},{i}"
            return Lookup.of(out)

        return cached(self._rows_sha, table, build, Lookup.load_packed, Lookup.dump_packed)

    @cached_property
    def mirna_symbols(self) -> dict[str, list[str]]:
        """Approved microRNA gene symbols grouped by their locus-free stem (``MIRLET7A``)."""
        stem = re.compile(r"(MIR(?:LET)?\d+[A-Z]?)(?:-?\d+)?")
        out: dict[str, list[str]] = {}
        for key in self._fold_raw.prefixed("MIR"):
            if m := stem.fullmatch(key):
                for idx, rel, _term in self.lookup_fold(key):
                    if rel is Relation.APPROVED:
                        out.setdefault(m.group(1), []).append(self.gene(idx).symbol)
        return out

    # ------------------------------------------------------------------ FamPlex

    @cached_property
    def _famplex(self) -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
        families: dict[str, tuple[str, ...]] = {}
        complexes: set[str] = set()
        for line in self._read("famplex_members.tsv.gz"):
            fid, members, kind = line.split("\t")
            families[fid] = tuple(members.split("|")) if members else ()
            if kind == "complex":
                complexes.add(fid)
        return families, frozenset(complexes)

    @property
    def families(self) -> dict[str, tuple[str, ...]]:
        """FamPlex id → HGNC IDs of its (transitive) members."""
        return self._famplex[0]

    @property
    def complexes(self) -> frozenset[str]:
        """FamPlex ids of complexes (entities made of parts: ``mTORC2``, ``PI3K``), as
        opposed to families of related genes (``MAPK``)."""
        return self._famplex[1]

    @cached_property
    def _families_of(self) -> dict[str, tuple[str, ...]]:
        out: dict[str, list[str]] = {}
        for fid, members in self.families.items():
            for hgnc_id in members:
                out.setdefault(hgnc_id, []).append(fid)
        return {k: tuple(v) for k, v in out.items()}

    def families_of(self, hgnc_id: str) -> tuple[str, ...]:
        """FamPlex ids of the families and complexes this gene belongs to."""
        return self._families_of.get(hgnc_id, ())

    def families_of_row(self, index: int) -> tuple[str, ...]:
        """`families_of` the gene at row *index* of ``hgnc.tsv.gz`` (cached)."""
        found = self._row_families.get(index)
        if found is None:
            found = self._row_families[index] = self.families_of(self.gene(index).hgnc_id)
        return found

    def narrower_families(self, fid: str) -> frozenset[str]:
        """FamPlex families and complexes whose members are some, not all, of *fid*'s: the
        branches within it (``ERK`` within ``MAPK``, the paralog group ``PI3K_p110`` within
        the complex ``PI3K``). Cached per family (a few hundred at most)."""
        found = self._narrower.get(fid)
        if found is None:
            families = self.families
            broad = frozenset(families.get(fid, ()))
            near = {f for hgnc_id in broad for f in self.families_of(hgnc_id)}
            found = self._narrower[fid] = frozenset(
                f for f in near if families[f] and frozenset(families[f]) < broad
            )
        return found

    def _read_meanings(self, name: str) -> tuple[_Meanings, _Meanings]:
        """The meanings of a table by case-folded and by normalised key, from the snapshot
        cache when it has them: packed (`Lookup.load_packed`), a key's meanings as one text
        until its first look-up (`meanings_by_key` makes them `Meaning` values), so that a
        cold start neither reads nor builds them all."""
        _raw, meta = self._checked(name)
        fold_table, norm_table = cached(
            _cache_key(meta), "meanings.p", lambda: self._parse_meanings(name),
            _load_meanings, _dump_meanings,
        )  # fmt: skip
        return ({}, fold_table), ({}, norm_table)

    def _parse_meanings(self, name: str) -> tuple[Lookup[str], Lookup[str]]:
        by_fold: dict[str, str] = {}
        by_norm: dict[str, str] = {}
        path = self.data_dir / name
        for line in self._read(name):
            try:
                text, curie, origin, fold_key, norm = line.split("\t")
            except ValueError:
                raise SnapshotError(
                    f"{path}: malformed row {line[:60]!r}", path=str(path)
                ) from None
            m = f"{text}\t{curie}\t{origin}"
            same = by_fold.get(fold_key)
            by_fold[fold_key] = m if same is None else f"{same}\n{m}"
            if norm:
                same = by_norm.get(norm)
                by_norm[norm] = m if same is None else f"{same}\n{m}"
        return Lookup.of(by_fold), Lookup.of(by_norm)

    @cached_property
    def _famplex_meanings(self) -> tuple[_Meanings, _Meanings]:
        return self._read_meanings("groundings.tsv.gz")

    @cached_property
    def _mesh_meanings(self) -> tuple[_Meanings, _Meanings]:
        return self._read_meanings("protein_names.tsv.gz")

    def meanings_by_key(
        self, key: str, *, normalised: bool = False, source: str = "famplex"
    ) -> list[Meaning]:
        """Like `meanings`, for a key already made with `fold`
        (of a cleaned term) or `norm_key`."""
        tables = self._famplex_meanings if source == "famplex" else self._mesh_meanings
        made, table = tables[1 if normalised else 0]
        found = made.get(key)
        if found is None:
            packed = table.get(key)
            if packed is None:
                return _NO_MEANINGS
            # made on the first look-up of the key, once (a table's keys bound it)
            found = made[key] = [Meaning(*m.split("\t")) for m in packed.split("\n")]
        return found

    def meanings(
        self, term: str, *, normalised: bool = False, source: str = "famplex"
    ) -> list[Meaning]:
        """Curated meanings of *term*: FamPlex groundings and family names (``source="famplex"``)
        or MeSH protein names (``source="mesh"``), by case-folded or normalised key."""
        key = norm_key(term) if normalised else fold(clean(term))
        return self.meanings_by_key(key, normalised=normalised, source=source)

    @cached_property
    def _names(self) -> Lookup[str]:
        """Approved names (upper-cased) → their rows (`_row_lookup`)."""

        def pairs() -> Iterator[tuple[str, int]]:
            for i, row in enumerate(self._rows):
                f = row.split("\t", 4)
                if f[3] == "approved":
                    name = f[2]
                    yield (name.upper() if name.isascii() else fold(name)), i

        return self._row_lookup("names.p", pairs)

    def genes_named(self, name: str) -> list[int]:
        """Rows of approved genes whose HGNC approved name is *name* (case-insensitive)."""
        return self.genes_named_key(fold(clean(name)))

    def genes_named_key(self, key: str) -> list[int]:
        """Like `genes_named`, for a key already made with `fold`."""
        found = self._names.get(key)
        return [] if found is None else [int(i) for i in found.split(",")]

    # ------------------------------------------------------------------ other tables

    @cached_property
    def _chemical_file(self) -> tuple[bytes, dict[str, tuple[int, int, int]]]:
        """The verified chemical table and its shards: first key character → (offset, length,
        rows) of the gzip member that holds the keys starting with it."""
        raw, meta = self._raw(CHEMICALS)
        path = self.data_dir / CHEMICALS
        try:
            shards = {
                str(m[0]): (int(m[1]), int(m[2]), int(m[3])) for m in meta.get("members") or ()
            }
        except (TypeError, ValueError, IndexError):
            raise SnapshotError(
                f"{path}: malformed 'members' in the manifest", path=str(path)
            ) from None
        if shards:
            # the members must tile the file after the header member, and add up to its rows
            spans = sorted(shards.values())
            ends = [spans[0][0]] + [o + n for o, n, _ in spans]
            if [o for o, _, _ in spans] != ends[:-1] or ends[-1] != len(raw):
                msg = f"{path}: not a gzipped UTF-8 table (its members do not match the manifest)"
                raise SnapshotError(msg, path=str(path))
            self._lines(CHEMICALS, raw[: spans[0][0]], 0)  # the header member
            total = sum(n for _, _, n in spans)
            if meta.get("rows") is not None and total != meta["rows"]:
                msg = f"{path}: {total} rows, manifest says {meta['rows']}"
                raise SnapshotError(msg, path=str(path))
        return raw, shards

    def _chemical_rows(self, key: str) -> Sequence[bytes]:
        """The rows whose key starts like *key*'s, sorted by key (UTF-8 byte order is
        code-point order), kept as bytes: a row is decoded only when a lookup finds it.
        Each shard is decompressed on its first lookup."""
        shard = chemical_shard(key)
        rows = self._chemical_shards.get(shard)
        if rows is None:
            raw, shards = self._chemical_file
            if not shards:  # one member (a table without shards): every row is one shard
                rows = self._chemical_shards[""] = ByteRows(self._read_bytes(CHEMICALS))
                self._chemical_shards.update(dict.fromkeys(_SHARDS, rows))
                return rows
            found = shards.get(shard)
            if found is None:
                rows = []
            else:
                offset, length, n = found
                rows = ByteRows(
                    self._lines(CHEMICALS, raw[offset : offset + length], n, header=False)
                )
            self._chemical_shards[shard] = rows
        return rows

    def chemical(self, term: str) -> Chemical | None:
        """The chemical or drug named *term*, if any: case-, dash- and space-insensitive, and
        through its written forms (``pyruvate`` for pyruvic acid, ``glycerol-3-P``,
        ``Succinyl-CoA``, ``ent-kaurenol``, ``diterpenes``; see `genenorm.chemicals`)."""
        memo = self._chemical_memo
        if term in memo:
            return memo[term]
        from .chemicals import find_chemical

        found = find_chemical(self, term)
        if len(memo) < 200_000:
            memo[term] = found
        return found

    def chemical_by_key(self, key: str) -> Chemical | None:
        """The chemical whose name has exactly this `chemical_key`, if any."""
        if not key:
            return None
        rows = self._chemical_rows(key)
        probe = key.encode("utf-8") + b"\t"
        i = bisect.bisect_left(rows, probe)
        if i < len(rows) and rows[i].startswith(probe):
            f = rows[i].decode("utf-8").split("\t")
            if len(f) != 8:
                path = self.data_dir / "chemicals.tsv.gz"
                msg = f"{path}: row {f[0]!r} has {len(f)} columns, expected 8"
                raise SnapshotError(msg, path=str(path))
            return Chemical(
                f[1] or f[0],
                f"mesh:{f[2]}" if f[2] else "",
                f[3],
                f"chebi:{f[4]}" if f[4] else "",
                CHEMICAL_KINDS.get(f[6], f[6]),
                f[5],
                CHEMICAL_CLASSES.get(f[7], f[7]),
            )
        return None

    @cached_property
    def _english(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for line in self._read("english.tsv.gz"):
            word, zipf = line.split("\t")
            out[word] = float(zipf)
        return out

    def english_zipf(self, word: str) -> float:
        """Zipf frequency of *word* (lower-cased) in English, 0.0 when not a common word."""
        return self._english.get(word.lower(), 0.0)

    @cached_property
    def _curated(self) -> dict[str, dict[str, tuple[str, str]]]:
        out: dict[str, dict[str, tuple[str, str]]] = {}
        for line in self._read("curated.tsv.gz"):
            list_name, term, category, reason = line.split("\t")
            out.setdefault(list_name, {})[fold(term)] = (category, reason)
        return out

    def curated(self, list_name: str, term: str) -> tuple[str, str] | None:
        """``(category, reason)`` of *term* in a curated list, or ``None``."""
        return self._curated.get(list_name, {}).get(fold(clean(term)))

    def curated_key(self, list_name: str, key: str) -> tuple[str, str] | None:
        """Like `curated`, for a key already made with `fold`."""
        return self._curated.get(list_name, {}).get(key)

    def curated_terms(self, list_name: str) -> dict[str, tuple[str, str]]:
        """All entries of a curated list, by case-folded term."""
        return self._curated.get(list_name, {})

    # ------------------------------------------------------------------ provenance

    def provenance(self) -> tuple[Provenance, ...]:
        """Provenance of every source behind this data directory."""
        return tuple(
            Provenance(
                name=str(s.get("name", "")),
                version=str(s.get("version", "")),
                date=str(s.get("date", "")),
                sha256=str(s.get("sha256", "")),
                licence=str(s.get("licence", "")),
                url=str(s.get("url", "")),
                rows=s.get("rows"),
            )
            for s in self.manifest.get("sources", [])
        )


_NOT_WORD = LazyPattern(r"[\W_]+")
_SHARDS = SHARDS


#: A meaning table: the `Meaning` lists made so far, and every key's meanings as one text
#: (``text<TAB>curie<TAB>source`` lines).
_Meanings = tuple[dict[str, list[Meaning]], Lookup[str]]


def _dump_meanings(tables: tuple[Lookup[str], Lookup[str]]) -> tuple[object, object]:
    """`cached`'s *dump* of the two meaning tables (by case-folded and normalised key)."""
    return tables[0].dump_packed(), tables[1].dump_packed()


def _load_meanings(value: object) -> tuple[Lookup[str], Lookup[str]] | None:
    """`cached`'s *load* of `_dump_meanings`."""
    if not (isinstance(value, tuple) and len(value) == 2):
        return None
    by_fold, by_norm = Lookup.load_packed(value[0]), Lookup.load_packed(value[1])
    if by_fold is None or by_norm is None:
        return None
    return by_fold, by_norm


def chemical_shard(key: str) -> str:
    """The shard of ``chemicals.tsv.gz`` that holds a `chemical_key`: its first character
    when a digit or an ASCII letter, else ``~``."""
    first = key[:1]
    return first if first and first in _SHARDS else "~"


def chemical_key(term: str) -> str:
    """Key of a chemical name: case-folded, with spaces, dashes, commas and every other
    non-letter, non-digit character removed."""
    return _NOT_WORD.sub("", clean(term).casefold())


@cache
def _load_default(data_dir: str) -> Lexicon:
    log_debug(__name__, "loading genenorm data from %s", data_dir)
    return Lexicon.from_dir(data_dir)


def default_lexicon() -> Lexicon:
    """The lexicon of ``$GENENORM_DATA`` or, by default, the embedded snapshot (loaded once)."""
    data_dir = os.environ.get(DATA_ENV) or str(default_data_dir())
    return _load_default(data_dir)


def snapshot_info(data_dir: str | Path | None = None) -> dict[str, Any]:
    """Provenance of a data directory (default: the one in use), as a plain dict.

    Reads only ``manifest.json``; no table is loaded.
    """
    if data_dir is None:
        data_dir = os.environ.get(DATA_ENV) or default_data_dir()
    manifest = read_manifest(data_dir)
    return {
        "data_dir": str(data_dir),
        "release": manifest.get("release", ""),
        "format": manifest.get("format"),
        "sources": manifest.get("sources", []),
        "files": manifest.get("files", {}),
    }
