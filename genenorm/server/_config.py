"""The server's settings: one frozen value, passed to every worker process as JSON."""

from __future__ import annotations

import json
import os
from typing import Any

import attrs

__all__ = ["CONFIG_ENV", "TOKEN_ENV", "ServerConfig"]

#: Environment variable through which ``genenorm serve`` hands its settings to the workers.
CONFIG_ENV = "GENENORM_SERVER_CONFIG"
#: Environment variable holding the bearer token (alternative to ``--token-file``).
TOKEN_ENV = "GENENORM_SERVER_TOKEN"  # noqa: S105 - the variable's name, not a secret


def _strs(values: Any) -> tuple[str, ...]:
    return tuple(values or ())


@attrs.frozen
class ServerConfig:
    """What one server runs on and which limits it keeps.

    Every limit answers with an ``application/problem+json`` error when it is exceeded:
    ``413`` for the body size, ``422`` for item counts, ``429`` when the worker is full, ``503``
    when a request runs past the time limit.

    .. versionadded:: 0.1.0
    """

    #: A data directory instead of the embedded snapshot (never taken from a client).
    data_dir: str | None = None
    #: ``snapshot`` or ``mygene`` (keywords and terms resolved live; hits stay on the snapshot).
    source: str = "snapshot"
    mygene_url: str | None = None
    #: Options for the mygene source (``timeout``, ``retries``, ``fallback``, ``cache``).
    source_options: dict[str, Any] = attrs.field(factory=dict)
    #: Largest request body, in bytes.
    max_body_bytes: int = 2_000_000
    #: Most terms in one ``/v1/resolve`` request.
    max_terms: int = 10_000
    #: Most pages in one ``/v1/check`` request.
    max_pages: int = 200
    #: Most hit rows in one request (``/v1/check-hits``, or all pages of a ``/v1/check``).
    max_hits: int = 100_000
    #: Seconds a request may compute before it is answered with ``503``.
    time_limit: float = 30.0
    #: Requests computing at once in one worker; more are refused with ``429``.
    max_concurrency: int = 32
    #: Bearer token required on ``/v1/*`` (``None``: no authentication).
    token: str | None = attrs.field(default=None, repr=False)
    #: Origins allowed by CORS (empty: no CORS headers at all).
    cors_origins: tuple[str, ...] = attrs.field(default=(), converter=_strs)

    def to_json(self) -> str:
        """The settings as JSON (for `CONFIG_ENV`)."""
        return json.dumps(attrs.asdict(self))

    @classmethod
    def from_json(cls, text: str) -> ServerConfig:
        """Settings from `to_json` text."""
        return cls(**json.loads(text))

    @classmethod
    def from_env(cls) -> ServerConfig:
        """Settings from `CONFIG_ENV` (defaults when unset); the token also from `TOKEN_ENV`."""
        text = os.environ.get(CONFIG_ENV)
        config = cls.from_json(text) if text else cls()
        if config.token is None and os.environ.get(TOKEN_ENV):
            config = attrs.evolve(config, token=os.environ[TOKEN_ENV].strip())
        return config
