"""The review screen's article pane with a cursor and a selection, to add a claim the
extractor missed: ←/→ move a word, ↑/↓ a line, shift extends the selection (the mouse
drags one), enter adds the selected words as a claim. A selection always ends up on
whole words (workbench.words.snap), as `workbench add` requires."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.message import Message

from workbench.tui.widgets import ArticleView
from workbench.words import WORD, next_word, snap, word_end


class SelectableArticle(ArticleView):
    """The article, with a cursor (shown while the pane has focus) and a selection."""

    COMPONENT_CLASSES = {"article-view--cursor", "article-view--selection"}
    DEFAULT_CSS = """
    SelectableArticle > .article-view--cursor { text-style: reverse; }
    SelectableArticle > .article-view--selection { background: $accent 60%; }
    """
    BINDINGS = [
        Binding("left,h", "word(-1)", "Word", show=False, id="article.left"),
        Binding("right,l", "word(1)", "Word", show=False, id="article.right"),
        Binding("up", "line(-1)", "Line", show=False, id="article.up"),
        Binding("down", "line(1)", "Line", show=False, id="article.down"),
        Binding("shift+left", "word(-1, True)", "Select", show=False, id="article.select_left"),
        Binding("shift+right", "word(1, True)", "Select words", id="article.select_right"),
        Binding("shift+up", "line(-1, True)", "Select", show=False, id="article.select_up"),
        Binding("shift+down", "line(1, True)", "Select", show=False, id="article.select_down"),
        Binding("enter", "add", "Add as claim", id="article.add"),
        Binding("escape", "clear", "Clear selection", id="article.clear"),
    ]

    class AddRequested(Message):
        """The reviewer asked to add characters [start, end) as a claim."""

        def __init__(self, start: int, end: int) -> None:
            super().__init__()
            self.start, self.end = start, end

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.cursor = 0
        self.select_from: int | None = None  # where the selection started; None: no selection
        self._dragging = False

    @property
    def selection(self) -> tuple[int, int] | None:
        """The selected characters, widened to whole words; None if nothing is selected."""
        if self.select_from is None or self.select_from == self.cursor:
            return None
        start, end = snap(
            self.text, min(self.select_from, self.cursor), max(self.select_from, self.cursor)
        )
        return (start, end) if start < end else None

    def show(self, text: str, spans: Sequence[tuple[int, int]]) -> None:
        moved = text is not self._raw or sorted(spans) != self.spans
        super().show(text, spans)
        if moved and not self._dragging:  # a new claim: the cursor starts on its words
            self.cursor = self.spans[0][0] if self.spans else 0
            self.select_from = None

    # -- drawing ----------------------------------------------------------------------

    def extra_marks(self) -> list[tuple[int, int]]:
        marks = [(self.cursor, self.cursor + 1)] if self.has_focus else []
        chosen = self._chosen()
        return [*marks, chosen] if chosen else marks

    def _chosen(self) -> tuple[int, int] | None:
        if self.select_from is None or self.select_from == self.cursor:
            return None
        return min(self.select_from, self.cursor), max(self.select_from, self.cursor)

    def style_of(self, start: int, end: int, style: Style) -> Style:
        chosen = self._chosen()
        if chosen and chosen[0] <= start and end <= chosen[1]:
            style += self.get_component_rich_style("article-view--selection")
        if self.has_focus and start <= self.cursor < end:
            style += self.get_component_rich_style("article-view--cursor")
        return style

    def cursor_at_end(self, start: int, end: int) -> bool:
        # a cursor on a line break or after the last word is drawn as a space
        return (
            self.has_focus
            and self.cursor == end
            and (end == len(self.text) or self.text[end] == "\n")
        )

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- moving -----------------------------------------------------------------------

    def _go(self, offset: int, extend: bool) -> None:
        if extend and self.select_from is None:
            self.select_from = self.cursor
        elif not extend:
            self.select_from = None
        self.cursor = max(0, min(len(self.text), offset))
        line = self.line_of(self.cursor)
        top, height = int(self.scroll_offset.y), max(1, self.scrollable_content_region.height)
        if line < top:
            self.scroll_to(y=line, animate=False, immediate=True)
        elif line >= top + height:
            self.scroll_to(y=line - height + 1, animate=False, immediate=True)
        self.refresh_bindings()  # enter adds, escape clears: shown in the footer only now
        self.refresh()

    def action_word(self, step: int, extend: bool = False) -> None:
        cursor = self.cursor
        if extend and step > 0 and not self._selecting_back():
            # extending forwards: to the end of this word, or of the next one
            at = cursor if WORD.match(self.text, cursor) else next_word(self.text, cursor, 1)
            self._go(word_end(self.text, at), True)
        else:
            self._go(next_word(self.text, cursor, step), extend)

    def _selecting_back(self) -> bool:
        return self.select_from is not None and self.cursor < self.select_from

    def action_line(self, step: int, extend: bool = False) -> None:
        line = self.line_of(self.cursor)
        target = max(0, min(len(self._lines) - 1, line + step))
        if target == line:
            self._go(0 if step < 0 else len(self.text), extend)
            return
        column = cell_len(self.text[self._lines[line][0] : self.cursor])
        self._go(self._offset_in_line(target, column), extend)

    def _offset_in_line(self, line: int, column: int) -> int:
        start, end = self._lines[line]
        used = 0
        for offset in range(start, end):
            used += cell_len(self.text[offset])
            if used > column:
                return offset
        return max(start, end - (1 if end > start and self.text[end - 1] == "\n" else 0))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # with nothing selected, enter and escape are the screen's (detail, clear filter)
        if action in ("add", "clear"):
            return self.selection is not None or (
                action == "clear" and self.select_from is not None
            )
        return True

    def action_add(self) -> None:
        chosen = self.selection
        if chosen is not None:
            self.select_from = None
            self.post_message(self.AddRequested(*chosen))
            self.refresh_bindings()
            self.refresh()

    def action_clear(self) -> None:
        self.select_from = None
        self.refresh_bindings()
        self.refresh()

    # -- the mouse --------------------------------------------------------------------

    def _offset_at(self, event: events.MouseEvent) -> int | None:
        where = event.get_content_offset(self)
        if where is None:
            return None
        line = int(self.scroll_offset.y) + where.y
        if line >= len(self._lines):
            return len(self.text)
        return self._offset_in_line(line, where.x)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        offset = self._offset_at(event)
        if offset is not None:
            self.focus()
            self._dragging = True
            self.capture_mouse()
            self.select_from = self.cursor = offset
            self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._dragging:
            offset = self._offset_at(event)
            if offset is not None and offset != self.cursor:
                self._go(offset, True)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging:
            self._dragging = False
            self.release_mouse()
            if self.select_from == self.cursor:
                self.select_from = None
            self.refresh_bindings()
            self.refresh()
