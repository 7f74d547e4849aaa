"""Ids and counts as people type them: ASCII digits only, within SQLite's integer range.

str.isdigit() and int() also accept "²" and "١٢" (int("١٢") is 12, so a typo in another
script would name claim 12), and SQLite cannot bind an integer of 2**63 or more.
"""

from __future__ import annotations

import re

from workbench.errors import InputError

SQLITE_MAX_INT = 2**63 - 1
_ASCII_DIGITS = re.compile(r"[0-9]+")


def is_whole_number(text: str) -> bool:
    """True when `text` is ASCII digits only."""
    return _ASCII_DIGITS.fullmatch(text) is not None


def parse_id(value: str, what: str = "claim") -> int:
    """The id in `value` ("12" or "#12"), or an InputError saying what is wrong; an id too
    large for SQLite names nothing, and is said so."""
    text = value.strip().lstrip("#")
    if not is_whole_number(text):
        raise InputError(f"{what} id must be a whole number, got {value[:60]!r}")
    number = int(text)
    if number > SQLITE_MAX_INT:
        shown = text if len(text) <= 30 else text[:30] + "…"
        raise InputError(f"no {what} {shown}: ids are never that large")
    return number
