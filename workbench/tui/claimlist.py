"""The claims list, a Line API widget (ScrollView + render_line): only the visible rows
are drawn, whatever the number of claims. Each row is one line cut with an ellipsis,
except the current claim, which is shown whole, wrapped over as many rows as it needs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench.tui.cells import steady
from workbench.tui.lines import set_virtual_size
from workbench.tui.text import visible, wrap_offsets

if TYPE_CHECKING:
    from workbench.glance import AnyClaim

MARKS = {"verified": "✓", "disputed": "✗", "unverified": "·"}
LEVEL_GLYPHS = {"high": "●", "medium": "◐", "low": "○"}
PREFIX = 4  # " ✓● ": a space (or CHECKED_MARK), the status mark, the level glyph, a space
CHECKED_MARK = "◆"  # the claim has a strong match among earlier checks (workbench.known)


def status_mark(claim: AnyClaim) -> str:
    return "–" if claim.dismissed else MARKS[claim.status.value]


def level(score: float) -> str:
    """The level of a check-worthiness score: high, medium or low, with the cut-offs of
    workbench.extract.checkworthy.level (a test holds the two together). Not imported
    from there: importing workbench.extract loads the extractors, ~0.2 s before the
    first frame."""
    return "high" if score >= 0.75 else "medium" if score >= 0.5 else "low"


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def group_duplicates(claims: Sequence[AnyClaim]) -> tuple[list[AnyClaim], dict[int, int]]:
    """The claims with each group of same-worded claims together (where its first member
    stood), and how many share each claim's wording. Two identical rows apart read as one
    claim listed twice; together with a count they read as what they are."""
    groups: dict[str, list[AnyClaim]] = {}
    for claim in claims:
        groups.setdefault(_key(claim.text), []).append(claim)
    ordered: list[AnyClaim] = []
    counts: dict[int, int] = {}
    for members in groups.values():  # dicts keep the order of first appearance
        ordered.extend(members)
        for member in members:
            counts[member.id] = len(members)
    return ordered, counts


class ClaimList(ScrollView, can_focus=True, inherit_bindings=False):
    """The article's claims: status mark, check-worthiness level, text. Each row is one
    line cut with an ellipsis, except the current claim, which is shown whole, wrapped.
    None of ScrollView's keys: the arrows move the cursor (the screen's), never only
    the view, which a scrollable list would otherwise take them for."""

    # overflow-y: scroll, the bar hidden while the claims fit: workbench.tui.lines
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
    ClaimList { background: $surface; overflow-x: hidden; overflow-y: scroll; }
    ClaimList > .claim-list--cursor { background: $primary 30%; }
    ClaimList:focus > .claim-list--cursor { background: $primary; color: $text; }
    ClaimList > .claim-list--verified { color: $success; text-style: bold; }
    ClaimList > .claim-list--disputed { color: $error; text-style: bold; }
    ClaimList > .claim-list--unverified { color: $text-muted; }
    ClaimList > .claim-list--dismissed { color: $text-disabled; }
    ClaimList > .claim-list--score { color: $text-muted; }
    ClaimList > .claim-list--checked { color: $accent; text-style: bold; }
    """

    # repaint=False: _cursor_moved repaints the rows that changed, not the whole list
    cursor: reactive[int] = reactive(0, init=False, repaint=False)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.claims: list[AnyClaim] = []
        self.counts: dict[int, int] = {}
        # ids of claims with a kept strong match ("checked before"), set by the screen
        # from a stored table: drawing a row only looks it up
        self.checked: set[int] = set()
        # the current claim's wrapped lines, as (start, end) offsets into its visible text
        self._wrapped: list[tuple[int, int]] = [(0, 0)]
        # Called with the current claim whenever it changes (moved to, or reloaded). A
        # call, not a message: a message reaches the screen after Textual may already
        # have drawn a frame with the list moved and the article and evidence not yet,
        # and the key's effect would take two frames (and two renders of the screen).
        self.follow: Callable[[AnyClaim | None], None] | None = None
        self._strips: dict[tuple[Any, ...], Strip] = {}  # rows drawn, by what they show

    @property
    def current(self) -> AnyClaim | None:
        return self.claims[self.cursor] if 0 <= self.cursor < len(self.claims) else None

    def show(self, claims: Sequence[AnyClaim], keep: int | None = None) -> None:
        """Show these claims, keeping the cursor on claim `keep` if it is among them."""
        self.claims, self.counts = group_duplicates(claims)
        index = next((i for i, c in enumerate(self.claims) if c.id == keep), None)
        target = index if index is not None else min(self.cursor, max(0, len(self.claims) - 1))
        if target == self.cursor:
            self._cursor_moved()
        else:
            self.set_reactive(ClaimList.cursor, target)
            self._cursor_moved()
        self.refresh()  # other claims: every row

    def replace(self, claim: AnyClaim) -> None:
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
        self._cursor_moved(old)

    def _count_label(self, claim: AnyClaim) -> str:
        count = self.counts.get(claim.id, 1)
        return f"×{count} " if count > 1 else ""

    def _wrap_current(self, repaint: bool = True) -> None:
        claim = self.current
        text = steady(visible(claim.text, one_line=True)) if claim else ""
        indent = PREFIX + (len(self._count_label(claim)) if claim else 0)
        self._wrapped = wrap_offsets(text, max(8, self.scrollable_content_region.width - indent))
        size = Size(self.size.width, len(self.claims) + len(self._wrapped) - 1)
        set_virtual_size(self, size, repaint)

    def _cursor_moved(self, old: int | None = None) -> None:
        """Wrap the current claim, scroll it into view, and repaint what changed: a view
        scrolled is drawn again whole; otherwise only the rows from the old cursor to the
        new one (and those below, when the current claim's height changed). A key that
        repainted the whole list spent most of its frame on rows that had not changed."""
        lines_before, top = len(self._wrapped), int(self.scroll_offset.y)
        self._wrap_current(repaint=False)
        height = max(1, self.scrollable_content_region.height)
        first, last = self.cursor, self.cursor + len(self._wrapped) - 1
        if first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif last >= top + height:
            self.scroll_to(y=min(first, last - height + 1), animate=False, immediate=True)
        if int(self.scroll_offset.y) != top:
            self.refresh()
        else:
            old = self.cursor if old is None else old
            start = min(old, self.cursor)
            if lines_before == len(self._wrapped):
                end = max(old, self.cursor) + lines_before
            else:  # the rows below moved up or down
                end = top + height
            start, end = max(start, top), min(end, top + height)
            if end > start:
                self.refresh_lines(start, end - start)
        if self.follow is not None:
            self.follow(self.current)

    def set_checked(self, checked: set[int]) -> None:
        """Mark these claims "checked before"; only the rows whose mark changed are drawn
        again."""
        changed, self.checked = checked ^ self.checked, checked
        for index, claim in enumerate(self.claims):
            if claim.id in changed:
                line = index if index <= self.cursor else index + len(self._wrapped) - 1
                self.refresh_line(line)

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

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()  # a theme, or focus: every row is drawn again

    def on_focus(self) -> None:
        self._strips.clear()

    def on_blur(self) -> None:
        self._strips.clear()

    def render_line(self, y: int) -> Strip:
        """A row as drawn before, while its claim and place are the same: a key moves
        the cursor over a screenful of rows, and drawing one costs more than finding it."""
        width = self.scrollable_content_region.width
        index, part = self._row_at(int(self.scroll_offset.y) + y)
        if index >= len(self.claims):
            return Strip.blank(width, self.rich_style)
        claim = self.claims[index]
        key = (
            claim.id,
            claim.version,
            claim.text,
            claim.status,
            claim.dismissed,
            # the current claim's row: which of its wrapped lines
            self._wrapped[min(part, len(self._wrapped) - 1)] if index == self.cursor else None,
            part,
            width,
            claim.id in self.checked,
            self.counts.get(claim.id, 1),
        )
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) > 4096:  # rows of claims long gone, or of another width
                self._strips.clear()
            strip = self._strips[key] = self._render_row(index, part, width)
        return strip

    def _render_row(self, index: int, part: int, width: int) -> Strip:
        claim = self.claims[index]
        base = self.rich_style
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
