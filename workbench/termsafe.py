"""Output to a terminal that data can never drive.

Article text, source titles and notes may hold terminal escapes (set the window title,
write the clipboard through OSC 52, move the cursor), carriage returns that overwrite a
line, and bidirectional overrides that make text read differently from what it holds.
When stdout or stderr is a terminal, everything written to it passes through one filter
that shows each such character as its JSON escape (ESC as \\u001b, U+202E as \\u202e):
visible, unambiguous, and inside a JSON string the very same value, so `--json`
output stays exact. Newlines and tabs pass. In a pipe or a file nothing is changed.
"""

from __future__ import annotations

import re
import sys
from typing import Any, TextIO

# C0 but tab and newline, DEL, C1, and the bidirectional marks, embeddings, overrides and
# isolates (ALM, LRM, RLM, LRE..RLO, LRI..PDI).
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def neutralise(text: str) -> str:
    """`text` with every character that could drive a terminal shown as its \\uXXXX escape."""
    return UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


class TerminalSafe:
    """A text stream that neutralises what is written, and is otherwise the stream."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(neutralise(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        if name == "buffer":  # bytes written there would bypass the filter
            raise AttributeError(name)
        return getattr(self._stream, name)


def protect_terminal() -> None:
    """Put the filter on stdout and stderr where they are terminals."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None or isinstance(stream, TerminalSafe):
            continue
        try:
            is_terminal = stream.isatty()
        except (AttributeError, ValueError):
            continue
        if is_terminal:
            setattr(sys, name, TerminalSafe(stream))
