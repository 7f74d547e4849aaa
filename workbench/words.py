"""Word boundaries in an article's text. A claim added by hand points at whole words:
offsets that cut one ("ndia and Chi") are refused with the words they cover and the
nearest whole-word offsets; a selection made on screen snaps to whole words.

A word is a run of letters and digits, joined by the punctuation that sits inside
figures and names ("155.62", "1,23,456", "India's", "well-known", "10:30"), with a
currency sign before it and a percent sign after: cutting "$" off "$155" or "%" off
"70%" would change what a figure says."""

from __future__ import annotations

import re

from workbench.errors import InputError

WORD = re.compile(r"[$€£¥₹]?\w+(?:[’'.,:/-]\w+)*%?")
_REACH = 200  # characters searched around an offset: far longer than any word


def word_around(text: str, offset: int) -> tuple[int, int] | None:
    """The word that `offset` falls strictly inside (not at its edge), if any."""
    low = max(0, offset - _REACH)
    for match in WORD.finditer(text, low, min(len(text), offset + _REACH)):
        if match.start() >= offset:
            return None
        if match.start() < offset < match.end():
            return match.start(), match.end()
    return None


def snap(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) widened to whole words, then narrowed past spaces at either edge."""
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    inside = word_around(text, start)
    if inside:
        start = inside[0]
    inside = word_around(text, end)
    if inside:
        end = inside[1]
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def next_word(text: str, offset: int, step: int) -> int:
    """The offset of the start of the next word (step 1) or of the previous one (-1)."""
    if step > 0:
        # past the word under the offset first: a search from inside it finds its tail
        match = WORD.search(text, word_end(text, offset) if offset < len(text) else offset)
        return match.start() if match else len(text)
    low = max(0, offset - _REACH)
    starts = [m.start() for m in WORD.finditer(text, low, offset) if m.start() < offset]
    if starts:
        return starts[-1]
    return 0 if low == 0 else next_word(text, low, -1)


def word_end(text: str, offset: int) -> int:
    """The end of the word starting at (or containing) `offset`, else `offset`."""
    match = WORD.match(text, offset)
    if match:
        return match.end()
    inside = word_around(text, offset)
    return inside[1] if inside else offset


def require_whole_words(text: str, start: int, end: int) -> None:
    """Refuse [start, end) if it cuts a word, saying which words it covers and the
    nearest whole-word offsets."""
    first, last = word_around(text, start), word_around(text, end)
    if first is None and last is None:
        return
    cut = list(dict.fromkeys(w for w in (first, last) if w))
    names = " and ".join(repr(text[s:e]) for s, e in cut)
    wide = snap(text, start, end)
    nearest = f"{wide[0]} {wide[1]} ({_short(text[wide[0] : wide[1]])})"
    narrow = snap(text, first[1] if first else start, last[0] if last else end)
    if narrow[0] < narrow[1] and narrow != wide:
        nearest += f" or {narrow[0]} {narrow[1]} ({_short(text[narrow[0] : narrow[1]])})"
    raise InputError(
        f"characters {start}-{end} cut the word{'s' if len(cut) > 1 else ''} {names}:"
        f" they cover {_short(text[start:end])}; the nearest whole words are {nearest}"
    )


def _short(words: str, most: int = 60) -> str:
    """The words quoted, their middle left out when long: the edges are what differ."""
    words = " ".join(words.split())
    half = most // 2
    return repr(words if len(words) <= most else f"{words[:half]} … {words[-half:]}")


def wrapped_lines(text: str, width: int) -> list[tuple[int, int]]:
    """The lines of `text` wrapped at `width` characters between words, as (start, end)
    offsets; each paragraph (a line of the text) starts a line. Trailing spaces belong to
    the line they end, so that each line starts on a word."""
    lines: list[tuple[int, int]] = []
    for paragraph in re.finditer(r"[^\n]*", text):
        start, end = paragraph.start(), paragraph.end()
        if start == end:
            if start < len(text) and (not lines or lines[-1][1] != start):
                lines.append((start, start))
            continue
        line_start = start
        for word in _words(text, start, end):
            if word[0] > line_start and len(text[line_start : word[1]].rstrip()) > width:
                lines.append((line_start, word[0]))
                line_start = word[0]
        lines.append((line_start, end))
    return lines or [(0, 0)]


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+\s*", text[start:end])]
