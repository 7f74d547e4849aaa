"""A claim's figures checked against a passage, like with like.

Each figure is read with its unit, currency, scale and qualifier (`workbench.figures`) and
with what it measures (`workbench.measures`); a claimed figure is compared only with the
passage's figures of the same sort:

- `match`: the same value; `near`: the same value rounded ("$155.6bn" for $155.62 billion,
  within 1% for amounts and large counts, within 5% when either says "about");
- `holds`: a bound or range that the other figure satisfies ("more than $155 billion"
  against $155.62 billion, "20-30%" against 25%);
- `mismatch`: the same measure, unit and period with another value — only then;
- `other`: figures of another measure, unit, currency or period (never a mismatch);
- `absent`: the passage states no figure of that sort.

Periods (calendar and fiscal years, quarters, months) are compared as spans of months:
the same span matches, one inside the other is near, an overlap is other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache

from workbench.figures import Figure, figures
from workbench.measures import Measure, measure, related

__all__ = ["Figure", "FigureCheck", "Verdict", "as_date", "check_figures", "compare", "figures"]


def as_date(value: object) -> date | None:
    """A published date as stored ("2026-02-10", "2026-02-10T09:30:00+00:00"), or None."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


class Verdict(StrEnum):
    MATCH = "match"
    NEAR = "near"
    HOLDS = "holds"
    MISMATCH = "mismatch"
    OTHER = "other"
    ABSENT = "absent"


_BOUNDS = frozenset({"above", "atleast", "below", "atmost", "range"})
_QUANTITIES = frozenset({"money", "percent", "points", "count", "ratio", "duration"})
_BEST_FIRST = [Verdict.MATCH, Verdict.NEAR, Verdict.HOLDS, Verdict.MISMATCH, Verdict.OTHER]


@dataclass(frozen=True)
class FigureCheck:
    claimed: str
    stated: str | None
    verdict: Verdict


@dataclass(frozen=True)
class _Read:
    figure: Figure
    measure: Measure
    periods: frozenset[tuple[int, int]]  # the periods of the figure's sentence


@lru_cache(maxsize=64)  # a claim is read once for all the passages it is checked against
def _read(text: str, today: date | None) -> list[_Read]:
    found = figures(text, today)
    reads = []
    for figure in found:
        sentence = _sentence(text, figure.start)
        periods = frozenset(
            f.span for f in found if f.span and sentence[0] <= f.start < sentence[1]
        )
        reads.append(_Read(figure, measure(text, figure, found), periods))
    return reads


def _sentence(text: str, position: int) -> tuple[int, int]:
    start = max(text.rfind(". ", 0, position), text.rfind("\n", 0, position))
    end = min((i for i in (text.find(". ", position), text.find("\n", position)) if i >= 0),
              default=len(text))  # fmt: skip
    return start + 1, end


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1)


def _values(claimed: Figure, stated: Figure) -> Verdict:
    """How two quantities of the same unit and measure agree: match, near, holds or mismatch."""
    if stated.qualifier in _BOUNDS and claimed.qualifier not in _BOUNDS:
        return _values(stated, claimed)  # an exact figure inside a stated bound holds too
    a, b = claimed.value, stated.value
    low, high = claimed.value, claimed.high if claimed.high is not None else claimed.value
    slack = max(claimed.precision, stated.precision)
    if claimed.qualifier in _BOUNDS:
        if (
            claimed.qualifier == stated.qualifier
            and _same_value(a, b)
            and claimed.high == stated.high
        ):
            return Verdict.MATCH  # "more than 5,000" and "over 5,000"
        if stated.qualifier not in ("exact", "about"):
            inside = _bound_implies(stated, claimed)
            return Verdict.HOLDS if inside else Verdict.OTHER
        if claimed.qualifier == "range":
            if low - slack <= b <= high + slack:
                return Verdict.HOLDS
            return Verdict.MISMATCH
        if _same_value(a, b):
            return Verdict.NEAR if claimed.qualifier in ("above", "below") else Verdict.HOLDS
        holds = b > a if claimed.qualifier in ("above", "atleast") else b < a
        if holds:
            return Verdict.HOLDS
        return Verdict.NEAR if abs(a - b) <= slack else Verdict.MISMATCH
    if _same_value(a, b):
        return Verdict.MATCH
    tolerance = slack + 1e-9 * max(abs(a), abs(b))
    loose = claimed.kind in ("money", "percent", "points") or min(abs(a), abs(b)) >= 1000
    relative = 0.05 if "about" in (claimed.qualifier, stated.qualifier) else 0.01
    if abs(a - b) <= tolerance or (
        (loose or relative > 0.01) and abs(a - b) <= relative * max(abs(a), abs(b))
    ):
        return Verdict.NEAR
    return Verdict.MISMATCH


def _bound_implies(stated: Figure, claimed: Figure) -> bool:
    """Does the stated bound or range lie within the claimed one?"""
    low, high = _interval(stated)
    c_low, c_high = _interval(claimed)
    return c_low <= low and high <= c_high


