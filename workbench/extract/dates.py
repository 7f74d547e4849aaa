"""Relative dates made absolute from the article's publication date: "last year" in an
article of March 2026 reads "in 2025". Only expressions whose meaning the date fixes
(years and months, yesterday, today); weekdays are left alone ("on Monday" may be the
coming one). The claim's spans keep the article's own words."""

from __future__ import annotations

import re
from datetime import date, timedelta

from workbench.models import ClaimDraft

_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_RELATIVE = re.compile(
    r"\b(?P<prep>(?:in|during|since|until|by|from|over)\s+)?"
    r"(?P<when>last|this|next|earlier\s+this|later\s+this)\s+(?P<unit>year|month)\b"
    r"|\b(?P<day>yesterday|today)\b",
    re.I,
)


def _parse(published: str) -> date | None:
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def absolute_dates(draft: ClaimDraft, published: str) -> ClaimDraft:
    """The draft with its relative dates replaced (the same draft when none)."""
    day = _parse(published)
    if day is None:
        return draft
    text = _RELATIVE.sub(lambda m: _replace(m, day), draft.text)
    return draft if text == draft.text else draft.model_copy(update={"text": text})


def _replace(match: re.Match[str], day: date) -> str:
    original = match.group()
    if match.group("day"):
        target = day - timedelta(days=1) if match.group("day").lower() == "yesterday" else day
        words = f"on {target.day} {_MONTHS[target.month - 1]} {target.year}"
    else:
        when = match.group("when").lower().split()[-1]
        shift = {"last": -1, "this": 0, "next": 1}[when]
        if match.group("unit").lower() == "year":
            moment = str(day.year + shift)
        else:
            index = day.year * 12 + day.month - 1 + shift
            moment = f"{_MONTHS[index % 12]} {index // 12}"
        prep = (match.group("prep") or "in ").strip()
        if "earlier" in match.group("when").lower() or "later" in match.group("when").lower():
            words = f"{match.group('when').split()[0].lower()} in {moment}"
            if match.group("prep"):
                words = f"{prep} {words}"
        else:
            words = f"{prep} {moment}"
    return words if original[:1].islower() else words[:1].upper() + words[1:]
