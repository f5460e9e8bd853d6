"""An httpx transport that bounds a whole request: a deadline and a response-size cap.

httpx's ``timeout`` bounds each socket operation, not the request: a server that sends one
byte a second never trips a 10 s read timeout and keeps a client waiting forever, and a
server that sends a huge body has it read into memory whole. `BoundedTransport`

* gives every request an overall *deadline*: every socket read and write of the request
  (connect, headers and body) waits at most until the deadline, then the request fails with
  `httpx.ReadTimeout` (``deadline of N s passed``);
* caps the body at *max_bytes*, counted after decompression (it asks for ``gzip`` or
  ``deflate`` only and decodes them itself, in bounded steps), and fails with
  `ResponseTooLargeError` as soon as the cap is passed, before the rest is read.

The deadline reaches the sockets through a wrapper around httpcore's network backend, set on
the connection pool that `httpx.HTTPTransport` builds (``_pool._network_backend``: the one
private attribute used; `deadline_enforced` says whether it was found). Where it is not
found, the deadline is still checked between body chunks.

Imported only when the mygene source opens its connection (it imports httpx).
"""

from __future__ import annotations

import threading
import time
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

import httpcore
import httpx

__all__ = ["ACCEPT_ENCODING", "BoundedTransport", "ResponseTooLargeError"]

#: The only encodings asked for: the ones `BoundedTransport` decodes under its cap.
ACCEPT_ENCODING = "gzip, deflate"

_local = threading.local()
#: Most decoded bytes produced from compressed data in one step.
_STEP = 1 << 20


class ResponseTooLargeError(httpx.HTTPError):
    """A response body longer than the cap (after decompression)."""

    def __init__(self, message: str, *, request: httpx.Request) -> None:
        super().__init__(message)
        self.request = request


def _remaining(timeout: float | None, what: str) -> float | None:
    """*timeout* shortened to what is left of the current request's deadline."""
    deadline: float | None = getattr(_local, "deadline", None)
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        total = getattr(_local, "total", 0.0)
        msg = f"deadline of {total:g} s for the whole request passed ({what})"
        raise httpcore.ReadTimeout(msg)
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            return self._inner.read(max_bytes, _remaining(timeout, "reading"))
        except httpcore.ReadTimeout:
            _remaining(timeout, "reading")  # names the deadline when that is what ran out
            raise

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        try:
            self._inner.write(buffer, _remaining(timeout, "writing"))
        except httpcore.WriteTimeout:
            _remaining(timeout, "writing")
            raise

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        tls = self._inner.start_tls(ssl_context, server_hostname, _remaining(timeout, "TLS"))
        return _Stream(tls)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_tcp(
            host, port, _remaining(timeout, "connecting"), local_address, socket_options
        )
        return _Stream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_unix_socket(
            path, _remaining(timeout, "connecting"), socket_options
        )
        return _Stream(stream)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _Body(httpx.SyncByteStream):
    """The response body, decoded, deadline-checked and capped."""

    def __init__(
        self,
        raw: httpx.SyncByteStream,
        encoding: str,
        request: httpx.Request,
        max_bytes: int,
        deadline: float,
        total: float,
    ) -> None:
        self._raw = raw
        self._request = request
        self._max = max_bytes
        self._deadline = deadline
        self._total = total
        self._decoder: Any = None
        if encoding == "gzip":
            self._decoder = zlib.decompressobj(zlib.MAX_WBITS | 16)
        elif encoding == "deflate":
            self._decoder = zlib.decompressobj()

    def _check_time(self) -> None:
        if time.monotonic() > self._deadline:
            msg = f"deadline of {self._total:g} s for the whole request passed (reading)"
            raise httpx.ReadTimeout(msg, request=self._request)

    def _too_large(self) -> ResponseTooLargeError:
        msg = f"response body larger than {self._max:,} bytes (the cap; see max_bytes)"
        return ResponseTooLargeError(msg, request=self._request)

    def _decoded(self, chunk: bytes) -> Iterator[bytes]:
        if self._decoder is None:
            yield chunk
            return
        data = chunk
        while data:  # at most _STEP bytes a step: a compression bomb is caught early
            yield self._decoder.decompress(data, _STEP)
            data = self._decoder.unconsumed_tail

    def __iter__(self) -> Iterator[bytes]:
        size = 0
        _local.deadline, _local.total = self._deadline, self._total
        try:
            for chunk in self._raw:
                self._check_time()
                for part in self._decoded(chunk):
                    size += len(part)
                    if size > self._max:
                        raise self._too_large()
                    if part:
                        yield part
            if self._decoder is not None:
                tail = self._decoder.flush()
                if size + len(tail) > self._max:
                    raise self._too_large()
                if tail:
                    yield tail
        except zlib.error as err:
            msg = f"undecodable response body: {err}"
            raise httpx.DecodingError(msg, request=self._request) from err
        finally:
            _local.deadline = None

    def close(self) -> None:
        self._raw.close()


class BoundedTransport(httpx.BaseTransport):
    """An `httpx.HTTPTransport` whose requests each end within *total* seconds and whose
    bodies are at most *max_bytes* long (decoded).

    Args:
        total: seconds allowed for a whole request, from sending it to its last body byte.
        max_bytes: longest body accepted, after decompression.
        **options: passed to `httpx.HTTPTransport`.
    """

    def __init__(self, total: float, max_bytes: int, **options: Any) -> None:
        self.total = total
        self.max_bytes = max_bytes
        self._inner = httpx.HTTPTransport(**options)
        pool: Any = getattr(self._inner, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        #: Whether every socket operation is bounded by the deadline (see the module doc).
        self.deadline_enforced = isinstance(backend, httpcore.NetworkBackend)
        if isinstance(backend, httpcore.NetworkBackend):
            pool._network_backend = _Backend(backend)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        deadline = time.monotonic() + self.total
        request.headers["Accept-Encoding"] = ACCEPT_ENCODING
        _local.deadline, _local.total = deadline, self.total
        try:
            response = self._inner.handle_request(request)
        finally:
            _local.deadline = None
        length = response.headers.get("Content-Length", "")
        encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
        if length.isdigit() and encoding == "identity" and int(length) > self.max_bytes:
            response.close()
            msg = f"response body of {int(length):,} bytes is larger than the cap of {self.max_bytes:,}"
            raise ResponseTooLargeError(msg, request=request)
        if encoding not in ("identity", "gzip", "deflate"):
            response.close()
            msg = f"response in an encoding that was not asked for: {encoding!r}"
            raise httpx.DecodingError(msg, request=request)
        headers = [
            (k, v)
            for k, v in response.headers.multi_items()
            if k.lower() not in ("content-encoding", "content-length")
        ]
        assert isinstance(response.stream, httpx.SyncByteStream)  # noqa: S101 - a sync transport
        body = _Body(response.stream, encoding, request, self.max_bytes, deadline, self.total)
        return httpx.Response(
            response.status_code, headers=headers, stream=body, extensions=response.extensions
        )

    def close(self) -> None:
        self._inner.close()
