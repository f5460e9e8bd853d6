"""Checks of the mygene source's options, shared by `MyGeneSource` and the CLI.

Only the standard library is imported here (the CLI builds its parser with these checks).
"""

from __future__ import annotations

import argparse
import math
from urllib.parse import urlsplit

from ..exceptions import ConfigurationError

__all__ = ["MAX_SECONDS", "check_seconds", "check_url", "retries_arg", "timeout_arg", "url_arg"]

#: Longest timeout or wait accepted, in seconds (one day); longer values overflow the
#: socket and sleep calls (``inf`` raised ``OverflowError``).
MAX_SECONDS = 86400.0


def check_seconds(name: str, value: object, *, zero: bool = False) -> float:
    """*value* as seconds: a finite number, positive (or 0 when *zero*), at most a day.

    Raises:
        ConfigurationError: anything else, naming *name* and the value.
    """
    try:
        seconds = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        msg = f"{name} must be a number of seconds; got {value!r}"
        raise ConfigurationError(msg) from None
    low_ok = seconds >= 0 if zero else seconds > 0
    if not math.isfinite(seconds) or not low_ok or seconds > MAX_SECONDS:
        low = "0" if zero else "above 0"
        msg = f"{name} must be a finite number of seconds, {low} and at most {MAX_SECONDS:g}; got {value!r}"
        raise ConfigurationError(msg)
    return seconds


def check_url(url: str, *, what: str = "MyGene.info URL") -> str:
    """*url* without a trailing slash, when it is an ``http(s)://host[:port][/path]`` URL.

    Raises:
        ConfigurationError: a malformed URL, naming *what* and the reason.
    """

    def bad(reason: str) -> ConfigurationError:
        return ConfigurationError(f"{what} {url!r} is not valid: {reason}")

    if not isinstance(url, str):
        raise bad("not a string")
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        raise bad("it contains white space or control characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as err:
        raise bad(str(err)) from None
    if parts.scheme not in ("http", "https"):
        raise bad("it must start with http:// or https://")
    if not parts.hostname:
        raise bad("it names no host")
    if port == 0:
        raise bad("port 0")
    if parts.query or parts.fragment or url.endswith(("?", "#")):
        raise bad("a base URL takes no query (?) or fragment (#)")
    if parts.username is not None or parts.password is not None:
        raise bad("credentials in the URL are not supported")
    import httpx  # the client's own parser has the last word (IDNA host names, IPv6)

    try:
        httpx.URL(url)
    except (httpx.InvalidURL, ValueError) as err:
        raise bad(str(err)) from None
    return url.rstrip("/")


def timeout_arg(value: str) -> float:
    """``--timeout`` as argparse parses it."""
    try:
        return check_seconds("--timeout", value)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def retries_arg(value: str) -> int:
    """``--retries``: a whole number from 0 to 100."""
    try:
        n = int(value)
    except ValueError:
        n = -1
    if not 0 <= n <= 100:
        msg = f"--retries must be a whole number from 0 to 100; got {value!r}"
        raise argparse.ArgumentTypeError(msg)
    return n


def url_arg(value: str) -> str:
    """``--mygene-url`` as argparse parses it."""
    try:
        return check_url(value, what="--mygene-url")
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None
