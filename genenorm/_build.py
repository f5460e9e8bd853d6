"""Compiling source files into a genenorm data directory.

Used by ``genenorm data build`` (a user's fresher HGNC download) and by
``scripts/build_data.py`` (the shipped snapshot, from pinned sources). Output is
deterministic: the same inputs give byte-identical files (gzip without timestamps, rows in a
stable order, JSON with sorted keys).
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import re
import shutil
import zlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import attrs

from ._format import (
    FORMAT_VERSION,
    HGNC,
    HGNC_COLUMNS,
    KEY_COLUMNS,
    KEYS,
    KEYS_VERSION,
    RELATION_CODES,
    default_data_dir,
    read_manifest,
)
from .exceptions import SnapshotError

__all__ = [
    "HGNC_COLUMNS",
    "KEY_COLUMNS",
    "HgncRecord",
    "build_user_snapshot",
    "key_rows",
    "read_hgnc",
    "write_table",
]

_HGNC_ID = re.compile(r"HGNC:\d+")
_LINK = re.compile(r"\[(HGNC:\d+)\]\([^)]*\)")


@attrs.frozen
class HgncRecord:
    """One HGNC entry as compiled: approved, or withdrawn with its successors."""

    hgnc_id: str
    symbol: str
    name: str
    #: ``approved`` or ``withdrawn``.
    status: str
    locus_type: str = ""
    entrez: str = ""
    ensembl: str = ""
    uniprot: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    previous: tuple[str, ...] = ()
    successors: tuple[str, ...] = ()

    def row(self) -> list[str]:
        """The record as a row of ``hgnc.tsv.gz``."""
        return [
            self.hgnc_id, self.symbol, self.name, self.status, self.locus_type, self.entrez,
            self.ensembl, "|".join(self.uniprot), "|".join(self.aliases),
            "|".join(self.previous), "|".join(self.successors),
        ]  # fmt: skip


def _split(value: str | None) -> tuple[str, ...]:
    """Split an HGNC list cell (``a, b`` in custom downloads, ``a|b`` in the complete set)."""
    if not value:
        return ()
    value = value.strip().strip('"')
    parts = re.split(r"\s*[|,]\s*", value) if "|" in value else value.split(", ")
    seen: dict[str, None] = {}
    for p in parts:
        p = p.strip()
        if p:
            seen.setdefault(p, None)
    return tuple(seen)


# Column names of HGNC's two tabular shapes, mapped onto one vocabulary.
_ALIASES = {
    "hgnc_id": ("hgnc_id", "HGNC ID"),
    "symbol": ("symbol", "Approved symbol"),
    "name": ("name", "Approved name"),
    "status": ("status", "Status"),
    "locus_type": ("locus_type", "Locus type"),
    "entrez": ("entrez_id", "NCBI Gene ID(supplied by NCBI)", "NCBI Gene ID"),
    "ensembl": ("ensembl_gene_id", "Ensembl gene ID", "Ensembl ID(supplied by Ensembl)"),
    "uniprot": ("uniprot_ids", "UniProt ID(supplied by UniProt)"),
    "aliases": ("alias_symbol", "Alias symbols"),
    "previous": ("prev_symbol", "Previous symbols"),
}


def _open_text(path: Path) -> io.TextIOBase:
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as err:
            raise SnapshotError(
                f"{path}: not a readable gzip file ({err})", path=str(path)
            ) from err
    try:
        return io.StringIO(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        raise SnapshotError(f"{path}: not UTF-8 text ({err})", path=str(path)) from err


def read_hgnc(path: str | Path, withdrawn: str | Path | None = None) -> list[HgncRecord]:
    """Read HGNC's ``hgnc_complete_set.txt`` or a custom-download TSV into records.

    Both shapes are recognised from the header. Withdrawn rows of a custom download (status
    ``Symbol Withdrawn`` with a name "symbol withdrawn, see [HGNC:n]", or ``Entry
    Withdrawn``) become withdrawn records; so do the rows of HGNC's ``withdrawn.txt`` when
    given. Records are sorted by HGNC number.

    Raises:
        SnapshotError: the file is unreadable or lacks the needed columns.
    """
    path = Path(path)
    reader = csv.DictReader(_open_text(path), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = reader.fieldnames or []
    col: dict[str, str] = {}
    for key, names in _ALIASES.items():
        for n in names:
            if n in header:
                col[key] = n
                break
    missing = [k for k in ("hgnc_id", "symbol", "status") if k not in col]
    if missing:
        raise SnapshotError(
            f"{path}: not an HGNC file; missing columns {', '.join(missing)} "
            f"(found: {', '.join(header[:8])})",
            path=str(path),
        )
    records: dict[str, HgncRecord] = {}
    for line, row in enumerate(reader, start=2):
        hgnc_id = (row.get(col["hgnc_id"]) or "").strip()
        symbol = (row.get(col["symbol"]) or "").strip()
        if not _HGNC_ID.fullmatch(hgnc_id) or not symbol:
            raise SnapshotError(
                f"{path}, line {line}: bad HGNC row {hgnc_id!r} {symbol!r}", path=str(path)
            )
        status_text = (row.get(col["status"]) or "").strip().lower()
        name = (row.get(col.get("name", ""), "") or "").strip()

        def get(key: str, row: dict[str, str | None] = row) -> str:
            return (row.get(col[key]) or "").strip() if key in col else ""

        if status_text == "approved":
            records[hgnc_id] = HgncRecord(
                hgnc_id=hgnc_id, symbol=symbol, name=name, status="approved",
                locus_type=get("locus_type"), entrez=get("entrez"), ensembl=get("ensembl"),
                uniprot=_split(get("uniprot")), aliases=_split(get("aliases")),
                previous=_split(get("previous")),
            )  # fmt: skip
        else:
            successors = tuple(dict.fromkeys(_HGNC_ID.findall(name))) if "see" in name else ()
            name = _LINK.sub(r"\1", name)
            records[hgnc_id] = HgncRecord(
                hgnc_id=hgnc_id, symbol=symbol, name=name, status="withdrawn",
                successors=successors,
            )  # fmt: skip
    if withdrawn is not None:
        for rec in _read_withdrawn(Path(withdrawn)):
            records.setdefault(rec.hgnc_id, rec)
    return sorted(records.values(), key=lambda r: int(r.hgnc_id[5:]))


def _read_withdrawn(path: Path) -> list[HgncRecord]:
    reader = csv.reader(_open_text(path), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = [h.strip().upper() for h in next(reader, [])]
    try:
        i_id, i_sym = header.index("HGNC_ID"), header.index("WITHDRAWN_SYMBOL")
    except ValueError:
        raise SnapshotError(
            f"{path}: not an HGNC withdrawn.txt (needs HGNC_ID and WITHDRAWN_SYMBOL columns)",
            path=str(path),
        ) from None
    i_merged = next((i for i, h in enumerate(header) if h.startswith("MERGED_INTO")), None)
    out = []
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue  # a blank line
        hgnc_id = row[i_id].strip() if i_id < len(row) else ""
        symbol = row[i_sym].strip() if i_sym < len(row) else ""
        if not _HGNC_ID.fullmatch(hgnc_id) or not symbol:
            raise SnapshotError(
                f"{path}, line {line}: bad withdrawn row {hgnc_id!r} {symbol!r}", path=str(path)
            )
        merged = row[i_merged] if i_merged is not None and i_merged < len(row) else ""
        out.append(
            HgncRecord(
                hgnc_id=hgnc_id,
                symbol=symbol,
                name="symbol withdrawn" if merged else "entry withdrawn",
                status="withdrawn",
                successors=tuple(dict.fromkeys(_HGNC_ID.findall(merged))),
            )
        )
    return out


def key_rows(records: Sequence[HgncRecord]) -> list[list[str]]:
    """Rows of ``hgnc_keys.tsv.gz``: ``kind, key, entries``, sorted.

    ``kind`` is ``f`` (case-folded key, `genenorm.text.fold`) or ``n`` (normalised key,
    `genenorm.text.norm_key`); ``entries`` is ``index,relation,term`` items joined by
    ``;`` where *index* is the record's row in ``hgnc.tsv.gz`` (0-based) and *relation* a
    code of `RELATION_CODES`. Terms holding ``;`` or ``,`` are dropped (HGNC has none).
    """
    from .text import clean, fold, norm_key

    pos = {r.hgnc_id: i for i, r in enumerate(records)}
    by_fold: dict[str, list[str]] = {}
    by_norm: dict[str, list[str]] = {}

    def add(term: str, index: int, relation: str) -> None:
        term = clean(term)
        if not term or ";" in term or "," in term:
            return
        item = f"{index},{RELATION_CODES[relation]},{term}"
        by_fold.setdefault(fold(term), []).append(item)
        nk = norm_key(term)
        if nk:
            by_norm.setdefault(nk, []).append(item)

    for i, r in enumerate(records):
        if r.status == "approved":
            add(r.symbol, i, "approved")
            for p in r.previous:
                add(p, i, "previous")
            for a in r.aliases:
                add(a, i, "alias")
        else:
            for succ in r.successors:
                j = pos.get(succ)
                if j is not None and records[j].status == "approved":
                    add(r.symbol, j, "successor")
    rows = [["f", k, ";".join(v)] for k, v in by_fold.items()]
    rows += [["n", k, ";".join(v)] for k, v in by_norm.items()]
    rows.sort()
    return rows


def write_table(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    """Write a deterministic gzipped TSV (no timestamp, ``\\n`` line ends); return its rows.

    Raises:
        ValueError: a cell holds a tab or a line break.
    """
    buf = io.StringIO()
    buf.write("\t".join(header) + "\n")
    n = 0
    for row in rows:
        for cell in row:
            if "\t" in cell or "\n" in cell or "\r" in cell:
                raise ValueError(f"cell {cell!r} of {path.name} holds a tab or line break")
        buf.write("\t".join(row) + "\n")
        n += 1
    with path.open("wb") as fh, gzip.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0) as gz:
        gz.write(buf.getvalue().encode("utf-8"))
    return n


def write_sharded_table(
    path: Path,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    shard_of: Callable[[str], str],
) -> tuple[int, list[list[object]]]:
    """Write a gzipped TSV as one gzip member for the header and one per shard of rows (rows
    must be sorted by shard); return the number of rows and, per shard, ``[shard, offset,
    length, rows]`` of its member. Decompressed whole, the file is an ordinary table.

    Raises:
        ValueError: a cell holds a tab or a line break, or the rows are not grouped by shard.
    """
    groups: dict[str, list[str]] = {}
    last = None
    for row in rows:
        for cell in row:
            if "\t" in cell or "\n" in cell or "\r" in cell:
                raise ValueError(f"cell {cell!r} of {path.name} holds a tab or line break")
        shard = shard_of(row[0])
        if shard != last and shard in groups:
            raise ValueError(f"rows of {path.name} are not grouped by shard ({shard!r})")
        groups.setdefault(shard, []).append("\t".join(row))
        last = shard

    def member(text: str) -> bytes:
        buf = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0) as gz:
            gz.write(text.encode("utf-8"))
        return buf.getvalue()

    out = [member("\t".join(header) + "\n")]
    offset = len(out[0])
    members: list[list[object]] = []
    for shard, lines in groups.items():
        data = member("\n".join(lines) + "\n")
        members.append([shard, offset, len(data), len(lines)])
        out.append(data)
        offset += len(data)
    path.write_bytes(b"".join(out))
    return sum(len(v) for v in groups.values()), members


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_manifest(out: Path, manifest: dict[str, object]) -> None:
    """Write ``manifest.json`` with sorted keys and a trailing newline."""
    (out / "manifest.json").write_text(
        json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def build_user_snapshot(
    hgnc: str | Path,
    out: str | Path,
    *,
    withdrawn: str | Path | None = None,
    base: str | Path | None = None,
    version: str = "",
    date: str = "",
) -> Path:
    """Build a data directory from a user's HGNC download.

    The HGNC table is compiled from *hgnc* (and *withdrawn*); every other file (FamPlex,
    chemicals, English words, curated lists) is copied from *base* (default: the embedded
    snapshot). The manifest records the new HGNC source with its checksum.

    Returns:
        The output directory.

    Raises:
        SnapshotError: an input is unreadable.
    """
    hgnc, out = Path(hgnc), Path(out)
    base_dir = Path(base) if base is not None else default_data_dir()
    base_manifest = read_manifest(base_dir)
    records = read_hgnc(hgnc, withdrawn)
    out.mkdir(parents=True, exist_ok=True)
    if out.resolve() != base_dir.resolve():
        for name in base_manifest["files"]:
            if name not in (HGNC, KEYS):
                shutil.copyfile(base_dir / name, out / name)
    rows = write_table(out / HGNC, HGNC_COLUMNS, (r.row() for r in records))
    nkeys = write_table(out / KEYS, KEY_COLUMNS, key_rows(records))
    sources = [s for s in base_manifest["sources"] if s["name"] != "HGNC"]
    hgnc_sources = [
        {
            "name": "HGNC",
            "version": version or f"user file {hgnc.name}",
            "date": date,
            "licence": "CC0 1.0 (HGNC asks to be cited: genenames.org)",
            "url": str(hgnc),
            "sha256": sha256_file(hgnc),
            "rows": rows,
        }
    ]
    if withdrawn is not None:
        hgnc_sources.append(
            {
                "name": "HGNC withdrawn",
                "version": version or f"user file {Path(withdrawn).name}",
                "date": date,
                "licence": "CC0 1.0",
                "url": str(withdrawn),
                "sha256": sha256_file(Path(withdrawn)),
                "rows": None,
            }
        )
    files = dict(base_manifest["files"])
    files[HGNC] = {"sha256": sha256_file(out / HGNC), "rows": rows}
    files[KEYS] = {"sha256": sha256_file(out / KEYS), "rows": nkeys}
    manifest = {
        "format": FORMAT_VERSION,
        "keys": KEYS_VERSION,
        "release": f"HGNC {version or date or hgnc.name}",
        "sources": hgnc_sources + sources,
        "files": files,
    }
    write_manifest(out, manifest)
    return out
