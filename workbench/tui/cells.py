"""Text whose width every terminal agrees on, for rows that must line up.

Emoji sequences are drawn at different widths by different terminals: tmux, xterm and
VTE draw each code point of a ZWJ family (👩‍👩‍👧) or a skin-tone emoji (👍🏽) on its own
(6 and 4 cells), grapheme-aware terminals draw one emoji (2 cells), and a variation
selector makes ❤️ one cell or two. Rich counts one way; when the terminal counts another,
a row overflows or leaves stale cells and the claims list's columns shift. Without the
joiners, selectors and skin-tone modifiers every terminal, and rich, count the same
cells: each emoji stands on its own, two cells wide.
"""

from __future__ import annotations

import re

# ZWJ only between pictographs: in Indic scripts it chooses a letter's form instead
_UNSTEADY = re.compile(
    r"[\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]"
    r"|\u200d(?=[\u2190-\u2bff\U0001f000-\U0001faff])"
)


def steady(text: str) -> str:
    """`text` without the code points whose width terminals disagree on (emoji joiners,
    variation selectors, skin-tone modifiers): for display in aligned rows only."""
    return _UNSTEADY.sub("", text)
