"""Dialogs of the evidence pane: a choice among a few words (the stance), another excerpt
from the same kept copy, and the kept copy itself with the excerpt highlighted."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from workbench.drift import drift_words
from workbench.tui.guards import Dialog, PagedOptionList
from workbench.tui.text import visible


class ChoiceDialog(Dialog[str | None]):
    """One of a few words, the current one highlighted."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, choices: list[str], current: str) -> None:
        super().__init__()
        self.heading, self.choices, self.current = title, choices, current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.heading), classes="title")
            yield PagedOptionList(*(Option(Text(c), id=c) for c in self.choices), id="choices")
            yield Label(Text("enter chooses · escape cancels"), classes="hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self.choices.index(self.current)
        options.focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ExcerptDialog(Dialog[str | None]):
    """Another excerpt from the same kept copy: a passage ranked for the claim, or typed
    (it must be in the kept copy; the core says so if it is not)."""

    DEFAULT_CSS = "ExcerptDialog OptionList { height: auto; max-height: 14; }"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, claim: str, text: str, current: str) -> None:
        super().__init__()
        self.claim, self.text, self.current = claim, text, current
        self.passages: list[Any] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text("Quote another passage of the kept copy"), classes="title")
            yield PagedOptionList(id="passages")
            yield Input(placeholder="or type (paste) the words to quote", id="typed")
            yield Label(Text("enter chooses · tab to type · escape cancels"), classes="hint")

    def on_mount(self) -> None:
        from workbench.evidence import rank_passages
        from workbench.tui.attach import passage_line

        self.passages = rank_passages(self.claim, self.text, limit=8)
        options = self.query_one(OptionList)
        for index, passage in enumerate(self.passages):
            options.add_option(Option(passage_line(passage), id=str(index)))
        options.focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.passages[int(event.option.id or 0)].text)

    @on(Input.Submitted)
    def typed(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class KeptCopyScreen(Dialog[None]):
    """The text of the snapshot an evidence item quotes, its excerpt highlighted."""

    DEFAULT_CSS = """
    KeptCopyScreen > Vertical { width: 90%; height: 90%; }
    KeptCopyScreen VerticalScroll { height: 1fr; }
    """
    BINDINGS = [Binding("escape,q,o", "close", "Close")]

    def __init__(self, item: dict[str, Any], text: str) -> None:
        super().__init__()
        self.item, self.text = item, text

    def compose(self) -> ComposeResult:
        item = self.item
        heading = Text(visible(item["title"] or item["requested"], True), style="bold")
        fetched = str(item["fetched_at"])[:16].replace("T", " ")
        about = f"kept copy fetched {fetched} · sha256 {item['raw_sha256'][:16]}…"
        drift = drift_words(item.get("drift"), item.get("drift_since"))
        with Vertical():
            yield Label(heading, classes="title")
            yield Label(Text(about + (f" · {drift}" if drift else "")), classes="hint")
            with VerticalScroll():
                yield Static(self._body(), id="kept-copy")
            yield Label(Text("escape closes"), classes="hint")

    def _body(self) -> Text:
        start, end = self.item.get("excerpt_start"), self.item.get("excerpt_end")
        body = Text(visible(self.text.replace("\r", " "), False))  # keeps the offsets
        if start is not None and end is not None and 0 <= start < end <= len(self.text):
            body.stylize("reverse bold", start, end)
        return body

    def on_mount(self) -> None:
        start = self.item.get("excerpt_start")
        if start is not None:
            line = self.text.count("\n", 0, start)
            scroll = self.query_one(VerticalScroll)
            self.call_after_refresh(lambda: scroll.scroll_to(y=max(0, line - 3), animate=False))

    def action_close(self) -> None:
        self.dismiss(None)
