"""Where a passage of a source's text begins and ends around a position: a sentence; a
quotation whole, however many sentences it runs over; a table row by row (the readable
text writes tables as Markdown pipes), each row with its table's header."""

from __future__ import annotations

import re

MAX_PASSAGE = 700
# Sentence ends, blank lines, a new line starting a paragraph, and table rows (a line
# beginning with "|") are boundaries.
BOUNDARY = re.compile(
    r"(?<=[.!?。])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n|\n(?=[A-Z“\"|])|(?<=\|)[ \t]*\n"
)
_SEPARATOR = re.compile(r"\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*")
_OPEN, _CLOSE = "“", "”"


def _line(text: str, position: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, len(text) if end == -1 else end


def table_row(text: str, position: int) -> tuple[int, int, str | None] | None:
    """The table row holding `position` and its table's header row ("" when the row is
    the header itself), or None when `position` is not in a table."""
    start, end = _line(text, position)
    row = text[start:end]
    if not row.lstrip().startswith("|") or _SEPARATOR.fullmatch(row.strip()):
        return None
    header = None
    line_start = start
    while line_start > 0:  # up the table to its first line
        above_start, above_end = _line(text, line_start - 1)
        if not text[above_start:above_end].lstrip().startswith("|"):
            break
        line_start = above_start
    first_end = _line(text, line_start)[1]
    second = _line(text, min(len(text), first_end + 1)) if first_end < len(text) else None
    if second and _SEPARATOR.fullmatch(text[second[0] : second[1]].strip()):
        header = text[line_start:first_end].strip() if line_start != start else ""
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end, header


def _sentence(text: str, position: int) -> tuple[int, int]:
    window_start = max(0, position - MAX_PASSAGE)
    # search a little past `position`: the boundary's look-ahead needs the next character
    starts = [
        m.end()
        for m in BOUNDARY.finditer(text, window_start, min(len(text), position + 4))
        if m.end() <= position
    ]
    start = starts[-1] if starts else window_start
    following = BOUNDARY.search(text, position, min(len(text), position + MAX_PASSAGE))
    end = following.start() if following else min(len(text), position + MAX_PASSAGE)
    return start, end


def _open_quote(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The quotation (“…”) that the sentence [start, end) cuts, if one does."""
    paragraph_start = text.rfind("\n", 0, start) + 1
    before = text[paragraph_start:start]
    if before.count(_OPEN) > before.count(_CLOSE):  # the sentence starts inside a quote
        opened = paragraph_start + before.rfind(_OPEN)
        closed = text.find(_CLOSE, start)
        return (opened, closed + 1) if closed != -1 else None
    inside = text[start:end]
    if inside.count(_OPEN) > inside.count(_CLOSE):  # a quote opens and runs past the end
        closed = text.find(_CLOSE, end)
        newline = text.find("\n", end)
        if closed != -1 and (newline == -1 or closed < newline):
            return start, closed + 1
    return None


def passage_bounds(text: str, position: int) -> tuple[int, int, str | None]:
    """The passage around `position`: (start, end, table header or None)."""
    row = table_row(text, position)
    if row is not None:
        return row
    start, end = _sentence(text, position)
    quote = _open_quote(text, start, end)
    if quote is not None and quote[1] - quote[0] <= 3 * MAX_PASSAGE:
        # widen to the sentences the quotation begins and ends in
        start = min(start, _sentence(text, quote[0])[0])
        end = max(end, quote[1])
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end, None


_UNIT_HINT = re.compile(r"\(([^)]*)\)|,\s*([^,|]+)$")
_SIGN = re.compile(
    r"US\$|A\$|[$€£¥₹]|\bRs\.?|\bINR\b|\bUSD\b|\bEUR\b|\bGBP\b|\byen\b|\beuros?\b", re.I
)
_SCALE = re.compile(r"\b(trillion|billion|million|thousand|crores?|lakhs?|bn|mn|tn|m)\b", re.I)
_NUMBER_CELL = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")


def table_sentence(header: str, row: str) -> str:
    """A table row read as a sentence, each cell with its column's name and unit:
    "| China | 14.25 |" under "| Partner | Exports ($bn) |" reads "China: Exports
    $14.25 bn." — so that figures are checked with their unit and measure."""
    names = [cell.strip() for cell in header.strip().strip("|").split("|")]
    cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
    if len(names) != len(cells) or not cells:
        return row
    parts = []
    for name, cell in zip(names[1:], cells[1:], strict=True):
        hint = _UNIT_HINT.search(name)
        unit = (hint.group(1) or hint.group(2)) if hint else ""
        label = name[: hint.start()].strip() if hint else name
        if _NUMBER_CELL.fullmatch(cell.replace(" ", "")) and unit:
            sign = _SIGN.search(unit)
            scale = _SCALE.search(unit)
            percent = "%" in unit or "per cent" in unit.lower()
            written = cell.replace(" ", "")
            if sign:
                written = f"{sign.group()}{written}"
            if scale:
                written = f"{written} {scale.group()}"
            if percent:
                written += "%"
            cell = written
        parts.append(f"{label.lower()} {cell}")
    return f"{cells[0]}: " + "; ".join(parts) + "."
