"""The data directory's format: one home for what the builder writes and the lexicon reads.

`genenorm._build` writes data directories, `genenorm.lexicon` reads them; both take file
names, columns, codes and versions from here (and neither imports the other for them).
Importing this module is cheap: it holds constants and two small functions.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .exceptions import SnapshotError

__all__ = [
    "CHEMICALS",
    "CHEMICAL_CLASSES",
    "CHEMICAL_KINDS",
    "FORMAT_VERSION",
    "HGNC",
    "HGNC_COLUMNS",
    "KEYS",
    "KEYS_VERSION",
    "KEY_COLUMNS",
    "RELATION_CODES",
    "SHARDS",
    "default_data_dir",
    "read_manifest",
]

#: Version of the data directory layout (``manifest.json`` ``format``).
FORMAT_VERSION = 1
#: Version of the key functions (`genenorm.text`) baked into ``hgnc_keys.tsv.gz``;
#: bump it whenever ``fold``/``norm_key``/``clean`` change, so old data directories are
#: refused instead of silently missing matches.
KEYS_VERSION = 3

#: The compiled HGNC table and its columns.
HGNC = "hgnc.tsv.gz"
HGNC_COLUMNS = (
    "hgnc_id", "symbol", "name", "status", "locus_type", "entrez", "ensembl", "uniprot",
    "aliases", "previous", "successors",
)  # fmt: skip
#: The compiled key table (``kind, key, entries``; ``kind`` ``f`` for case-folded keys,
#: ``n`` for normalised ones; see ``genenorm._build.key_rows``) and its columns.
KEYS = "hgnc_keys.tsv.gz"
KEY_COLUMNS = ("kind", "key", "entries")
#: One-letter codes of the relations in key entries (``index,code,term``).
RELATION_CODES = {"approved": "a", "successor": "w", "previous": "p", "alias": "s"}

#: The chemical table, sharded into gzip members by the first character of the key.
CHEMICALS = "chemicals.tsv.gz"
SHARDS = "0123456789abcdefghijklmnopqrstuvwxyz~"
#: One-letter codes of the ``kind`` and ``class`` cells of ``chemicals.tsv.gz``.
CHEMICAL_KINDS = {"c": "chemical", "d": "drug"}
CHEMICAL_CLASSES = {"": "", "m": "metabolite", "d": "drug", "i": "ion", "e": "element"}


def default_data_dir() -> Path:
    """The directory of the snapshot embedded in the package."""
    return Path(__file__).parent / "data"


def read_manifest(data_dir: str | Path) -> dict[str, Any]:
    """Read and sanity-check ``manifest.json`` of a data directory.

    Raises:
        SnapshotError: the manifest is missing or malformed.
    """
    path = Path(data_dir) / "manifest.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SnapshotError(
            f"{path}: no manifest.json; not a genenorm data directory", path=str(path)
        ) from None
    except (OSError, ValueError) as err:
        raise SnapshotError(f"{path}: unreadable manifest ({err})", path=str(path)) from err
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise SnapshotError(f"{path}: manifest has no 'files' table", path=str(path))
    return manifest
