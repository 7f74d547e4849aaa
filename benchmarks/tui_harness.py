"""Run an app until its first frame and print how long that took from process start:
`python -m benchmarks.tui_harness bare|workbench [DB]` (headless, the app alone), or
`bare-terminal|shell [DB]` (in the terminal the harness is given, which the benchmark
makes a pseudo-terminal: `shell` is what a user's `workbench --db DB` runs, through the
command line's entry point). Beside it: when the screen with the work was drawn (the bare
app: its first frame; ours: the review screen, or the articles), the peak RSS, and the
process's CPU time to the screen with the work. A
frame counts when the app hands it to the terminal driver (App._display), not when Pilot
next finds the app idle. The figures go to stdout, or in a terminal to the file named by
$HARNESS_RESULT."""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import contextlib  # noqa: E402
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

    try:  # the first screen read as plain rows, from this database, for this reviewer
        return WorkbenchApp(settings, db_path=db, reviewer="bench")
    except TypeError:  # a checkout from before (measured side by side): no such start
        return WorkbenchApp(settings)


WORK_SCREENS = ("ReviewScreen", "ArticlesScreen", "EmptyScreen")


def timed(display: Any, first: list[float], bare: bool) -> Any:
    """App._display, noting when the first frame and the work screen were handed over."""

    def timed_display(app: Any, screen: Any, renderable: Any) -> None:
        display(app, screen, renderable)
        if renderable is None or len(first) > 1:
            return
        now = time.perf_counter() - STARTED
        if not first:
            first.append(now)
        if bare or type(screen).__name__ in WORK_SCREENS:
            first.extend((now, time.process_time()))  # and the CPU time it took
            app.exit()

    return timed_display


def main() -> None:
    kind = sys.argv[1]
    first: list[float] = []
    if kind == "shell":  # as the shell runs `workbench --db DB`: the entry point's path
        from workbench.tui.app import WorkbenchApp

        WorkbenchApp._display = timed(WorkbenchApp._display, first, False)  # type: ignore[method-assign]
        sys.argv = ["workbench", "--db", sys.argv[2]]
        from workbench.cli import main as entry

        with contextlib.suppress(SystemExit):
            entry()
    else:
        app = bare_app() if kind.startswith("bare") else workbench_app(Path(sys.argv[2]))
        display = type(app)._display
        app._display = lambda screen, r: timed(display, first, kind.startswith("bare"))(
            app, screen, r
        )
        app.run(headless=kind != "bare-terminal", size=(150, 45))
    figures = f"{first[0]:.4f} {first[1]:.4f} {peak_rss_mb():.1f} {first[2]:.4f}"
    if "HARNESS_RESULT" in os.environ:  # in a terminal: stdout and stderr are the screen
        Path(os.environ["HARNESS_RESULT"]).write_text(figures)
    else:
        print(figures, flush=True)
    # Measured: leave without the interpreter's teardown, which aborts ("exception not
    # rethrown") when the review screen's warm-up thread is still importing at exit.
    os._exit(0)


if __name__ == "__main__":
    main()
