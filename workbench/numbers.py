"""Figures in text — amounts, percentages, counts, years, dates — and their comparison.

"$155.62 billion", "$155.6bn" and "155,620 million dollars" are all read as 155.62e9 US
dollars (the second to a precision of 0.1e9), so that a claim's figure can be found in a
source however the source writes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "crore": 1e7,
    "lakh": 1e5,
    "lakhs": 1e5,
    "crores": 1e7,
}
_CURRENCY_SIGNS = {
    "$": "USD",
    "us$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "rs": "INR",
    "rs.": "INR",
}
_CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "rupee": "INR",
    "rupees": "INR",
    "yuan": "CNY",
    "yen": "JPY",
}
_MONTHS = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november"
        " december".split(),
        1,
    )
}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_WORD_NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
        " fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_WORD_NUMBERS.update(
    {
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "hundred": 100,
        "dozen": 12,
    }
)

_AMOUNT = re.compile(
    r"(?P<cur>US\$|[$€£¥₹]|\bRs\.?)?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>trillion|billion|million|thousand|crores?|lakhs?|bn|tn|mn|mln|[mbk])\b)?"
    r"(?:\s?(?P<unit>%|per ?cent\b|percent\b|percentage points?\b|(?:us )?dollars?\b|euros?\b"
    r"|pounds?\b|rupees?\b|yuan\b|yen\b))?",
    re.I,
)
_MONTH_YEAR = re.compile(
    r"\b(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
    r"(?:\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:\s?[-–]\s?\d{1,2})?,?)?(?:\s+(?P<year>1[5-9]\d\d|20\d\d))?\b",
    re.I,
)
_NUMBER_WORD = re.compile(r"\b(?P<word>" + "|".join(_WORD_NUMBERS) + r")\b", re.I)


class Verdict(StrEnum):
    MATCH = "match"
    NEAR = "near"
    MISMATCH = "mismatch"
    ABSENT = "absent"


@dataclass(frozen=True)
class Figure:
    kind: str  # money, percent, count, year, date
    value: float
    precision: float  # half a unit of the last written digit, in value's units
    text: str
    start: int
    end: int
    currency: str | None = None


def figures(text: str) -> list[Figure]:
    """Every figure of `text`, left to right."""
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []
    for match in _MONTH_YEAR.finditer(text):
        month = _MONTHS[match.group("month").lower().rstrip(".")]
        if match.group("year"):
            year = int(match.group("year"))
            found.append(
                Figure("date", year * 100 + month, 0, match.group(), match.start(), match.end())
            )
            taken.append((match.start(), match.end()))
        elif match.group("day") and match.group("month")[0].isupper():
            taken.append((match.start(), match.end()))  # "February 8": a day, no year to compare
    for match in _AMOUNT.finditer(text):
        if any(a <= match.start("num") < b for a, b in taken):
            continue
        raw = match.group("num")
        digits = raw.replace(",", "")
        try:
            number = float(digits)
        except ValueError:
            continue
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        scale_word = (match.group("scale") or "").lower()
        if scale_word in ("m", "b", "k") and not match.group("cur"):
            scale_word = ""  # "5 m" is five metres more often than five million
        scale = _SCALES.get(scale_word, 1.0)
        unit = (match.group("unit") or "").lower()
        currency = None
        if match.group("cur"):
            currency = _CURRENCY_SIGNS.get(match.group("cur").lower(), match.group("cur"))
        elif unit.split()[-1:] and unit.split()[-1] in _CURRENCY_WORDS:
            currency = _CURRENCY_WORDS[unit.split()[-1]]
        precision = 0.5 * 10 ** (-decimals) * scale
        end = match.end()
        if "%" in unit or "cent" in unit:
            kind = "percent"
        elif currency:
            kind = "money"
        elif not scale_word and decimals == 0 and 1500 <= number <= 2099 and "," not in raw:
            kind = "year"
        else:
            kind = "count"
        if kind == "count" and not scale_word and not unit:
            end = match.end("num")
        found.append(
            Figure(
                kind,
                number * scale,
                precision,
                text[match.start() : end].strip(),
                match.start(),
                end,
                currency,
            )
        )
    for match in _NUMBER_WORD.finditer(text):
        word = match.group("word").lower()
        if word in ("one", "zero"):
            continue
        found.append(
            Figure("count", _WORD_NUMBERS[word], 0.5, match.group(), match.start(), match.end())
        )
    return sorted(found, key=lambda f: f.start)


def compare(claimed: Figure, stated: Figure) -> Verdict:
    """How a source's figure bears on the claim's figure of the same kind."""
    if claimed.kind == "date":
        if stated.kind == "date":
            return Verdict.MATCH if claimed.value == stated.value else Verdict.MISMATCH
        if stated.kind == "year":
            return (
                Verdict.NEAR if int(claimed.value // 100) == int(stated.value) else Verdict.MISMATCH
            )
    if claimed.kind == "year" and stated.kind == "date":
        return Verdict.NEAR if int(stated.value // 100) == int(claimed.value) else Verdict.MISMATCH
    if claimed.currency and stated.currency and claimed.currency != stated.currency:
        return Verdict.MISMATCH
    a, b = claimed.value, stated.value
    if abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1):
        return Verdict.MATCH
    if claimed.kind == "year" or stated.kind == "year":
        return Verdict.MISMATCH  # years are exact
    tolerance = max(claimed.precision, stated.precision) + 1e-9 * max(abs(a), abs(b))
    # Rounding: "$155.6bn" for $155.62 billion; amounts and large counts within 1% too.
    loose = claimed.kind in ("money", "percent") or min(abs(a), abs(b)) >= 1000
    if abs(a - b) <= tolerance or (loose and abs(a - b) <= 0.01 * max(abs(a), abs(b))):
        return Verdict.NEAR
    return Verdict.MISMATCH


_COMPARABLE = {
    "money": {"money"},
    "percent": {"percent"},
    "count": {"count"},
    "year": {"year", "date"},
    "date": {"date", "year"},
}


@dataclass(frozen=True)
class FigureCheck:
    claimed: str
    stated: str | None
    verdict: Verdict


def check_figures(claim: str, passage: str) -> tuple[Verdict | None, list[FigureCheck]]:
    """Each figure of the claim against the passage: match, near, mismatch or absent.
    The overall verdict is the worst of them (None when the claim has no figure)."""
    checks = []
    stated_all = figures(passage)
    for claimed in figures(claim):
        candidates = [s for s in stated_all if s.kind in _COMPARABLE[claimed.kind]]
        if not candidates:
            checks.append(FigureCheck(claimed.text, None, Verdict.ABSENT))
            continue
        order = [Verdict.MATCH, Verdict.NEAR, Verdict.MISMATCH]
        verdict, best = min(
            ((compare(claimed, s), s) for s in candidates), key=lambda p: order.index(p[0])
        )
        checks.append(FigureCheck(claimed.text, best.text, verdict))
    if not checks:
        return None, []
    verdicts = {c.verdict for c in checks}
    for worst in (Verdict.MISMATCH, Verdict.ABSENT, Verdict.NEAR):
        if worst in verdicts:
            return worst, checks
    return Verdict.MATCH, checks
