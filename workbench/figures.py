"""Reading figures out of text: amounts, percentages, counts, ratios, durations and periods.

"$155.62 billion", "$155.6bn" and "155,620 million dollars" are all read as 155.62e9 US
dollars (the second to a precision of 0.1e9); "Rs 6,940 crore" as 69.4e9 rupees;
"roughly seventy per cent" as about 70%; "more than $155 billion" as a lower bound;
"20-30%" as a range; "2024-25", "FY25" and "the financial year ended March 2025" as one
period (April 2024 to March 2025). What each figure measures is read by `measures`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from workbench import wordnumbers as words

SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
    "crore": 1e7, "crores": 1e7, "cr": 1e7, "lakh": 1e5, "lakhs": 1e5, "lac": 1e5,
}  # fmt: skip
_CURRENCY_SIGNS = {
    "$": "USD", "us$": "USD", "usd": "USD", "a$": "AUD", "c$": "CAD", "hk$": "HKD",
    "s$": "SGD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "¥": "JPY",
    "jpy": "JPY", "₹": "INR", "rs": "INR", "rs.": "INR", "inr": "INR", "rmb": "CNY",
    "cny": "CNY", "tk": "BDT", "rp": "IDR",
}  # fmt: skip
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "sterling": "GBP", "rupee": "INR", "rupees": "INR", "yuan": "CNY",
    "renminbi": "CNY", "yen": "JPY", "taka": "BDT", "ringgit": "MYR", "naira": "NGN",
    "rand": "ZAR", "won": "KRW", "rupiah": "IDR", "pesos": "MXN", "peso": "MXN",
}  # fmt: skip
_DAYS = {"year": 365.25, "month": 30.44, "week": 7.0, "day": 1.0, "decade": 3652.5, "hour": 1 / 24}
MONTHS = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november"
        " december".split(),
        1,
    )
}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"

# The qualifier written before a figure, and what it makes of it.
_QUALIFIERS = {
    "about": "about", "around": "about", "roughly": "about", "approximately": "about",
    "approx.": "about", "some": "about", "nearly": "about", "almost": "about",
    "close to": "about", "an estimated": "about", "estimated": "about", "circa": "about",
    "more than": "above", "over": "above", "above": "above", "exceeding": "above",
    "in excess of": "above", "upwards of": "above", "just over": "above",
    "well over": "above", "a little over": "above", "at least": "atleast",
    "no less than": "atleast", "not less than": "atleast", "no fewer than": "atleast",
    "less than": "below", "under": "below", "below": "below", "fewer than": "below",
    "just under": "below", "up to": "atmost", "at most": "atmost", "no more than": "atmost",
    "not more than": "atmost", "as many as": "atmost", "as much as": "atmost",
}  # fmt: skip
_QUALIFIER_BEFORE = re.compile(
    r"\b(" + "|".join(re.escape(q) for q in sorted(_QUALIFIERS, key=len, reverse=True)) + r")\s+$",
    re.I,
)

_AMOUNT = re.compile(
    r"(?<![\w.,])(?<![A-Za-z]-)"
    r"(?P<cur>US\$|A\$|C\$|HK\$|S\$|[$€£¥₹]|\b(?:Rs\.?|INR|USD|EUR|GBP|JPY|RMB|CNY|Tk|Rp)(?=\s?\d))?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:,\d\d)+,\d{3}(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d,]*\d)"
    r"(?:\s?(?P<scale>(?:(?:lakh|lac)\s)?crores?|trillion|billion|million|thousand|lakhs?|lac|bn|tn|trn"
    r"|mn|mln|cr|[mbk])\b)?"
    r"(?:\s?(?P<unit>%|per ?cent\b|pc\b|percent\b|percentage points?\b|basis points?\b|bps\b"
    r"|(?:US |Australian |Canadian |Hong Kong |Singapore )?dollars?\b|euros?\b"
    r"|pounds?(?: sterling)?\b"
    r"|rupees?\b|yuan\b|renminbi\b|yen\b|taka\b|ringgit\b|naira\b|rand\b|won\b|rupiah\b|pesos?\b"
    r"|times\b|-?fold\b|[- ](?:years?|months?|weeks?|days?|decades?|hours?)\b(?:-old)?))?",
    re.I,
)
_RANGE_JOIN = re.compile(r"\s?(?:-|–|—|to)\s?$|\s+and\s+$", re.I)
_FISCAL = re.compile(
    r"\b(?:(?:FY|fiscal(?:\s+year)?|financial\s+year|budget\s+year)\s?'?(?P<a>\d{4}|\d\d)"
    r"(?:\s?[-–/]\s?'?(?P<b>\d{4}|\d\d))?"
    r"|(?P<c>(?:19|20)\d\d)\s?[-–/]\s?(?P<d>\d\d(?:\d\d)?)(?![\d%]|\s?(?:per|pc|%)))\b",
    re.I,
)
_YEAR_ENDED = re.compile(
    r"\b(?:(?:financial|fiscal)\s+)?year\s+(?:that\s+)?(?:ended|ending|to|through)\s+"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?P<month>" + _MONTH + r")(?:\s+\d{1,2}(?:st|nd|rd|th)?)?,?\s+"
    r"(?P<year>(?:19|20)\d\d)\b",
    re.I,
)
_QUARTER = re.compile(
    r"\b(?:Q(?P<q>[1-4])|(?P<w>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]quarter)"
    r"(?:\s+of)?(?:\s+(?:the\s+)?(?P<fy>FY|fiscal(?:\s+year)?|financial\s+year)?\s?'?"
    r"(?P<year>(?:19|20)\d\d|\d\d)(?:\s?[-–/]\s?(?P<end>\d\d))?)?\b",
    re.I,
)
_MONTH_YEAR = re.compile(
    r"\b(?P<month>" + _MONTH + r")"
    r"(?:\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:\s?[-–]\s?\d{1,2})?,?)?(?:\s+(?P<year>1[5-9]\d\d|20\d\d))?\b",
    re.I,
)
_YEAR_SPAN = re.compile(
    r"\b(?:between\s+(?P<a>(?:19|20)\d\d)\s+and\s+|from\s+(?P<b>(?:19|20)\d\d)\s+to\s+|"
    r"(?P<c>(?:19|20)\d\d)\s?[-–]\s?)(?P<end>(?:19|20)\d\d)\b",
    re.I,
)
_RELATIVE = re.compile(
    r"\b(?P<which>last|this|next|previous|current|the\s+previous|the\s+past|a)\s+"
    r"(?P<what>(?:financial|fiscal)\s+year|year|month)(?:\s+(?P<ago>ago|earlier))?\b",
    re.I,
)


@dataclass(frozen=True)
class Figure:
    """One figure. Quantities: kind money, percent, points, count, ratio, duration, with
    `value` (or the range `value`..`high`) and `precision` (half a unit of the last written
    digit). Periods: kind year, fiscal, quarter, month, with `span` (first and last month
    as year*12 + month - 1)."""

    kind: str
    value: float
    precision: float
    text: str
    start: int
    end: int
    unit: str | None = None  # the currency of money, "year" etc. of a duration
    qualifier: str = "exact"  # exact, about, above, atleast, below, atmost, range
    high: float | None = None
    scale: float = 1.0  # the written scale ("billion"), for ranges that give it once
    span: tuple[int, int] | None = None

    @property
    def is_period(self) -> bool:
        return self.span is not None

    @property
    def currency(self) -> str | None:
        return self.unit if self.kind == "money" else None


def _expand(two: str, base: int) -> int:
    year = int(two)
    return year if year >= 100 else (base // 100) * 100 + year


def _period(kind: str, text: str, match: re.Match[str], first: int, last: int) -> Figure:
    return Figure(
        kind, first, 0, text[match.start() : match.end()], match.start(), match.end(),
        span=(first, last),
    )  # fmt: skip


def _fiscal_ending(year: int, month: int = 3) -> tuple[int, int]:
    """A financial year ending in `month` of `year` (India, UK, Japan: March)."""
    last = year * 12 + month - 1
    return last - 11, last


def _periods(text: str, today: date | None) -> list[Figure]:
    found: list[Figure] = []
    for match in _YEAR_ENDED.finditer(text):
        month = MONTHS[match.group("month").lower().rstrip(".")]
        found.append(
            _period("fiscal", text, match, *_fiscal_ending(int(match.group("year")), month))
        )
    for match in _FISCAL.finditer(text):
        if match.group("c"):
            first, second = int(match.group("c")), _expand(match.group("d"), int(match.group("c")))
            if second != first + 1:
                continue  # "2020-22": a span of years, read below
            end_year = second
        else:
            base = 2000 if len(match.group("a")) == 2 else int(match.group("a"))
            end_year = _expand(match.group("b") or match.group("a"), base)
            if (
                not match.group("b")
                and len(match.group("a")) == 4
                and "fy" not in match.group().lower()
            ):
                end_year = int(match.group("a"))  # "fiscal 2025": the year ending in 2025
        found.append(_period("fiscal", text, match, *_fiscal_ending(end_year)))
    for match in _YEAR_SPAN.finditer(text):
        first = int(match.group("a") or match.group("b") or match.group("c"))
        last = int(match.group("end"))
        if last > first:
            found.append(_period("years", text, match, first * 12, last * 12 + 11))
    for match in _QUARTER.finditer(text):
        q = int(
            match.group("q")
            or "1234"[
                ["first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th"].index(
                    match.group("w").lower()
                )
                % 4
            ]
        )
        if not match.group("year"):
            continue
        year = _expand(match.group("year"), 2000)
        if match.group("end"):
            year = _expand(match.group("end"), year)  # "fiscal 2024-25" ends in 2025
        if match.group("fy") or match.group("end"):
            first = _fiscal_ending(year)[0] + 3 * (q - 1)
        else:
            first = year * 12 + 3 * (q - 1)
        found.append(_period("quarter", text, match, first, first + 2))
    for match in _MONTH_YEAR.finditer(text):
        month = MONTHS[match.group("month").lower().rstrip(".")]
        if match.group("year"):
            code = int(match.group("year")) * 12 + month - 1
            found.append(_period("month", text, match, code, code))
        elif match.group("day") and match.group("month")[0].isupper():
            # "February 8": a day with no year to compare; kept so its digits are not a count
            found.append(Figure("day", 0, 0, match.group(), match.start(), match.end()))
    if today is not None:
        found.extend(_relative(text, today))
    # the longest reading wins: "Q1 FY25" is a quarter, not also the year FY25
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Figure] = []
    for figure in found:
        if not any(
            k.start <= figure.start < k.end or figure.start <= k.start < figure.end for k in kept
        ):
            kept.append(figure)
    return kept


def _relative(text: str, today: date) -> list[Figure]:
    found = []
    for match in _RELATIVE.finditer(text):
        which, what = match.group("which").lower().split()[-1], match.group("what").lower()
        if which == "a" and not match.group("ago"):
            continue
        shift = {"last": -1, "previous": -1, "past": -1, "a": -1, "next": 1}.get(which, 0)
        if what == "month":
            code = today.year * 12 + today.month - 1 + shift
            found.append(_period("month", text, match, code, code))
        elif what == "year":
            year = today.year + shift
            found.append(_period("year", text, match, year * 12, year * 12 + 11))
        else:
            current_end = today.year + (1 if today.month > 3 else 0)
            found.append(_period("fiscal", text, match, *_fiscal_ending(current_end + shift)))
    return found


def _qualifier(text: str, start: int) -> tuple[str, int]:
    match = _QUALIFIER_BEFORE.search(text, max(0, start - 24), start)
    if match is None:
        return "exact", start
    return _QUALIFIERS[match.group(1).lower()], match.start()


def _amounts(text: str, taken: list[tuple[int, int]]) -> list[Figure]:
    found: list[Figure] = []
    for match in _AMOUNT.finditer(text):
        if any(a <= match.start("num") < b for a, b in taken):
            continue
        raw = match.group("num")
        digits = raw.replace(",", "")
        number = float(digits)
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        scale_word = " ".join((match.group("scale") or "").lower().split())
        if scale_word in ("m", "b", "k") and not match.group("cur"):
            scale_word = ""  # "5 m" is five metres more often than five million
        scale = 1.0
        for part in scale_word.split():
            scale *= SCALES[part]
        unit = " ".join((match.group("unit") or "").lower().replace("-", " ").split())
        currency = None
        if match.group("cur"):
            currency = _CURRENCY_SIGNS.get(match.group("cur").lower().strip(), match.group("cur"))
        elif unit:
            currency = _CURRENCY_WORDS.get(
                unit.split()[-1] if "sterling" not in unit else "sterling"
            )
            if unit.startswith(("australian", "canadian", "hong kong", "singapore")):
                currency = {"a": "AUD", "c": "CAD", "h": "HKD", "s": "SGD"}[unit[0]]
        value, precision = number * scale, 0.5 * 10 ** (-decimals) * scale
        kind, measure_unit = "count", None
        if unit in ("%", "per cent", "percent", "pc", "percentcent") or unit.endswith("cent"):
            kind = "percent"
        elif unit.startswith("percentage point"):
            kind = "points"
        elif unit.startswith(("basis point", "bps")):
            kind, value, precision = "points", value / 100, precision / 100
        elif currency:
            kind, measure_unit = "money", currency
        elif unit in ("times", "fold") or unit.endswith("fold"):
            kind = "ratio"
        elif unit:
            stem = unit.split()[0].rstrip("s")
            kind, measure_unit = "duration", stem
            if unit.endswith("old"):
                kind = "count"  # "a 20-year-old": an age, not a duration
        elif not scale_word and decimals == 0 and 1500 <= number <= 2099 and "," not in raw:
            year = int(number)
            found.append(
                Figure("year", year * 12, 0, raw, match.start("num"), match.end("num"),
                       span=(year * 12, year * 12 + 11))
            )  # fmt: skip
            continue
        end = match.end() if (scale_word or unit or kind != "count") else match.end("num")
        qualifier, _ = _qualifier(text, match.start())
        found.append(
            Figure(kind, value, precision, text[match.start() : end].strip(), match.start(), end,
                   measure_unit, qualifier, scale=scale)
        )  # fmt: skip
    return _ranges(text, found)


def _ranges(text: str, found: list[Figure]) -> list[Figure]:
    """ "20-30%", "$10-12 billion", "between 20 and 30 per cent": one figure, a range
    (but "from 10% to 12%" is a change, two figures)."""
    merged: list[Figure] = []
    for figure in found:
        previous = merged[-1] if merged else None
        if previous is None or previous.qualifier != "exact" or figure.qualifier != "exact":
            merged.append(figure)
            continue
        gap = text[previous.end : figure.start]
        before = text[max(0, previous.start - 30) : previous.start]
        joined = _RANGE_JOIN.fullmatch(gap) is not None
        if " and" in gap:
            joined = joined and re.search(r"\bbetween\s+\S*$", before, re.I) is not None
        elif re.search(r"\bfrom\s+\S*$", before, re.I):
            joined = False
        kinds = {previous.kind, figure.kind}
        compatible = len(kinds - {"count"}) <= 1 and None in (previous.unit, figure.unit)
        compatible = compatible or (previous.kind == figure.kind and previous.unit == figure.unit)
        low = previous.value * (figure.scale if previous.scale == 1.0 else 1.0)
        if joined and compatible and low < figure.value:
            merged[-1] = replace(
                figure, value=low, high=figure.value, qualifier="range",
                kind=next(iter(kinds - {"count"}), "count"), unit=figure.unit or previous.unit,
                start=previous.start, text=text[previous.start : figure.end],
            )  # fmt: skip
            continue
        merged.append(figure)
    return merged


def figures(text: str, today: date | None = None) -> list[Figure]:
    """Every figure of `text`, left to right. `today` (the date the text was published)
    lets "last year" and "this month" be read as periods."""
    found = _periods(text, today)
    taken = [(f.start, f.end) for f in found]
    found = [f for f in found if f.kind != "day"]
    amounts = _amounts(text, taken)
    taken += [(f.start, f.end) for f in amounts]
    spelled = [f for f in words.spelled(text) if not any(a <= f.start < b for a, b in taken)]
    for index, figure in enumerate(spelled):
        qualifier, _ = _qualifier(text, figure.start)
        if qualifier != "exact" and figure.qualifier == "exact":
            spelled[index] = replace(figure, qualifier=qualifier)
    return sorted(found + amounts + spelled, key=lambda f: f.start)
