"""The export dialog: format, claims and path chosen on screen, the file written in a
worker, never over an existing file without a yes, with the mode the umask gives."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from tests.conftest import SEED, Run
from workbench.config import Settings
from workbench.tui.app import WorkbenchApp
from workbench.tui.confirm import ConfirmDialog
from workbench.tui.export import ExportDialog
from workbench.tui.review import ReviewScreen


def app_for(db: Path) -> WorkbenchApp:
    return WorkbenchApp(Settings(db=db, reviewer="alice"))


async def test_export_dialog_writes_in_a_worker_and_asks_before_replacing(
    db_path: Path, seeded: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    old_umask = os.umask(0o022)
    try:
        app = app_for(db_path)
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await pilot.pause()
            await pilot.press("v", "j", "x")  # one verified, one disputed
            await pilot.press("E")
            assert isinstance(app.screen, ExportDialog)
            dialog = app.screen
            dialog.query_one("#scope").value = "decided"  # type: ignore[attr-defined]
            await pilot.pause()
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            written = tmp_path / f"workbench-article-{seeded}-decided.html"
            assert isinstance(app.screen, ReviewScreen)
            html = written.read_text()
            assert "Verified" in html and "Disputed" in html  # both verdicts, as chosen
            assert stat.S_IMODE(written.stat().st_mode) == 0o644
            assert any(str(written) in n.message for n in app._notifications)
            # both verdicts have no source: the public page shows none, the screen says so
            assert any(
                n.message.startswith(
                    "2 claim(s) of this public report are decided with no source attached"
                )
                and n.severity == "warning"
                for n in app._notifications
            )

            # again to the same file: asked; no keeps it, yes replaces it
            written.write_text("mine")
            await pilot.press("E")
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            dialog.query_one("#scope").value = "decided"  # type: ignore[attr-defined]
            await pilot.pause()
            await pilot.press("enter")
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("n")
            await pilot.pause()
            assert written.read_text() == "mine" and app.screen is dialog
            await pilot.press("enter", "y")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "Disputed" in written.read_text()
            assert isinstance(app.screen, ReviewScreen)
    finally:
        os.umask(old_umask)


async def test_export_dialog_says_why_it_cannot_write(
    db_path: Path, seeded: int, tmp_path: Path
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("E")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        await pilot.press("ctrl+u", *str(tmp_path / "no" / "such" / "dir.html"), "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(dialog.query_one("#status").render())
        assert "not written" in status and "does not exist" in status
        assert app.screen is dialog and not (tmp_path / "no").exists()


@pytest.mark.parametrize(
    "size", [(80, 24), (120, 40), (200, 50)], ids=["80x24", "120x40", "200x50"]
)
def test_export_dialog_snapshots(
    snap_compare: Any,
    run: Run,
    db_path: Path,
    size: tuple[int, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)  # the default path is relative to it
    run("import", str(SEED), "--title", "India and China review ties")

    async def open_the_dialog(pilot: Any) -> None:
        await pilot.press("E")
        await pilot.pause()
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False  # else the shot catches the cursor on or off at random

    assert snap_compare(app_for(db_path), run_before=open_the_dialog, terminal_size=size)


async def test_export_dialog_keeps_the_sources_copies_beside_a_public_report(
    run: Run, db_path: Path, seeded: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "customs.html"
    page.write_bytes(b"<html><title>Customs</title><p>Trade reached $155.62 billion.</p></html>")
    claim = next(c for c in run.json("claims", "--json") if "$155.62" in c["text"])
    assert run("attach", str(claim["id"]), str(page)).exit_code == 0
    assert run("mark", str(claim["id"]), "verified").exit_code == 0
    # the command line's report of the same claims, for comparison
    cli = tmp_path / "cli" / "report.html"
    cli.parent.mkdir()
    assert (
        run("export", "--format", "html", "--article", str(seeded), "-o", str(cli)).exit_code == 0
    )
    screen_dir = tmp_path / "screen"
    screen_dir.mkdir()
    monkeypatch.chdir(screen_dir)
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("E")
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("enter")  # HTML of the verified claims, public: the default
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    report = screen_dir / f"workbench-article-{seeded}-verified.html"
    copies = screen_dir / f"workbench-article-{seeded}-verified-sources"
    assert sorted(p.name for p in screen_dir.iterdir()) == sorted([report.name, copies.name])
    assert [p.name for p in copies.iterdir()] == ["source-1.html"]
    assert (copies / "source-1.html").read_bytes() == page.read_bytes()
    assert f'href="{copies.name}/source-1.html"' in report.read_text()
    # the same files as the command line writes, under the report's own name
    kept = cli.parent / "report-sources" / "source-1.html"
    assert kept.read_bytes() == (copies / "source-1.html").read_bytes()
    assert report.read_text().replace(copies.name, "report-sources") == cli.read_text()
