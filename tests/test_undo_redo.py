"""Undo never deletes a colleague's work; undoing an import needs intent and can be
redone (the article's text is kept in the event log); redo is the undo of an undo."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Run


def _page(tmp_path: Path) -> Path:
    page = tmp_path / "customs.html"
    page.write_text(
        "<html><body><article><p>Official figures show bilateral trade reached $155.6bn"
        " in 2025.</p></article></body></html>",
        encoding="utf-8",
    )
    return page


def _one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    return lines[0]


def _articles_and_claims(db_path: Path) -> tuple[list[tuple[object, ...]], ...]:
    with sqlite3.connect(db_path) as conn:
        return (
            conn.execute("SELECT * FROM articles ORDER BY id").fetchall(),
            conn.execute("SELECT * FROM claims ORDER BY id").fetchall(),
            conn.execute("SELECT * FROM claim_spans ORDER BY claim_id, ordinal").fetchall(),
        )


def test_undoing_an_import_never_deletes_a_claim_a_colleague_added(
    run: Run, seeded: int, db_path: Path, tmp_path: Path, digest: Callable[[Path], str]
) -> None:
    bob = run.json("--reviewer", "bob", "add", str(seeded), "0", "61", "--json")["id"]
    assert run("--reviewer", "bob", "mark", str(bob), "verified").exit_code == 0
    assert run("--reviewer", "bob", "attach", str(bob), str(_page(tmp_path))).exit_code == 0
    before = digest(db_path)
    refused = run("undo", "--force")  # alice's last change is the import
    assert refused.exit_code == 1
    line = _one_error_line(refused.stderr)
    assert f"claim {bob}" in line and "bob" in line
    assert digest(db_path) == before
    shown = run.json("show", str(bob), "--json")
    assert shown["claim"]["status"] == "verified" and len(shown["evidence"]) == 1


def test_undoing_an_import_never_deletes_a_colleagues_verdict(
    run: Run, seeded: int, db_path: Path, digest: Callable[[Path], str]
) -> None:
    claim = run.json("claims", "--json")[3]["id"]
    run("--reviewer", "bob", "mark", str(claim), "disputed", "--note", "wrong year")
    before = digest(db_path)
    refused = run("undo", "--force")
    assert refused.exit_code == 1 and "bob" in _one_error_line(refused.stderr)
    assert digest(db_path) == before
    # once bob takes his verdict back, nothing of his is lost: the import can go
    assert run("--reviewer", "bob", "undo").exit_code == 0
    assert run("undo", "--force").exit_code == 0
    assert run.json("articles", "--json") == []


def test_undoing_an_import_needs_force_and_redo_brings_the_article_back(
    run: Run, seeded: int, db_path: Path, digest: Callable[[Path], str]
) -> None:
    kept = _articles_and_claims(db_path)
    before = digest(db_path)
    asked = run("undo")
    assert asked.exit_code == 1
    assert "--force" in _one_error_line(asked.stderr)
    assert digest(db_path) == before
    assert run("undo", "--force").exit_code == 0
    assert run.json("articles", "--json") == [] and run.json("claims", "--json") == []
    redone = run("redo")
    assert redone.exit_code == 0 and "redid: imported" in redone.stderr
    after = _articles_and_claims(db_path)
    assert after[0] == kept[0]  # the article, its text included, exactly as imported
    # every claim back with its id, words and spans (only version and stamps moved on)
    assert [(c[0], c[3], c[5], c[6]) for c in after[1]] == [
        (c[0], c[3], c[5], c[6]) for c in kept[1]
    ]
    assert after[2] == kept[2]
    assert run.json("search", "soldiers", "--json")["claims"]
    # and again: undo the redo (it deletes the article once more, so it asks), redo it
    assert run("undo").exit_code == 1
    assert run("undo", "--force").exit_code == 0 and run.json("articles", "--json") == []
    assert run("redo").exit_code == 0 and len(run.json("articles", "--json")) == 1
    assert run("doctor").exit_code == 0


def test_redo_applies_an_undone_change_again_until_a_new_change(run: Run, seeded: int) -> None:
    first, second = (c["id"] for c in run.json("claims", "--json")[:2])
    run("mark", str(first), "verified", "--note", "customs data")
    run("mark", str(second), "disputed")
    assert run("undo").exit_code == 0 and run("undo").exit_code == 0
    assert run.json("show", str(first), "--json")["claim"]["status"] == "unverified"
    assert run("redo").exit_code == 0  # the latest undo first: the first claim's verdict
    shown = run.json("show", str(first), "--json")["claim"]
    assert (shown["status"], shown["rationale"]) == ("verified", "customs data")
    assert run("undo").exit_code == 0  # undoing a redo
    assert run.json("show", str(first), "--json")["claim"]["status"] == "unverified"
    assert run("redo").exit_code == 0 and run("redo").exit_code == 0
    assert run.json("show", str(second), "--json")["claim"]["status"] == "disputed"
    nothing = run("redo")
    assert nothing.exit_code == 1 and "nothing to redo" in _one_error_line(nothing.stderr)
    assert run("undo").exit_code == 0
    run("edit", str(first), "A new change clears what could be redone.")
    assert run("redo").exit_code == 1
    assert run.json("show", str(second), "--json")["claim"]["status"] == "unverified"


def test_redo_never_overwrites_a_colleagues_change(run: Run, seeded: int) -> None:
    claim = run.json("claims", "--json")[0]["id"]
    run("mark", str(claim), "verified")
    run("undo")
    run("--reviewer", "bob", "mark", str(claim), "disputed")
    refused = run("redo")
    assert refused.exit_code == 1 and "bob" in _one_error_line(refused.stderr)
    assert run.json("show", str(claim), "--json")["claim"]["status"] == "disputed"


async def test_the_review_screen_asks_before_undoing_an_import(db_path: Path, seeded: int) -> None:
    from tests.test_tui import SIZE, app_for, claim_list, rows
    from workbench.tui.confirm import ConfirmDialog

    app = app_for(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("z")  # the only change is the import
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "deletes article" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert rows(db_path, "SELECT count(*) FROM articles") == [(1,)]
        await pilot.press("z")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert rows(db_path, "SELECT count(*) FROM articles") == [(0,)]
        assert claim_list(app).claims == []  # the screen stays, empty, and says so
        await pilot.press("Z")  # redo
        await pilot.pause()
        assert rows(db_path, "SELECT count(*) FROM articles") == [(1,)]
        assert len(claim_list(app).claims) == rows(db_path, "SELECT count(*) FROM claims")[0][0] > 0


async def test_rationale_and_edit_left_as_they_are_change_nothing(
    run: Run, db_path: Path, seeded: int
) -> None:
    from tests.test_tui import SIZE, app_for, current_id, rows

    app = app_for(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        claim = current_id(app)
    rationale = "Customs table 3.\nSecond line \x1b[31m kept\twith a tab"
    assert run("mark", str(claim), "verified", "--note", rationale).exit_code == 0
    with sqlite3.connect(db_path) as conn:  # a wording as an older version stored it
        conn.execute("UPDATE claims SET text = text || '  \x1b x' WHERE id = ?", [claim])
    [(text, version)] = rows(db_path, "SELECT text, version FROM claims WHERE id = ?", claim)
    events = rows(db_path, "SELECT count(*) FROM events")
    app = app_for(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert current_id(app) == claim
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    assert rows(db_path, "SELECT rationale, text, version FROM claims WHERE id = ?", claim) == [
        (rationale, text, version)
    ]
    assert rows(db_path, "SELECT count(*) FROM events") == events
    assert run("edit", str(claim), text).exit_code == 0  # the same, from the command line
    assert rows(db_path, "SELECT count(*) FROM events") == events


def test_history_shows_no_article_text(run: Run, seeded: int) -> None:
    run("undo", "--force")
    run("redo")
    for event in run.json("history", "--json"):
        for side in ("before", "after"):
            for state in event[side].get("articles", {}).values():
                assert "text" not in state
