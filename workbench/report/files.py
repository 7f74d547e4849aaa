"""A report written to a file, with the kept copies a public HTML or Markdown report
links to in FILE-sources/ beside it: the CLI's `export -o` and the TUI's export dialog
both write through here, so they produce the same files."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from workbench.files import new_directory_mode, replacing_new, resolve_target, write_atomically
from workbench.report import (
    KeptCopies,
    default_audience,
    report_options,
    unsourced_warning,
    write_report,
)
from workbench.store import Store

if TYPE_CHECKING:
    from workbench.config import Settings


def kept_copies(settings: Settings, path: Path, fmt: str, audience: str) -> KeptCopies | None:
    """Where a report written to `path` keeps its sources' copies: FILE-sources/ for a
    public HTML or Markdown report, none when the desk links its own archive
    (archive_url) or the report is for the desk itself."""
    if audience != "public" or fmt not in ("html", "md") or settings.archive_url:
        return None
    return KeptCopies(f"{path.stem}-sources")


def write_report_file(
    store: Store,
    settings: Settings,
    path: Path,
    fmt: str,
    article_id: int | None = None,
    selection: str | None = None,
    audience: str | None = None,
    approved_only: bool = False,
    report_url: str | None = None,
    replace: bool = True,
) -> str | None:
    """Write the report to `path`, safely: whole or not at all, its kept copies in place
    just before it is. Over an existing file only when `replace` (without it, a file that
    appeared meanwhile is left alone and the write fails). Returns what to tell whoever
    wrote it (workbench.report.unsourced_warning), or None."""
    audience = audience or default_audience(fmt)
    copies = kept_copies(settings, path, fmt, audience)
    options = report_options(settings, fmt, selection, audience, approved_only, report_url, copies)

    def write(out: TextIO) -> None:
        write_report(out, store, fmt, article_id, options=options)
        if copies is not None:
            # the report is whole: its kept copies take their place just before it does
            write_copies(store, copies.snapshots, path.parent / copies.directory)

    if replace:
        write_atomically(path, write)
    else:
        target = resolve_target(path)
        with replacing_new(target) as temporary, open(temporary, "w", encoding="utf-8") as out:
            write(out)
    return unsourced_warning(store, article_id, options)


def write_copies(store: Store, snapshots: dict[int, str], directory: Path) -> None:
    """The kept copies a report links to, swapped in whole for the previous ones."""
    if not snapshots:
        return
    fresh = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent))
    try:
        # mkdtemp's 0700 would keep the copies from the web server the report is put on
        fresh.chmod(new_directory_mode())
        for snapshot_id, name in snapshots.items():
            (fresh / name).write_bytes(store.snapshot_raw(snapshot_id))
        old = directory.with_name(f".{directory.name}.old")
        if directory.exists():
            directory.rename(old)
        fresh.rename(directory)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
