"""The extractor interface: any object with a name and `extract(text) -> [ClaimDraft]`.

Callers ask `get_extractor()` for one by name; a new extractor (an LLM-backed one is
planned) registers itself and no caller changes.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Protocol, runtime_checkable

from workbench.errors import InputError
from workbench.models import ClaimDraft

DEFAULT_EXTRACTOR = "parser"


@runtime_checkable
class Extractor(Protocol):
    name: str
    version: str

    def extract(self, text: str) -> list[ClaimDraft]:
        """Claims of `text`, each with spans indexing `text` exactly."""
        ...


_FACTORIES: dict[str, Callable[[], Extractor]] = {}


def register(name: str) -> Callable[[Callable[[], Extractor]], Callable[[], Extractor]]:
    def decorate(factory: Callable[[], Extractor]) -> Callable[[], Extractor]:
        _FACTORIES[name] = factory
        return factory

    return decorate


def extract_for(engine: Extractor, text: str, published: str | None = None) -> list[ClaimDraft]:
    """`engine.extract(text)`, telling the engines that take it the publication date
    (relative dates in the claims become absolute: "last year" -> "in 2025")."""
    if published and "published" in inspect.signature(engine.extract).parameters:
        return engine.extract(text, published=published)  # type: ignore[call-arg]
    return engine.extract(text)


def notes_of(engine: Extractor) -> list[str]:
    """What the engine noted on its last extraction (a sentence the parser skipped)."""
    return list(getattr(engine, "notes", []))


def available() -> list[str]:
    return sorted(_FACTORIES)


def get_extractor(name: str | None = None) -> Extractor:
    name = name or DEFAULT_EXTRACTOR
    try:
        factory = _FACTORIES[name]
    except KeyError:
        raise InputError(
            f"unknown extractor {name!r}; available: {', '.join(available())}"
        ) from None
    return factory()