def _interval(figure: Figure) -> tuple[float, float]:
    value = figure.value
    return {
        "above": (value, float("inf")),
        "atleast": (value, float("inf")),
        "below": (float("-inf"), value),
        "atmost": (float("-inf"), value),
        "range": (value, figure.high if figure.high is not None else value),
    }.get(figure.qualifier, (value, value))


def _periods(claimed: Figure, stated: Figure) -> Verdict:
    assert claimed.span and stated.span
    (a, b), (c, d) = claimed.span, stated.span
    if (a, b) == (c, d):
        return Verdict.MATCH
    if (a <= c and d <= b) or (c <= a and b <= d):
        return Verdict.NEAR  # a month of the year claimed, a year for a quarter
    if b < c or d < a:
        return Verdict.MISMATCH
    return Verdict.OTHER  # overlapping: a calendar year against a fiscal one


def compare(claimed: _Read, stated: _Read) -> Verdict:
    """How a passage's figure bears on a claim's figure."""
    one, two = claimed.figure, stated.figure
    if one.is_period or two.is_period:
        if not (one.is_period and two.is_period):
            return Verdict.OTHER
        verdict = _periods(one, two)
    else:
        if one.kind != two.kind or one.unit != two.unit:
            return Verdict.OTHER  # another unit or currency: "Rs 6,940 crore" and "$3.9bn"
        if claimed.periods and stated.periods and not _overlap(claimed.periods, stated.periods):
            return Verdict.OTHER  # a figure of another year
        verdict = _values(one, two)
    same = related(claimed.measure, stated.measure)
    if verdict in (Verdict.MATCH, Verdict.NEAR, Verdict.HOLDS):
        return Verdict.OTHER if same is False and not one.is_period else verdict
    if verdict is Verdict.MISMATCH and not same:
        return Verdict.OTHER  # another measure, or one the words do not make clear
    return verdict


def _agrees(claimed: _Read, stated: list[_Read]) -> bool:
    """Does the passage give this quantity, whatever the period it gives it for?"""
    return any(
        s.figure.kind == claimed.figure.kind
        and s.figure.unit == claimed.figure.unit
        and related(claimed.measure, s.measure) is not False
        and _values(claimed.figure, s.figure) in (Verdict.MATCH, Verdict.NEAR, Verdict.HOLDS)
        for s in stated
        if not s.figure.is_period
    )


def _overlap(one: frozenset[tuple[int, int]], two: frozenset[tuple[int, int]]) -> bool:
    return any(a <= d and c <= b for a, b in one for c, d in two)


def check_figures(
    claim: str,
    passage: str,
    claim_date: date | None = None,
    passage_date: date | None = None,
) -> tuple[Verdict | None, list[FigureCheck]]:
    """Each figure of the claim against the passage (see the module's docstring). The
    overall verdict is the worst of them; None when the claim has no figure. The dates
    (of the article, of the source) let "last year" be read as a year."""
    stated_all = _read(passage, passage_date)
    claimed_all = _read(claim, claim_date)
    quantities = [c for c in claimed_all if not c.figure.is_period and c.figure.kind in _QUANTITIES]
    # Another period is a mismatch only when the passage gives the claim's quantity for
    # it (or the claim has none): otherwise the passage is about other figures.
    periods_count = not quantities or any(_agrees(c, stated_all) for c in quantities)
    checks = []
    for claimed in claimed_all:
        family = claimed.figure.is_period
        candidates = [s for s in stated_all if s.figure.is_period == family]
        if not family:
            candidates = [s for s in candidates if s.figure.kind in _QUANTITIES]
        if not candidates:
            checks.append(FigureCheck(claimed.figure.text, None, Verdict.ABSENT))
            continue
        verdict, best = min(
            ((compare(claimed, s), s) for s in candidates),
            key=lambda pair: _BEST_FIRST.index(pair[0]),
        )
        if verdict is Verdict.MISMATCH and claimed.figure.is_period and not periods_count:
            verdict = Verdict.OTHER
        shown = best.figure.text if verdict is not Verdict.OTHER else None
        checks.append(FigureCheck(claimed.figure.text, shown, verdict))
    if not checks:
        return None, []
    # With quantities in the claim, they decide; a period only by its mismatch (a year
    # that matches beside an amount of something else is no match).
    deciding = {
        check.verdict
        for check, read in zip(checks, claimed_all, strict=True)
        if not quantities or not read.figure.is_period or check.verdict is Verdict.MISMATCH
    }
    return _overall(deciding), checks


def _overall(verdicts: set[Verdict]) -> Verdict:
    """The worst of the figures the passage speaks to (a mismatch outweighs everything);
    figures it says nothing of ("the two countries") do not drag a match down, but are
    listed in the checks."""
    for verdict in (Verdict.MISMATCH, Verdict.HOLDS, Verdict.NEAR, Verdict.MATCH, Verdict.OTHER):
        if verdict in verdicts:
            return verdict
    return Verdict.ABSENT
