"""ClaimReview (schema.org JSON-LD) in its usual shapes, read into fact-check records.

Shapes: one object, a list, JSON lines, an ``@graph``, the data feed
(``{"dataFeedElement": [{"item": [ClaimReview, …]}]}``) and HTML pages carrying
``<script type="application/ld+json">`` blocks. A record that cannot be kept (no url,
no claimReviewed, a field of the wrong type or too long) is skipped with its reason; a
file that is not JSON at all is refused whole, so that nothing of it is imported.
"""

from __future__ import annotations

import io
import json
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from workbench.errors import InputError

# Longest text kept per field: a real claim, headline or name is far shorter; a longer
# value is a broken or hostile record, skipped rather than cut (a cut claim misleads).
LIMITS = {
    "url": 2_000,
    "claim_reviewed": 5_000,
    "title": 2_000,
    "claimant": 500,
    "appearance": 2_000,
    "publisher": 500,
    "rating": 200,
    "claim_date": 40,
    "review_date": 40,
    "language": 40,
}
FIELDS = (*LIMITS, "rating_value", "best_rating", "worst_rating")
_MAX_DEPTH = 12  # how deep records are looked for inside containers
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACE = re.compile(r"\s+")
_SCRIPT = re.compile(
    rb"<script\b[^>]*\btype\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script\s*>",
    re.I | re.S,
)


@dataclass
class Parsed:
    """Records read from one input, last one per url, and what was skipped and why."""

    records: list[dict[str, Any]] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)


class _Skip(Exception):
    pass


def parse_claimreviews(raw: bytes, name: str) -> Parsed:
    """Every ClaimReview in `raw` (JSON, JSON lines or HTML) as a record of FIELDS."""
    parsed = Parsed()
    by_url: dict[str, dict[str, Any]] = {}
    for record in read_claimreviews(raw, name, parsed.skipped):
        by_url.pop(record["url"], None)  # the last of one url wins, in input order
        by_url[record["url"]] = record
    parsed.records = list(by_url.values())
    return parsed


def read_claimreviews(raw: bytes, name: str, skipped: Counter[str]) -> Iterator[dict[str, Any]]:
    """The ClaimReviews of `raw` as records of FIELDS, one at a time and in input order
    (a url may come twice); each record skipped is counted in `skipped` by its reason.
    A broken file raises InputError, possibly after some records: read it all before
    keeping any."""
    if not raw.strip():
        raise InputError(f"{name} is empty: there is no ClaimReview to import")
    for item in _items(raw, name):
        try:
            yield _record(item)
        except _Skip as reason:
            skipped[str(reason)] += 1


def _items(raw: bytes, name: str) -> Iterator[Any]:
    """The candidate records of the input, each a JSON value found where records sit."""
    head = raw.lstrip()[:1]
    if head == b"<":
        blocks = _SCRIPT.findall(raw)
        if not blocks:
            raise InputError(
                f'{name} is an HTML page without a <script type="application/ld+json"> block'
            )
        for block in blocks:
            try:
                value = _loads(block)
            except ValueError:
                yield _Broken("a JSON-LD block is not valid JSON")
                continue
            yield from _walk(value, 0)
        return
    if not _json_lines(raw):
        try:
            value = _loads(raw)
        except ValueError:
            pass  # read line by line below, to say which line is broken
        else:
            yield from _walk(value, 0)
            return
    # JSON lines: every non-blank line one value. A broken line breaks the whole file.
    for number, line in enumerate(io.BytesIO(raw), 1):
        if not line.strip():
            continue
        try:
            value = _loads(line)
        except ValueError as error:
            where = f"line {number}" if number > 1 else "the start"
            raise InputError(
                f"{name} is not ClaimReview JSON, JSON lines or HTML: {where} is not valid "
                f"JSON ({error}); nothing was imported"
            ) from None
        yield from _walk(value, 0)


def _json_lines(raw: bytes) -> bool:
    """Is the first line a whole JSON value with more after it? Then the input is JSON
    lines, and is never decoded whole (a copy of a feed of 50,000 reviews)."""
    start = len(raw) - len(raw.lstrip())
    end = raw.find(b"\n", start)
    if end < 0 or not raw[end:].strip():
        return False
    try:
        _loads(raw[start:end])
    except ValueError:
        return False
    return True


