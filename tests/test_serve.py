"""`workbench serve`: a real server on 127.0.0.1, real session processes, real Chromium."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import SEED, Run
from tests.desk import CHROMEDRIVER, CHROMIUM, REVIEW_READY, chromium, serving

needs_browser = pytest.mark.skipif(
    (CHROMIUM is None or CHROMEDRIVER is None) and not os.environ.get("WORKBENCH_REQUIRE_BROWSER"),
    reason="needs Chromium and ChromeDriver (apt-get install chromium chromium-driver); "
    "CI installs them and requires these tests",
)


@pytest.fixture
def desk_db(run: Run, db_path: Path) -> Path:
    run.json("import", str(SEED), "--json")
    return db_path


def status_of(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def decisions(db: Path) -> list[tuple[int, str, str | None]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT id, status, decided_by FROM claims WHERE status != 'unverified' ORDER BY id"
        ).fetchall()


def wait_until(condition, timeout: float = 60.0, what: str = "condition"):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise TimeoutError(f"{what} not reached in {timeout} s")


def test_no_token_no_session(desk_db: Path) -> None:
    with serving(desk_db) as desk:
        for url in (
            f"{desk.base}/",
            f"{desk.base}/?token=wrong",
            f"{desk.base}/?token={desk.token}x",
            f"{desk.base}/ws/wrong",
            f"{desk.base}/ws/wrong/alice",
        ):
            code, body = status_of(url)
            assert code == 403, url
            assert "carries the token" in body
        assert desk.session_pids() == []
        code, page = status_of(desk.url)
        assert code == 200
        assert f"/ws/{desk.token}" in page
        assert "googleapis" not in page  # nothing fetched from elsewhere at run time
        # behind a TLS proxy the page points its websocket where the browser reached the page
        proxied = urllib.request.Request(
            desk.url, headers={"Host": "desk.example", "X-Forwarded-Proto": "https"}
        )
        with urllib.request.urlopen(proxied, timeout=30) as response:
            assert f"wss://desk.example/ws/{desk.token}" in response.read().decode()
        code, body = status_of(f"{desk.url}&reviewer=%1b%5b2J")
        assert code == 400 and "control characters" in body


def test_public_address_needs_public(run: Run, desk_db: Path) -> None:
    result = run("serve", "--host", "0.0.0.0", "--port", "1")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "--public" in result.stderr


def test_missing_database_is_refused(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    result = run("--db", str(missing), "serve", db=False)
    assert result.exit_code == 1
    assert "no database" in result.stderr
    assert not missing.exists()


async def _session(desk_port: int, path: str) -> tuple[object, object]:
    import aiohttp

    http = aiohttp.ClientSession()
    ws = await http.ws_connect(f"http://127.0.0.1:{desk_port}{path}?width=120&height=40")
    return http, ws


async def _read_until(ws, text: str, timeout: float = 60.0) -> str:  # type: ignore[no-untyped-def]
    seen = ""
    async with asyncio.timeout(timeout):
        while text not in seen:
            message = await ws.receive()
            if message.type.name in ("CLOSE", "CLOSED", "CLOSING", "ERROR"):
                raise ConnectionError(f"session closed before showing {text!r}")
            if isinstance(message.data, bytes):
                seen += message.data.decode("utf-8", "replace")
    return seen


def test_limits_and_a_killed_session_harm_nothing(run: Run, desk_db: Path) -> None:
    async def scenario() -> None:
        with serving(desk_db, "--max-sessions", "1", "--idle-minutes", "0.25") as desk:
            http, ws = await _session(desk.port, f"/ws/{desk.token}/carol")
            try:
                await _read_until(ws, REVIEW_READY)
                # the desk is full: a second browser gets 503 and no process
                code, body = await asyncio.to_thread(status_of, desk.url)
                assert code == 503 and "full" in body
                assert len(desk.session_pids()) == 1
                await ws.send_str(json.dumps(["stdin", "v"]))
                wait_until(lambda: decisions(desk_db), what="carol's verdict")
                # the session's process dies: nothing acknowledged is lost
                for pid in desk.session_pids():
                    os.kill(pid, signal.SIGKILL)
                await _read_until_closed(ws)
            finally:
                await http.close()  # type: ignore[attr-defined]
            assert decisions(desk_db)[0][1:] == ("verified", "carol")
            # a session left idle is ended (15 s here) and its process is gone
            http, ws = await _session(desk.port, f"/ws/{desk.token}/dave")
            try:
                await _read_until(ws, REVIEW_READY)
                await _read_until_closed(ws, timeout=60)
            finally:
                await http.close()  # type: ignore[attr-defined]
            wait_until(lambda: desk.session_pids() == [], what="the idle session's end")

    asyncio.run(scenario())
    doctor = run("doctor")
    assert doctor.exit_code == 0, doctor.stdout


async def _read_until_closed(ws, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    async with asyncio.timeout(timeout):
        while True:
            message = await ws.receive()
            if message.type.name in ("CLOSE", "CLOSED", "CLOSING", "ERROR"):
                return


@needs_browser
def test_reviewer_marks_a_claim_in_chromium(desk_db: Path) -> None:
    with serving(desk_db) as desk, chromium() as page:
        page.open(f"{desk.base}/")
        assert "403" in page.body_text()
        assert desk.session_pids() == []
        page.open(desk.url)
        page.wait_for_text("Your name")
        before = len(page.screen())
        page.type("Priya Nair\n")
        page.wait_for_text(REVIEW_READY, after=before)
        page.type("j")
        page.type("v")
        wait_until(lambda: decisions(desk_db), what="the verdict in the database")
        (claim_id, status, decided_by), *others = decisions(desk_db)
        assert (status, decided_by, others) == ("verified", "Priya Nair", [])
        with sqlite3.connect(desk_db) as conn:
            actors = {
                row[0]
                for row in conn.execute("SELECT actor FROM events WHERE claim_id = ?", (claim_id,))
            }
            second = conn.execute(
                "SELECT id FROM claims WHERE dismissed = 0 "
                "ORDER BY checkworthiness DESC, position LIMIT 1 OFFSET 1"
            ).fetchone()[0]
        assert actors == {"Priya Nair"}
        assert claim_id == second  # `j` moved to the second claim of the list


@needs_browser
def test_two_browsers_one_claim_no_lost_update(desk_db: Path) -> None:
    with serving(desk_db) as desk, chromium() as alice, chromium() as bob:
        alice.open(f"{desk.url}&reviewer=alice")
        bob.open(f"{desk.url}&reviewer=bob")
        alice.wait_for_text(REVIEW_READY)
        bob.wait_for_text(REVIEW_READY)
        marks = [
            threading.Thread(target=alice.type, args=("v",)),
            threading.Thread(target=bob.type, args=("x",)),
        ]
        for thread in marks:
            thread.start()
        for thread in marks:
            thread.join()

        def settled() -> list[tuple[str, dict]] | None:
            with sqlite3.connect(desk_db) as conn:
                rows = conn.execute(
                    "SELECT actor, before, after FROM events WHERE action = 'status' ORDER BY id"
                ).fetchall()
            refused = [p for p in (alice, bob) if "Changed by someone else" in p.screen()]
            if len(rows) == 2 or (len(rows) == 1 and refused):
                return [(actor, json.loads(after)) for actor, _, after in rows]
            return None

        events = wait_until(settled, what="both marks answered")
        (claim_id, _status, decided_by), *others = decisions(desk_db)
        assert others == []
        if len(events) == 1:
            # the usual case: both acted on the same version; the later one was refused
            winner = events[0][0]
            assert decided_by == winner
            loser = bob if winner == "alice" else alice
            assert "Changed by someone else" in loser.screen()
        else:
            # the later one had already seen the first change live: nothing was lost
            first_after = events[0][1]["claims"][str(claim_id)]
            with sqlite3.connect(desk_db) as conn:
                second_before = json.loads(
                    conn.execute(
                        "SELECT before FROM events WHERE action = 'status' ORDER BY id DESC LIMIT 1"
                    ).fetchone()[0]
                )["claims"][str(claim_id)]
            assert second_before["version"] == first_after["version"]
