"""The evidence side of the review screen through Textual's Pilot: the stance asked after
the passage, suggested by the figure check and confirmed once against a mismatch; every
evidence item in the pane with its check and drift; its keys; the kept copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.conftest import Run
from tests.test_sources import WRONG
from tests.test_tui import PAGE, SIZE, app_for, claim_list, rows
from workbench.tui.attach import AttachDialog
from workbench.tui.evidence import EvidencePane
from workbench.tui.evidence_dialogs import ChoiceDialog, KeptCopyScreen
from workbench.tui.review import ReviewScreen


def pane_text(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(EvidencePane).body)


async def go_to_trade_claim(app, pilot) -> int:  # type: ignore[no-untyped-def]
    """Move down the claims list to the $155.62 billion claim (wherever the ranking puts it)."""
    for _ in range(60):
        claim = claim_list(app).current
        if claim is not None and "$155.62" in claim.text:
            return claim.id
        await pilot.press("j")
    raise AssertionError("no $155.62 billion claim in the list")


async def test_the_stance_follows_the_passage_and_a_mismatch_is_confirmed(
    db_path: Path, seeded: int, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/wrong").respond_with_data(WRONG, content_type="text/html")
    app = app_for(db_path, allow_private=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        claim = await go_to_trade_claim(app, pilot)
        await pilot.press("a", *httpserver.url_for("/wrong"), "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")  # the passage: $140 billion, a mismatch
        await pilot.pause()
        stances = app.screen.query_one("#stances")
        assert stances.highlighted == 1  # refutes, suggested by the mismatch
        await pilot.press("home", "enter")  # supports, against the figures: asked once
        await pilot.pause()
        assert isinstance(app.screen, AttachDialog)
        assert "mismatch" in str(app.screen.query_one("#status").render())
        assert rows(db_path, "SELECT count(*) FROM evidence") == [(0,)]
        await pilot.press("enter")  # confirmed
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert rows(db_path, "SELECT stance FROM evidence WHERE claim_id = ?", claim) == [
            ("supports",)
        ]
        assert "figures: mismatch" in pane_text(app)


@pytest.fixture
def two_sources(
    run: Run, seeded: int, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> int:
    monkeypatch.setenv("WORKBENCH_ALLOW_PRIVATE", "1")
    httpserver.expect_request("/customs").respond_with_data(PAGE, content_type="text/html")
    httpserver.expect_request("/wrong").respond_with_data(WRONG, content_type="text/html")
    claim = next(c["id"] for c in run.json("claims", "--json") if "$155.62" in c["text"])
    run("attach", str(claim), httpserver.url_for("/customs"), "--stance", "supports")
    run("attach", str(claim), httpserver.url_for("/wrong"))
    httpserver.clear()
    httpserver.expect_request("/customs").respond_with_data(
        PAGE.replace("reached $155.6bn in 2025", "grew"), content_type="text/html"
    )
    httpserver.expect_request("/wrong").respond_with_data(WRONG, content_type="text/html")
    run("recheck")
    return int(claim)


async def test_the_pane_shows_every_item_and_its_keys_edit_them(
    db_path: Path, two_sources: int
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert await go_to_trade_claim(app, pilot) == two_sources
        text = pane_text(app)
        assert "Evidence (2)" in text and "Customs data 2025" in text and "Trade note" in text
        assert "figures: near" in text and "figures: mismatch" in text
        assert "no longer on the live page since" in text
        pane = app.screen.query_one(EvidencePane)
        pane.focus()
        await pilot.press("j")  # the second item: the think tank's $140 billion
        await pilot.press("s")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("up", "enter")  # context → refutes
        await pilot.pause()
        second = rows(db_path, "SELECT id FROM evidence ORDER BY id")[1][0]
        assert rows(db_path, "SELECT stance FROM evidence WHERE id = ?", second) == [("refutes",)]
        await pilot.press("n", *"partial data", "enter")
        await pilot.pause()
        assert rows(db_path, "SELECT note FROM evidence WHERE id = ?", second) == [
            ("partial data",)
        ]
        await pilot.press("o")
        assert isinstance(app.screen, KeptCopyScreen)
        copy = app.screen.query_one("#kept-copy").render()
        assert "$140 billion" in str(copy)
        await pilot.press("escape", "d")
        await pilot.pause()
        assert rows(db_path, "SELECT count(*) FROM evidence") == [(1,)]
        assert "Evidence (1)" in pane_text(app)
        await pilot.press("z")  # the screen's undo brings it back
        await pilot.pause()
        assert rows(db_path, "SELECT count(*) FROM evidence") == [(2,)]
