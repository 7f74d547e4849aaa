"""Run an app headless until its first frame and print how long that took from process
start: `python -m benchmarks.tui_harness bare|workbench [DB]`. Beside it: when the
screen with the work was drawn (the bare app: its first frame; ours: the review screen,
or the articles), and the peak RSS. A frame counts when the app hands it to the
terminal driver (App._display), not when Pilot next finds the app idle."""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import os  # noqa: E402
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
    from workbench.tui.app import WorkbenchApp

    def settings() -> Any:
        # as `workbench` itself gives them, but made after the first frame
        from workbench.config import Settings

        return Settings(db=db, reviewer="bench")

    return WorkbenchApp(settings)


WORK_SCREENS = ("ReviewScreen", "ArticlesScreen", "EmptyScreen")


def main() -> None:
    kind = sys.argv[1]
    app = bare_app() if kind == "bare" else workbench_app(Path(sys.argv[2]))
    first: list[float] = []
    display = app._display

    def timed_display(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        if renderable is None:
            return
        now = time.perf_counter() - STARTED
        if not first:
            first.append(now)
        if kind == "bare" or type(screen).__name__ in WORK_SCREENS:
            first.append(now)
            app.exit()
            app._display = display  # one exit

    app._display = timed_display
    app.run(headless=True, size=(150, 45))
    peak = peak_rss_mb()
    print(f"{first[0]:.4f} {first[1]:.4f} {peak:.1f}", flush=True)
    # Measured: leave without the interpreter's teardown, which aborts ("exception not
    # rethrown") when the review screen's warm-up thread is still importing at exit.
    os._exit(0)


if __name__ == "__main__":
    main()
