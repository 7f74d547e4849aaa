"""Property: any sequence of a reviewer's actions, followed by as many undos, brings every
claim (and its evidence) back to where it was."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import copy_of_seeded
from workbench.config import Settings
from workbench.core import Workbench
from workbench.errors import InputError
from workbench.models import Stance, Status

SOURCE = (
    "<html><body><article><p>Bilateral trade reached $155.6bn in 2025.</p></article></body></html>"
)
ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["mark", "rationale", "edit", "dismiss", "split", "merge", "attach"]),
        st.integers(min_value=0, max_value=1000),
        st.sampled_from(list(Status)),
    ),
    min_size=1,
    max_size=12,
)


def state(db: Path) -> dict[str, Any]:
    """What a reviewer's actions can change (not versions and times, which only grow)."""
    with sqlite3.connect(db) as conn:
        claims = conn.execute(
            'SELECT id, text, status, rationale, dismissed, kind, start, "end", decided_by'
            " FROM claims ORDER BY id"
        ).fetchall()
        spans = conn.execute(
            'SELECT claim_id, ordinal, start, "end" FROM claim_spans ORDER BY 1, 2'
        ).fetchall()
        evidence = conn.execute(
            "SELECT id, claim_id, stance, excerpt FROM evidence ORDER BY id"
        ).fetchall()
    return {"claims": claims, "spans": spans, "evidence": evidence}


def act(workbench: Workbench, action: str, pick: int, status: Status, source: Path) -> bool:
    claims = workbench.claims()
    claim = claims[pick % len(claims)]
    try:
        if action == "mark":
            workbench.mark(claim.id, status, note=f"note {pick}")
        elif action == "rationale":
            workbench.set_rationale(claim.id, f"because {pick}")
        elif action == "edit":
            workbench.edit(claim.id, f"{claim.text} (edited {pick})")
        elif action == "dismiss":
            workbench.dismiss(claim.id, not claim.dismissed)
        elif action == "split":
            words = claim.spans[0]
            workbench.split(claim.id, (words.start + words.end) // 2)
        elif action == "merge":
            later = sorted((c for c in claims if c.start > claim.start), key=lambda c: c.start)
            if not later:
                return False
            workbench.merge(claim.id, later[0].id)
        else:
            workbench.attach(claim.id, str(source), Stance.SUPPORTS)
    except InputError:
        return False  # e.g. a split point outside the claim's words: nothing was done
    return True


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ACTIONS)
def test_as_many_undos_as_actions_restore_every_claim(
    tmp_path_factory: pytest.TempPathFactory, actions: list[tuple[str, int, Status]]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "w.db"
        source = Path(tmp) / "source.html"
        source.write_text(SOURCE)
        copy_of_seeded(db, tmp_path_factory)  # imported by alice: prop's undos never reach it
        workbench = Workbench(Settings(db=db, reviewer="prop"), db_path=db)
        before = state(db)
        done = 0
        for action, pick, status in actions:
            events = len(workbench.history())
            act(workbench, action, pick, status, source)
            done += len(workbench.history()) - events  # a change to what was: no event
        assert done <= len(actions)
        for _ in range(done):
            workbench.undo()
        assert state(db) == before
        workbench.close()
