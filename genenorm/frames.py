"""pandas DataFrames of resolutions, keyword verdicts, hit verdicts and suggestions.

One row per item, in input order, with stable column names and pandas nullable dtypes
(``string``, ``category``, ``Int64``, ``boolean``); the columns are listed in
``docs/frames.md`` and in the ``*_COLUMNS`` mappings below (column name → dtype name), which
are those of `genenorm.records`, the one home of every output shape.
Closed vocabularies (``status``, ``kind``, ``verdict``, ``match``) are categoricals whose
categories are every member of their `enum.StrEnum`, in enum order, so frames built
from different inputs concatenate without turning them into ``object``.

pandas is an optional dependency (``pip install 'genenorm[pandas]'``) imported on first
call; importing this module does not import it.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, TypeAlias, TypeVar

from ._args import require_each
from .models import MatchMethod, Resolution, Status
from .page_models import (
    FigureOrganism,
    HitVerdict,
    KeywordVerdict,
    Kind,
    MatchedAs,
    OrganismEvidence,
    OrganismGroup,
    PageReport,
    Reason,
    Suggestion,
    Verdict,
)
from .records import (
    HIT_FRAME_COLUMNS,
    ID_KEYS,
    KEYWORD_FRAME_COLUMNS,
    ORGANISM_FRAME_COLUMNS,
    RESOLUTION_FRAME_COLUMNS,
    SUGGESTION_FRAME_COLUMNS,
    id_column,
)

if TYPE_CHECKING:
    import pandas as pd

    from .pfocr import HitTable

__all__ = [
    "CODE_SEPARATOR",
    "DETAIL_SEPARATOR",
    "HIT_COLUMNS",
    "ID_KEYS",
    "KEYWORD_COLUMNS",
    "LIST_SEPARATOR",
    "ORGANISM_COLUMNS",
    "RESOLUTION_COLUMNS",
    "SUGGESTION_COLUMNS",
    "hits_frame",
    "id_column",
    "keywords_frame",
    "organisms_frame",
    "resolutions_frame",
    "suggestions_frame",
    "to_frame",
]

#: Separator of list-valued text columns (``candidates``, ``terms``, ``words``…).
LIST_SEPARATOR: Final = "|"
#: Separator of reason codes in ``reasons``.
CODE_SEPARATOR: Final = ","
#: Separator of reason details in ``reason_details``.
DETAIL_SEPARATOR: Final = " | "

#: Columns of `resolutions_frame` (`genenorm.records.RESOLUTION_FRAME_COLUMNS`).
RESOLUTION_COLUMNS: Final[Mapping[str, str]] = RESOLUTION_FRAME_COLUMNS
#: Columns of `keywords_frame` (`genenorm.records.KEYWORD_FRAME_COLUMNS`).
KEYWORD_COLUMNS: Final[Mapping[str, str]] = KEYWORD_FRAME_COLUMNS
#: Columns of `hits_frame` (`genenorm.records.HIT_FRAME_COLUMNS`).
HIT_COLUMNS: Final[Mapping[str, str]] = HIT_FRAME_COLUMNS
#: Columns of `organisms_frame` (`genenorm.records.ORGANISM_FRAME_COLUMNS`).
ORGANISM_COLUMNS: Final[Mapping[str, str]] = ORGANISM_FRAME_COLUMNS
#: Columns of `suggestions_frame` (`genenorm.records.SUGGESTION_FRAME_COLUMNS`).
SUGGESTION_COLUMNS: Final[Mapping[str, str]] = SUGGESTION_FRAME_COLUMNS

#: The vocabulary of each categorical column, by column name (the same in every frame).
_CATEGORIES: Final[Mapping[str, type[enum.StrEnum]]] = {
    "status": Status,
    "kind": Kind,
    "verdict": Verdict,
    "match": MatchMethod,
    "matched_as": MatchedAs,
    "group": OrganismGroup,
}

_Columns: TypeAlias = dict[str, list[Any]]


def _require(module: str, extra: str, what: str) -> None:
    """Import *module* or raise `ModuleNotFoundError` naming the extra to install.

    Args:
        module: The optional dependency, e.g. ``pandas``.
        extra: The genenorm extra that installs it, e.g. ``pandas``.
        what: The function that needs it, for the message (``to_frame``).

    Raises:
        ModuleNotFoundError: *module* cannot be imported; the message reads
            ``to_frame() needs pandas: pip install 'genenorm[pandas]'``.
    """
    try:
        importlib.import_module(module)
    except ImportError as err:
        msg = f"{what}() needs {module}: pip install 'genenorm[{extra}]'"
        raise ModuleNotFoundError(msg, name=module) from err


def _frame(columns: Mapping[str, str], data: _Columns, what: str) -> pd.DataFrame:
    """Build a frame with exactly *columns*, in order, and their dtypes."""
    _require("pandas", "pandas", what)
    import pandas as pd

    out: dict[str, object] = {}
    for name, dtype in columns.items():
        values = data[name]
        if dtype == "category":
            categories = [str(member) for member in _CATEGORIES[name]]
            out[name] = pd.Categorical(values, dtype=pd.CategoricalDtype(categories))
        elif dtype == "Int64":
            out[name] = pd.array(values, dtype="Int64")
        elif dtype == "Float64":
            out[name] = pd.array(values, dtype="Float64")
        elif dtype == "boolean":
            out[name] = pd.array(values, dtype="boolean")
        else:
            out[name] = pd.array(values, dtype="string")
    return pd.DataFrame(out, index=pd.RangeIndex(len(next(iter(data.values()), []))))


def _text(value: enum.StrEnum | None) -> str | None:
    return None if value is None else str(value)


def _codes(reasons: Sequence[Reason]) -> str:
    return CODE_SEPARATOR.join(str(r.code) for r in reasons)


_T = TypeVar("_T")


def _details(reasons: Sequence[Reason]) -> str:
    return DETAIL_SEPARATOR.join(r.detail for r in reasons)


def _reports(reports: PageReport | Iterable[PageReport], what: str = "") -> list[PageReport]:
    """*reports* as a list, one report alone too; `TypeError` naming the function and the
    position of an item that is no `PageReport`."""
    if isinstance(reports, PageReport):
        return [reports]
    return _all_of(reports, PageReport, what)


def _all_of(items: Iterable[_T], kind: type[_T], what: str) -> list[_T]:
    """*items* as a list when every one is a *kind*, else `TypeError` naming the function,
    the position and the type found (instead of an ``AttributeError`` from deep inside)."""
    if isinstance(items, str | bytes):
        msg = f"{what}() takes {kind.__name__} values, not a {type(items).__name__}"
        raise TypeError(msg)
    out = list(items)
    require_each(out, kind, what)
    return out


# --------------------------------------------------------------------------- builders


def _resolutions(results: Iterable[Resolution], what: str) -> pd.DataFrame:
    rs = _all_of(results, Resolution, what)
    data: _Columns = {
        "query": [r.query for r in rs],
        "status": [str(r.status) for r in rs],
        "symbol": [r.symbol for r in rs],
        "hgnc_id": [r.hgnc_id for r in rs],
        "name": [r.name for r in rs],
        "locus_type": [r.locus_type for r in rs],
        "entrez": [r.entrez for r in rs],
        "ensembl": [r.ensembl for r in rs],
        "match": [_text(r.match) for r in rs],
        "family": [r.family for r in rs],
        "candidates": [LIST_SEPARATOR.join(c.symbol for c in r.candidates) for r in rs],
        "n_candidates": [len(r.candidates) for r in rs],
        "is_gene": [r.is_gene for r in rs],
        "source": [r.source for r in rs],
        "release": [r.release for r in rs],
    }
    return _frame(RESOLUTION_COLUMNS, data, what)


def _keywords(reports: PageReport | Iterable[PageReport], what: str) -> pd.DataFrame:
    pages: list[PageReport] = []
    ks: list[KeywordVerdict] = []
    positions: list[int] = []
    for report in _reports(reports, what):
        n = len(report.keywords)
        pages.extend([report] * n)
        ks.extend(report.keywords)
        positions.extend(range(n))
    join = LIST_SEPARATOR.join
    data: _Columns = {
        "figid": [r.figid for r in pages],
        "path": [r.path for r in pages],
        "position": positions,
        "keyword": [k.keyword for k in ks],
        "kind": [str(k.kind) for k in ks],
        "verdict": [_text(k.verdict) for k in ks],
        "symbol": [k.symbol for k in ks],
        "hgnc_id": [k.hgnc_id for k in ks],
        "status": [_text(k.status) for k in ks],
        "reasons": [_codes(k.reasons) for k in ks],
        "reason_details": [_details(k.reasons) for k in ks],
        "terms": [join(k.evidence.terms) for k in ks],
        "words": [join(k.evidence.words) for k in ks],
        "mentions": [join(k.evidence.mentions) for k in ks],
        "siblings": [join(k.evidence.siblings) for k in ks],
    }
    ids = [dict(k.ids) if k.ids else None for k in ks]
    for key in ID_KEYS:
        data[id_column(key)] = [None if i is None else i.get(key) for i in ids]
    data["confidence"] = [k.confidence for k in ks]
    data["support"] = [_codes(k.support) for k in ks]
    data["matched_as"] = [_text(k.matched_as) for k in ks]
    return _frame(KEYWORD_COLUMNS, data, what)


def _hit_columns(
    figids: list[str | None], paths: list[str | None], rows: list[int], hs: list[HitVerdict]
) -> _Columns:
    return {
        "figid": figids,
        "path": paths,
        "row": rows,
        "organism_id": [h.organism_id for h in hs],
        "gene_id": [h.gene_id for h in hs],
        "word": [h.word for h in hs],
        "match": [h.match for h in hs],
        "source": [h.source for h in hs],
        "symbol": [h.symbol for h in hs],
        "current_symbol": [h.current_symbol for h in hs],
        "hgnc_id": [h.hgnc_id for h in hs],
        "verdict": [str(h.verdict) for h in hs],
        "reasons": [_codes(h.reasons) for h in hs],
        "reason_details": [_details(h.reasons) for h in hs],
        "confidence": [h.confidence for h in hs],
        "support": [_codes(h.support) for h in hs],
        "matched_as": [_text(h.matched_as) for h in hs],
    }


def _hits(
    items: PageReport | Iterable[PageReport] | Iterable[HitVerdict],
    table: HitTable | None,
    what: str,
) -> pd.DataFrame:
    given: list[object] = [items] if isinstance(items, PageReport) else list(items)
    reports: list[PageReport] = []
    verdicts: list[HitVerdict] = []
    for i, item in enumerate(given):
        if isinstance(item, PageReport):
            reports.append(item)
        elif isinstance(item, HitVerdict):
            verdicts.append(item)
        else:
            msg = f"{what}() takes PageReport or HitVerdict values; got {type(item).__name__} at position {i}"
            raise TypeError(msg)
    if reports and verdicts:
        msg = f"{what}() takes PageReport or HitVerdict values, not a mix of both"
        raise TypeError(msg)
    figids: list[str | None] = []
    paths: list[str | None] = []
    rows: list[int] = []
    if reports:
        if table is not None:
            msg = f"{what}(table=...) needs the HitVerdict values of that table, not PageReports"
            raise TypeError(msg)
        for report in reports:
            n = len(report.hits)
            figids.extend([report.figid] * n)
            paths.extend([report.path] * n)
            rows.extend(h.row or i for i, h in enumerate(report.hits, start=1))
            verdicts.extend(report.hits)
    elif table is not None:
        if len(table.hits) != len(verdicts):
            msg = (
                f"{what}(): {len(verdicts)} verdict(s) for the {len(table.hits)} row(s) "
                f"of {table.path}"
            )
            raise ValueError(msg)
        figids = [hit.figid for hit in table.hits]
        paths = [table.path] * len(verdicts)
        rows = [hit.row for hit in table.hits]
    else:
        figids = paths = [None] * len(verdicts)
        rows = [h.row or i for i, h in enumerate(verdicts, start=1)]
    return _frame(HIT_COLUMNS, _hit_columns(figids, paths, rows, verdicts), what)


def _organisms(reports: PageReport | Iterable[PageReport], what: str) -> pd.DataFrame:
    pages: list[PageReport] = []
    orgs: list[FigureOrganism] = []
    for report in _reports(reports, what):
        pages.extend([report] * len(report.organisms))
        orgs.extend(report.organisms)
    data: _Columns = {
        "figid": [r.figid for r in pages],
        "path": [r.path for r in pages],
        "taxon": [o.taxon for o in orgs],
        "name": [o.name for o in orgs],
        "group": [str(o.group) for o in orgs],
        "score": [o.score for o in orgs],
        "evidence": [LIST_SEPARATOR.join(_evidence_text(e) for e in o.evidence) for o in orgs],
    }
    return _frame(ORGANISM_COLUMNS, data, what)


def _evidence_text(e: OrganismEvidence) -> str:
    where = e.field if e.start is None else f"{e.field}:{e.start}-{e.end}"
    return f"{e.text} ({where})"


def _suggestions(reports: PageReport | Iterable[PageReport], what: str) -> pd.DataFrame:
    pages: list[PageReport] = []
    ss: list[Suggestion] = []
    for report in _reports(reports, what):
        pages.extend([report] * len(report.suggestions))
        ss.extend(report.suggestions)
    data: _Columns = {
        "figid": [r.figid for r in pages],
        "path": [r.path for r in pages],
        "symbol": [s.symbol for s in ss],
        "hgnc_id": [s.hgnc_id for s in ss],
        "text": [s.text for s in ss],
        "start": [s.start for s in ss],
        "end": [s.end for s in ss],
    }
    return _frame(SUGGESTION_COLUMNS, data, what)


# --------------------------------------------------------------------------- API


def resolutions_frame(results: Iterable[Resolution]) -> pd.DataFrame:
    """One row per resolution, in order (columns `RESOLUTION_COLUMNS`).

    Args:
        results: Resolutions, e.g. from `genenorm.resolve_many`.

    Returns:
        A frame with a ``RangeIndex``; ``candidates`` holds the candidates' symbols joined
        with ``|``, best first.

    Raises:
        ModuleNotFoundError: pandas is not installed.
    """
    return _resolutions(results, "resolutions_frame")


def keywords_frame(reports: PageReport | Iterable[PageReport]) -> pd.DataFrame:
    """One row per keyword of one or many page reports, page by page, in keyword order.

    Args:
        reports: A `PageReport` or an iterable of them, e.g. from
            `genenorm.check.check_paths`. Pages that could not be read (``errors``)
            have no keywords and so give no rows.

    Returns:
        A frame with a ``RangeIndex`` and the columns `KEYWORD_COLUMNS`; ``position``
        is the keyword's index in ``report.keywords``.

    Raises:
        ModuleNotFoundError: pandas is not installed.
    """
    return _keywords(reports, "keywords_frame")


def hits_frame(
    items: PageReport | Iterable[PageReport] | Iterable[HitVerdict],
    *,
    table: HitTable | None = None,
) -> pd.DataFrame:
    """One row per gene hit verdict, in order (columns `HIT_COLUMNS`).

    Args:
        items: Page reports (their ``hits``, page by page) or hit verdicts such as
            `genenorm.check.check_hit_table` returns.
        table: The `HitTable` the verdicts were judged from; it
            fills ``figid``, ``path`` and ``row`` from the table. Without it, bare verdicts
            have missing ``figid`` and ``path`` and ``row`` counts from 1.

    Returns:
        A frame with a ``RangeIndex``; ``row`` is the 1-based hit number within its page
        (the data row of the page's ``-genes.tsv``) or table.

    Raises:
        ModuleNotFoundError: pandas is not installed.
        TypeError: *items* mixes reports and verdicts, or holds something else.
        ValueError: *table* has not one row per verdict.
    """
    return _hits(items, table, "hits_frame")


def organisms_frame(reports: PageReport | Iterable[PageReport]) -> pd.DataFrame:
    """One row per organism a figure is about (`PageReport.organisms`), page by page, best
    first (columns `ORGANISM_COLUMNS`); ``evidence`` lists each piece as
    ``text (field:start-end)`` joined with ``|``.

    Raises:
        ModuleNotFoundError: pandas is not installed.
    """
    return _organisms(reports, "organisms_frame")


def suggestions_frame(reports: PageReport | Iterable[PageReport]) -> pd.DataFrame:
    """One row per suggestion (a gene the text names but no keyword gives), page by page.

    Raises:
        ModuleNotFoundError: pandas is not installed.
    """
    return _suggestions(reports, "suggestions_frame")


def to_frame(
    obj: Resolution | PageReport | HitVerdict | Iterable[Resolution | PageReport | HitVerdict],
) -> pd.DataFrame:
    """The DataFrame of any genenorm result, chosen by its type.

    * `Resolution` values → `resolutions_frame`;
    * a `PageReport` or many → `keywords_frame`;
    * `HitVerdict` values → `hits_frame`;
    * an empty iterable → an empty `keywords_frame` (with every column).

    Args:
        obj: One result or an iterable of results of one type.

    Returns:
        The frame of the matching function.

    Raises:
        ModuleNotFoundError: pandas is not installed (``to_frame() needs pandas: pip
            install 'genenorm[pandas]'``).
        TypeError: *obj* is no genenorm result, or mixes result types.
    """
    if isinstance(obj, PageReport):
        return _keywords(obj, "to_frame")
    if isinstance(obj, Resolution | HitVerdict):
        obj = [obj]
    if isinstance(obj, str | bytes) or not isinstance(obj, Iterable):
        msg = f"to_frame() takes genenorm results, not {type(obj).__name__}"
        raise TypeError(msg)
    items = list(obj)
    if not items:
        # no type to go by: the frame of the commonest input, a list of page reports, with
        # no rows (corpus runs that found nothing still give a frame with its columns)
        return _keywords([], "to_frame")
    resolutions = [x for x in items if isinstance(x, Resolution)]
    if len(resolutions) == len(items):
        return _resolutions(resolutions, "to_frame")
    reports = [x for x in items if isinstance(x, PageReport)]
    if len(reports) == len(items):
        return _keywords(reports, "to_frame")
    verdicts = [x for x in items if isinstance(x, HitVerdict)]
    if len(verdicts) == len(items):
        return _hits(verdicts, None, "to_frame")
    first = type(items[0])
    supported = first in (Resolution, PageReport, HitVerdict)
    i = next(i for i, x in enumerate(items) if not supported or type(x) is not first)
    odd = items[i]
    msg = (
        "to_frame() takes Resolution, PageReport or HitVerdict values of one type; "
        f"got {type(odd).__name__} at position {i}"
    )
    raise TypeError(msg)
