"""Live HGNC checks through MyGene.info, with the unmodified ``mygene`` client.

`MyGeneSource` answers with the same `Resolution` values as
the snapshot `Resolver`, so callers can switch sources. It works
around the client's sharp edges (see ``docs/sources.md``):

* it batches itself (at most 1,000 unique terms a request; duplicates are sent once and fanned
  back out) and sets the client's per-batch sleep to 0;
* every request has a timeout (the client has none) and is retried on 429, 500, 502, 503,
  504, transport errors and malformed 200 bodies, with exponential backoff that honours a
  (capped) ``Retry-After``;
* hits are classified by the echoed ``query``, never by order or ``_score`` (MyGene.info can
  rank an alias hit above the exact symbol); the snapshot tells previous symbols from
  aliases, which MyGene.info mixes in ``alias``;
* ``set_caching()`` is never called (its POST cache returns one batch's answer for every
  other); an optional SQLite cache of its own is keyed by term, fields, species and the
  MyGene.info build.

Hits without an HGNC ID (genes HGNC does not name) never become results, but a term that is
the exact symbol of such a gene is not reported as another gene's alias either (it is
``ambiguous`` or ``not_found``).

A batch that keeps failing raises `BackendUnavailableError`
naming how many input terms it left unresolved, or, with ``fallback=True``, is resolved from
the snapshot (those results say ``source="snapshot"``). Every input gets exactly one result,
in input order.
"""

from __future__ import annotations

import contextlib
import email.utils
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from ..exceptions import BackendUnavailableError
from ..models import RELATION_RANK, Candidate, Relation, Resolution, Status
from ..resolver import match_method
from ..text import MAX_TERM_LENGTH, clean, fold

if TYPE_CHECKING:
    from ..resolver import Resolver

__all__ = [
    "DEFAULT_URL",
    "FIELDS",
    "SCOPES",
    "URL_ENV",
    "MyGeneSource",
    "cache_info",
    "clear_cache",
    "default_cache_path",
]

logger = logging.getLogger(__name__)

#: The public MyGene.info v3 API.
DEFAULT_URL = "https://mygene.info/v3"
#: Environment variable with a base URL to use instead of `DEFAULT_URL`.
URL_ENV = "GENENORM_MYGENE_URL"
#: Fields asked for: everything a `Resolution` carries.
FIELDS = "symbol,name,alias,HGNC,entrezgene,ensembl.gene,type_of_gene,taxid"
#: Where a term may match: the approved symbol, or ``alias`` (aliases and previous symbols).
SCOPES = "symbol,alias"
#: Most unique terms a single request carries (MyGene.info's limit).
MAX_BATCH = 1000
#: Statuses worth retrying: rate limiting, back-end failures, proxy errors.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_HUMAN_TAXID = 9606
_CACHE_FILE = "mygene.sqlite3"

_STATUS_OF = {
    Relation.APPROVED: Status.APPROVED,
    Relation.PREVIOUS: Status.PREVIOUS,
    Relation.ALIAS: Status.ALIAS,
}

T = TypeVar("T")
Hit = dict[str, Any]


# --------------------------------------------------------------------------- failures


class _TransientError(Exception):
    """A failure worth another attempt."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class _PermanentError(Exception):
    """A failure another attempt will not fix (e.g. HTTP 400)."""


class _GaveUpError(Exception):
    """A request that still failed after every attempt."""


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


# --------------------------------------------------------------------------- hit shapes


def _strings(value: Any) -> list[str]:
    """``alias``-like values (absent, a string or a list) as a list of strings."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v is not None]
    return [str(value)]


def _ensembl_ids(value: Any) -> list[str]:
    """Ensembl gene IDs of ``ensembl`` (a dict or a list of dicts; ``gene`` str or list)."""
    out: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, Mapping):
            out.extend(_strings(item.get("gene")))
    return out


