"""The dependency parser we train (UD English-EWT, see workbench/training/), loaded once,
lazily: `import spacy` alone costs about half a second, so nothing imports this module
until the first extraction (never at TUI start).

Sentences come from our own segmenter (the model's sentence splitting is poor on news);
each is parsed on its own. A sentence the parser would choke on (thousands of words, no
lower-case letters, a table) is not parsed: the caller falls back to the rules for it.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = Path(__file__).resolve().parent.parent / "_models" / "parser"
MAX_WORDS = 120  # longer "sentences" are lists, tables or run-ons: the parse is noise there
_WORD = re.compile(r"\S+")
_LOCK = threading.Lock()


class ParserUnavailable(WorkbenchError):
    """The shipped parser model is missing or unreadable."""


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """The trained pipeline, loaded on first use and kept for the process."""
    with _LOCK:
        try:
            import spacy

            # the claims use tags, morphology and arcs, never lemmas: the lemmatizer
            # would cost a tenth of every parse for nothing
            nlp = spacy.load(MODEL, exclude=["trainable_lemmatizer"])
        except (OSError, ImportError, ValueError) as error:
            raise ParserUnavailable(
                f"the parser model could not be loaded from {MODEL} ({error}); "
                "reinstall workbench or use --extractor rules"
            ) from error
    # our segmenter gives the sentences: the model must not split them again
    nlp.max_length = 2_000_000
    return nlp


def why_unparsable(sentence: str) -> str | None:
    """Why the parser should not see `sentence` (None when it may)."""
    words = _WORD.findall(sentence)
    if len(words) > MAX_WORDS:
        return f"a sentence of {len(words)} words"
    letters = [c for c in sentence if c.isalpha()]
    if letters and not any(c.islower() for c in letters) and len(words) > 3:
        return "a sentence in capitals"
    if sentence.count("|") >= 3 or sentence.count("\t") >= 3:
        return "a table"
    if letters and sum(c.isascii() for c in letters) < 0.8 * len(letters):
        return "text that is not English"
    return None


def parse(sentences: Iterable[str]) -> list[Doc]:
    """One parsed Doc per sentence, in order."""
    nlp = pipeline()
    return list(nlp.pipe(sentences, batch_size=64))
