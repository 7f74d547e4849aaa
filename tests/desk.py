"""A real `workbench serve` on 127.0.0.1 and real headless Chromium sessions against it.

The review screen in the browser is drawn on a canvas, so a test cannot read it from the
DOM. Instead each page gets, before its own scripts run, a small wrapper around WebSocket
that keeps what the session process sent (the terminal output, as text) and when: tests
wait on what the screen says, and the benchmark reads the times of the frames.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Words of the seed article's claims: once they are drawn, the review screen is up.
REVIEW_READY = "Galwan"

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")

RECORD_FRAMES = """
(() => {
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  window.__frames = [];
  window.__screen = "";
  class Recorded extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener("message", (event) => {
        const text = typeof event.data === "string"
          ? event.data : decoder.decode(event.data, {stream: true});
        window.__screen += text;
        window.__frames.push([performance.now(), window.__screen.length]);
      });
    }
  }
  window.WebSocket = Recorded;
  window.__keyAt = [];
  document.addEventListener("keydown", () => window.__keyAt.push(performance.now()), true);
})();
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"workbench serve exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listening on port {port} after {timeout} s")


@dataclass
class Desk:
    port: int
    token: str
    process: subprocess.Popen[bytes]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"{self.base}/?token={self.token}"

    def session_pids(self) -> list[int]:
        """Review processes started by this server (children running the session)."""
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                cmdline = (entry / "cmdline").read_bytes().split(b"\0")
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            if b"workbench.tui.session" in cmdline and _descends(parent, self.process.pid):
                pids.append(int(entry.name))
        return pids


def _descends(pid: int, ancestor: int) -> bool:
    for _ in range(5):  # the session runs under a shell started by the server
        if pid == ancestor:
            return True
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return False
        pid = int(stat.rsplit(")", 1)[1].split()[1])
    return False


@contextmanager
def serving(
    db: Path,
    *extra: str,
    token: str = "desk-token-0123456789",
    environment: dict[str, str] | None = None,
) -> Iterator[Desk]:
    port = free_port()
    base = os.environ if environment is None else environment
    env = {k: v for k, v in base.items() if not k.startswith("WORKBENCH_")}
    env["WORKBENCH_SERVE_TOKEN"] = token
    env["WORKBENCH_CONFIG"] = os.environ.get("WORKBENCH_CONFIG", "")
    process = subprocess.Popen(
        [sys.executable, "-m", "workbench", "--db", str(db), "serve", "--port", str(port), *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(port, process)
        yield Desk(port, token, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Page:
    """One browser tab on the desk."""

    def __init__(self, driver: Any) -> None:
        self.driver = driver

    def open(self, url: str) -> None:
        self.driver.get(url)

    def body_text(self) -> str:
        from selenium.webdriver.common.by import By

        return str(self.driver.find_element(By.TAG_NAME, "body").text)

    def screen(self) -> str:
        return str(self.driver.execute_script("return window.__screen || ''"))

    def frames(self) -> list[tuple[float, int]]:
        """(ms since navigation started, length of the output so far) per message."""
        return [tuple(f) for f in self.driver.execute_script("return window.__frames || []")]

    def keys_at(self) -> list[float]:
        """ms since navigation started of each key pressed in the page."""
        return list(self.driver.execute_script("return window.__keyAt || []"))

    def wait_for_text(self, text: str, after: int = 0, timeout: float = 60.0) -> int:
        """Wait until the screen output past offset ``after`` shows ``text``; its offset."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.screen().find(text, after)
            if found >= 0:
                return found
            time.sleep(0.05)
        tail = self.screen()[-300:]
        raise TimeoutError(f"the browser never showed {text!r}; last output: {tail!r}")

    def type(self, keys: str) -> None:
        from selenium.webdriver.common.by import By

        self.driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea").send_keys(keys)


@contextmanager
def chromium() -> Iterator[Page]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or "chromium"
    for argument in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,800",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER or "chromedriver"), options=options)
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_FRAMES})
        yield Page(driver)
    finally:
        driver.quit()
