"""The claims list, a Line API widget (ScrollView + render_line): only the visible rows
are drawn, whatever the number of claims. Each row is one line cut with an ellipsis,
except the current claim, which is shown whole, wrapped over as many rows as it needs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench.models import Claim
from workbench.tui.cells import steady
from workbench.tui.text import visible, wrap_offsets

MARKS = {"verified": "✓", "disputed": "✗", "unverified": "·"}
LEVEL_GLYPHS = {"high": "●", "medium": "◐", "low": "○"}
PREFIX = 4  # " ✓● ": a space (or CHECKED_MARK), the status mark, the level glyph, a space
CHECKED_MARK = "◆"  # the claim has a strong match among earlier checks (workbench.known)


def status_mark(claim: Claim) -> str:
    return "–" if claim.dismissed else MARKS[claim.status.value]


def level(score: float) -> str:
    """The level of a check-worthiness score: high, medium or low, with the cut-offs of
    workbench.extract.checkworthy.level (a test holds the two together). Not imported
    from there: importing workbench.extract loads the extractors, ~0.2 s before the
    first frame."""
    return "high" if score >= 0.75 else "medium" if score >= 0.5 else "low"


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def group_duplicates(claims: Sequence[Claim]) -> tuple[list[Claim], dict[int, int]]:
    """The claims with each group of same-worded claims together (where its first member
    stood), and how many share each claim's wording. Two identical rows apart read as one
    claim listed twice; together with a count they read as what they are."""
    groups: dict[str, list[Claim]] = {}
    for claim in claims:
        groups.setdefault(_key(claim.text), []).append(claim)
    ordered: list[Claim] = []
    counts: dict[int, int] = {}
    for members in groups.values():  # dicts keep the order of first appearance
        ordered.extend(members)
        for member in members:
            counts[member.id] = len(members)
    return ordered, counts


class ClaimList(ScrollView, can_focus=True):
    """The article's claims: status mark, check-worthiness level, text. Each row is one
    line cut with an ellipsis, except the current claim, which is shown whole, wrapped."""

    COMPONENT_CLASSES = {
        "claim-list--cursor",
        "claim-list--verified",
        "claim-list--disputed",
        "claim-list--unverified",
        "claim-list--dismissed",
        "claim-list--score",
        "claim-list--checked",
    }
    DEFAULT_CSS = """
    ClaimList { background: $surface; overflow-x: hidden; scrollbar-gutter: stable; }
    ClaimList > .claim-list--cursor { background: $primary 30%; }
    ClaimList:focus > .claim-list--cursor { background: $primary; color: $text; }
    ClaimList > .claim-list--verified { color: $success; text-style: bold; }
    ClaimList > .claim-list--disputed { color: $error; text-style: bold; }
    ClaimList > .claim-list--unverified { color: $text-muted; }
    ClaimList > .claim-list--dismissed { color: $text-disabled; }
    ClaimList > .claim-list--score { color: $text-muted; }
    ClaimList > .claim-list--checked { color: $accent; text-style: bold; }
    """

    cursor: reactive[int] = reactive(0, init=False)

    class Highlighted(Message):
        """The current claim changed (moved to, or reloaded)."""

        def __init__(self, claim: Claim | None) -> None:
            super().__init__()
            self.claim = claim

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.claims: list[Claim] = []
        self.counts: dict[int, int] = {}
        # ids of claims with a kept strong match ("checked before"), set by the screen
        # from a stored table: drawing a row only looks it up
        self.checked: set[int] = set()
        # the current claim's wrapped lines, as (start, end) offsets into its visible text
        self._wrapped: list[tuple[int, int]] = [(0, 0)]

    @property
    def current(self) -> Claim | None:
        return self.claims[self.cursor] if 0 <= self.cursor < len(self.claims) else None

    def show(self, claims: Sequence[Claim], keep: int | None = None) -> None:
        """Show these claims, keeping the cursor on claim `keep` if it is among them."""
        self.claims, self.counts = group_duplicates(claims)
        index = next((i for i, c in enumerate(self.claims) if c.id == keep), None)
        target = index if index is not None else min(self.cursor, max(0, len(self.claims) - 1))
        if target == self.cursor:
            self._cursor_moved()
        else:
            self.cursor = target

    def replace(self, claim: Claim) -> None:
        for index, existing in enumerate(self.claims):
            if existing.id == claim.id:
                self.claims[index] = claim
                if index == self.cursor:
                    self._cursor_moved()
                else:
                    self.refresh()
                return

    def move(self, delta: int) -> None:
        if self.claims:
            self.cursor = max(0, min(len(self.claims) - 1, self.cursor + delta))

    def move_to(self, index: int) -> None:
        if self.claims:
            self.cursor = max(0, min(len(self.claims) - 1, index))

    def watch_cursor(self, old: int, new: int) -> None:
        self._cursor_moved()

    def _count_label(self, claim: Claim) -> str:
        count = self.counts.get(claim.id, 1)
        return f"×{count} " if count > 1 else ""

    def _wrap_current(self) -> None:
        claim = self.current
        text = steady(visible(claim.text, one_line=True)) if claim else ""
        indent = PREFIX + (len(self._count_label(claim)) if claim else 0)
        self._wrapped = wrap_offsets(text, max(8, self.scrollable_content_region.width - indent))
        self._set_virtual_size(Size(self.size.width, len(self.claims) + len(self._wrapped) - 1))

    def _set_virtual_size(self, size: Size) -> None:
        """A new virtual size, without laying out the whole screen when the scrollbar stays
        as it is: the current claim wraps over more or fewer rows at nearly every key,
        and a layout redraws every widget (tens of milliseconds; the target is 16)."""
        old, view = self.virtual_size, self.scrollable_content_region.height
        if size == old:
            return
        if old.width == size.width and view and (old.height > view) == (size.height > view):
            self.set_reactive(ClaimList.virtual_size, size)
            self._scroll_update(size)  # Textual's own: the scrollbar's thumb and limits
            self.refresh()
        else:
            self.virtual_size = size

    def _cursor_moved(self) -> None:
        self._wrap_current()
        height = max(1, self.scrollable_content_region.height)
        top = int(self.scroll_offset.y)
        first, last = self.cursor, self.cursor + len(self._wrapped) - 1
        if first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif last >= top + height:
            self.scroll_to(y=min(first, last - height + 1), animate=False, immediate=True)
        self.refresh()
        self.post_message(self.Highlighted(self.current))

    def on_resize(self, event: events.Resize) -> None:
        self._wrap_current()

    def _row_at(self, line: int) -> tuple[int, int]:
        """The claim index drawn on virtual line `line`, and which of its lines it is."""
        extra = len(self._wrapped) - 1
        if line < self.cursor:
            return line, 0
        if line <= self.cursor + extra:
            return self.cursor, line - self.cursor
        return line - extra, 0

    def on_click(self, event: events.Click) -> None:
        index, _ = self._row_at(int(self.scroll_offset.y) + event.y)
        if 0 <= index < len(self.claims):
            self.cursor = index

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index, part = self._row_at(int(self.scroll_offset.y) + y)
        base = self.rich_style
        if index >= len(self.claims):
            return Strip.blank(width, base)
        claim = self.claims[index]
        row = base
        if index == self.cursor:
            row = base + self.get_component_rich_style("claim-list--cursor")
        text_style = row + (
            self.get_component_rich_style("claim-list--dismissed") if claim.dismissed else Style()
        )
        text = steady(visible(claim.text, one_line=True))  # widths all terminals agree on
        count = self._count_label(claim)
        if index == self.cursor:
            start, end = self._wrapped[min(part, len(self._wrapped) - 1)]
            line = text[start:end].rstrip()
        else:
            line = _cut(text, max(1, width - PREFIX - len(count)))
        if part:
            segments = [Segment(" " * (PREFIX + len(count)), row)]
        else:
            state = "dismissed" if claim.dismissed else claim.status.value
            mark_style = row + self.get_component_rich_style(f"claim-list--{state}")
            score_style = row + self.get_component_rich_style("claim-list--score")
            if claim.id in self.checked:
                checked_style = row + self.get_component_rich_style("claim-list--checked")
                segments = [Segment(CHECKED_MARK, checked_style)]
                segments.append(Segment(status_mark(claim), mark_style))
            else:
                segments = [Segment(f" {status_mark(claim)}", mark_style)]
            segments += [
                Segment(f"{LEVEL_GLYPHS[level(claim.checkworthiness)]} ", score_style),
                Segment(count, score_style),
            ]
        segments.append(Segment(line, text_style))
        return Strip(segments).crop(0, width).extend_cell_length(width, row)


def _cut(text: str, width: int) -> str:
    """`text` in at most `width` cells, ending with an ellipsis when it was cut."""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1).rstrip() + "…"
