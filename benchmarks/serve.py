"""The review screen in a browser (`workbench serve`) beside the same screen in a terminal,
in the same run: page load to the first frame of the review screen against process start
to first frame in a terminal, and key-to-frame latency of `j` in the browser (key event
in the page to the next frame received) against the same in the terminal (Pilot).

Needs Debian's chromium and chromium-driver; the times in the browser are the page's own
clock (performance.now), recorded by the wrapper around WebSocket in tests/desk.py.
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.corpus import SEED
from benchmarks.tui import _child_env, _first_frame, _latencies
from tests.desk import CHROMEDRIVER, CHROMIUM, REVIEW_READY, Page, chromium, serving


def _browser_first_frame(page: Page, url: str) -> float:
    """ms from navigation start to the frame that completes the review screen's header."""
    page.open(url)
    where = page.wait_for_text(REVIEW_READY) + len(REVIEW_READY)
    return next(at for at, length in page.frames() if length >= where)


def _quiet(page: Page, ms: float = 150.0) -> None:
    """Wait until no frame has arrived for `ms`."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        frames = page.frames()
        now = page.driver.execute_script("return performance.now()")
        if not frames or now - frames[-1][0] >= ms:
            return
        time.sleep(0.02)


def _browser_latencies(page: Page, presses: int) -> list[float]:
    latencies = []
    for index in range(presses):
        _quiet(page)
        seen = len(page.frames())
        page.type("j" if index % 2 == 0 else "k")
        deadline = time.monotonic() + 5
        while len(page.frames()) == seen and time.monotonic() < deadline:
            time.sleep(0.005)
        frames, keys = page.frames(), page.keys_at()
        if len(frames) == seen:
            raise RuntimeError("no frame within 5 s of a key")
        latencies.append(frames[seen][0] - keys[-1])
    return latencies


def _row(
    name: str, value: float | None, unit: str, target: str, ok: bool | None, detail: str
) -> dict[str, Any]:
    return {
        "name": name,
        "value": value,
        "unit": unit,
        "target": target,
        "ok": ok,
        "detail": detail,
    }


def run(quick: bool = False) -> list[dict[str, Any]]:
    if CHROMIUM is None or CHROMEDRIVER is None:
        return [
            _row(
                "browser session",
                None,
                "",
                "-",
                None,
                "skipped: needs chromium and chromium-driver",
            )
        ]
    runs, presses = (3, 20) if quick else (5, 60)
    with tempfile.TemporaryDirectory() as tmp:
        # the terminal and every browser session start alike: bytecode cached (see tui.py)
        env = _child_env(Path(tmp) / "pycache")
        db = Path(tmp) / "seed.db"
        subprocess.run(
            [sys.executable, "-m", "workbench", "--db", str(db), "import", str(SEED)],
            check=True,
            capture_output=True,
        )
        browser, terminal = [], []
        with serving(db, environment=env) as desk:
            for _ in range(runs):  # interleaved, so noise hits both alike
                with chromium() as page:
                    browser.append(_browser_first_frame(page, f"{desk.url}&reviewer=bench"))
                terminal.append(_first_frame(env, "workbench", str(db))[0] * 1000)
            with chromium() as page:
                _browser_first_frame(page, f"{desk.url}&reviewer=bench")
                in_browser = sorted(_browser_latencies(page, presses))
        in_terminal = sorted(
            v * 1000 for v in asyncio.run(_latencies(db, presses // 3, articles_screen=False))["j"]
        )
    first_b, first_t = statistics.median(browser), statistics.median(terminal)

    def p95(values: list[float]) -> float:
        return values[int(0.95 * (len(values) - 1))]

    return [
        _row(
            "first frame: browser / terminal, seed",
            first_b / first_t,
            "x terminal",
            "-",
            None,
            f"browser (page load to review screen) {first_b:.0f} ms, terminal "
            f"(process start to first frame) {first_t:.0f} ms, median of {runs}",
        ),
        _row(
            "key-to-frame of j in the browser, p95",
            p95(in_browser),
            "ms",
            "-",
            None,
            f"p50 {statistics.median(in_browser):.1f} ms over {len(in_browser)} presses; "
            f"terminal p95 {p95(in_terminal):.1f} ms, p50 "
            f"{statistics.median(in_terminal):.1f} ms (Pilot, same database)",
        ),
    ]
