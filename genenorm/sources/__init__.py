"""Where gene facts come from: the embedded snapshot (default) or MyGene.info.

Both yield the same `Resolution` values through the
`Source` protocol: ``resolve_many(terms)`` returns one result per
input, in order.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..exceptions import ConfigurationError
from ..resolver import Resolver, Source, default_resolver

__all__ = ["SOURCES", "get_source"]

#: Names accepted by `get_source` and the CLI's ``--source``.
SOURCES = ("snapshot", "mygene")


def get_source(
    name: str = "snapshot",
    *,
    data_dir: str | Path | None = None,
    mygene_url: str | None = None,
    **options: Any,
) -> Source:
    """Return a source by name.

    Args:
        name: ``snapshot`` (offline, the default) or ``mygene`` (live MyGene.info).
        data_dir: a data directory to use instead of the embedded snapshot (for ``mygene``,
            the snapshot that tells previous symbols from aliases and serves fallbacks).
        mygene_url: MyGene.info base URL (default: ``$GENENORM_MYGENE_URL`` or the public
            service), e.g. ``http://127.0.0.1:8000/v3``.
        **options: passed to the mygene source (``timeout``, ``retries``, ``fallback``,
            ``cache``…).

    Raises:
        ConfigurationError: unknown source name, or options given to the snapshot source.
    """
    snapshot = Resolver.from_dir(data_dir) if data_dir is not None else default_resolver()
    if name == "snapshot":
        if options or mygene_url:
            msg = f"the snapshot source takes no options; got {sorted(options) or ['mygene_url']}"
            raise ConfigurationError(msg)
        return snapshot
    if name == "mygene":
        import importlib

        mygene_module = importlib.import_module(".mygene", __name__)
        source: Source = mygene_module.MyGeneSource(url=mygene_url, snapshot=snapshot, **options)
        return source
    msg = f"unknown source {name!r}; choose one of {', '.join(SOURCES)}"
    raise ConfigurationError(msg)
