"""Figures written in words: "seventy", "two hundred and fifty", "a dozen", "a third of",
"half of", "one in five", "twice", "three-fold", "two billion dollars".

Hyphenated modifiers ("two-way trade", "one-sided", "first-hand") are not figures, nor is a
lone "one" ("one of the…"); ordinals are never read.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.figures import Figure

_UNITS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
        " fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_BIG = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "lakh": 1e5,
        "crore": 1e7}  # fmt: skip
_WORD = "|".join([*_UNITS, *_TENS, "hundred", "dozen", *_BIG])
_RUN = re.compile(
    rf"\b(?P<run>(?:an?\s+)?(?:{_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_WORD})\b)*)\b"
    r"(?P<after>-[A-Za-z]+)?"
    r"(?:\s+(?P<unit>per\s?cent\b|percent\b|percentage points?\b|(?:US\s)?dollars?\b|euros?\b"
    r"|pounds?\b|rupees?\b|yuan\b|yen\b|times\b|(?:years?|months?|weeks?|days?|decades?)\b))?",
    re.I,
)
_FRACTIONS = {"half": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5,
              "fifths": 5, "tenth": 10, "tenths": 10}  # fmt: skip
_FRACTION = re.compile(
    r"\b(?P<n>a|an|one|two|three|four|nine)[\s-]+(?P<d>half|thirds?|quarters?|fifths?|tenths?)"
    r"\s+of\b|\b(?P<half>half)\s+of\b|\b(?P<one>one)\s+in\s+(?P<every>two|three|four|five|six"
    r"|seven|eight|nine|ten)\b",
    re.I,
)
_RATIO = re.compile(
    r"\b(?P<w>twice|doubled?|tripled?|trebled?|quadrupled?|halved)\b"
    r"|\b(?P<n>two|three|four|five|six|seven|eight|nine|ten)[\s-]?fold\b",
    re.I,
)
_RATIOS = {"twice": 2, "double": 2, "doubled": 2, "triple": 3, "tripled": 3, "treble": 3,
           "trebled": 3, "quadruple": 4, "quadrupled": 4, "halved": 0.5}  # fmt: skip
_CURRENCY = {"dollar": "USD", "euro": "EUR", "pound": "GBP", "rupee": "INR", "yuan": "CNY",
             "yen": "JPY"}  # fmt: skip


def _value(words: list[str]) -> float | None:
    total, current = 0.0, 0.0
    for word in words:
        if word in ("a", "an"):
            current = 1
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "dozen":
            current = max(current, 1) * 12
        elif word in _BIG:
            total += max(current, 1) * _BIG[word]
            current = 0
    value = total + current
    return value or None


def spelled(text: str) -> list[Figure]:
    """The figures of `text` written in words, left to right."""
    from workbench.figures import Figure

    found: list[Figure] = []
    for match in _FRACTION.finditer(text):
        if match.group("one"):
            every = _UNITS[match.group("every").lower()]
            value = 100 / every
        elif match.group("half"):
            value = 50.0
        else:
            numerator = _value([match.group("n").lower()]) or 1.0
            value = 100 * numerator / _FRACTIONS[match.group("d").lower()]
        end = match.end() - (3 if match.group().lower().endswith(" of") else 0)
        found.append(Figure("percent", value, 1.5, text[match.start() : end].strip(),
                            match.start(), end))  # fmt: skip
    for match in _RATIO.finditer(text):
        word = (match.group("w") or "").lower()
        value = _RATIOS[word] if word else _UNITS[match.group("n").lower()]
        found.append(Figure("ratio", value, 0, match.group(), match.start(), match.end()))
    taken = [(f.start, f.end) for f in found]
    for match in _RUN.finditer(text):
        if any(a <= match.start() < b for a, b in taken):
            continue
        parts = [w.lower() for w in re.split(r"[\s-]+", match.group("run")) if w.lower() != "and"]
        if parts[0] in ("a", "an") and len(parts) == 1:
            continue
        if match.group("after") and match.group("after")[1:].lower() not in ("old",):
            continue  # "two-way", "one-sided", "three-member"
        if parts in (["one"], ["zero"]) and not match.group("unit"):
            continue  # "one of the…": far more often a pronoun than a count
        number = _value(parts)
        if number is None:
            continue
        unit_word = (match.group("unit") or "").lower()
        kind, unit = "count", None
        if "cent" in unit_word:
            kind = "percent"
        elif unit_word.startswith("percentage"):
            kind = "points"
        elif unit_word == "times":
            kind = "ratio"
        elif unit_word.split()[-1:] and unit_word.split()[-1].rstrip("s") in _CURRENCY:
            kind, unit = "money", _CURRENCY[unit_word.split()[-1].rstrip("s")]
        elif unit_word:
            kind, unit = "duration", unit_word.rstrip("s")
        end = match.end() if unit_word else match.end("run")
        scale = max([_BIG[w] for w in parts if w in _BIG] or [1.0])
        found.append(Figure(kind, number, 0.5 * scale, text[match.start() : end], match.start(),
                            end, unit))  # fmt: skip
    return sorted(found, key=lambda f: f.start)
