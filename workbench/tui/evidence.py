"""The evidence pane: the current claim, its decision, and each evidence item."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlparse

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from workbench.models import Claim
from workbench.numbers import check_figures
from workbench.tui.text import visible


class EvidencePane(VerticalScroll, can_focus=True):
    """The current claim: its decision, and each piece of evidence with its figures."""

    DEFAULT_CSS = "EvidencePane { background: $surface; padding: 0 1; }"

    def compose(self) -> ComposeResult:
        yield Static(id="evidence-body")

    def show(self, claim: Claim | None, evidence: Sequence[dict[str, Any]]) -> None:
        body = self.query_one("#evidence-body", Static)
        if claim is None:
            body.update(Text("No claim selected.", style="dim"))
            return
        text = Text()
        status = "dismissed" if claim.dismissed else claim.status.value
        text.append(f"Claim {claim.id}", style="bold")
        text.append(f" · {claim.kind.value} · check-worthiness {claim.checkworthiness:.2f} · ")
        text.append(status, style="bold")
        if claim.decided_by and claim.decided_at:
            text.append(f" by {visible(claim.decided_by, True)} {claim.decided_at:%Y-%m-%d %H:%M}")
        text.append("\n")
        text.append(visible(claim.text, True) + "\n", style="bold")
        if claim.attribution:
            text.append("Attributed to: ", style="dim")
            text.append(visible(claim.attribution, True) + "\n")
        if claim.rationale:
            text.append("Rationale: ", style="dim")
            text.append(visible(claim.rationale, True) + "\n")
        if claim.status.decided and not evidence:
            text.append("Decided with no evidence attached.\n", style="bold yellow")
        text.append(f"\nEvidence ({len(evidence)})", style="bold underline")
        if not evidence:
            text.append("\nNone yet: press a to attach a source.", style="dim")
        for item in evidence:
            where = item["final_url"] or item["requested"]
            domain = urlparse(where).netloc or where
            colour = {"supports": "green", "refutes": "red"}.get(item["stance"], "cyan")
            text.append(f"\n● {item['stance']:<8} ", style=f"bold {colour}")
            text.append(visible(item["title"] or where, True), style="bold")
            text.append(f"  {visible(domain, True)}\n", style="dim")
            if item["excerpt"]:
                text.append("  “" + visible(item["excerpt"], True) + "”\n", style="italic")
                verdict, checks = check_figures(claim.text, item["excerpt"])
                if verdict is not None:
                    text.append(f"  figures: {verdict.value}", style="bold")
                    details = ", ".join(
                        f"{c.claimed} ~ {c.stated}" if c.stated else f"{c.claimed} absent"
                        for c in checks
                    )
                    text.append(f"  {visible(details, True)}\n", style="dim")
            if item["note"]:
                text.append(f"  note: {visible(item['note'], True)}\n", style="dim")
        body.update(text)
