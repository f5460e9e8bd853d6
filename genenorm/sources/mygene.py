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
from ..text import MAX_CLEANED_LENGTH, MAX_TERM_LENGTH, clean, fold
from ._options import check_seconds, check_url

if TYPE_CHECKING:
    from ..resolver import Resolver

__all__ = [
    "CACHED_SOURCE",
    "DEFAULT_URL",
    "FIELDS",
    "MAX_BYTES",
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
#: ``source`` of results answered from the on-disk cache while MyGene.info was down.
CACHED_SOURCE = "mygene-cache"
#: Default cap on the size of one answer (bytes, decompressed); 1,000 terms take ~1-5 MB.
MAX_BYTES = 64 * 1024 * 1024
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
    """A request that still failed after every attempt (or, *skipped*, was not sent because
    the service is taken as down)."""

    def __init__(self, reason: str, *, skipped: bool = False) -> None:
        super().__init__(reason)
        self.skipped = skipped


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
    c = clean(term) if len(term) <= MAX_CLEANED_LENGTH else ""
    if not c or len(c) > MAX_TERM_LENGTH or '"' in c or "\\" in c:
        return None
    return c


# --------------------------------------------------------------------------- the cache


def default_cache_path() -> Path:
    """The cache file: ``$XDG_CACHE_HOME/genenorm/mygene.sqlite3`` or ``~/.cache/genenorm/…``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "genenorm" / _CACHE_FILE


_SCHEMA = (
    # version-1 entries lack the service URL: answers of one server were served for another
    "DROP TABLE IF EXISTS hits",
    "CREATE TABLE IF NOT EXISTS answers (url TEXT NOT NULL, term TEXT NOT NULL,"
    " fields TEXT NOT NULL, species TEXT NOT NULL, build TEXT NOT NULL, hits TEXT NOT NULL,"
    " stored TEXT NOT NULL, PRIMARY KEY (url, term, fields, species, build)) WITHOUT ROWID",
    # the last build each service reported: answers from the cache while it is down
    "CREATE TABLE IF NOT EXISTS builds (url TEXT NOT NULL PRIMARY KEY, build TEXT NOT NULL,"
    " release TEXT NOT NULL, stored TEXT NOT NULL)",
)


class CacheError(Exception):
    """The cache file cannot be used (corrupt, a directory, read-only, ...)."""


def _problem(path: Path) -> str | None:
    """Why *path* cannot be a cache file, when that shows without opening it."""
    if path.is_dir():
        return "it is a directory"
    if path.exists() and not path.is_file():
        return "it is not a regular file"
    return None


@contextlib.contextmanager
def _connect(path: Path, *, write: bool) -> Iterator[sqlite3.Connection]:
    """A connection to the cache: read-only (nothing created) or read-write (schema made).

    Raises:
        CacheError: the file is not a usable SQLite cache.
    """
    problem = _problem(path)
    if problem:
        msg = f"cache {path} is unusable: {problem}"
        raise CacheError(msg)
    try:
        if write:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=30)
        else:
            db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        with contextlib.closing(db), db:
            if write:
                for statement in _SCHEMA:
                    db.execute(statement)
            yield db
    except (sqlite3.Error, OSError) as err:
        msg = f"cache {path} is unusable: {err}"
        raise CacheError(msg) from err


def _tables(db: sqlite3.Connection) -> set[str]:
    return {str(n) for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def clear_cache(path: str | os.PathLike[str] | None = None) -> int:
    """Delete the on-disk MyGene.info cache, whatever state it is in.

    A corrupt or read-only file is deleted too (its entries count as 0 when they cannot be
    read); so is an *empty* directory in its place. A directory that holds files is left
    alone: deleting it could delete more than a cache.

    Args:
        path: the cache file (default: `default_cache_path`).

    Returns:
        The number of cached terms removed (0 when there was no cache).

    Raises:
        OSError: the file could not be deleted (a read-only folder), or a non-empty
            directory stands in its place; the message names the path.

    .. versionadded:: 0.1.0
    """
    target = Path(path) if path is not None else default_cache_path()
    if target.is_dir() and not target.is_symlink():
        try:
            target.rmdir()
        except OSError as err:
            msg = f"cache {target} is a directory that is not empty; remove it by hand ({err.strerror})"
            raise OSError(err.errno, msg) from err
        return 0
    if not target.exists() and not target.is_symlink():
        return 0
    entries = int(cache_info(target)["entries"])
    for suffix in ("", "-journal", "-wal", "-shm"):
        try:
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        except OSError as err:
            msg = f"cannot delete cache {target}{suffix}: {err.strerror}"
            raise OSError(err.errno, msg) from err
    return entries


def cache_info(path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Describe the on-disk MyGene.info cache (never changing it).

    Args:
        path: the cache file (default: `default_cache_path`).

    Returns:
        ``path``, ``exists``, ``bytes``, ``entries`` (cached terms), ``builds`` (entries
        per MyGene.info build version), ``services`` (entries per service URL) and
        ``error`` (why the file is unusable, or ``None``; ``genenorm cache clear`` recovers).

    .. versionadded:: 0.1.0
    """
    target = Path(path) if path is not None else default_cache_path()
    info: dict[str, Any] = {
        "path": str(target), "exists": target.exists(), "bytes": 0, "entries": 0, "builds": {},
        "services": {}, "error": None,
    }  # fmt: skip
    if not target.exists():
        return info
    if target.is_file():
        info["bytes"] = target.stat().st_size
    try:
        with _connect(target, write=False) as db:
            if "answers" in _tables(db):
                rows = db.execute(
                    "SELECT build, COUNT(*) FROM answers GROUP BY build ORDER BY build"
                )
                info["builds"] = {str(build): int(n) for build, n in rows}
                rows = db.execute("SELECT url, COUNT(*) FROM answers GROUP BY url ORDER BY url")
                info["services"] = {str(url): int(n) for url, n in rows}
    except CacheError as err:
        info["error"] = str(err)
        info["builds"], info["services"] = {}, {}
    info["entries"] = sum(info["builds"].values())
    return info


class _Cache:
    """Hits per term, keyed by service URL, term, fields (and scopes), species and build.

    A cache that cannot be read or written is reported once (a warning) and then left
    alone for the rest of the source's life: the answers still come from the service.
    """

    def __init__(self, path: Path, url: str) -> None:
        self.path = path
        self.url = url
        self.readable = True
        self.writable = True

    def _broken(self, err: CacheError, *, reading: bool) -> None:
        if reading:
            self.readable = False
        self.writable = False
        logger.warning("%s; going on without it (`genenorm cache clear` deletes it)", err)

    def get(
        self, terms: Sequence[str], fields: str, species: str, build: str
    ) -> dict[str, list[Hit]]:
        found: dict[str, list[Hit]] = {}
        if not self.readable or not self.path.exists():
            return found
        try:
            with _connect(self.path, write=False) as db:
                if "answers" not in _tables(db):
                    return found
                for start in range(0, len(terms), 500):
                    chunk = terms[start : start + 500]
                    marks = ",".join("?" * len(chunk))
                    rows = db.execute(
                        f"SELECT term, hits FROM answers WHERE url = ? AND fields = ?"  # noqa: S608 - only placeholders are interpolated
                        f" AND species = ? AND build = ? AND term IN ({marks})",
                        (self.url, fields, species, build, *chunk),
                    )
                    for term, hits in rows:
                        with contextlib.suppress(ValueError, TypeError):
                            loaded = json.loads(hits)
                            if isinstance(loaded, list):
                                found[term] = loaded
        except CacheError as err:
            self._broken(err, reading=True)
        return found

    def last_build(self) -> tuple[str, str] | None:
        """The build version and release the service last reported, if cached."""
        if not self.readable or not self.path.exists():
            return None
        try:
            with _connect(self.path, write=False) as db:
                if "builds" not in _tables(db):
                    return None
                row = db.execute(
                    "SELECT build, release FROM builds WHERE url = ?", (self.url,)
                ).fetchone()
        except CacheError as err:
            self._broken(err, reading=True)
            return None
        return None if row is None else (str(row[0]), str(row[1]))

    def put(
        self,
        hits: Mapping[str, list[Hit]],
        fields: str,
        species: str,
        build: str,
        release: str,
    ) -> None:
        if not self.writable:
            return
        stored = datetime.now(UTC).isoformat(timespec="seconds")
        try:
            with _connect(self.path, write=True) as db:
                db.executemany(
                    "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        (self.url, term, fields, species, build,
                         json.dumps(rows, ensure_ascii=False), stored)
                        for term, rows in hits.items()
                    ],
                )  # fmt: skip
                db.execute(
                    "INSERT OR REPLACE INTO builds VALUES (?, ?, ?, ?)",
                    (self.url, build, release, stored),
                )
        except CacheError as err:
            self._broken(err, reading=False)