def _hgnc_id(value: Any) -> str | None:
    """``HGNC:n`` from MyGene.info's bare number (``"1771"``, ``1771`` or ``"HGNC:1771"``)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip().upper().removeprefix("HGNC:")
    return f"HGNC:{text}" if text.isdigit() else None


def _entrez(hit: Mapping[str, Any]) -> str | None:
    """NCBI Gene ID as text (``entrezgene`` is a str today, an int in older builds)."""
    value = hit.get("entrezgene")
    if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
        return str(value).strip()
    gid = hit.get("_id")
    return gid if isinstance(gid, str) and gid.isdigit() else None


def _sendable(term: str) -> str | None:
    """The cleaned term to send, or ``None`` when it cannot or need not be sent.

    Empty terms and over-long ones are answered locally, like the snapshot does. Terms with
    a double quote or a backslash are not sent either: the client wraps terms in double
    quotes without escaping, so MyGene.info would reject the whole batch (HTTP 400).
    """
    c = clean(term) if len(term) <= 4 * MAX_TERM_LENGTH else ""
    if not c or len(c) > MAX_TERM_LENGTH or '"' in c or "\\" in c:
        return None
    return c


# --------------------------------------------------------------------------- the cache


def default_cache_path() -> Path:
    """The cache file: ``$XDG_CACHE_HOME/genenorm/mygene.sqlite3`` or ``~/.cache/genenorm/…``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "genenorm" / _CACHE_FILE


@contextlib.contextmanager
def _connect(path: Path) -> Iterator[sqlite3.Connection]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.closing(sqlite3.connect(path, timeout=30)) as db, db:
        db.execute(
            "CREATE TABLE IF NOT EXISTS hits (term TEXT NOT NULL, fields TEXT NOT NULL,"
            " species TEXT NOT NULL, build TEXT NOT NULL, hits TEXT NOT NULL,"
            " stored TEXT NOT NULL, PRIMARY KEY (term, fields, species, build)) WITHOUT ROWID"
        )
        yield db


def clear_cache(path: str | os.PathLike[str] | None = None) -> int:
    """Delete the on-disk MyGene.info cache.

    Args:
        path: the cache file (default: `default_cache_path`).

    Returns:
        The number of cached terms removed (0 when there was no cache).

    .. versionadded:: 0.1.0
    """
    target = Path(path) if path is not None else default_cache_path()
    if not target.exists():
        return 0
    entries = int(cache_info(target)["entries"])
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    return entries


def cache_info(path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Describe the on-disk MyGene.info cache.

    Args:
        path: the cache file (default: `default_cache_path`).

    Returns:
        ``path``, ``exists``, ``bytes``, ``entries`` (cached terms) and ``builds`` (entries
        per MyGene.info build version).

    .. versionadded:: 0.1.0
    """
    target = Path(path) if path is not None else default_cache_path()
    info: dict[str, Any] = {
        "path": str(target), "exists": target.exists(), "bytes": 0, "entries": 0, "builds": {},
    }  # fmt: skip
    if not target.exists():
        return info
    info["bytes"] = target.stat().st_size
    with _connect(target) as db:
        rows = db.execute("SELECT build, COUNT(*) FROM hits GROUP BY build ORDER BY build")
        info["builds"] = {str(build): int(n) for build, n in rows}
    info["entries"] = sum(info["builds"].values())
    return info


class _Cache:
    """Hits per term, keyed by term, fields (and scopes), species and build version."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def get(
        self, terms: Sequence[str], fields: str, species: str, build: str
    ) -> dict[str, list[Hit]]:
        found: dict[str, list[Hit]] = {}
        with _connect(self.path) as db:
            for start in range(0, len(terms), 500):
                chunk = terms[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(
                    f"SELECT term, hits FROM hits WHERE fields = ? AND species = ? AND build = ?"  # noqa: S608 - only placeholders are interpolated
                    f" AND term IN ({marks})",
                    (fields, species, build, *chunk),
                )
                for term, hits in rows:
                    with contextlib.suppress(ValueError):
                        loaded = json.loads(hits)
                        if isinstance(loaded, list):
                            found[term] = loaded
        return found

    def put(self, hits: Mapping[str, list[Hit]], fields: str, species: str, build: str) -> None:
        stored = datetime.now(UTC).isoformat(timespec="seconds")
        with _connect(self.path) as db:
            db.executemany(
                "INSERT OR REPLACE INTO hits VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (term, fields, species, build, json.dumps(rows, ensure_ascii=False), stored)
                    for term, rows in hits.items()
                ],
            )


# --------------------------------------------------------------------------- the source


