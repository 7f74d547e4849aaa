"""The states a claim and its evidence take: plain enums, without pydantic, so that the
review screen can show claims before the models (workbench.models) are loaded."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    UNVERIFIED = "unverified"
    VERIFIED = "verified"
    DISPUTED = "disputed"

    @property
    def decided(self) -> bool:
        return self is not Status.UNVERIFIED


class Kind(StrEnum):
    STATISTIC = "statistic"
    QUANTITY = "quantity"
    DATE_EVENT = "date/event"
    QUOTE = "quote"
    ATTRIBUTION = "attribution"
    CAUSAL = "causal"
    COMPARISON = "comparison"
    OTHER = "other"


class Stance(StrEnum):
    SUPPORTS = "supports"
    REFUTES = "refutes"
    CONTEXT = "context"
