"""Reshaping claims in the review screen, as a reviewer does it: select words in the
article and add them as a claim (keyboard and mouse); merge with a claim picked in
article order, the wording shown first; split at the extractor's clause boundary, each
part a claim, both verdicts cleared and kept in history. Pilot drives the app; the
database is read to check outcomes."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

from textual.widgets import OptionList, Static

from tests.conftest import SEED
from workbench.config import Settings
from workbench.tui.app import WorkbenchApp
from workbench.tui.article import SelectableArticle
from workbench.tui.evidence import EvidencePane
from workbench.tui.reshape import MergeDialog, SplitDialog
from workbench.tui.review import ReviewScreen
from workbench.tui.widgets import ClaimList

SIZE = (150, 45)
TEXT = SEED.read_text(encoding="utf-8")


def app_for(db: Path) -> WorkbenchApp:
    return WorkbenchApp(Settings(db=db, reviewer="alice"))


def rows(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def review(app: WorkbenchApp) -> ReviewScreen:
    return next(s for s in reversed(app.screen_stack) if isinstance(s, ReviewScreen))


def current(app: WorkbenchApp) -> Any:
    claim = review(app).query_one(ClaimList).current
    assert claim is not None
    return claim


async def goto(pilot: Any, app: WorkbenchApp, words: str) -> None:
    claims = review(app).query_one(ClaimList).claims
    target = next(i for i, c in enumerate(claims) if words in c.text)
    review(app).query_one(ClaimList).move_to(target)
    await pilot.pause()


async def test_words_selected_with_the_keyboard_become_a_claim(db_path: Path, seeded: int) -> None:
    app = app_for(db_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await goto(pilot, app, "$155.62")
        article = review(app).query_one(SelectableArticle)
        await pilot.press("tab")
        assert article.has_focus
        start = current(app).start
        assert article.cursor == start  # the cursor starts on the current claim's words
        await pilot.press("shift+right", "shift+right", "shift+right")
        assert article.selection == (start, start + len("Bilateral trade touched"))
        await pilot.press("enter")
        [(claim_id, text, kind, score, origin)] = rows(
            db_path,
            "SELECT id, text, kind, checkworthiness, origin FROM claims WHERE origin = 'manual'",
        )
        assert text == "Bilateral trade touched." and origin == "manual"
        assert 0 <= score <= 1 and kind
        assert rows(
            db_path, 'SELECT start, "end" FROM claim_spans WHERE claim_id = ?', claim_id
        ) == [(start, start + len("Bilateral trade touched"))]
        assert current(app).id == claim_id  # the list follows the new claim
        assert any(f"added claim {claim_id}" in n.message for n in app._notifications)
        # nothing selected: enter is the screen's again (the claim in detail), not an add
        await pilot.press("escape", "enter")
        assert rows(db_path, "SELECT count(*) FROM claims WHERE origin = 'manual'") == [(1,)]
        await pilot.press("escape", "z")
        assert rows(db_path, "SELECT count(*) FROM claims WHERE origin = 'manual'") == [(0,)]


async def test_a_mouse_drag_selects_whole_words(db_path: Path, seeded: int) -> None:
    app = app_for(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        article = review(app).query_one(SelectableArticle)
        top = int(article.scroll_offset.y)
        # the first line on screen with four words: from inside its second word to inside
        # its fourth, which selects the second to the fourth whole
        y, words = next(
            (y, found)
            for y in range(article.scrollable_content_region.height)
            for found in [list(re.finditer(r"\S+", TEXT[slice(*article._lines[top + y])]))]
            if len(found) >= 4
        )
        line_start = article._lines[top + y][0]
        x0, x1 = words[1].start() + 1, words[3].start() + 2
        padding = article.styles.padding.left
        await pilot.mouse_down(article, offset=(padding + x0, y))
        await pilot.hover(article, offset=(padding + x1, y))
        await pilot.mouse_up(article, offset=(padding + x1, y))
        selected = article.selection
        assert selected == (line_start + words[1].start(), line_start + words[3].end())
        assert article.has_focus
        await pilot.press("enter")
        assert rows(
            db_path,
            'SELECT s.start, s."end" FROM claim_spans s JOIN claims c ON c.id = s.claim_id'
            " WHERE origin = 'manual'",
        ) == [selected]


async def test_merge_picks_in_article_order_shows_the_wording_first_and_clears_verdicts(
    db_path: Path, seeded: int
) -> None:
    # the two claims decided differently: the merged statement is neither verdict's
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE claims SET status = 'disputed' WHERE text LIKE '%$155.62%'")
    conn.close()
    app = app_for(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await goto(pilot, app, "deficit widened")  # the later of the two trade claims
        await pilot.press("v")
        later = current(app)
        before = rows(db_path, "SELECT count(*) FROM claims")[0][0]
        await pilot.press("m")
        dialog = app.screen
        assert isinstance(dialog, MergeDialog)
        others = dialog.others
        assert [c.start for c in others] == sorted(c.start for c in others)  # article order
        options = dialog.query_one(OptionList)
        earlier = next(c for c in others if "$155.62" in c.text)
        ids = sorted((earlier.id, later.id))
        options.highlighted = others.index(earlier)
        await pilot.pause()
        preview = str(dialog.query_one("#merged", Static).render())
        wording = f"{earlier.text} {later.text}"  # in article order, whichever was current
        assert " ".join(wording.split()) in " ".join(preview.split())
        assert rows(db_path, "SELECT count(*) FROM claims")[0][0] == before  # nothing yet
        await pilot.press("enter")
        assert rows(db_path, "SELECT text FROM claims WHERE id = ?", earlier.id) == [(wording,)]
        assert rows(db_path, "SELECT count(*) FROM claims WHERE id = ?", later.id) == [(0,)]
        assert current(app).id == earlier.id
        assert rows(db_path, "SELECT status FROM claims WHERE id = ?", earlier.id) == [
            ("unverified",)
        ]
        assert "unverified" in str(review(app).query_one(EvidencePane).body)
        await pilot.press("z")  # history kept both verdicts: undo brings each back
        assert rows(
            db_path, "SELECT id, status FROM claims WHERE id IN (?, ?) ORDER BY id", *ids
        ) == sorted([(earlier.id, "disputed"), (later.id, "verified")])


async def test_split_at_the_extractors_clause_boundary_clears_both_verdicts(
    db_path: Path, seeded: int
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await goto(pilot, app, "$155.62")
        await pilot.press("m", "enter")  # the trade and the deficit claims as one
        merged = current(app)
        assert "$116.12" in merged.text
        await pilot.press("v")
        assert rows(db_path, "SELECT status FROM claims WHERE id = ?", merged.id) == [("verified",)]
        await pilot.press("s")
        dialog = app.screen
        assert isinstance(dialog, SplitDialog)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert dialog.proposals and dialog.proposals[0].found_by == "extractor"
        shown = str(dialog.query_one("#second", Static).render())
        assert "India’s trade deficit widened to $116.12 billion." in shown
        await pilot.press("enter")
        parts = rows(
            db_path,
            "SELECT id, text, status, rating, kind FROM claims"
            " WHERE id = ? OR id = (SELECT max(id) FROM claims)",
            merged.id,
        )
        texts = {text: status for _, text, status, _, _ in parts}
        assert texts == {
            "Bilateral trade touched a record high of $155.62 billion in 2025.": "unverified",
            "India’s trade deficit widened to $116.12 billion.": "unverified",
        }
        assert all(kind == "statistic" for *_, kind in parts)
        # history keeps the verdict the whole had; undo brings it back
        [(before,)] = rows(
            db_path, "SELECT before FROM events WHERE action = 'split' ORDER BY id DESC LIMIT 1"
        )
        assert '"status": "verified"' in before
        await pilot.press("z")
        assert rows(db_path, "SELECT status FROM claims WHERE id = ?", merged.id) == [("verified",)]


async def test_a_repeated_claim_is_not_split_and_the_screen_says_why(
    db_path: Path, seeded: int
) -> None:
    # the seed says the Yatra sentence twice: one claim with the words of both sentences;
    # a split used to cut through both and write "…five years the Kailash Mansarovar Yatra"
    before = rows(db_path, 'SELECT id, text, start, "end" FROM claims ORDER BY id')
    app = app_for(db_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await goto(pilot, app, "Kailash Mansarovar Yatra in 2025")
        assert len(current(app).spans) == 4  # two pieces in each of two sentences
        await pilot.press("s")
        await pilot.pause()
        assert not isinstance(app.screen, SplitDialog)
        assert [n.message for n in app._notifications][-1] == (
            "the claim's words are said 2 times in the article, one claim for all; a split"
            " would cut them together: edit the wording instead"
        )
    assert rows(db_path, 'SELECT id, text, start, "end" FROM claims ORDER BY id') == before
