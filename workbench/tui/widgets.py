"""The review screen's widgets. The claims list and the article are Line API widgets
(ScrollView + render_line): only the visible lines are drawn, whatever the length."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import ProgressBar, Static

from workbench.models import Claim
from workbench.tui.text import visible, wrap_offsets

MARKS = {"verified": "✓", "disputed": "✗", "unverified": "·"}


def status_mark(claim: Claim) -> str:
    return "–" if claim.dismissed else MARKS[claim.status.value]


class ClaimList(ScrollView, can_focus=True):
    """The article's claims: status mark, check-worthiness, kind, text."""

    COMPONENT_CLASSES = {
        "claim-list--cursor",
        "claim-list--verified",
        "claim-list--disputed",
        "claim-list--unverified",
        "claim-list--dismissed",
        "claim-list--score",
    }
    DEFAULT_CSS = """
    ClaimList { background: $surface; overflow-x: hidden; }
    ClaimList > .claim-list--cursor { background: $primary 30%; }
    ClaimList:focus > .claim-list--cursor { background: $primary; color: $text; }
    ClaimList > .claim-list--verified { color: $success; text-style: bold; }
    ClaimList > .claim-list--disputed { color: $error; text-style: bold; }
    ClaimList > .claim-list--unverified { color: $text-muted; }
    ClaimList > .claim-list--dismissed { color: $text-disabled; }
    ClaimList > .claim-list--score { color: $text-muted; }
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

    @property
    def current(self) -> Claim | None:
        return self.claims[self.cursor] if 0 <= self.cursor < len(self.claims) else None

    def show(self, claims: Sequence[Claim], keep: int | None = None) -> None:
        """Show these claims, keeping the cursor on claim `keep` if it is among them."""
        self.claims = list(claims)
        self.virtual_size = Size(self.size.width, len(self.claims))
        index = next((i for i, c in enumerate(self.claims) if c.id == keep), None)
        target = index if index is not None else min(self.cursor, max(0, len(self.claims) - 1))
        if target == self.cursor:
            self._cursor_moved()
        else:
            self.cursor = target
        self.refresh()

    def replace(self, claim: Claim) -> None:
        for index, existing in enumerate(self.claims):
            if existing.id == claim.id:
                self.claims[index] = claim
                self.refresh_line(index)  # only that row is drawn again
                if index == self.cursor:
                    self.post_message(self.Highlighted(claim))
                return

    def move(self, delta: int) -> None:
        if self.claims:
            self.cursor = max(0, min(len(self.claims) - 1, self.cursor + delta))

    def move_to(self, index: int) -> None:
        if self.claims:
            self.cursor = max(0, min(len(self.claims) - 1, index))

    def watch_cursor(self, old: int, new: int) -> None:
        self._cursor_moved(old)

    def _cursor_moved(self, old: int | None = None) -> None:
        height = max(1, self.scrollable_content_region.height)
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)
        elif old is not None:  # no scroll: only the two rows whose cursor mark changed
            self.refresh_line(old)
            self.refresh_line(self.cursor)
            self.post_message(self.Highlighted(self.current))
            return
        self.refresh()
        self.post_message(self.Highlighted(self.current))

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.claims))

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_offset.y) + event.y
        if 0 <= index < len(self.claims):
            self.cursor = index

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_offset.y) + y
        base = self.rich_style
        if index >= len(self.claims):
            return Strip.blank(width, base)
        claim = self.claims[index]
        row = base
        if index == self.cursor:
            row = base + self.get_component_rich_style("claim-list--cursor")
        state = "dismissed" if claim.dismissed else claim.status.value
        mark_style = row + self.get_component_rich_style(f"claim-list--{state}")
        score_style = row + self.get_component_rich_style("claim-list--score")
        text_style = row + (
            self.get_component_rich_style("claim-list--dismissed") if claim.dismissed else Style()
        )
        segments = [
            Segment(f" {status_mark(claim)} ", mark_style),
            Segment(f"{claim.checkworthiness:.2f} ", score_style),
            Segment(f"{claim.kind.value:<11} ", score_style),
            Segment(visible(claim.text, one_line=True), text_style),
        ]
        return Strip(segments).crop(0, width).extend_cell_length(width, row)


class ArticleView(ScrollView, can_focus=True):
    """The article's text with the current claim's words highlighted in place."""

    COMPONENT_CLASSES = {"article-view--highlight"}
    DEFAULT_CSS = """
    ArticleView { background: $surface; padding: 0 1; overflow-x: hidden; }
    ArticleView > .article-view--highlight { background: $warning 40%; text-style: bold; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.text = ""
        self._raw: str | None = None
        self.spans: list[tuple[int, int]] = []
        self._lines: list[tuple[int, int]] = [(0, 0)]
        self._width = 0

    def show(self, text: str, spans: Sequence[tuple[int, int]]) -> None:
        if text is self._raw and sorted(spans) == self.spans:
            return  # the same highlight: nothing to draw again
        if text is not self._raw:
            self._raw = text
            self.text = visible(text)
            self._width = 0
        self.spans = sorted(spans)
        self._layout()
        # after the refresh: a new virtual size must be in place before scrolling into it
        self.call_after_refresh(self._scroll_to_spans)
        self.refresh()

    def _layout(self) -> None:
        width = self.scrollable_content_region.width
        if width and width != self._width:
            self._width = width
            self._lines = wrap_offsets(self.text, width)
            self.virtual_size = Size(width, len(self._lines))

    def on_resize(self, event: events.Resize) -> None:
        self._layout()
        self.call_after_refresh(self._scroll_to_spans)

    def line_of(self, offset: int) -> int:
        for number, (start, end) in enumerate(self._lines):
            if start <= offset < max(end, start + 1):
                return number
        return max(0, len(self._lines) - 1)

    def _scroll_to_spans(self) -> None:
        if not self.spans:
            return
        first = self.line_of(self.spans[0][0])
        last = self.line_of(self.spans[-1][1] - 1)
        height = max(1, self.scrollable_content_region.height)
        top = int(self.scroll_offset.y)
        if first < top or last >= top + height:
            self.scroll_to(
                y=max(0, first - max(0, (height - (last - first + 1)) // 2)),
                animate=False,
                immediate=True,
            )

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_offset.y) + y
        base = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        start, end = self._lines[index]
        while end > start and self.text[end - 1] in "\n":
            end -= 1
        marked = base + self.get_component_rich_style("article-view--highlight")
        cuts = {start, end}
        for s, e in self.spans:
            if s < end and e > start:
                cuts.update((max(s, start), min(e, end)))
        points = sorted(cuts)
        segments = []
        for a, b in pairwise(points):
            lit = any(s <= a and b <= e for s, e in self.spans)
            segments.append(Segment(self.text[a:b], marked if lit else base))
        return Strip(segments).crop(0, width).extend_cell_length(width, base)


class ReviewHeader(Horizontal):
    """The article's title and the review's progress (decided / total)."""

    DEFAULT_CSS = """
    ReviewHeader { height: 1; background: $panel; }
    ReviewHeader #title { width: 1fr; text-style: bold; padding: 0 1; }
    ReviewHeader ProgressBar { width: auto; padding: 0 1; }
    ReviewHeader #counts { width: auto; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="title")
        yield ProgressBar(show_eta=False, id="progress")
        yield Static(id="counts")

    def show(self, title: str, decided: int, total: int) -> None:
        shown = (title, decided, total)
        if shown == getattr(self, "_shown", None):
            return
        if title != getattr(self, "_shown", (None,))[0]:
            self.query_one("#title", Static).update(Text(visible(title, True)))
        self._shown = shown
        self.query_one("#progress", ProgressBar).update(total=max(total, 1), progress=decided)
        self.query_one("#counts", Static).update(Text(f"{decided}/{total} decided"))
