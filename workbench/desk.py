"""What a desk server and its sessions share, light enough for each session to import:
the token, the reviewer's name, what counts as loopback."""

from __future__ import annotations

import ipaddress
import os
import secrets

from workbench.errors import InputError

TOKEN_ENV = "WORKBENCH_SERVE_TOKEN"
# Passed to each session process; the session never falls back to the server's login.
SESSION_REVIEWER_ENV = "WORKBENCH_SESSION_REVIEWER"
MAX_REVIEWER_LENGTH = 64


def is_loopback(host: str) -> bool:
    """True when ``host`` names only this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_reviewer(name: str) -> str:
    """A reviewer name as recorded on changes: printable, one line, not blank."""
    name = name.strip()
    if not name:
        raise InputError("the reviewer name is empty; type the name to record on your changes")
    if len(name) > MAX_REVIEWER_LENGTH:
        raise InputError(f"the reviewer name is longer than {MAX_REVIEWER_LENGTH} characters")
    if not name.isprintable():
        raise InputError("the reviewer name has control characters; type it as plain text")
    return name


def new_token() -> str:
    """The token from the environment, or a fresh random one."""
    token = os.environ.get(TOKEN_ENV, "").strip()
    if token:
        if len(token) < 16 or not token.isascii() or not token.isprintable():
            raise InputError(
                f"{TOKEN_ENV} must be at least 16 printable ASCII characters; "
                "unset it to have a random token generated"
            )
        return token
    return secrets.token_urlsafe(24)