# --------------------------------------------------------------------------- the source


class MyGeneSource:
    """Resolve terms against MyGene.info (HGNC symbols as served by NCBI Gene).

    Args:
        url: MyGene.info base URL, e.g. ``http://127.0.0.1:8000/v3`` (default:
            ``$GENENORM_MYGENE_URL``, else `DEFAULT_URL`).
        snapshot: the snapshot resolver that tells previous symbols from aliases and serves
            fallbacks (without it every non-symbol match is an alias).
        timeout: seconds allowed for each whole request, from connecting to the last byte
            of the answer (a server that sends one byte a second cannot hold it longer);
            finite, at most a day.
        retries: further attempts after a failed request.
        backoff: seconds before the first retry; doubled at every further retry.
        max_wait: cap, in seconds, on any wait between attempts, ``Retry-After`` included.
        fallback: resolve the terms of batches that keep failing from *snapshot* instead of
            raising `BackendUnavailableError`.
        cache: ``True`` for the on-disk cache at `default_cache_path`, or the path of
            a cache file; ``False`` (the default) for none.
        batch_size: unique terms per request (at most 1,000).
        species: MyGene.info ``species`` value, a string (default ``human``).
        max_bytes: longest answer accepted, in bytes after decompression (default 64 MiB;
            a longer one fails that request without being read whole).
        outage_hold: seconds a service that kept failing is taken as down: requests in that
            time fail at once (or fall back) instead of repeating the retry back-off, and
            the first one after it gets a single attempt.

    Raises:
        ValueError: a bad URL (also from ``$GENENORM_MYGENE_URL``) or option value, or
            ``fallback=True`` without a snapshot.
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
        max_bytes: int = MAX_BYTES,
        outage_hold: float = 60.0,
    ) -> None:
        if url:
            url = check_url(url)
        elif os.environ.get(URL_ENV):
            url = check_url(os.environ[URL_ENV], what=f"${URL_ENV}")
        else:
            url = DEFAULT_URL
        if not isinstance(species, str):
            msg = f"species must be a comma-separated str, not {type(species).__name__}"
            raise TypeError(msg)
        timeout = check_seconds("timeout", timeout)
        backoff = check_seconds("backoff", backoff, zero=True)
        max_wait = check_seconds("max_wait", max_wait, zero=True)
        outage_hold = check_seconds("outage_hold", outage_hold, zero=True)
        if isinstance(retries, bool) or not isinstance(retries, int) or not 0 <= retries <= 100:
            msg = f"retries must be a whole number from 0 to 100; got {retries!r}"
            raise ValueError(msg)
        if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1024:
            msg = f"max_bytes must be a whole number of at least 1024; got {max_bytes!r}"
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
        self.max_bytes = max_bytes
        self.outage_hold = outage_hold
        self.cache_path: Path | None = None
        if cache is True:
            self.cache_path = default_cache_path()
        elif cache is not False:
            self.cache_path = Path(cache)
        self._cache = _Cache(self.cache_path, url) if self.cache_path is not None else None
        self._client: Any = None
        self._metadata: dict[str, Any] | None = None
        #: (monotonic time, reason) of the last request that kept failing, while down
        self._down: tuple[float, str] | None = None
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

                from ._http import BoundedTransport

                client = mygene.MyGeneInfo()
                client.url = self.url
                client.delay = 0
                client.step = self.batch_size
                # The client has no timeout; this hook (biothings_client 0.5) keeps ours.
                # Loopback (a local test server) never goes through a proxy from the env.
                host = httpx.URL(self.url).host
                loopback = host in ("127.0.0.1", "localhost", "::1")
                transport = BoundedTransport(self.timeout, self.max_bytes, trust_env=not loopback)
                client.http_client = httpx.Client(
                    timeout=httpx.Timeout(self.timeout), trust_env=not loopback,
                    transport=transport,
                )  # fmt: skip
                client.http_client_setup = True
                self._client = client
            return self._client

    # ------------------------------------------------------------------ requests

    def _attempt(self, call: Callable[[], T]) -> T:
        """Run one client call, translating its failures into retryable or fatal ones."""
        import httpx

        from ._http import ResponseTooLargeError

        try:
            return call()
        except ResponseTooLargeError as err:  # another attempt would read it again
            raise _PermanentError(str(err)) from err
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
        """*call* with retries; while the service is taken as down, not at all (or once).

        A request that keeps failing marks the service down for `outage_hold` seconds:
        requests in that time give up at once, and the first one after it gets a single
        attempt (a success ends the outage), so that a run of many small calls (one per page)
        pays the retry back-off once, not once per call.
        """
        attempts = self.retries + 1
        down = self._down
        if down is not None:
            since = time.monotonic() - down[0]
            if since < self.outage_hold:
                msg = (
                    f"{what}: not sent: the service has been down for {since:.0f} s "
                    f"(last failure: {down[1]}; tried again {self.outage_hold:g} s after it)"
                )
                raise _GaveUpError(msg, skipped=True)
            attempts = 1
        for attempt in range(1, attempts + 1):
            try:
                result = self._attempt(call)
            except _PermanentError as err:
                msg = f"{what}: {err}"
                raise _GaveUpError(msg) from err
            except _TransientError as err:
                if attempt == attempts:
                    msg = f"{what}: {err} (gave up after {attempts} attempts)"
                    logger.info(
                        "MyGene.info at %s is down (%s); not tried again for %g s",
                        self.url, msg, self.outage_hold,
                    )  # fmt: skip
                    self._down = (time.monotonic(), msg)
                    raise _GaveUpError(msg) from err
                wait = self.backoff * 2 ** (attempt - 1)
                if err.retry_after is not None:
                    wait = max(wait, err.retry_after)
                wait = min(wait, self.max_wait)
                logger.info(
                    "%s: %s; retry %d of %d in %.2f s", what, err, attempt, self.retries, wait
                )
                time.sleep(wait)
            else:
                self._down = None
                return result
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
        stale: set[str] = set()
        release = _release(self._metadata) if self._metadata is not None else ""
        if unique:
            release, failed = self._collect(unique, keys, hits, stale)
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
                    if key in stale:
                        result = _with_source(result, CACHED_SOURCE)
                memo[term] = result
            out.append(result)
        return out

    def _collect(
        self,
        unique: list[str],
        keys: Sequence[str | None],
        hits: dict[str, list[Hit]],
        stale: set[str],
    ) -> tuple[str, set[str]]:
        """Fill *hits* for *unique*; return the release and the terms that failed.

        While the service is down, terms the cache holds (at the build the service last
        reported) are answered from it and added to *stale*.
        """
        cache = self._cache
        fields = f"{SCOPES}|{FIELDS}"
        try:
            meta = self._fetch_metadata()
        except _GaveUpError as err:
            last = cache.last_build() if cache is not None else None
            if cache is None or last is None:
                return "", self._failure(err, unique, keys, 0, 1)
            build, release = last  # the service is down: answer what the cache holds
            hits.update(cache.get(unique, fields, self.species, build))
            stale.update(hits)
            missing = [k for k in unique if k not in hits]
            if not missing:
                return release, set()
            return release, self._failure(err, missing, keys, 0, 1)
        release = _release(meta)
        build = str(meta.get("build_version"))
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
                cache.put(found, fields, self.species, build, release)
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
        # once per outage: the calls made while the service is taken as down say it at debug level
        logger.log(
            logging.DEBUG if err.skipped else logging.WARNING,
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


def _with_source(r: Resolution, source: str) -> Resolution:
    import attrs

    return attrs.evolve(r, source=source)


def _as_snapshot(r: Resolution) -> Resolution:
    return _with_source(r, "snapshot")


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