class MyGeneSource:
    """Resolve terms against MyGene.info (HGNC symbols as served by NCBI Gene).

    Args:
        url: MyGene.info base URL, e.g. ``http://127.0.0.1:8000/v3`` (default:
            ``$GENENORM_MYGENE_URL``, else `DEFAULT_URL`).
        snapshot: the snapshot resolver that tells previous symbols from aliases and serves
            fallbacks (without it every non-symbol match is an alias).
        timeout: seconds allowed for each request (connect, read, write).
        retries: further attempts after a failed request.
        backoff: seconds before the first retry; doubled at every further retry.
        max_wait: cap, in seconds, on any wait between attempts, ``Retry-After`` included.
        fallback: resolve the terms of batches that keep failing from *snapshot* instead of
            raising `BackendUnavailableError`.
        cache: ``True`` for the on-disk cache at `default_cache_path`, or the path of
            a cache file; ``False`` (the default) for none.
        batch_size: unique terms per request (at most 1,000).
        species: MyGene.info ``species`` value, a string (default ``human``).

    Raises:
        ValueError: a bad URL or option value, or ``fallback=True`` without a snapshot.
        TypeError: *species* is not a string.

    .. versionadded:: 0.1.0
    """

    name = "mygene"

    def __init__(
        self,
        url: str | None = None,
        *,
        snapshot: Resolver | None = None,
        timeout: float = 10.0,
        retries: int = 3,
        backoff: float = 0.5,
        max_wait: float = 30.0,
        fallback: bool = False,
        cache: bool | str | os.PathLike[str] = False,
        batch_size: int = MAX_BATCH,
        species: str = "human",
    ) -> None:
        url = url or os.environ.get(URL_ENV) or DEFAULT_URL
        url = url.rstrip("/")
        if not url.startswith(("http://", "https://")):
            msg = f"MyGene.info URL must start with http:// or https://; got {url!r}"
            raise ValueError(msg)
        if not isinstance(species, str):
            msg = f"species must be a comma-separated str, not {type(species).__name__}"
            raise TypeError(msg)
        if not timeout > 0:
            msg = f"timeout must be positive; got {timeout!r}"
            raise ValueError(msg)
        if retries < 0 or backoff < 0 or max_wait < 0:
            msg = "retries, backoff and max_wait must not be negative"
            raise ValueError(msg)
        if not 1 <= batch_size <= MAX_BATCH:
            msg = f"batch_size must be between 1 and {MAX_BATCH}; got {batch_size!r}"
            raise ValueError(msg)
        if fallback and snapshot is None:
            msg = "fallback=True needs a snapshot to fall back on"
            raise ValueError(msg)
        self.url = url
        self.snapshot = snapshot
        self.timeout = float(timeout)
        self.retries = int(retries)
        self.backoff = float(backoff)
        self.max_wait = float(max_wait)
        self.fallback = fallback
        self.batch_size = batch_size
        self.species = species
        self.cache_path: Path | None = None
        if cache is True:
            self.cache_path = default_cache_path()
        elif cache is not False:
            self.cache_path = Path(cache)
        self._client: Any = None
        self._metadata: dict[str, Any] | None = None
        self._lock = threading.RLock()

    def __repr__(self) -> str:
        return f"MyGeneSource({self.url!r}, timeout={self.timeout}, retries={self.retries})"

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        """Close the HTTP connections (the source reopens them when used again)."""
        with self._lock:
            client, self._client = self._client, None
        if client is not None and client.http_client is not None:
            client.http_client.close()

    def __enter__(self) -> MyGeneSource:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _mygene(self) -> Any:
        """The ``mygene`` client, pointed at `url`, with a timeout and no sleep."""
        with self._lock:
            if self._client is None:
                import httpx
                import mygene

                client = mygene.MyGeneInfo()
                client.url = self.url
                client.delay = 0
                client.step = self.batch_size
                # The client has no timeout; this hook (biothings_client 0.5) keeps ours.
                # Loopback (a local test server) never goes through a proxy from the env.
                host = httpx.URL(self.url).host
                loopback = host in ("127.0.0.1", "localhost", "::1")
                client.http_client = httpx.Client(
                    timeout=httpx.Timeout(self.timeout), trust_env=not loopback
                )
                client.http_client_setup = True
                self._client = client
            return self._client

    # ------------------------------------------------------------------ requests

    def _attempt(self, call: Callable[[], T]) -> T:
        """Run one client call, translating its failures into retryable or fatal ones."""
        import httpx

        try:
            return call()
        except httpx.HTTPStatusError as err:
            status = err.response.status_code
            reason = f"HTTP {status} from {err.request.url}"
            if status in RETRY_STATUSES:
                raise _TransientError(
                    reason, _retry_after(err.response.headers.get("Retry-After"))
                ) from err
            raise _PermanentError(reason) from err
        except (httpx.TransportError, httpx.DecodingError) as err:
            raise _TransientError(f"{type(err).__name__}: {err or 'no details'}") from err
        except httpx.HTTPError as err:
            raise _PermanentError(f"{type(err).__name__}: {err}") from err
        except (ValueError, AttributeError, KeyError, TypeError) as err:
            # the client's reaction to a malformed 200 body (HTML, an object, no "query")
            raise _TransientError(f"malformed response ({type(err).__name__}: {err})") from err

    def _with_retries(self, what: str, call: Callable[[], T]) -> T:
        attempts = self.retries + 1
        for attempt in range(1, attempts + 1):
            try:
                return self._attempt(call)
            except _PermanentError as err:
                msg = f"{what}: {err}"
                raise _GaveUpError(msg) from err
            except _TransientError as err:
                if attempt == attempts:
                    msg = f"{what}: {err} (gave up after {attempts} attempts)"
                    raise _GaveUpError(msg) from err
                wait = self.backoff * 2 ** (attempt - 1)
                if err.retry_after is not None:
                    wait = max(wait, err.retry_after)
                wait = min(wait, self.max_wait)
                logger.info(
                    "%s: %s; retry %d of %d in %.2f s", what, err, attempt, self.retries, wait
                )
                time.sleep(wait)
        raise AssertionError  # pragma: no cover - the loop returns or raises

    def metadata(self) -> dict[str, Any]:
        """``GET /metadata`` of the service, fetched once per source (with retries).

        Raises:
            BackendUnavailableError: the service kept failing (``affected`` is 0).
        """
        try:
            return self._fetch_metadata()
        except _GaveUpError as err:
            raise BackendUnavailableError(f"MyGene.info at {self.url}: {err}", affected=0) from err

    def _fetch_metadata(self) -> dict[str, Any]:
        with self._lock:
            if self._metadata is None:

                def call() -> dict[str, Any]:
                    meta = self._mygene().metadata()
                    if not isinstance(meta, dict) or not meta.get("build_version"):
                        msg = "metadata without build_version"
                        raise ValueError(msg)
                    return meta

                self._metadata = self._with_retries("GET /metadata", call)
            return self._metadata

    @property
    def release(self) -> str:
        """``MyGene.info <build_version> (<build_date>)`` of the service (fetched once).

        Raises:
            BackendUnavailableError: the metadata could not be fetched.
        """
        meta = self.metadata()
        return _release(meta)

    def _query(self, batch: Sequence[str]) -> dict[str, list[Hit]]:
        """Hits per term of one batch (one POST), checked for completeness."""

        def call() -> dict[str, list[Hit]]:
            result = self._mygene().querymany(
                list(batch), scopes=SCOPES, fields=FIELDS, species=self.species,
                returnall=True, verbose=False,
            )  # fmt: skip
            return _group(batch, result)

        return self._with_retries(f"POST /query ({len(batch)} terms)", call)

    # ------------------------------------------------------------------ resolving

    def resolve(self, term: str) -> Resolution:
        """Resolve one term (see `resolve_many`)."""
        return self.resolve_many([term])[0]

    def resolve_many(self, terms: Iterable[str]) -> list[Resolution]:
        """Resolve every term: exactly one result per input, in input order.

        Duplicates are sent once; empty and white-space-only terms are answered
        ``not_found`` without a request.

        Raises:
            TypeError: *terms* is one string, or an element is not a string (the message
                gives its position).
            BackendUnavailableError: a batch kept failing and ``fallback`` is off;
                ``affected`` counts the inputs left unresolved.
        """
        from .._args import require_many

        require_many(terms, "resolve_many", "terms")
        items = list(terms)
        keys: list[str | None] = []
        for i, term in enumerate(items):
            if not isinstance(term, str):
                msg = f"terms must be str; got {type(term).__name__} {term!r} at position {i}"
                raise TypeError(msg)
            keys.append(_sendable(term))
        unique = list(dict.fromkeys(k for k in keys if k is not None))
        hits: dict[str, list[Hit]] = {}
        failed: set[str] = set()
        release = _release(self._metadata) if self._metadata is not None else ""
        if unique:
            release, failed = self._collect(unique, keys, hits)
        fallback = self._fallback(items, keys, failed)
        memo: dict[str, Resolution] = {}
        out: list[Resolution] = []
        for term, key in zip(items, keys, strict=True):
            result = memo.get(term)
            if result is None:
                if key is None:
                    result = Resolution(
                        query=term, status=Status.NOT_FOUND, source=self.name, release=release
                    )
                elif key in failed:
                    result = fallback[term]
                else:
                    result = self._decide(term, key, hits[key], release)
                memo[term] = result
            out.append(result)
        return out

    def _collect(
        self, unique: list[str], keys: Sequence[str | None], hits: dict[str, list[Hit]]
    ) -> tuple[str, set[str]]:
        """Fill *hits* for *unique*; return the release and the terms that failed."""
        try:
            meta = self._fetch_metadata()
        except _GaveUpError as err:
            return "", self._failure(err, unique, keys, 0, 1)
        release = _release(meta)
        build = str(meta.get("build_version"))
        cache = _Cache(self.cache_path) if self.cache_path is not None else None
        fields = f"{SCOPES}|{FIELDS}"
        if cache is not None:
            hits.update(cache.get(unique, fields, self.species, build))
        todo = [k for k in unique if k not in hits]
        batches = [todo[i : i + self.batch_size] for i in range(0, len(todo), self.batch_size)]
        for n, batch in enumerate(batches):
            try:
                found = self._query(batch)
            except _GaveUpError as err:
                rest = [k for b in batches[n:] for k in b]
                return release, self._failure(err, rest, keys, n, len(batches))
            hits.update(found)
            if cache is not None:
                cache.put(found, fields, self.species, build)
        return release, set()

    def _failure(
        self, err: _GaveUpError, lost: list[str], keys: Sequence[str | None], n: int, total: int
    ) -> set[str]:
        """Raise for terms MyGene.info did not answer, or mark them for the fallback.

        Once a batch has failed after every retry, later batches are not tried: the service
        is down, and trying would only multiply the wait.
        """
        lost_set = set(lost)
        affected = sum(1 for k in keys if k in lost_set)
        where = f"batch {n + 1} of {total}" if total > 1 else "the request"
        if not self.fallback:
            msg = (
                f"MyGene.info at {self.url} is unavailable: {affected} of {len(keys)} terms "
                f"unresolved ({where} failed: {err})"
            )
            raise BackendUnavailableError(msg, affected=affected) from err
        logger.warning(
            "MyGene.info at %s is unavailable (%s failed: %s); %d terms resolved from the "
            "snapshot", self.url, where, err, affected,
        )  # fmt: skip
        return lost_set

    def _fallback(
        self, items: Sequence[str], keys: Sequence[str | None], failed: set[str]
    ) -> dict[str, Resolution]:
        if not failed:
            return {}
        assert self.snapshot is not None  # noqa: S101 - checked in __init__ with fallback
        terms = list(dict.fromkeys(t for t, k in zip(items, keys, strict=True) if k in failed))
        results = self.snapshot.resolve_many(terms)
        return {
            t: r if r.source == "snapshot" else _as_snapshot(r)
            for t, r in zip(terms, results, strict=True)
        }

    # ------------------------------------------------------------------ classification

    def _candidate(self, key: str, hit: Hit) -> tuple[Candidate | None, bool]:
        """The candidate a hit gives, and whether the hit is an exact non-HGNC symbol.

        Hits of other species and hits without an HGNC ID (NCBI-only ``LOC`` genes,
        Ensembl-only genes) give no candidate: they are not HGNC genes. But when the term is
        such a gene's exact symbol, `_decide` picks no HGNC gene that merely carries the
        term as an alias (the term would then be silently wrong): ``ambiguous`` when such
        HGNC genes exist, ``not_found`` otherwise.
        """
        symbol = hit.get("symbol")
        taxid = hit.get("taxid")
        if taxid is not None and str(taxid) != str(_HUMAN_TAXID):
            return None, False
        symbol_match = isinstance(symbol, str) and fold(symbol) == fold(key)
        hgnc_id = _hgnc_id(hit.get("HGNC"))
        if hgnc_id is None or not isinstance(symbol, str):
            return None, symbol_match
        gene = self.snapshot.lexicon.gene_by_id(hgnc_id) if self.snapshot is not None else None
        wanted = fold(key)
        previous = [p for p in (gene.previous if gene else ()) if fold(p) == wanted]
        if symbol_match:
            relation, term = Relation.APPROVED, symbol
        elif previous:  # MyGene.info mixes previous symbols into alias; HGNC tells them apart
            relation, term = Relation.PREVIOUS, previous[0]
        else:
            aliases = [a for a in _strings(hit.get("alias")) if fold(a) == wanted]
            relation, term = Relation.ALIAS, aliases[0] if aliases else key
        ensembl = _ensembl_ids(hit.get("ensembl"))
        if gene is not None and gene.ensembl in ensembl:
            chosen: str | None = gene.ensembl
        else:
            chosen = min(ensembl) if ensembl else None
        name = hit.get("name")
        kind = hit.get("type_of_gene")
        return (
            Candidate(
                symbol=symbol, hgnc_id=hgnc_id, relation=relation, term=term,
                name=name if isinstance(name, str) else None,
                locus_type=kind if isinstance(kind, str) else None,
                entrez=_entrez(hit), ensembl=chosen,
            ),
            False,
        )  # fmt: skip

    def _decide(self, query: str, key: str, hits: Sequence[Hit], release: str) -> Resolution:
        best: dict[str, Candidate] = {}
        blocked = False
        for hit in hits:
            cand, non_hgnc_symbol = self._candidate(key, hit)
            blocked = blocked or non_hgnc_symbol
            if cand is None:
                continue
            old = best.get(cand.hgnc_id)
            if old is None or RELATION_RANK[cand.relation] < RELATION_RANK[old.relation]:
                best[cand.hgnc_id] = cand
        ranked = sorted(best.values(), key=lambda c: (RELATION_RANK[c.relation], c.symbol))
        if not ranked:
            return Resolution(
                query=query, status=Status.NOT_FOUND, source=self.name, release=release
            )
        method = match_method(ranked[0].term, query)
        n_approved = sum(1 for c in ranked if c.relation is Relation.APPROVED)
        if n_approved == 1 or (len(ranked) == 1 and not blocked):
            pick = ranked[0]
            return Resolution(
                query=query, status=_STATUS_OF[pick.relation], symbol=pick.symbol,
                hgnc_id=pick.hgnc_id, name=pick.name, locus_type=pick.locus_type,
                entrez=pick.entrez, ensembl=pick.ensembl, candidates=ranked, match=method,
                source=self.name, release=release,
            )  # fmt: skip
        return Resolution(
            query=query, status=Status.AMBIGUOUS, candidates=ranked, match=method,
            source=self.name, release=release,
        )  # fmt: skip


