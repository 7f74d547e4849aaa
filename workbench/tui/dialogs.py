"""Modal dialogs of the review screen. Every label that holds data is a Text, never markup."""

from __future__ import annotations

import re

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static

from workbench.core import Workbench
from workbench.models import Claim
from workbench.tui.checked import describe as describe_matches
from workbench.tui.claimlist import level
from workbench.tui.guards import Dialog
from workbench.tui.text import visible

# The shared look of every dialog is in app.tcss: a screen's DEFAULT_CSS is scoped to it,
# so a rule for ModalScreen written there would match nothing in a subclass.


class SplitDialog(Dialog[int | None]):
    """Choose where to split a claim, between two words of its article text."""

    DEFAULT_CSS = "SplitDialog .part { margin: 1 0 0 0; }"
    BINDINGS = [
        Binding("left,h", "move(-1)", "Earlier"),
        Binding("right,l", "move(1)", "Later"),
        Binding("enter", "split", "Split here"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, claim: Claim, article: str) -> None:
        super().__init__()
        self.claim = claim
        self.words: list[tuple[int, int]] = [
            (s + m.start(), s + m.end())
            for span in claim.spans
            for s, e in [(span.start, span.end)]
            for m in re.finditer(r"\S+", article[s:e])
        ]
        self.article = article
        self.at = max(1, len(self.words) // 2)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(f"Split claim {self.claim.id}"), classes="title")
            yield Static(id="first", classes="part")
            yield Static(id="second", classes="part")
            yield Label(Text("←/→ move the split · enter splits · escape cancels"), classes="hint")

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        first = " ".join(self.article[s:e] for s, e in self.words[: self.at])
        second = " ".join(self.article[s:e] for s, e in self.words[self.at :])
        self.query_one("#first", Static).update(Text("1 │ " + visible(first, True), style="bold"))
        self.query_one("#second", Static).update(Text("2 │ " + visible(second, True)))

    def action_move(self, delta: int) -> None:
        if len(self.words) > 1:
            self.at = max(1, min(len(self.words) - 1, self.at + delta))
            self._show()

    def action_split(self) -> None:
        self.dismiss(self.words[self.at][0] if len(self.words) > 1 else None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ClaimDetail(Dialog[None]):
    """Everything about one claim: wording, spans, decision, evidence, history."""

    DEFAULT_CSS = "ClaimDetail VerticalScroll { height: auto; max-height: 40; }"
    BINDINGS = [Binding("escape,enter,q", "close", "Close")]

    def __init__(self, workbench: Workbench, claim: Claim) -> None:
        super().__init__()
        self.workbench, self.claim = workbench, claim

    def compose(self) -> ComposeResult:
        claim = self.claim
        article = self.workbench.article(claim.article_id)
        evidence = self.workbench.store.evidence_rows([claim.id])[claim.id]
        text = Text()
        text.append(f"Claim {claim.id}\n", style="bold")
        text.append(visible(claim.text, True) + "\n\n")
        if claim.original_text != claim.text:
            text.append("As extracted: ", style="dim")
            text.append(visible(claim.original_text, True) + "\n")
        text.append(f"{claim.kind.value} · check-worthiness {level(claim.checkworthiness)}")
        text.append(f" · {claim.status.value}")
        text.append(f" · version {claim.version}\n", style="dim")
        for span in claim.spans:
            text.append(f"[{span.start}-{span.end}] ", style="dim")
            text.append(visible(article.text[span.start : span.end], True) + "\n")
        if claim.attribution:
            text.append(f"Attributed to: {visible(claim.attribution, True)}\n")
        if claim.rationale:
            text.append(f"Rationale: {visible(claim.rationale, True)}\n")
        text.append(f"\nEvidence ({len(evidence)})\n", style="bold")
        for item in evidence:
            text.append(f"{item['stance']}: ", style="bold")
            text.append(
                visible(f"{item['title'] or ''} {item['final_url'] or item['requested']}", True)
                + "\n"
            )
            text.append(
                f"  sha256 {item['raw_sha256']} · fetched {item['fetched_at'][:16]}\n", style="dim"
            )
            if item["excerpt"]:
                text.append("  “" + visible(item["excerpt"], True) + "”\n", style="italic")
        matches = self.workbench.kept_matches(claim.id)  # kept: no matching runs here
        if matches:
            text.append("\n")
            text.append_text(describe_matches(matches, hint=False))
            text.append("\n")
        text.append("\nHistory\n", style="bold")
        for event in self.workbench.history(claim_id=claim.id):
            text.append(f"{event.at:%Y-%m-%d %H:%M} {visible(event.actor, True)}: ", style="dim")
            text.append(visible(event.summary, True) + "\n")
        with Vertical():
            with VerticalScroll():
                yield Static(text)
            yield Label(Text("escape closes"), classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
