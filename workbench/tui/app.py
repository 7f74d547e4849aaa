"""The review app: a face over the core. Screens: articles, review, triage; dialogs."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import events
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen
from textual.theme import ThemeProvider
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from workbench.tui.guards import OnePalette, PagedOptionList
from workbench.tui.sizes import WIDE
from workbench.tui.text import visible

if TYPE_CHECKING:
    # Loaded after the work screen is drawn (WorkbenchApp._open): pydantic-settings, the
    # store and the models cost more than Textual itself to import.
    from workbench.config import Settings
    from workbench.core import Workbench
    from workbench.glance import Glance, ProgressRow
    from workbench.models import ArticleProgress
    from workbench.tui.crash import Crash


class ArticlesScreen(Screen[None]):
    """Every article with its progress; enter opens one."""

    BINDINGS = [Binding("enter", "open", "Open", id="articles.open")]

    def __init__(self, articles: list[ArticleProgress] | list[ProgressRow] | None = None) -> None:
        super().__init__()
        self._articles = articles

    def compose(self) -> ComposeResult:
        yield Static(Text("Articles", style="bold"), id="articles-title")
        yield PagedOptionList(id="articles")
        yield Footer()

    def on_screen_resume(self) -> None:
        # on first showing, and on coming back from an article (its progress changed)
        self.refresh_articles()

    def refresh_articles(self) -> None:
        app = cast(WorkbenchApp, self.app)
        articles, self._articles = self._articles or app.workbench.articles(), None
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        lines = []
        for progress in articles:
            line = Text(f"{progress.decided:>4}/{progress.claims:<4} ", style="bold")
            line.append(visible(progress.article.display_title, True))
            lines.append(Option(line, id=str(progress.article.id)))
        options.add_options(lines)
        options.highlighted = highlighted if highlighted is not None else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        from workbench.tui.review import ReviewScreen

        glance = cast(WorkbenchApp, self.app).glance
        self.app.push_screen(ReviewScreen(int(event.option.id or 0), glance))

    def action_open(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            options.action_select()


class EmptyScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Static(
            Text(
                "No articles yet.\n\nImport one with:\n\n"
                "    workbench import FILE|URL|-\n\nor try the demo: workbench demo\n\nq quits.",
            ),
            id="empty",
        )
        yield Footer()


class WorkbenchApp(App[None]):
    """workbench's review screen."""

    CSS_PATH = "app.tcss"
    # every screen gets -narrow or -wide: below 110 columns panes stack, dialogs pad less
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]
    TITLE = "workbench"
    BINDINGS = [
        Binding("q", "quit", "Quit", show=False, id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
    ]

    def __init__(
        self,
        settings: Settings | Callable[[], Settings],
        db_path: Path | None = None,
        article_id: int | None = None,
        reviewer: str | None = None,
    ):
        """`settings` may be a function that makes them: then even the settings layer
        loads after the first frame. The first screen is read without the core (as plain
        rows, workbench.glance) from `db_path` for `reviewer` (with settings given: theirs)."""
        super().__init__()
        self._settings = settings
        self.db_path, self.article_id = db_path, article_id
        self._first_look = (db_path, reviewer)
        if not callable(settings):
            self._first_look = (db_path or settings.database_path(), settings.reviewer)
            self._check_keymap(settings)  # a bad keymap is refused before any screen
        self._workbench: Workbench | None = None
        self.glance: Glance | None = None  # the first look, until the core has loaded
        self.crash: Crash | None = None

    def _check_keymap(self, settings: Settings) -> None:
        if settings.keymap:
            from workbench.tui.keys import check_keymap

            check_keymap(settings.keymap)
            self.set_keymap(settings.keymap)

    @property
    def workbench(self) -> Workbench:
        if self._workbench is None:
            from workbench.core import Workbench

            settings = self._settings
            if callable(settings):
                settings = self._settings = settings()
                self._check_keymap(settings)
            self._workbench = Workbench(settings, self.db_path)
            self._core_ready()
        return self._workbench

    def load_core(self) -> Workbench:
        """The core, loaded now if it has not been."""
        return self.workbench

    def _core_ready(self) -> None:
        """The screens drawn from the first look take the core's models instead."""
        from workbench.tui.review import ReviewScreen

        glance, self.glance = self.glance, None
        for screen in self.screen_stack:
            if isinstance(screen, ReviewScreen):
                screen.core_ready()
        if glance is not None:
            glance.close()

    def compose(self) -> ComposeResult:
        # The first frame, drawn before the settings, the store and the review screen are
        # imported; the article replaces it as soon as they are (a fraction of a second).
        yield Static(Text(" workbench", style="bold"), id="opening-title")
        yield Static(Text("opening…"), id="opening")
        yield Footer()

    # SIGTERM, and SIGHUP when the terminal goes away (an SSH connection dropped, tmux
    # closed): the app ends as q ends it, where it stood remembered. The command line's own
    # handlers raise an exception, which the app's event loop would swallow, leaving a
    # process behind that spins on its dead terminal.
    STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
    stopped_by: int | None = None

    def on_load(self) -> None:
        try:
            loop = asyncio.get_running_loop()
            for signum in self.STOP_SIGNALS:
                loop.add_signal_handler(signum, self._stop, signum)
        except (RuntimeError, ValueError, NotImplementedError):
            pass  # not the main thread (a test's app): signals stay with whoever runs it

    def _stop(self, signum: int) -> None:
        if self.stopped_by is None:
            self.stopped_by = signum
            self.call_later(self.action_quit)

    def on_mount(self) -> None:
        self._opened = asyncio.Event()
        self.call_after_refresh(self._open)
        # Held in the app's queue until the article is open: whoever waits for the app
        # to settle (Textual's Pilot) waits for the real screen, not for the first frame.
        self.call_later(self._opened.wait)

    async def _open(self) -> None:
        try:
            self.glance = self._look()
            await self._push_screens()  # mounted, its keys bound, before a key is taken
        except BaseException:
            self._opened.set()
            raise
        if self.glance is None:
            self._opened.set()
        else:
            self._load_core_aside(self.screen)

    def _look(self) -> Glance | None:
        db_path, reviewer = self._first_look
        if db_path is None or reviewer is None:
            return None
        from workbench.glance import Glance

        return Glance.open(db_path, reviewer)

    def _load_core_aside(self, screen: Screen[object]) -> None:
        """Import the core in a thread once `screen` is drawn (an import beside the first
        frame slows it), then take it on the app's own thread: the screens are drawn
        again from its models, and the app's queue, held until then, goes on. Through
        the screen's queue, since the app's is held; not a daemon: a thread inside an
        import when the interpreter ends can abort the process (see tui/evidence.py)."""
        drawn = threading.Event()
        screen.call_after_refresh(drawn.set)
        loop = asyncio.get_running_loop()

        def load() -> None:
            drawn.wait(timeout=1.0)
            try:
                import workbench.config
                import workbench.core  # noqa: F401
            finally:
                if not screen.post_message(events.Callback(callback=self._core_imported)):
                    with contextlib.suppress(RuntimeError):  # the loop has ended meanwhile
                        loop.call_soon_threadsafe(self._opened.set)

        threading.Thread(target=load, name="core", daemon=False).start()

    def _core_imported(self) -> None:
        try:
            self.load_core()
        finally:
            self._opened.set()  # whoever waits for the app to settle gets the models

    async def _push_screens(self) -> None:
        from workbench.tui.review import ReviewScreen

        reader = self.glance or self.workbench
        articles = reader.articles()
        if not articles:
            await self.push_screen(EmptyScreen())
            return
        if self.article_id is None and len(articles) > 1:
            await self.push_screen(ArticlesScreen(articles))
            return
        article_id = self.article_id if self.article_id is not None else articles[0].article.id
        if len(articles) > 1:
            await self.push_screen(ArticlesScreen(articles))
        await self.push_screen(ReviewScreen(article_id, self.glance))

    async def action_quit(self) -> None:
        from workbench.tui.review import ReviewScreen

        for screen in self.screen_stack:
            if isinstance(screen, ReviewScreen):
                screen.remember_position()
        await super().action_quit()

    def action_command_palette(self) -> None:
        # One palette at a time, guarded against keys faster than it opens and closes
        # (tui/guards.py). No fixed id: Textual's would clash with a palette still being
        # taken down when ctrl+p comes again at once (DuplicateIds).
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(OnePalette())

    def search_themes(self) -> None:
        # the palette's "Theme" command: the same guarded palette
        self.push_screen(OnePalette(providers=[ThemeProvider], placeholder="Search for themes…"))

    def _handle_exception(self, error: Exception) -> None:
        # Textual's hook for an unhandled error: it exits with status 1; we keep the
        # traceback for a log file and drop Textual's screenful of it (tui/crash.py).
        if self.crash is None:
            from workbench.tui.crash import Crash

            self.crash = Crash.of(error)
        super()._handle_exception(error)
        self._exit_renderables.clear()

    def on_unmount(self) -> None:
        if self._workbench is not None:
            self._workbench.close()
        try:
            loop = asyncio.get_running_loop()
            for signum in self.STOP_SIGNALS:
                loop.remove_signal_handler(signum)
        except (RuntimeError, ValueError, NotImplementedError):
            pass

    def action_help(self) -> None:
        from workbench.tui.help import HelpScreen, help_rows
        from workbench.tui.review import ReviewScreen

        screen = self.screen
        bindings = [b for b in [*screen.BINDINGS, *self.BINDINGS] if isinstance(b, Binding)]
        # the keys as bound now: a keymap from the config file may have changed them
        keymap = self._keymap
        bindings = [
            b if not (b.id and b.id in keymap) else b.with_key(keymap[b.id]) for b in bindings
        ]
        title = {"ReviewScreen": "Keys of the review screen", "TriageScreen": "Keys of triage"}
        sections = []
        if isinstance(screen, ReviewScreen):
            from workbench.tui.article import SelectableArticle

            pane = [b for b in SelectableArticle.BINDINGS if isinstance(b, Binding)]
            pane = [b if not (b.id and b.id in keymap) else b.with_key(keymap[b.id]) for b in pane]
            sections.append(("In the article pane: add a claim the extractor missed", pane))
        self.push_screen(
            HelpScreen(
                title.get(type(screen).__name__, "Keys"),
                help_rows(bindings),
                legend=type(screen).__name__ in ("ReviewScreen", "TriageScreen"),
                sections=[(heading, help_rows(pane)) for heading, pane in sections],
            )
        )

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        from workbench.tui.review import ReviewScreen

        if isinstance(screen, ReviewScreen):
            yield from screen.commands()


def run(settings: Settings, db_path: Path | None = None, article_id: int | None = None) -> None:
    app = WorkbenchApp(settings, db_path, article_id)
    app.run()
    finish(app)


def finish(app: WorkbenchApp) -> None:
    """Exit as the app ended: a crash or a stop signal never exits 0."""
    if app.return_code:  # a crash inside the app
        from workbench.tui.crash import report

        sys.exit(report(app.crash))
    if app.stopped_by is not None:
        if app.stopped_by != signal.SIGHUP:  # after a hang-up, no terminal is left to read it
            print(f"error: stopped by {signal.Signals(app.stopped_by).name}", file=sys.stderr)
        sys.exit(128 + app.stopped_by)
