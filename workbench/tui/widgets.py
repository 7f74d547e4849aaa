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
from textual.containers import Horizontal, HorizontalGroup
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Footer, ProgressBar, Static
from textual.widgets._footer import FooterKey

# ClaimList lives in claimlist.py; imported here too, for code that finds it here
from workbench.tui.claimlist import ClaimList, status_mark  # noqa: F401
from workbench.tui.sizes import WIDE  # noqa: F401  (imported from here too)
from workbench.tui.text import visible, wrap_offsets


class ArticleView(ScrollView, can_focus=True):
    """The article's text with the current claim's words highlighted in place."""

    COMPONENT_CLASSES = {"article-view--highlight"}
    DEFAULT_CSS = """
    ArticleView {
        background: $surface; padding: 0 1; overflow-x: hidden; scrollbar-gutter: stable;
    }
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
        marked_before = self._marked_lines()
        self.spans = sorted(spans)
        laid_out, top = bool(self._width), int(self.scroll_offset.y)
        self._layout()
        if laid_out and self._width == self.scrollable_content_region.width:
            self._scroll_to_spans()  # the same text: in the frame that draws the highlight
            if int(self.scroll_offset.y) == top:
                # Only the lines lit before and now: the text and its place are the same,
                # and repainting the whole pane was a third of a key's frame.
                height = self.scrollable_content_region.height
                for line in marked_before | self._marked_lines():
                    if top <= line < top + height:
                        self.refresh_line(line)
                return
        else:
            # after the refresh: a new virtual size must be in place before scrolling into it
            self.call_after_refresh(self._scroll_to_spans)
        self.refresh()

    def _marked_lines(self) -> set[int]:
        """The lines that draw a mark (the claim's words, and a subclass's own)."""
        lines: set[int] = set()
        for start, end in [*self.spans, *self.extra_marks()]:
            lines.update(range(self.line_of(start), self.line_of(max(start, end - 1)) + 1))
        return lines

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

    def _scroll_to_spans(self, tries: int = 3) -> None:
        if not self.spans:
            return
        first = self.line_of(self.spans[0][0])
        last = self.line_of(self.spans[-1][1] - 1)
        height = max(1, self.scrollable_content_region.height)
        top = int(self.scroll_offset.y)
        if first < top or last >= top + height:
            target = max(0, first - max(0, (height - (last - first + 1)) // 2))
            self.scroll_to(y=target, animate=False, immediate=True)
            if int(self.scroll_offset.y) < min(target, self.virtual_size.height - height) and tries:
                # held back by a scroll range not yet grown to the new text: next frame
                self.call_after_refresh(self._scroll_to_spans, tries - 1)

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
        for s, e in [*self.spans, *self.extra_marks()]:
            if s < end and e > start:
                cuts.update((max(s, start), min(e, end)))
        points = sorted(cuts)
        segments = []
        for a, b in pairwise(points):
            lit = any(s <= a and b <= e for s, e in self.spans)
            segments.append(Segment(self.text[a:b], self.style_of(a, b, marked if lit else base)))
        if self.cursor_at_end(start, end):  # the cursor after the line's last character
            segments.append(Segment(" ", self.style_of(end, end + 1, base)))
        return Strip(segments).crop(0, width).extend_cell_length(width, base)

    # what a subclass draws over the text (workbench.tui.article: the selection)
    def extra_marks(self) -> list[tuple[int, int]]:
        return []

    def style_of(self, start: int, end: int, style: Style) -> Style:
        return style

    def cursor_at_end(self, start: int, end: int) -> bool:
        return False


class ReviewFooter(Footer):
    """Below the breakpoint the palette's key gives its place to the review's keys (? and
    the help list it). The help's key keeps its place at the right edge: a pane's own keys
    come first and, at 80 columns, pushed it off the row."""

    DEFAULT_CSS = """
    ReviewFooter #right-keys { dock: right; width: auto; height: 1; }
    ReviewFooter #right-keys FooterKey {
        margin: 0; padding-right: 1; border-left: vkey $foreground 20%;
    }
    """

    def compose(self) -> ComposeResult:
        right: list[FooterKey] = []
        for widget in super().compose():
            if isinstance(widget, FooterKey) and widget.action in ("help", "app.help"):
                right.insert(0, widget)
            elif isinstance(widget, FooterKey) and widget.has_class("-command-palette"):
                widget.remove_class("-command-palette")  # docked, it would cover the help
                right.append(widget)
            else:
                yield widget
        if right:
            with HorizontalGroup(id="right-keys"):
                yield from right

    async def recompose(self) -> None:
        await super().recompose()
        self.call_after_refresh(self._hide_cut_keys)

    def _hide_cut_keys(self) -> None:
        """Keys that would be cut by the right edge's group ("r Rati") are left out: the
        help lists them whole."""
        right = self.query("#right-keys")
        limit = right.first().region.x if right else self.region.right
        for child in self.children:
            if child.id != "right-keys" and child.region.right > limit:
                child.display = False

    def __init__(self, wide_from: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.wide_from = wide_from
        self._width = 0

    def on_resize(self, event: events.Resize) -> None:
        wide = event.size.width >= self.wide_from
        if self.show_command_palette != wide:
            self.show_command_palette = wide
            self.call_after_refresh(self.recompose)
        elif self.children and event.size.width != self._width:
            # the keys left out depend on the width (and only on it: a Resize also comes
            # when the keys change, and recomposing on it never ended)
            self.call_after_refresh(self.recompose)
        self._width = event.size.width


class ReviewHeader(Horizontal):
    """The article's title and the review's progress (decided / total)."""

    DEFAULT_CSS = """
    ReviewHeader { height: 1; background: $panel; }
    ReviewHeader #title {
        width: 1fr; text-style: bold; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis;
    }
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
        counts = f"{decided}/{total} decided"
        before = getattr(self, "_counts", "")
        self._counts = counts  # the same width needs no layout of the screen (a key's cost)
        self.query_one("#counts", Static).update(Text(counts), layout=len(counts) != len(before))
