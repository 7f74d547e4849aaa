"""Text from articles and sources, made safe to draw: every control character, terminal
escape and bidirectional override becomes a visible symbol of the same length, so the
screen shows what the data holds and the data can never style or move the terminal."""

from __future__ import annotations

import re

from rich.cells import cell_len

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _symbol(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟ (␛ for ESC)
    if code == 0x7F:
        return "␡"
    return "�"


def visible(text: str, one_line: bool = False) -> str:
    """`text` with controls shown as symbols; tabs as spaces; newlines kept unless one_line."""
    text = text.replace("\t", " ")
    text = text.replace("\r", " " if one_line else "")
    if one_line:
        text = text.replace("\n", " ")
    return _CONTROL.sub(_symbol, text)


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Lines of `text` wrapped at `width` cells, as (start, end) offsets into `text`
    (so a claim's span can be found on screen). Paragraphs are kept; long words are cut."""
    width = max(width, 8)
    lines: list[tuple[int, int]] = []
    for paragraph in re.finditer(r"[^\n]*", text):
        start, end = paragraph.start(), paragraph.end()
        if start == end:
            if start < len(text) and (not lines or lines[-1][1] != start):
                lines.append((start, start))
            continue
        line_start, used = start, 0
        for word in re.finditer(r"\S+\s*", text[start:end]):
            w_start, w_end = start + word.start(), start + word.end()
            size = cell_len(text[w_start:w_end].rstrip())
            if used and used + size > width:
                lines.append((line_start, w_start))
                line_start, used = w_start, 0
            if size > width:  # a word wider than the line: cut it, in one pass
                for cut in _cuts(text, w_start, w_end, width):
                    lines.append((line_start, cut))
                    line_start = w_start = cut
            used += cell_len(text[w_start:w_end])
        lines.append((line_start, end))
    return lines or [(0, 0)]


def _cuts(text: str, start: int, end: int, width: int) -> list[int]:
    """Where to cut text[start:end] (one word) into lines of at most `width` cells. Each
    piece is measured once, so a word of 5 MB is cut in linear time (measuring what is left
    after every cut made it quadratic: 12 s for 200,000 characters)."""
    cuts: list[int] = []
    while True:
        # What is left is measured only once it is short: a few lines' worth.
        if end - start <= 4 * width and cell_len(text[start:end].rstrip()) <= width:
            return cuts
        cut = start + width
        while cut > start + 1 and cell_len(text[start:cut]) > width:
            cut -= 1  # wide characters (CJK, emoji): fewer of them fit
        cuts.append(cut)
        start = cut
