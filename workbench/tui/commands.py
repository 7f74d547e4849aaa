"""The review screen's commands that run in the background or through the command
palette: recheck the article's sources (a worker thread), export a report (a dialog with
its own worker), undo and redo, and every action of the screen as a palette command."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual import work
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from workbench.errors import ConfirmationNeeded, ConflictError, WorkbenchError

T = TypeVar("T")

if TYPE_CHECKING:
    from workbench.core import RecheckResult, Workbench
    from workbench.glance import ArticleRow
    from workbench.models import Article, Event


class ReviewCommands(Screen[None]):
    """The base of ReviewScreen, which gives it `workbench`, `article` and `reload`."""

    article: Article | ArticleRow  # a row until the core has loaded (workbench.glance)

    @property
    def workbench(self) -> Workbench:
        raise NotImplementedError

    def reload(self, keep: int | None = None) -> None:
        raise NotImplementedError

    def action_triage(self) -> None:
        from workbench.tui.triage import TriageScreen

        def done(_: Any) -> None:
            self.reload()

        self.app.push_screen(TriageScreen(self.workbench, self.article.id), done)

    def call(self, change: Callable[[], T], keep: int | None = None) -> T | None:
        """Run a change of the core; errors become notifications, conflicts a reload."""
        try:
            result = change()
        except ConflictError as error:
            self.notify(
                str(error), title="Changed by someone else", severity="warning", markup=False
            )
            self.reload(keep)
            return None
        except WorkbenchError as error:
            self.notify(str(error), severity="error", markup=False)
            return None
        return result

    def action_undo(self) -> None:
        def undo() -> Event | None:
            try:
                return self.workbench.undo()
            except ConfirmationNeeded as needed:  # undoing an import deletes the article
                self._confirm_undo(needed)
                return None

        self._undone(self.call(undo), "Undone")

    def _confirm_undo(self, needed: ConfirmationNeeded) -> None:
        from workbench.tui.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self._undone(self.call(lambda: self.workbench.undo(needed.event_id)), "Undone")

        self.app.push_screen(ConfirmDialog(str(needed)), answered)

    def action_redo(self) -> None:
        self._undone(self.call(self.workbench.redo), "Redone")

    def _undone(self, event: Event | None, title: str) -> None:
        if event is not None:
            self.reload()
            self.notify(event.summary, title=title, markup=False)

    def action_export(self, fmt: str = "html") -> None:
        from workbench.tui.export import ExportDialog

        def written(result: tuple[Path, str | None] | None) -> None:
            if result is not None:
                path, warning = result
                self.notify(f"wrote {path}", title="Report exported", markup=False)
                if warning:
                    self.notify(warning, title="No source", severity="warning", markup=False)

        self.app.push_screen(ExportDialog(self.workbench, self.article.id, fmt), written)

    def action_recheck(self) -> None:
        sources = self.workbench.store.sources_of_article(self.article.id)
        if not sources:
            self.notify("this article has no source to recheck")
            return
        self.notify(f"rechecking {len(sources)} source(s) in the background…", markup=False)
        self.recheck_sources([str(source) for source in sources])

    @work(thread=True, exclusive=True, group="recheck", exit_on_error=False)
    def recheck_sources(self, keys: list[str]) -> list[RecheckResult]:
        # a worker thread has its own connection to the database (one per thread)
        from workbench.core import Workbench

        workbench = Workbench(self.workbench.settings, self.workbench.db_path)
        try:
            return workbench.recheck(keys)
        finally:
            workbench.close()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "recheck":
            return
        if event.state == WorkerState.ERROR:
            self.notify(
                str(event.worker.error), title="Recheck failed", severity="error", markup=False
            )
        elif event.state == WorkerState.SUCCESS:
            results: list[RecheckResult] = event.worker.result or []
            counts = {
                status: sum(r.status == status for r in results)
                for status in ("unchanged", "changed", "failed")
            }
            lines = [", ".join(f"{n} {status}" for status, n in counts.items() if n)]
            for result in results:
                if result.status == "failed":
                    lines.append(f"source {result.source_id}: {result.error}")
                elif result.lost_excerpts:
                    ids = ", ".join(str(i) for i in result.lost_excerpts)
                    lines.append(
                        f"source {result.source_id} changed: excerpt of evidence {ids} gone"
                    )
            drifted = bool(counts["changed"] or counts["failed"])
            self.notify(
                "\n".join(lines),
                title="Sources rechecked",
                severity="warning" if drifted else "information",
                markup=False,
            )
            self.reload()

    def commands(self) -> Iterable[SystemCommand]:
        """The screen's actions for the command palette."""
        for binding in self.BINDINGS:
            if isinstance(binding, Binding) and binding.description:
                action = binding.action
                yield SystemCommand(
                    binding.description, f"key: {binding.key}", lambda a=action: self.run_action(a)
                )
        yield SystemCommand(
            "Recheck sources",
            "fetch this article's sources again and report drift",
            self.action_recheck,
        )
        from workbench.tui.export import FORMATS

        for name, fmt in FORMATS.items():
            yield SystemCommand(
                f"Export report: {name}",
                "choose the claims and the file, then write the report",
                lambda f=fmt: self.action_export(f),
            )
