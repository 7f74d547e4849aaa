"""Processes for the reliability tests: `python -m tests.workers crash|reviewer DB ...`.

crash: makes 1,000 decisions, printing "ack CLAIM VERSION" after each commit, until it
       is killed. reviewer: prints "ready", waits for a line on stdin (so that all reviewers
       start together), then makes OPS random changes (marks, edits, rationales, sources) to
       random claims and prints a JSON summary of what was accepted and refused.
"""

from __future__ import annotations

import json
import random
import sqlite3
import sys
import time
from pathlib import Path

from workbench.config import Settings
from workbench.core import Workbench
from workbench.errors import ConflictError, WorkbenchError
from workbench.models import Stance, Status


def crash(db: Path) -> None:
    workbench = Workbench(Settings(db=db, reviewer="crash"))
    claims = [c.id for c in workbench.claims()]
    statuses = [Status.VERIFIED, Status.DISPUTED, Status.UNVERIFIED]
    for number in range(1000):
        claim_id = claims[number % len(claims)]
        result = workbench.mark(claim_id, statuses[number % 3], note=f"decision {number}")
        sys.stdout.write(f"ack {claim_id} {result.claim.version}\n")
        sys.stdout.flush()


def reviewer(db: Path, name: str, operations: int, source: Path) -> None:
    workbench = Workbench(Settings(db=db, reviewer=name))
    rng = random.Random(name)
    claims = [c.id for c in workbench.claims()]
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    sys.stdin.readline()  # the starting gun: a fixed amount of work, not a time, so load can't shrink it
    accepted: dict[str, int] = {"status": 0, "edit": 0, "rationale": 0, "attach": 0}
    unchanged = 0  # changes to what the claim already was: no event, no new version
    refused = 0
    failures: list[str] = []
    for _ in range(operations):
        claim = workbench.claim(rng.choice(claims))
        action = rng.choice(["status", "status", "edit", "rationale", "attach"])
        time.sleep(rng.random() * 0.01)  # a colleague may change it meanwhile
        try:
            if action == "status":
                after = workbench.mark(
                    claim.id, rng.choice(list(Status)), expected_version=claim.version
                ).claim
            elif action == "edit":
                after = workbench.edit(claim.id, f"{claim.original_text} ({name})", claim.version)
            elif action == "rationale":
                after = workbench.set_rationale(claim.id, f"{name} checked", claim.version)
            else:
                workbench.attach(claim.id, str(source), Stance.CONTEXT)
                after = None
            if after is not None and after.version == claim.version:
                unchanged += 1
            else:
                accepted[action] += 1
        except ConflictError:
            refused += 1
        except (WorkbenchError, sqlite3.Error) as error:
            failures.append(f"{type(error).__name__}: {error}")
    print(
        json.dumps(
            {"accepted": accepted, "unchanged": unchanged, "refused": refused, "failures": failures}
        )
    )


if __name__ == "__main__":
    if sys.argv[1] == "crash":
        crash(Path(sys.argv[2]))
    else:
        reviewer(Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]), Path(sys.argv[5]))
