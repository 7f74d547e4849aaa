"""Addresses the workbench publishes (an article's URL, where a report lives): http(s) only.

A `javascript:` or `data:` address given as an article's URL would be written into
ClaimReview and HTML reports as a link; only web addresses are accepted.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from workbench.errors import InputError


def require_web_url(value: str, what: str) -> str:
    """`value` if it is an absolute http:// or https:// address with a host, else
    InputError naming `what` (e.g. "--url")."""
    shown = value[:80]
    if any(ch.isspace() or not ch.isprintable() for ch in value):
        raise InputError(
            f"{what} must be an http:// or https:// address without spaces, got {shown!r}"
        )
    try:
        parts = urlsplit(value)
    except ValueError as error:
        raise InputError(f"{what} is not a valid address ({error}), got {shown!r}") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError(f"{what} must be an http:// or https:// address, got {shown!r}")
    return value