class _Broken:
    def __init__(self, reason: str):
        self.reason = reason


def _loads(raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"not UTF-8 at byte {error.start}") from None
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply") from None
    except json.JSONDecodeError as error:
        raise ValueError(f"{error.msg} at line {error.lineno} column {error.colno}") from None


def _walk(value: Any, depth: int) -> Iterator[Any]:
    """Records inside containers: lists, @graph, dataFeedElement, item."""
    if depth > _MAX_DEPTH:
        yield _Broken("nested too deeply")
        return
    if isinstance(value, list):
        for element in value:
            yield from _walk(element, depth + 1)
        return
    if isinstance(value, dict) and not _is_claimreview(value):
        for key in ("@graph", "dataFeedElement", "item", "itemListElement"):
            if key in value:
                yield from _walk(value[key], depth + 1)
                return
    yield value


def _is_claimreview(value: dict[str, Any]) -> bool:
    kind = value.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(
        isinstance(k, str) and k.rsplit("/", 1)[-1].rsplit(":", 1)[-1] == "ClaimReview"
        for k in kinds
    )


def _record(item: Any) -> dict[str, Any]:
    if isinstance(item, _Broken):
        raise _Skip(item.reason)
    if not isinstance(item, dict):
        raise _Skip("not a JSON object")
    if not _is_claimreview(item):
        raise _Skip("not a ClaimReview")
    url = _text(item.get("url"), "url")
    if not url:
        raise _Skip("no url")
    if not re.match(r"https?://[^\s/]+", url, re.I):
        raise _Skip("url is not http(s)")
    claim = _text(item.get("claimReviewed"), "claim_reviewed")
    if not claim:
        raise _Skip("no claimReviewed")
    reviewed = item.get("itemReviewed")
    reviewed = reviewed if isinstance(reviewed, dict) else {}
    rating = item.get("reviewRating")
    if isinstance(rating, list):
        rating = rating[0] if rating else None
    rating = rating if isinstance(rating, dict) else {}
    record = {
        "url": url,
        "claim_reviewed": claim,
        "title": _text(item.get("name") or item.get("headline"), "title"),
        "claimant": _name(reviewed.get("author"), "claimant"),
        "claim_date": _text(reviewed.get("datePublished"), "claim_date"),
        "appearance": _appearance(reviewed.get("appearance") or reviewed.get("firstAppearance")),
        "publisher": _name(item.get("author") or item.get("publisher"), "publisher"),
        "review_date": _text(item.get("datePublished"), "review_date"),
        "rating": _text(rating.get("alternateName") or rating.get("name"), "rating"),
        "rating_value": _number(rating.get("ratingValue")),
        "best_rating": _number(rating.get("bestRating")),
        "worst_rating": _number(rating.get("worstRating")),
        "language": _name(item.get("inLanguage"), "language"),
    }
    return record


def _text(value: Any, field_name: str) -> str | None:
    """A clean one-line string, or None; a value of another type skips the record."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise _Skip(f"{_label(field_name)} is not text")
    # Control characters (terminal escapes) are never part of what a review says.
    if value.isprintable() and "  " not in value:
        value = value.strip()  # most values: no control character, no run of spaces
    else:
        value = _SPACE.sub(" ", _CONTROL.sub("", value)).strip()
    if len(value) > LIMITS[field_name]:
        raise _Skip(f"{_label(field_name)} longer than {LIMITS[field_name]:,} characters")
    return value or None


def _name(value: Any, field_name: str) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("alternateName")
    return _text(value, field_name)


def _appearance(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("description") or value.get("name")
    return _text(value, "appearance")


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if isinstance(value, (int, float)) and math.isfinite(value):
        return float(value)
    return None


def _label(field_name: str) -> str:
    return {
        "claim_reviewed": "claimReviewed",
        "title": "name",
        "claimant": "itemReviewed.author",
        "claim_date": "itemReviewed.datePublished",
        "appearance": "itemReviewed.appearance",
        "publisher": "author",
        "review_date": "datePublished",
        "rating": "reviewRating.alternateName",
        "language": "inLanguage",
    }.get(field_name, field_name)
