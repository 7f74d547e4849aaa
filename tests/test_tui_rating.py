"""The rating picker and sign-off in the review screen, driven with Textual's Pilot."""

from __future__ import annotations

from pathlib import Path

from tests.test_tui import SIZE, claim_list, rows
from workbench.config import Settings
from workbench.tui.app import WorkbenchApp
from workbench.tui.rating import RatingDialog


async def test_rate_with_the_picker_then_approve_as_another_reviewer(
    db_path: Path, seeded: int
) -> None:
    app = WorkbenchApp(Settings(db=db_path, reviewer="alice"))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        claim = claim_list(app).current
        assert claim is not None
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, RatingDialog)
        await pilot.press("down", "enter")  # the second label, best first: "Mostly true"
        await pilot.pause()
        assert rows(db_path, "SELECT rating, status FROM claims WHERE id = ?", claim.id) == [
            ("Mostly true", "verified")
        ]
        await pilot.press("A")  # alice decided it: she cannot sign it off
        await pilot.pause()
        assert any("another reviewer must approve" in n.message for n in app._notifications)
        assert rows(db_path, "SELECT approved_by FROM claims WHERE id = ?", claim.id) == [(None,)]
        await pilot.press("R")
        await pilot.pause()
        await pilot.press("6")  # a digit picks the label at once: "False"
        await pilot.pause()
        assert rows(db_path, "SELECT rating, status FROM claims WHERE id = ?", claim.id) == [
            ("False", "disputed")
        ]
    app = WorkbenchApp(Settings(db=db_path, reviewer="bob"))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert claim_list(app).current is not None
        assert claim_list(app).current.id == claim.id
        await pilot.press("A")
        await pilot.pause()
        assert rows(db_path, "SELECT approved_by FROM claims WHERE id = ?", claim.id) == [("bob",)]
        assert any("approved by bob" in n.message for n in app._notifications)
