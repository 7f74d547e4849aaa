"""News text to paragraphs and sentences, as character spans of the exact input.

Rule-based, one pass of regular expressions per paragraph, written for news copy:
abbreviations and titles (Mr., Gov., Feb.), initials (J. K. Rowling), dotted
acronyms (U.S.), decimals ($155.62), quotations that run over several sentences,
parentheses, datelines ("NEW DELHI, Feb 10 (Reuters) -") and photo credits
("(X/MEAIndia)"), which are kept as segments but marked as not claims.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

MAX_SEGMENT = 1500  # a "sentence" longer than this (a list, a table row, no punctuation) is cut
_SPACE = re.compile(r"\s")

# Never end a sentence: titles and abbreviations that precede a name or a number.
_NEVER = frozenset(
    """mr mrs ms dr prof gen col lt sgt capt cmdr adm maj gov sen rep rev hon pres supt
    insp det st mt ft no nos vs v fig figs approx dept est govt jan feb mar apr jun jul
    aug sep sept oct nov dec e.g i.e cf al vol p pp art sec para ch op nr ref viz""".split()
)
# May end a sentence: only when the next word usually starts one.
_MAYBE = frozenset("inc ltd co corp etc jr sr bros plc llc a.m p.m u.s u.k u.n e.u".split())
_STARTERS = frozenset(
    """the a an he she it they we i you his her its their our this that these those there
    but and yet so in on at for if when while after before as however meanwhile also
    some many most no not one two three mr mrs ms dr officials police""".split()
)
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]»]*(?=\s)|[。！？]+[」』”）]*")
_TOKEN_BEFORE = re.compile(r"([\w.'’-]+)\.$")
_WORD_AFTER = re.compile(r"\s*[\"'“‘(\[]?([\w'’-]+)")
# no "^": matched at each paragraph's start, where "^" never matches (re's pos argument)
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’ -]{2,40}(?:,\s*[A-Z][a-z]{2,9}\.?\s*\d{1,2})?\s*(?:\([A-Za-z .&-]{2,30}\))?"
    r"\s*(?:[—–-]{1,2}|:)\s+(?=[A-Z“\"])"
)
_CREDIT = re.compile(
    r"^\((?:[^()\s]{1,40}/[^()]{1,60}|(?:photo|image|file|picture|video|credit)[^()]{0,80}"
    r"|AP|AFP|Reuters|PTI|ANI|Getty Images|Bloomberg|EPA|X|Twitter)\)$"
    r"|^(?:photo|image|picture|file photo|credit|video)s?\s*(?:credit)?\s*[:：]",
    re.I,
)
_BYLINE = re.compile(r"^(?:by|written by|reporting by|edited by|updated|published)\b.{0,80}$", re.I)


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    paragraph: int
    credit: bool = False  # a photo credit, byline or dateline: not a claim
    # False for the pieces of a sentence too long to take whole (see _cut_long): such a
    # piece does not start, or does not end, the article's sentence
    opens: bool = True
    closes: bool = True

    def text(self, source: str) -> str:
        return source[self.start : self.end]


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Spans of paragraphs: blocks between blank lines; inside a block, a line break is a
    paragraph break too unless the line was hard-wrapped mid-sentence."""
    block: list[tuple[int, int]] = []
    for match in re.finditer(r"[^\n]*(?:\n|$)", text):
        start, end = match.start(), match.end()
        if start == end:
            break
        line = text[start:end].rstrip()
        if line.strip():
            block.append((start, start + len(line)))
        elif block:
            yield from _split_block(text, block)
            block = []
    if block:
        yield from _split_block(text, block)


