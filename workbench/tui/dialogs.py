"""Modal dialogs of the review screen. Every label that holds data is a Text, never markup."""

from __future__ import annotations

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
