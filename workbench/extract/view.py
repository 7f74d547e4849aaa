"""A View: one or more spans of the article read as one string (joined by single spaces),
so that every rule can match on plain text and still map its result back to exact
article offsets."""

from __future__ import annotations

import re

Spans = list[tuple[int, int]]
_EDGE = " \t\n\r,;:—–-"
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")


class View:
    __slots__ = ("_starts", "_words", "source", "spans", "text")

    def __init__(self, source: str, spans: Spans):
        self.source = source
        self._words: list[tuple[str, int, int]] | None = None
        self.spans = [(a, b) for a, b in spans if a < b]
        self._starts: list[int] = []
        parts = []
        position = 0
        for a, b in self.spans:
            self._starts.append(position)
            parts.append(source[a:b])
            position += b - a + 1
        self.text = " ".join(parts)

    def __bool__(self) -> bool:
        return bool(self.text.strip(_EDGE))

    def __repr__(self) -> str:
        return f"View({self.text!r}, {self.spans})"

    def absolute(self, lo: int, hi: int) -> Spans:
        """The article spans under characters [lo, hi) of this view's text."""
        found = []
        for (a, b), start in zip(self.spans, self._starts, strict=True):
            s, e = max(lo, start), min(hi, start + (b - a))
            if s < e:
                found.append((a + s - start, a + e - start))
        return found

    def sub(self, lo: int, hi: int) -> View:
        return View(self.source, self.absolute(lo, hi)).tidy()

    def cut(self, lo: int, hi: int) -> View:
        """This view without characters [lo, hi) (and the separators after them)."""
        while hi < len(self.text) and self.text[hi] in _EDGE:
            hi += 1
        return View(self.source, self.absolute(0, lo) + self.absolute(hi, len(self.text))).tidy()

    def tidy(self) -> View:
        """Trim white space, separators and unbalanced quotes or brackets at both ends."""
        text = self.text
        lo, hi = 0, len(text)
        changed = True
        while changed and lo < hi:
            changed = False
            while lo < hi and text[lo] in _EDGE:
                lo, changed = lo + 1, True
            while hi > lo and text[hi - 1] in _EDGE:
                hi, changed = hi - 1, True
            inner = text[lo:hi]
            if inner[-1:] in "“(‘[":
                hi, changed = hi - 1, True  # an opening mark with nothing after it
                continue
            if inner[:1] in "”)]":
                lo, changed = lo + 1, True
                continue
            for opening, closing in (("“", "”"), ("(", ")"), ("‘", "’")):
                if inner.startswith(opening) and inner.count(opening) > inner.count(closing):
                    lo, changed = lo + 1, True
                    break
                if inner.endswith(closing) and inner.count(closing) > inner.count(opening):
                    if closing == "’" and len(inner) > 1 and inner[-2].isalpha():
                        continue  # a possessive or elision, not a closing quote
                    hi, changed = hi - 1, True
                    break
            else:
                if inner.count('"') % 2 == 1 and inner[:1] == '"':
                    lo, changed = lo + 1, True
                elif inner.count('"') % 2 == 1 and inner[-1:] == '"':
                    hi, changed = hi - 1, True
        if (lo, hi) == (0, len(text)):
            return self
        return View(self.source, self.absolute(lo, hi))

    def words(self) -> list[tuple[str, int, int]]:
        """(word, start, end) of each word of the text; computed once (views never change)."""
        if self._words is None:
            self._words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(self.text)]
        return self._words


def depth_at(text: str, position: int) -> int:
    """How many quotations and brackets are open at `position` of `text`."""
    before = text[:position]
    depth = max(0, before.count("“") - before.count("”"))
    depth += before.count('"') % 2
    depth += max(0, before.count("(") - before.count(")"))
    return depth


def clause_end(text: str, start: int) -> int:
    """Where the clause that starts at `start` ends: the next comma outside brackets,
    quotes and numbers ("8,000"), or the end of the text."""
    position = start
    while True:
        position = text.find(",", position)
        if position == -1:
            return len(text)
        inside_number = (
            text[position - 1 : position].isdigit() and text[position + 1 : position + 2].isdigit()
        )
        if depth_at(text, position) == 0 and not inside_number:  # "8,000" goes on
            return position
        position += 1
