"""Changes that reshape claims (split, merge), and review sessions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workbench.errors import InputError
from workbench.models import ClaimDraft, ReviewSession, Span
from workbench.store.base import now
from workbench.store.sources import SourceStore

# a split claim's parts start undecided: what was verified of the whole may not hold of a part
_NO_VERDICT: dict[str, Any] = {
    "status": "unverified",
    "rating": None,
    "rating_scale": None,
    "approved_by": None,
    "approved_at": None,
    "decided_at": None,
    "decided_by": None,
}


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without white space at either end."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _words(text: str, spans: list[tuple[int, int]]) -> str:
    return " ".join(" ".join(text[start:end].split()) for start, end in spans)


class ReviewStore(SourceStore):
    def add_claim(self, article_id: int, draft: ClaimDraft, actor: str) -> int:
        """A claim added by hand (origin 'manual'), with its event."""
        with self.transaction():
            article = self.get_article(article_id)
            for span in draft.spans:
                if span.end > len(article.text) or not article.text[span.start : span.end].strip():
                    raise InputError(
                        f"characters {span.start}-{span.end} are not words of article {article_id}"
                        f" (its text has {len(article.text)} characters)"
                    )
            row = self.conn.execute(
                "SELECT coalesce(max(position), -1) + 1 FROM claims WHERE article_id = ?",
                [article_id],
            ).fetchone()
            claim_id = self._insert_claim(article_id, int(row[0]), draft, actor, now())
            self.conn.execute("UPDATE claims SET origin = 'manual' WHERE id = ?", [claim_id])
            self._record(
                actor,
                "add",
                article_id=article_id,
                claim_id=claim_id,
                summary=f"added claim {claim_id} by hand",
                after={"claims": {str(claim_id): self._claim_state(claim_id)}},
            )
            return claim_id

    def split_claim(
        self,
        claim_id: int,
        at: int,
        actor: str,
        expected_version: int | None = None,
        wording: Callable[[str], str] = str,
        texts: tuple[str, str] | None = None,
        describe: Callable[[str], dict[str, Any]] | None = None,
    ) -> tuple[int, int]:
        """Split a claim at article offset `at`: its spans before `at` stay with it, those
        after go to a new claim. Each is worded `texts` (default: the words of its spans)
        and described by `describe` (its kind and check-worthiness; default: the
        claim's). The verdict held of the whole holds of neither part: both start
        unverified, unrated, unapproved (the event keeps what it was). Returns both ids."""
        with self.transaction():
            before = self._checked_state(claim_id, expected_version)
            spans = [tuple(span) for span in before["spans"]]
            head = [(s, min(e, at)) for s, e in spans if s < at]
            tail = [(max(s, at), e) for s, e in spans if e > at]
            article = self.get_article(before["article_id"]).text
            head = [_trimmed(article, s, e) for s, e in head if article[s:e].strip()]
            tail = [_trimmed(article, s, e) for s, e in tail if article[s:e].strip()]
            if not head or not tail:
                raise InputError("split inside the claim's words: both parts need some words")
            stamp = now()
            head_text, tail_text = texts or (
                wording(_words(article, head)),
                wording(_words(article, tail)),
            )
            kept = {k: before[k] for k in ("kind", "checkworthiness")}
            head_facts = describe(head_text) if describe else kept
            tail_facts = describe(tail_text) if describe else kept
            self._update_claim_row(
                claim_id,
                {
                    "text": head_text,
                    "start": head[0][0],
                    "end": max(e for _, e in head),
                    **head_facts,
                    **_NO_VERDICT,
                    "version": before["version"] + 1,
                    "updated_at": stamp,
                    "updated_by": actor,
                },
            )
            self._write_spans(claim_id, [Span(start=s, end=e) for s, e in head])
            cursor = self.conn.execute(
                'INSERT INTO claims (article_id, position, text, original_text, start, "end",'
                " kind, attribution, checkworthiness, origin, created_at, updated_at, updated_by)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'manual', ?, ?, ?)",
                (
                    before["article_id"],
                    before["position"],
                    tail_text,
                    tail_text,
                    tail[0][0],
                    max(e for _, e in tail),
                    tail_facts["kind"],
                    before["attribution"],
                    tail_facts["checkworthiness"],
                    stamp,
                    stamp,
                    actor,
                ),
            )
            new_id = cursor.lastrowid
            assert new_id is not None
            self._write_spans(new_id, [Span(start=s, end=e) for s, e in tail])
            self._record(
                actor,
                "split",
                article_id=before["article_id"],
                claim_id=claim_id,
                summary=f"split claim {claim_id} into {claim_id} and {new_id}",
                before={"claims": {str(claim_id): before}},
                after={
                    "claims": {
                        str(claim_id): self._claim_state(claim_id),
                        str(new_id): self._claim_state(new_id),
                    }
                },
            )
            return claim_id, new_id

    def merge_claims(
        self,
        first_id: int,
        second_id: int,
        actor: str,
        expected_versions: tuple[int | None, int | None] = (None, None),
    ) -> int:
        """Merge the second claim into the first: text joined, spans together, evidence
        moved; the second claim is removed (undo brings it back). The merged claim is a
        new statement, so neither verdict holds of it: it starts unverified, unrated,
        unapproved, as split's parts do (the event keeps both verdicts)."""
        if first_id == second_id:  # "merging" a claim with itself would delete it
            raise InputError(
                f"cannot merge claim {first_id} with itself; give two different claims"
            )
        with self.transaction():
            first = self._checked_state(first_id, expected_versions[0])
            second = self._checked_state(second_id, expected_versions[1])
            if first["article_id"] != second["article_id"]:
                raise InputError("only claims of the same article can be merged")
            evidence_before = {
                str(row["id"]): row
                for row in self._rows("SELECT * FROM evidence WHERE claim_id = ?", [second_id])
            }
            spans = sorted({tuple(s) for s in first["spans"]} | {tuple(s) for s in second["spans"]})
            text = f"{first['text'].rstrip()} {second['text'].strip()}"
            self.conn.execute(
                "UPDATE evidence SET claim_id = ? WHERE claim_id = ?", [first_id, second_id]
            )
            self._update_claim_row(
                first_id,
                {
                    "text": text,
                    "start": spans[0][0],
                    "end": max(e for _, e in spans),
                    "checkworthiness": max(first["checkworthiness"], second["checkworthiness"]),
                    **_NO_VERDICT,
                    "version": first["version"] + 1,
                    "updated_at": now(),
                    "updated_by": actor,
                },
            )
            self._write_spans(first_id, [Span(start=s, end=e) for s, e in spans])
            self.conn.execute("DELETE FROM claims WHERE id = ?", [second_id])
            evidence_after = {
                key: self._one("SELECT * FROM evidence WHERE id = ?", [int(key)])
                for key in evidence_before
            }
            self._record(
                actor,
                "merge",
                article_id=first["article_id"],
                claim_id=first_id,
                summary=f"merged claim {second_id} into {first_id}",
                before={
                    "claims": {str(first_id): first, str(second_id): second},
                    "evidence": evidence_before,
                },
                after={
                    "claims": {str(first_id): self._claim_state(first_id)},
                    "evidence": evidence_after,
                },
            )
            return first_id

    def start_session(self, reviewer: str, article_id: int | None) -> ReviewSession:
        with self.transaction():
            cursor = self.conn.execute(
                "INSERT INTO review_sessions (reviewer, article_id, started_at) VALUES (?, ?, ?)",
                (reviewer, article_id, now()),
            )
            assert cursor.lastrowid is not None
            return self.session(cursor.lastrowid)

    def end_session(self, session_id: int, decided: int) -> ReviewSession:
        with self.transaction():
            self.conn.execute(
                "UPDATE review_sessions SET ended_at = ?, decided = ? WHERE id = ?",
                (now(), decided, session_id),
            )
        return self.session(session_id)

    def last_position(self, reviewer: str, article_id: int) -> int | None:
        """The claim `reviewer` was last on in the article, if any."""
        row = self._one(
            "SELECT claim_id FROM review_positions WHERE reviewer = ? AND article_id = ?",
            [reviewer, article_id],
        )
        return int(row["claim_id"]) if row else None

    def remember_position(self, reviewer: str, article_id: int, claim_id: int) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO review_positions (reviewer, article_id, claim_id, updated_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (reviewer, article_id)"
                " DO UPDATE SET claim_id = excluded.claim_id, updated_at = excluded.updated_at",
                (reviewer, article_id, claim_id, now()),
            )

    def session(self, session_id: int) -> ReviewSession:
        row = self._one("SELECT * FROM review_sessions WHERE id = ?", [session_id])
        assert row is not None
        return ReviewSession.model_validate(row)