def _release(meta: Mapping[str, Any]) -> str:
    version = meta.get("build_version", "")
    date = meta.get("build_date")
    return f"MyGene.info {version} ({date})" if date else f"MyGene.info {version}"


def _as_snapshot(r: Resolution) -> Resolution:
    import attrs

    return attrs.evolve(r, source="snapshot")


def _group(batch: Sequence[str], result: Any) -> dict[str, list[Hit]]:
    """Hits per sent term, from a ``querymany(..., returnall=True)`` value.

    Raises:
        ValueError: the answer is not a list of hits, names a term that was not sent, or
            misses a term that was (a truncated or mixed-up answer).
    """
    rows = result.get("out") if isinstance(result, dict) else None
    if not isinstance(rows, list):
        msg = f"expected a list of hits, got {type(rows).__name__}"
        raise ValueError(msg)
    grouped: dict[str, list[Hit]] = {k: [] for k in batch}
    seen: set[str] = set()
    for row in rows:
        query = row.get("query") if isinstance(row, dict) else None
        if not isinstance(query, str) or query not in grouped:
            msg = f"hit for a term that was not sent: {query!r}"
            raise ValueError(msg)
        seen.add(query)
        if not row.get("notfound"):
            grouped[query].append({k: v for k, v in row.items() if k != "query"})
    if len(seen) != len(grouped):
        missing = [k for k in batch if k not in seen]
        msg = f"no answer for {len(missing)} terms (e.g. {missing[0]!r})"
        raise ValueError(msg)
    return grouped
