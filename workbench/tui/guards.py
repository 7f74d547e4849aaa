"""Guards against keys that arrive faster than screens come and go (issue 16).

A reviewer who types ahead, or a terminal that delivers a burst of keys at once, can get
a key handled by a screen that has already been dismissed, or a page key before a list
was laid out. Textual 8.2 then crashes (KeyError, NoMatches, ScreenStackError,
DuplicateIds) or, worse, pops the screen under a dialog. These classes make each of those
moments a no-op: the key meant something only for a screen that is gone.
"""

from __future__ import annotations

from typing import Any, TypeVar

from textual.await_complete import AwaitComplete
from textual.command import CommandList, CommandPalette
from textual.css.query import NoMatches
from textual.screen import ModalScreen, Screen
from textual.timer import Timer, TimerCallback
from textual.widgets import OptionList

ResultT = TypeVar("ResultT")


def _dismissable(screen: Screen[Any]) -> bool:
    # Screen.dismiss pops whatever screen is on top: a second dismiss of a dialog (two
    # keys queued before it was gone) would pop the review screen under it, and the last
    # screen's pop raises ScreenStackError.
    return screen.is_active


class GuardedScreen(Screen[ResultT]):
    """A screen that is dismissed once, and only while it is the one on top."""

    def dismiss(self, result: ResultT | None = None) -> AwaitComplete:
        if not _dismissable(self):
            return AwaitComplete.nothing()
        return super().dismiss(result)


class Dialog(ModalScreen[ResultT]):
    """A modal dialog whose answer is given once, and only while it is on top."""

    def dismiss(self, result: ResultT | None = None) -> AwaitComplete:
        if not _dismissable(self):
            return AwaitComplete.nothing()
        return super().dismiss(result)


class PagedOptionList(OptionList):
    """An OptionList whose PageUp/PageDown wait for its first layout: before it, Textual's
    page move reads line positions not worked out yet (KeyError)."""

    def action_page_down(self) -> None:
        if self.scrollable_content_region:
            super().action_page_down()

    def action_page_up(self) -> None:
        if self.scrollable_content_region:
            super().action_page_up()


class OnePalette(CommandPalette):
    """Textual's command palette, guarded: closed once; page keys before its list is laid
    out do nothing; work still arriving after it closed is dropped."""

    def dismiss(self, result: None = None) -> AwaitComplete:
        if not _dismissable(self):
            return AwaitComplete.nothing()
        # its search would otherwise go on once its widgets are gone (NoMatches)
        self._cancel_gather_commands()
        return super().dismiss(result)

    def set_timer(
        self, delay: float, callback: TimerCallback | None = None, **kwargs: Any
    ) -> Timer:
        # its "No matches" and busy timers can fire once it is closed, its list removed
        if callback is not None:
            timed = callback

            def callback() -> Any:
                return timed() if self.is_active else None

        return super().set_timer(delay, callback, **kwargs)

    def _action_command_list(self, action: str) -> None:
        try:
            commands = self.query_one(CommandList)
        except NoMatches:  # the palette is being taken down
            return
        if action.startswith("page_") and not commands.scrollable_content_region:
            return  # ctrl+p then PageDown at once: the list has no lines yet (KeyError)
        super()._action_command_list(action)

    def _refresh_command_list(self, *args: Any, **kwargs: Any) -> None:
        # the gathering worker can finish after the palette was closed and its list removed
        if self.is_active:
            super()._refresh_command_list(*args, **kwargs)
