"""The store: the only code that speaks SQL.

Every user action is one short transaction (BEGIN IMMEDIATE, so two processes never
deadlock upgrading a read to a write) that also appends its event. Claims carry a
version: a change made on an older version than the stored one is refused.
"""

from workbench.store.claims import EDITABLE
from workbench.store.evidence import EvidenceStore
from workbench.store.factchecks import FactcheckStore
from workbench.store.maintenance import MaintenanceStore


class Store(MaintenanceStore, EvidenceStore, FactcheckStore):
    """A workbench database file: articles, claims, sources, evidence, events,
    imported fact-checks.
    One Store per thread."""


__all__ = ["EDITABLE", "Store"]
