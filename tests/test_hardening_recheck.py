"""Issue 16, recheck: one source that cannot be fetched (a redirect to javascript:) is
reported and the others are still rechecked."""

from __future__ import annotations

import ctypes
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.conftest import REPO, Run

PAGE = (
    "<html><body><article><p>Bilateral trade reached $155.6bn in 2025.</p></article></body></html>"
)


@pytest.mark.parametrize("location", ["javascript:alert(1)", "data:text/html,hi", "ftp://x/y"])
def test_a_redirect_to_another_scheme_fails_one_source_not_the_batch(
    run: Run, seeded: int, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch, location: str
) -> None:
    monkeypatch.setenv("WORKBENCH_ALLOW_PRIVATE", "1")
    for name in ("a", "b"):
        httpserver.expect_request(f"/{name}").respond_with_data(PAGE, content_type="text/html")
        assert run("attach", "1", httpserver.url_for(f"/{name}")).exit_code == 0
    httpserver.clear()
    httpserver.expect_request("/a").respond_with_data(
        "", status=302, headers={"Location": location}
    )
    httpserver.expect_request("/b").respond_with_data(PAGE, content_type="text/html")
    result = run("recheck", "--json")
    assert result.exit_code == 1
    assert result.stderr == "error: 1 of 2 sources could not be fetched again\n"
    rows = {row["requested"].rsplit("/", 1)[1]: row for row in json.loads(result.stdout)}
    assert rows["a"]["status"] == "failed" and "http" in rows["a"]["error"]
    assert rows["b"]["status"] == "unchanged"


RAW_RESPONSES = {
    "conflicting Content-Length": b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
    b"Content-Length: 10\r\nContent-Length: 20\r\n\r\n<p>hi</p>",
    "bad Content-Length": b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
    b"Content-Length: ten\r\n\r\n<p>hi</p>",
    "bad chunk header": b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
    b"Transfer-Encoding: chunked\r\n\r\nzz\r\n<p>hi</p>\r\n0\r\n\r\n",
}


@pytest.fixture
def raw_server() -> Iterator[tuple[str, list[int], dict[str, bytes]]]:
    """A TCP server on 127.0.0.1 answering every connection with `reply["bytes"]`,
    counting the connections it accepts."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[int] = []
    reply: dict[str, bytes] = {}

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                accepted.append(1)
                conn.recv(65536)
                conn.sendall(reply["bytes"])

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/page", accepted, reply
    listener.close()


@pytest.mark.parametrize("case", sorted(RAW_RESPONSES))
def test_a_protocol_error_is_named_and_not_retried(
    run: Run,
    seeded: int,
    raw_server: tuple[str, list[int], dict[str, bytes]],
    monkeypatch: pytest.MonkeyPatch,
    case: str,
) -> None:
    monkeypatch.setenv("WORKBENCH_ALLOW_PRIVATE", "1")
    url, accepted, reply = raw_server
    reply["bytes"] = RAW_RESPONSES[case]
    result = run("attach", "1", url)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: 127.0.0.1 sent a malformed HTTP response"), (
        result.stderr
    )
    assert "could not connect" not in result.stderr
    assert len(accepted) == 1  # asked once: the same server gives the same answer


@pytest.fixture
def threaded_server() -> Iterator[HTTPServer]:
    """A server that answers the fast source while the slow one is held."""
    server = HTTPServer(threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


def _to_another_thread(pid: int) -> None:
    """Ctrl-C as the kernel may deliver it: to a thread of the process other than the
    main one (here the executor's, which resolved the host name)."""
    others = [int(t) for t in os.listdir(f"/proc/{pid}/task") if int(t) != pid]
    assert others, "the recheck has no other thread to take the signal"
    libc = ctypes.CDLL(None, use_errno=True)
    assert libc.tgkill(pid, others[0], signal.SIGINT) == 0, os.strerror(ctypes.get_errno())


@pytest.mark.parametrize("thread", ["process", "another thread"])
def test_an_interrupted_recheck_says_which_sources_it_kept(
    run: Run,
    seeded: int,
    db_path: Path,
    threaded_server: HTTPServer,
    monkeypatch: pytest.MonkeyPatch,
    thread: str,
) -> None:
    # a Ctrl-C taken by a thread other than the main one did not wake asyncio's loop: the
    # recheck went on waiting for the held source, up to the fetch timeout (seen in CI)
    httpserver = threaded_server
    monkeypatch.setenv("WORKBENCH_ALLOW_PRIVATE", "1")
    # the held source must still be waiting when the signal comes, however loaded the machine
    monkeypatch.setenv("WORKBENCH_FETCH_TIMEOUT", "600")
    for name in ("slow", "fast"):
        httpserver.expect_request(f"/{name}").respond_with_data(PAGE, content_type="text/html")
        assert run("attach", "1", httpserver.url_for(f"/{name}")).exit_code == 0
    httpserver.clear()
    release = threading.Event()

    def slow(_request: Request) -> Response:
        release.wait(300)  # longer than the test waits for the command to stop
        return Response(PAGE, content_type="text/html")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    httpserver.expect_request("/fast").respond_with_data(
        PAGE.replace("2025", "2026"), content_type="text/html"
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "workbench", "--db", str(db_path), "recheck"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        while _snapshots(db_path) < 3 and process.poll() is None:
            time.sleep(0.02)  # wait for the fast source's new snapshot to be committed
        if thread == "process":
            process.send_signal(signal.SIGINT)
        else:
            _to_another_thread(process.pid)
        _, stderr = process.communicate(timeout=30)
    finally:
        release.set()
    assert process.returncode == 130, stderr
    assert "recheck stopped: 1 source(s) were rechecked and kept (2)" in stderr
    assert _snapshots(db_path) == 3


def _snapshots(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM snapshots").fetchone()[0])
    finally:
        conn.close()
