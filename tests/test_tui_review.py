"""The review screen at work: verdicts on dismissed claims, colleagues' changes arriving
live, help per screen. Pilot drives the app; the database is read to check outcomes."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from textual.widgets import ProgressBar, Static

from workbench.config import Settings
from workbench.store import Store
from workbench.tui.app import WorkbenchApp
from workbench.tui.confirm import ConfirmDialog
from workbench.tui.evidence import EvidencePane
from workbench.tui.help import HelpScreen
from workbench.tui.review import ReviewScreen
from workbench.tui.triage import TriageScreen, TriageSummary
from workbench.tui.widgets import ClaimList

SIZE = (150, 45)


def app_for(db: Path, **settings: Any) -> WorkbenchApp:
    return WorkbenchApp(Settings(db=db, reviewer="alice", **settings))


def rows(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def review(app: WorkbenchApp) -> ReviewScreen:
    return next(s for s in reversed(app.screen_stack) if isinstance(s, ReviewScreen))


async def test_a_verdict_on_a_dismissed_claim_restores_it_first(db_path: Path, seeded: int) -> None:
    app = app_for(db_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        claims = review(app).query_one(ClaimList)
        assert claims.current is not None
        claim = claims.current.id
        await pilot.press("D")
        assert rows(db_path, "SELECT dismissed FROM claims WHERE id = ?", claim) == [(1,)]
        assert claims.current is not None and claims.current.id == claim  # followed it down
        await pilot.press("v")
        assert rows(db_path, "SELECT dismissed, status FROM claims WHERE id = ?", claim) == [
            (0, "verified")
        ]
        messages = [n.message for n in app._notifications]
        assert any(f"claim {claim} was dismissed: restored" in m for m in messages), messages
        # the warning names the key of this screen, not a command line
        warning = next(m for m in messages if "no evidence" in m)
        assert "press a" in warning and "workbench attach" not in warning
        assert claims.current is not None and claims.current.id == claim


async def test_a_colleagues_change_shows_within_a_second(db_path: Path, seeded: int) -> None:
    app = app_for(db_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        claims = review(app).query_one(ClaimList)
        assert claims.current is not None
        current, other = claims.current.id, claims.claims[3].id
        with Store(db_path) as colleague:  # another connection, as another process has
            colleague.update_claim(other, {"status": "disputed"}, "bob", "status", "bob")
            committed = time.monotonic()
        seen = None
        for _ in range(400):  # bounded: pause until the list shows it
            await pilot.pause(0.01)
            shown = next(c for c in claims.claims if c.id == other)
            if shown.status.value == "disputed":
                seen = time.monotonic() - committed
                break
        assert seen is not None and seen <= 1.0, seen
        assert "1/" in str(review(app).query_one("#counts").render())
        assert not any("changed by" in n.message for n in app._notifications)  # not ours

        with Store(db_path) as colleague:
            colleague.update_claim(current, {"rationale": "Army data"}, "bob", "rationale", "r")
        pane = review(app).query_one(EvidencePane)
        said = f"claim {current} was changed by bob: now unverified"
        for _ in range(400):  # the notification is a message the app handles after the pane
            await pilot.pause(0.01)
            if "Army data" in str(pane.body) and any(n.message == said for n in app._notifications):
                break
        assert "Army data" in str(pane.body)
        messages = [n.message for n in app._notifications]
        assert said in messages


async def test_help_explains_each_key_once_per_screen(db_path: Path, seeded: int) -> None:
    app = app_for(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t")
        assert isinstance(app.screen, TriageScreen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = [k for key in app.screen.keys for k in key.split(",")]
        assert len(keys) == len(set(keys)), keys  # q ends triage; it is not also "quit"
        assert "q" in keys and "v" in keys
        assert app.screen.heading == "Keys of triage"


async def test_triage_asks_once_about_missing_evidence_and_offers_the_skipped(
    db_path: Path, seeded: int
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        triage = app.screen
        assert isinstance(triage, TriageScreen)
        order = [c.id for c in triage.queue]
        await pilot.press("v")  # no evidence: a question, nothing written yet
        assert isinstance(app.screen, ConfirmDialog)
        assert rows(db_path, "SELECT status FROM claims WHERE id = ?", order[0]) == [
            ("unverified",)
        ]
        await pilot.press("n")  # no: still on the same claim, undecided
        assert triage.current is not None and triage.current.id == order[0]
        await pilot.press("v", "y")  # yes: decided, and not asked again in this session
        await pilot.press("x")
        assert app.screen is triage
        await pilot.press("s", "D", "s")
        bar = triage.query_one(ProgressBar)
        assert bar.progress == 3  # decisions, not the position (5)
        assert "claim 6 of" in str(triage.query_one("#position").render())
        await pilot.press("q")
        summary = app.screen
        assert isinstance(summary, TriageSummary)
        assert summary.counts["verified"] == 1 and summary.counts["disputed"] == 1
        assert summary.counts["dismissed"] == 1
        # two skipped; the claims the walk never reached are not counted as skipped
        assert summary.counts["skipped"] == 2
        assert summary.counts["not reached"] == len(order) - 5
        shown = str(summary.query_one("#breakdown", Static).render())
        assert shown.startswith(f"3 decided of {len(order)} in 0:") and ", one every " in shown
        await pilot.press("s")  # walk those left again: the two skipped come first
        assert app.screen is triage
        assert [c.id for c in triage.queue][:2] == [order[2], order[4]]
        assert len(triage.queue) == len(order) - 3
    statuses = dict(rows(db_path, "SELECT id, status FROM claims"))
    assert (statuses[order[0]], statuses[order[1]]) == ("verified", "disputed")
    sessions = rows(db_path, "SELECT decided, ended_at IS NOT NULL FROM review_sessions")
    assert sessions[0] == (3, 1) and len(sessions) == 2


async def test_triage_refuses_a_verdict_without_evidence_when_the_config_says_so(
    db_path: Path, seeded: int
) -> None:
    app = app_for(db_path, require_evidence=True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("t", "v", "x")
        assert isinstance(app.screen, TriageScreen)
        assert rows(db_path, "SELECT count(*) FROM claims WHERE status != 'unverified'") == [(0,)]
        assert any("require_evidence" in n.message for n in app._notifications)
        await pilot.press("D")  # dismissing needs no evidence
        assert rows(db_path, "SELECT count(*) FROM claims WHERE dismissed = 1") == [(1,)]


async def test_each_reviewer_reopens_the_article_where_they_left_it(
    db_path: Path, seeded: int
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("j", "j", "j")
        left_on = review(app).claim_list.current
        assert left_on is not None
        await pilot.press("q")
    assert rows(db_path, "SELECT reviewer, claim_id FROM review_positions") == [
        ("alice", left_on.id)
    ]
    again = app_for(db_path)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        current = review(again).claim_list.current
        assert current is not None and current.id == left_on.id
    bob = WorkbenchApp(Settings(db=db_path, reviewer="bob"))
    async with bob.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert review(bob).claim_list.cursor == 0  # bob has not been here: the top
