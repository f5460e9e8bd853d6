"""The HTTP JSON API and the curator page (``pip install 'genenorm[server]'``).

``genenorm serve`` runs it with uvicorn; `create_app` gives the ASGI application for other
servers. Importing this package imports neither FastAPI nor the data.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._app import create_app
    from ._config import ServerConfig

__all__ = ["ServerConfig", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from ._app import create_app

        return create_app
    if name == "ServerConfig":  # imported on first use: the CLI lists `serve` without it
        from ._config import ServerConfig

        return ServerConfig
    msg = f"module 'genenorm.server' has no attribute {name!r}"
    raise AttributeError(msg)
