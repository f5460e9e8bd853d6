"""``genenorm serve``: its options and the uvicorn run (FastAPI is imported only here)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..cli._common import UsageError, source_options

if TYPE_CHECKING:
    from ._config import ServerConfig

__all__ = ["add_serve_parser", "cmd_serve", "config_from_args"]

EXIT_OK, EXIT_USAGE = 0, 2


def add_serve_parser(
    sub: Any, add_source_options: Callable[[argparse.ArgumentParser], None]
) -> None:
    """Add the ``serve`` command to the CLI's subparsers (its options on first use)."""
    sub.add_parser(
        "serve",
        help="run the HTTP JSON API and the curator page (needs genenorm[server])",
        description="Serve /v1/resolve, /v1/check, /v1/check-hits, /v1/data, /healthz, "
        "/openapi.json, /docs and the curator page at /. Binds to 127.0.0.1 unless told otherwise.",
        fill=lambda p: _add_serve_arguments(p, add_source_options),
    )


def _add_serve_arguments(
    p: argparse.ArgumentParser, add_source_options: Callable[[argparse.ArgumentParser], None]
) -> None:
    from ._config import TOKEN_ENV, ServerConfig

    defaults = ServerConfig()
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--workers", type=int, default=1, help="worker processes (default: 1)")
    add_source_options(p)
    limits = p.add_argument_group("limits (each answered with an RFC 9457 problem)")
    limits.add_argument(
        "--max-body-bytes", type=int, default=defaults.max_body_bytes,
        help=f"largest request body (default: {defaults.max_body_bytes}; 413 above)",
    )  # fmt: skip
    limits.add_argument(
        "--max-terms", type=int, default=defaults.max_terms,
        help=f"terms per /v1/resolve request (default: {defaults.max_terms}; 422 above)",
    )  # fmt: skip
    limits.add_argument(
        "--max-pages", type=int, default=defaults.max_pages,
        help=f"pages per /v1/check request (default: {defaults.max_pages}; 422 above)",
    )  # fmt: skip
    limits.add_argument(
        "--max-hits", type=int, default=defaults.max_hits,
        help=f"hit rows per request (default: {defaults.max_hits}; 422 above)",
    )  # fmt: skip
    limits.add_argument(
        "--time-limit", type=float, default=defaults.time_limit,
        help=f"seconds a request may compute (default: {defaults.time_limit:g}; 503 above)",
    )  # fmt: skip
    limits.add_argument(
        "--max-concurrency", type=int, default=defaults.max_concurrency,
        help=f"requests computing at once per worker (default: {defaults.max_concurrency}; 429 above)",
    )  # fmt: skip
    access = p.add_argument_group("access")
    access.add_argument(
        "--token-file", metavar="FILE",
        help=f"require 'Authorization: Bearer <token>' on /v1/* (token: the file's first line; "
        f"or set ${TOKEN_ENV})",
    )  # fmt: skip
    access.add_argument(
        "--cors-origin", action="append", default=[], metavar="ORIGIN",
        help="allow browser calls from ORIGIN (repeatable; default: no CORS)",
    )  # fmt: skip
    p.add_argument("--log-level", default="info", help="uvicorn log level (default: info)")


def config_from_args(args: argparse.Namespace) -> ServerConfig:
    """The `ServerConfig` of parsed ``serve`` options.

    Raises:
        UsageError: a bad combination or an unreadable token file.
    """
    from ._config import TOKEN_ENV, ServerConfig

    options = source_options(args)
    token = None
    if args.token_file:
        try:
            with open(args.token_file, encoding="utf-8") as file:
                token = file.readline().strip()
        except OSError as err:
            msg = f"--token-file {args.token_file}: {err.strerror or err}"
            raise UsageError(msg) from None
        if not token:
            msg = f"--token-file {args.token_file}: the first line is empty"
            raise UsageError(msg)
    elif os.environ.get(TOKEN_ENV, "").strip():
        token = os.environ[TOKEN_ENV].strip()
    for name in ("max_body_bytes", "max_terms", "max_pages", "max_hits", "max_concurrency"):
        if getattr(args, name) < 1:
            msg = f"--{name.replace('_', '-')} must be at least 1"
            raise UsageError(msg)
    if args.time_limit <= 0 or args.workers < 1:
        msg = "--time-limit must be positive and --workers at least 1"
        raise UsageError(msg)
    return ServerConfig(
        data_dir=os.path.abspath(args.data) if args.data else None,
        source=args.source,
        mygene_url=args.mygene_url,
        source_options=options,
        max_body_bytes=args.max_body_bytes,
        max_terms=args.max_terms,
        max_pages=args.max_pages,
        max_hits=args.max_hits,
        time_limit=args.time_limit,
        max_concurrency=args.max_concurrency,
        token=token,
        cors_origins=tuple(args.cors_origin),
    )


def cmd_serve(args: argparse.Namespace) -> int:
    """``genenorm serve``: run uvicorn with one application per worker process."""
    from ._config import CONFIG_ENV

    try:
        config = config_from_args(args)
    except UsageError as err:
        print(f"genenorm: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    try:
        import fastapi  # noqa: F401
        import uvicorn
    except ModuleNotFoundError as err:
        print(
            f"genenorm: error: 'genenorm serve' needs the server extra ({err.name} is missing): "
            "pip install 'genenorm[server]'",
            file=sys.stderr,
        )
        return EXIT_USAGE
    os.environ[CONFIG_ENV] = config.to_json()  # read by every worker's app factory
    print(
        f"genenorm: serving on http://{args.host}:{args.port}/ ({args.workers} worker(s); "
        f"API docs at /docs; token {'required' if config.token else 'off'})",
        file=sys.stderr,
    )
    uvicorn.run(
        "genenorm.server._app:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        access_log=False,
    )
    return EXIT_OK
