"""What an unexpected error in the review screen leaves behind: a non-zero exit status, one
line on the terminal, and the whole traceback in a log file.

Textual's own report is a screenful of traceback with local variables: claim text and
notes on a colleague's shared screen, and the line that matters scrolled away. Every
change is committed before the screen shows it, so the line can say that nothing acted
on is lost.
"""

from __future__ import annotations

import os
import sys
import traceback
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import platformdirs

from workbench.config import APP_NAME


@dataclass(frozen=True)
class Crash:
    """An unhandled exception, kept as text (the exception holds on to the whole app)."""

    summary: str
    details: str

    @classmethod
    def of(cls, error: BaseException) -> Crash:
        first = (str(error).strip().splitlines() or [""])[0]
        summary = f"{type(error).__name__}: {first}" if first else type(error).__name__
        if len(summary) > 120:
            summary = summary[:119] + "…"
        return cls(summary, "".join(traceback.format_exception(error)))


def crash_log_dir() -> Path:
    """Where crash logs go: the user's log directory (XDG state on Linux)."""
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def report(crash: Crash | None) -> int:
    """Write the crash log, print the one line on stderr, and return the exit status."""
    if crash is None:  # the app ended with an error status of its own making
        print("error: the review screen stopped on an error", file=sys.stderr)
        return 1
    try:
        where = f"the details are in {_write_log(crash)}"
    except OSError as error:
        where = f"no log could be written ({error.strerror or error})"
    print(
        f"error: the review screen stopped on an unexpected error ({crash.summary});"
        f" every change made before it is saved; {where}",
        file=sys.stderr,
    )
    return 1


def _write_log(crash: Crash) -> Path:
    folder = crash_log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"crash-{stamp}-{os.getpid()}.log"
    # 0600: the traceback may quote claim text and notes
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as log:
        log.write(f"workbench review screen crash, {datetime.now().isoformat()}\n")
        log.write(f"argv: {sys.argv!r}\n\n{crash.details}")
    return path
