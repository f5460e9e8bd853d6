"""The library calls behind each endpoint, on plain values (no HTTP here).

Everything is computed by `genenorm.check`, `genenorm.resolver` and `genenorm.pfocr`;
this module only turns request items into `Page` values and keeps one loaded resolver per
worker process.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ..exceptions import BackendUnavailableError, PageError
from ..models import Resolution
from ..page_models import GeneHit, Page, PageReport

if TYPE_CHECKING:
    from ..pfocr import HitTable
    from ..resolver import Resolver, Source
    from ._config import ServerConfig

__all__ = ["PageInput", "Service"]

logger = logging.getLogger(__name__)

#: Hit rows as a client sends them: JSON objects (column → value) or the text of a TSV table.
HitsInput = Sequence[Mapping[str, object]] | str | None


@attrs.frozen
class PageInput:
    """One page of a ``/v1/check`` request, before reading."""

    #: The page file's content (YAML front matter between ``---`` lines).
    text: str | None = None
    #: Or its front-matter fields as a JSON object.
    front_matter: Mapping[str, object] | None = None
    #: Its gene hit rows (JSON objects or TSV text), if any.
    hits: HitsInput = None
    #: The name to report in ``path`` and in errors (default ``pages[<i>]``).
    name: str | None = None


def hit_table(hits: Sequence[Mapping[str, object]] | str, name: str) -> HitTable:
    """A hit table from JSON rows or TSV text; `PageError` when it is not one."""
    from ..pfocr import hit_table_from_rows, read_hit_table_text

    if isinstance(hits, str):
        return read_hit_table_text(hits, name=name)
    return hit_table_from_rows(hits, name=name)


def read_input_page(item: PageInput, name: str) -> Page:
    """The `Page` of one request item (hits attached as `genenorm.pfocr.read_page` does)."""
    from ..pfocr import canonical_figid, page_from_fields, read_page_text

    if (item.text is None) == (item.front_matter is None):
        msg = f"{name}: give the page as exactly one of 'text' or 'front_matter'"
        raise PageError(msg, path=name)
    if item.text is not None:
        page = read_page_text(item.text, path=name)
    else:
        assert item.front_matter is not None  # noqa: S101 - checked just above
        page = page_from_fields(item.front_matter, path=name)
    if item.hits is None:
        return page
    table = hit_table(item.hits, f"{name}.hits")
    gene_hits: Sequence[GeneHit] = table.hits
    if "figid" in table.columns:  # a 2020 table: keep this figure's rows, as read_page does
        key = canonical_figid(page.figid)
        gene_hits = [h for h in gene_hits if canonical_figid(h.figid or "") == key]
    return attrs.evolve(page, gene_hits=tuple(gene_hits), has_hits=True)


class Service:
    """One worker's loaded data and the calls the endpoints make."""

    def __init__(self, config: ServerConfig) -> None:
        from ..resolver import Resolver, default_resolver
        from ..sources import get_source

        self.config = config
        #: The snapshot resolver (rules, hits, suggestions always use it).
        self.resolver: Resolver = (
            Resolver.from_dir(config.data_dir) if config.data_dir else default_resolver()
        )
        if config.source == "snapshot":
            self.live: Source | None = None
        else:
            self.live = get_source(
                config.source,
                data_dir=config.data_dir,
                mygene_url=config.mygene_url,
                **config.source_options,
            )

    def warm_up(self) -> None:
        """Load every table now (not on the first request): `genenorm.check.warm_up`."""
        from ..check import warm_up

        warm_up(self.resolver)

    @property
    def release(self) -> str:
        """The data release in use."""
        return self.resolver.lexicon.release

    def resolve(self, terms: Sequence[str]) -> list[Resolution]:
        """One resolution per term, in order (the live source when configured)."""
        return (self.live or self.resolver).resolve_many(terms)

    def check(self, items: Sequence[PageInput]) -> list[tuple[PageReport, Page | None]]:
        """One report per item, in order; an unreadable item gives a report with ``errors``."""
        from ..check import check_page

        out: list[tuple[PageReport, Page | None]] = []
        for index, item in enumerate(items):
            name = item.name or f"pages[{index}]"
            try:
                page = read_input_page(item, name)
            except PageError as err:
                out.append((PageReport(figid="", path=name, errors=(str(err),)), None))
                continue
            try:
                report = check_page(page, resolver=self.resolver, source=self.live)
            except BackendUnavailableError:
                raise  # the whole request fails: 503 (every page would fail the same way)
            except Exception as err:  # a bug in genenorm: keep the page's place, name it
                logger.exception("checking %s failed", name)
                message = f"{name}: internal error while checking: {type(err).__name__}: {err}"
                report = PageReport(figid=page.figid, path=name, errors=(message,))
            out.append((report, page))
        return out

    def check_hits(self, table: HitTable) -> list[dict[str, Any]]:
        """Every row of *table* with the verdict columns appended (as ``check-hits``)."""
        from ..check import check_hit_table
        from ..report import hit_rows

        verdicts = check_hit_table(table, resolver=self.resolver)
        return list(hit_rows(table.columns, [h.raw for h in table.hits], verdicts))
