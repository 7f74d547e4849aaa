"""Asking for text about the review screen's current claim (a rationale, its wording)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.models import Claim
    from workbench.tui.review import ReviewScreen


def ask_about_current(
    screen: ReviewScreen,
    title: str,
    value: str,
    change: Callable[[Claim, str], Claim],
    one_line: bool,
) -> None:
    """Ask for text about the review screen's current claim in an editor, then apply
    `change` with it."""
    claim = screen._current()
    if claim is None:
        return

    def save(text: str | None) -> None:
        if text is None or text == value:
            return
        updated = screen.call(lambda: change(claim, text), claim.id)
        if updated:
            screen._updated(updated)

    from workbench.tui.editor import EditorDialog  # its TextArea: loaded when first asked

    screen.app.push_screen(EditorDialog(title.format(id=claim.id), value, one_line), save)
