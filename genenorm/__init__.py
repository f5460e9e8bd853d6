"""genenorm: which gene keywords of a pathway figure are real.

Importing the package does no I/O: the embedded HGNC/FamPlex snapshot is loaded on first use.

Examples:
    >>> import genenorm
    >>> genenorm.resolve("SEPT7").symbol
    'SEPTIN7'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .exceptions import (
    BackendUnavailableError,
    GenenormError,
    PageError,
    SnapshotError,
    UnknownSymbolError,
)
from .models import (
    Candidate,
    MatchMethod,
    Provenance,
    Relation,
    Resolution,
    Status,
)

if TYPE_CHECKING:
    from .check import check_hits, check_page, check_path, check_paths
    from .frames import to_frame
    from .lexicon import snapshot_info
    from .page_models import (
        Evidence,
        FigureOrganism,
        GeneHit,
        HitVerdict,
        KeywordVerdict,
        Kind,
        MatchedAs,
        OrganismEvidence,
        OrganismGroup,
        Page,
        PageReport,
        Reason,
        ReasonCode,
        Suggestion,
        Verdict,
    )
    from .resolver import Resolver, current_symbol, resolve, resolve_many

__all__ = [
    "BackendUnavailableError",
    "Candidate",
    "Evidence",
    "FigureOrganism",
    "GeneHit",
    "GenenormError",
    "HitVerdict",
    "KeywordVerdict",
    "Kind",
    "MatchMethod",
    "MatchedAs",
    "OrganismEvidence",
    "OrganismGroup",
    "Page",
    "PageError",
    "PageReport",
    "Provenance",
    "Reason",
    "ReasonCode",
    "Relation",
    "Resolution",
    "Resolver",
    "SnapshotError",
    "Status",
    "Suggestion",
    "UnknownSymbolError",
    "Verdict",
    "__version__",
    "check_hits",
    "check_page",
    "check_path",
    "check_paths",
    "current_symbol",
    "resolve",
    "resolve_many",
    "snapshot_info",
    "to_frame",
]

# Public names that live in modules we import only when first asked for (keeps
# ``import genenorm`` cheap: no YAML parser, no HTTP client, no data, and no classes of pages
# and verdicts for a run that only resolves terms).
_PAGE_MODELS = (
    "Evidence", "FigureOrganism", "GeneHit", "HitVerdict", "KeywordVerdict", "Kind",
    "MatchedAs", "OrganismEvidence", "OrganismGroup", "Page", "PageReport", "Reason",
    "ReasonCode", "Suggestion", "Verdict",
)  # fmt: skip
_LAZY = {
    **dict.fromkeys(_PAGE_MODELS, "page_models"),
    "check_hits": "check",
    "check_page": "check",
    "check_path": "check",
    "check_paths": "check",
    "Resolver": "resolver",
    "current_symbol": "resolver",
    "resolve": "resolver",
    "resolve_many": "resolver",
    "snapshot_info": "lexicon",
    "to_frame": "frames",
}


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import version

        return version("genenorm")
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'genenorm' has no attribute {name!r}"
        raise AttributeError(msg)
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names, for completion (the lazy ones included)."""
    return sorted(__all__)
