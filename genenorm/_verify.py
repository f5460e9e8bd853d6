"""Verify a data directory against its manifest: every listed file present, with its
recorded SHA-256 (used by ``genenorm data info``)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .exceptions import SnapshotError

__all__ = ["verify_data_dir"]


def verify_data_dir(data_dir: str | Path) -> int:
    """Check every file listed in ``manifest.json`` of *data_dir*; return how many.

    Raises:
        SnapshotError: the manifest is missing or malformed, or a listed file is missing,
            unreadable, or does not match its recorded SHA-256 (the message names the file).
    """
    from .lexicon import read_manifest

    data_dir = Path(data_dir)
    files = read_manifest(data_dir)["files"]
    for name, meta in sorted(files.items()):
        path = data_dir / name
        expected = meta.get("sha256") if isinstance(meta, dict) else None
        if not expected:
            msg = f"{path}: no sha256 recorded in {data_dir / 'manifest.json'}"
            raise SnapshotError(msg, path=str(path))
        digest = hashlib.sha256()
        try:
            with path.open("rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    digest.update(block)
        except FileNotFoundError:
            msg = f"{path}: missing (listed in {data_dir / 'manifest.json'})"
            raise SnapshotError(msg, path=str(path)) from None
        except OSError as err:
            raise SnapshotError(f"{path}: cannot read ({err})", path=str(path)) from err
        if digest.hexdigest() != expected:
            msg = (
                f"{path}: checksum mismatch (corrupted, truncated or edited); rebuild the data "
                "directory or reinstall genenorm"
            )
            raise SnapshotError(msg, path=str(path))
    return len(files)