def _split_block(text: str, lines: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    widest = max(end - start for start, end in lines)
    para_start = lines[0][0]
    for (start, end), following in zip(lines, [*lines[1:], None], strict=True):
        line = text[start:end].rstrip()
        wrapped = (
            following is not None
            and len(line) >= 0.6 * widest
            and widest >= 40
            and not line.endswith((".", "!", "?", ":", ";", '"', "”", "’", ")", "»", "。"))
        )
        if not wrapped:
            yield _trim(text, para_start, end)
            if following is not None:
                para_start = following[0]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentences(text: str) -> list[Segment]:
    """Every sentence of `text` as a Segment; spans index `text` exactly, never blank."""
    segments: list[Segment] = []
    for number, (p_start, p_end) in enumerate(paragraphs(text)):
        if p_start >= p_end:
            continue
        dateline = _DATELINE.match(text, p_start, p_end)
        if dateline and dateline.end() < p_end:
            segments.append(Segment(p_start, _trim(text, p_start, dateline.end())[1], number, True))
            p_start = dateline.end()
        for start, end in _sentence_spans(text, p_start, p_end):
            pieces = list(_cut_long(text, start, end))
            for index, (piece_start, piece_end) in enumerate(pieces):
                piece = text[piece_start:piece_end]
                credit = bool(_CREDIT.match(piece) or (_BYLINE.match(piece) and len(piece) < 90))
                opens, closes = index == 0, index == len(pieces) - 1
                segments.append(Segment(piece_start, piece_end, number, credit, opens, closes))
    return segments


def _sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    sentence_start = start
    for match in _BOUNDARY.finditer(text, start, end):
        cut = match.end()
        if not _is_boundary(text, sentence_start, match, end):
            continue
        span = _trim(text, sentence_start, cut)
        if span[0] < span[1]:
            yield span
        sentence_start = cut
    span = _trim(text, sentence_start, end)
    if span[0] < span[1]:
        yield span


def _is_boundary(text: str, sentence_start: int, match: re.Match[str], end: int) -> bool:
    mark = match.group()
    if mark[0] in "。！？":
        return True
    after = _WORD_AFTER.match(text, match.end(), end)
    if after is None:
        return True
    next_word = after.group(1)
    first = text[after.start(1)]
    if first.islower():
        return False  # "U.S. officials", "e.g. this", “Why?” he asked
    if _inside(text, sentence_start, match.start(), "(", ")"):
        return False
    # the quotation marks of the boundary itself count: `... of prison." She said` closes
    # its quotation, and the next quotation mark after it is another quotation's
    if _open_quote(text, sentence_start, match.end(), end):
        return False
    if mark != ".":
        return True
    token_match = _TOKEN_BEFORE.search(text, max(sentence_start, match.start() - 30), match.end())
    if token_match is None:
        return True
    token = token_match.group(1).lower()
    bare = token.rstrip(".")
    if bare in _NEVER:
        return False
    if len(bare) == 1 and bare.isalpha():
        return next_word.lower() in _STARTERS  # an initial: "J. K. Rowling"
    if bare in _MAYBE or re.fullmatch(r"(?:[a-z]\.)+[a-z]", bare):
        return next_word.lower() in _STARTERS
    return True


def _inside(text: str, start: int, position: int, opening: str, closing: str) -> bool:
    return text.count(opening, start, position) > text.count(closing, start, position)


def _open_quote(text: str, start: int, position: int, end: int) -> bool:
    """Inside a quotation that closes later in the paragraph (so it stays one sentence)."""
    if text.count("“", start, position) > text.count("”", start, position):
        return text.find("”", position, min(end, position + 600)) != -1
    if text.count('"', start, position) % 2 == 1:
        return text.find('"', position, min(end, position + 600)) != -1
    return False


def _cut_long(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Cut an over-long span at separators (semicolons, commas, then spaces), never inside
    a word: with no separator in reach the cut waits for the next space, and only a run
    of thousands of characters without one (no word: a hash, a data URI) is cut as is."""
    while end - start > MAX_SEGMENT:
        window = text[start : start + MAX_SEGMENT]
        cut = -1
        for separator, after in (("; ", MAX_SEGMENT // 3), (", ", MAX_SEGMENT // 3), (" ", 1)):
            cut = window.rfind(separator, after)
            if cut != -1:
                cut += len(separator)
                break
        if cut == -1:
            space = _SPACE.search(text, start + MAX_SEGMENT, min(end, start + 4 * MAX_SEGMENT))
            cut = space.end() - start if space else MAX_SEGMENT
        piece = _trim(text, start, start + cut)
        if piece[0] < piece[1]:
            yield piece
        start += cut
    piece = _trim(text, start, end)
    if piece[0] < piece[1]:
        yield piece
