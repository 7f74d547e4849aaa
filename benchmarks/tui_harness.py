"""Run an app headless until its first frame and print how long that took from process
start: `python -m benchmarks.tui_harness bare|workbench [DB]`. Peak RSS goes beside it."""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402


def peak_rss_mb() -> float:
    """This process's own peak RSS. Not ru_maxrss: Linux carries that across exec, so a
    child of a large benchmark runner would report the runner's size."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bare_app() -> Any:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("hello")
            yield Footer()

    return Bare()


def workbench_app(db: Path) -> Any:
    from workbench.config import Settings
    from workbench.tui.app import WorkbenchApp

    return WorkbenchApp(Settings(db=db, reviewer="bench"))


def main() -> None:
    kind = sys.argv[1]
    app = bare_app() if kind == "bare" else workbench_app(Path(sys.argv[2]))
    elapsed: list[float] = []

    async def first_frame(pilot: Any) -> None:
        await pilot.pause()  # the first screen composed, mounted and refreshed
        elapsed.append(time.perf_counter() - STARTED)
        app.exit()

    app.run(headless=True, size=(150, 45), auto_pilot=first_frame)
    peak = peak_rss_mb()
    print(f"{elapsed[0]:.4f} {peak:.1f}")


if __name__ == "__main__":
    main()
