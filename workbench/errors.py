"""The errors a user can act on. The CLI prints them as one line, the TUI as a notification."""


class WorkbenchError(Exception):
    """Something the user asked for cannot be done; the message says what to do instead."""


class InputError(WorkbenchError):
    """The input (a file, a URL, a value) is not usable."""


class NotFoundError(WorkbenchError):
    """An id that names nothing in the database."""


class ConflictError(WorkbenchError):
    """The thing changed since it was read (another reviewer, another window)."""


class StoreError(WorkbenchError):
    """The database cannot be opened or is damaged."""


class FetchError(WorkbenchError):
    """A source could not be fetched or read; nothing was kept."""


class NothingToUndo(WorkbenchError):
    """The reviewer has no change left to undo."""


class ConfirmationNeeded(WorkbenchError):
    """The change deletes a lot (undoing an import deletes the article): it is done only
    when asked again with `event_id` confirmed (CLI --force, a dialog in the TUI)."""

    def __init__(self, message: str, event_id: int):
        super().__init__(message)
        self.event_id = event_id
