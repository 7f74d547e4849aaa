"""Publishing a fact-check: rating a claim on the desk's scale, naming who made the claim
and when, and the sign-off of a second reviewer. Each change is one action of the store
with its event, so history shows it and undo reverts it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from workbench.config import Settings
from workbench.errors import InputError
from workbench.models import Article, ArticleSummary, Claim, Status, speakers, utcnow
from workbench.ratings import STATUS_SCALE, RatingScale, status_label
from workbench.store import Store

PartyType = Literal["Person", "Organization"]


@dataclass(frozen=True)
class Claimant:
    """Who made a claim. `type` is None when the name alone does not say whether it is a
    person or a body (ClaimReview then names no author rather than guess)."""

    name: str
    type: PartyType | None
    origin: Literal["set", "attribution", "outlet"]


@dataclass(frozen=True)
class Rating:
    """A claim's published rating: its label on its scale."""

    label: str
    scale: RatingScale

    @property
    def value(self) -> int:
        return self.scale.value(self.label)

    @property
    def description(self) -> str:
        item = self.scale.get(self.label)
        return item.description if item else ""


# -- the claimant ----------------------------------------------------------------------

_BODIES = re.compile(
    r"\b(ministry|ministries|department|government|office|agency|army|navy|police|council|"
    r"commission|committee|court|bank|party|university|institute|company|corporation|"
    r"bureau|embassy|union|association|organi[sz]ation|board|authority|parliament|senate|"
    r"congress|administration|federation|secretariat|cabinet|foundation|inc|ltd|plc)\b",
    re.IGNORECASE,
)
# Documents and unnamed groups say where a claim was read, not who made it.
_DOCUMENTS = re.compile(
    r"^(?:statement|readout|report|release|press release|data|figures|survey|study|"
    r"officials?|sources?|analysts?|experts?|people|residents|critics|observers|"
    r"spokesperson|spokesman|spokeswoman)$",
    re.IGNORECASE,
)
_FROM = re.compile(
    r"^(?:a |an |the )?(?:statement|readout|report|release) (?:from|of|by) ", re.IGNORECASE
)
_NAMED_BODY = re.compile(r"\b(?:at|of|from|for|in|with|by)\s+(?:the\s+)?([A-Z].*)$")
_PREPOSITION = re.compile(r"\b(?:at|of|from|for|in|with|by|to)\s+$", re.IGNORECASE)
_NAME_TAIL = re.compile(r"(?:^|\s)((?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’.-]+)$")
_CAPITALISED = re.compile(r"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}$")


def claimant_from_attribution(attribution: str | None) -> Claimant | None:
    """A claimant named by the extractor's attribution ("External affairs ministry
    spokesperson Randhir Jaiswal" -> the person; "the external affairs ministry" -> the
    body); None for documents and unnamed groups ("the readout", "officials")."""
    if not attribution:
        return None
    several = speakers(attribution)
    if len(several) > 1:
        # the same words from several speakers ("the statement; the readout"): one
        # claimant only when exactly one of them names one; two people is the reviewer's call
        each = {c for c in map(claimant_from_attribution, several) if c is not None}
        return each.pop() if len(each) == 1 else None
    text = " ".join(attribution.split()).split(", according to")[0].strip(" ,.")
    text = _FROM.sub("", text)
    bare = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)
    if not bare or _DOCUMENTS.match(bare):
        return None
    person = _NAME_TAIL.search(bare)
    after_preposition = bool(person and _PREPOSITION.search(bare[: person.start(1)]))
    if (
        person
        and person.start(1) > 0
        and not after_preposition
        and not _BODIES.search(person.group(1))
    ):
        # a role before a full name: "ministry spokesperson Randhir Jaiswal"
        return Claimant(person.group(1), "Person", "attribution")
    if _BODIES.search(bare):
        named = _NAMED_BODY.search(bare)  # "economists at the Bank of England": the bank
        name = named.group(1) if named and _BODIES.search(named.group(1)) else bare
        return Claimant(name[0].upper() + name[1:], "Organization", "attribution")
    if person and after_preposition:
        # "analysts at Goldman Sachs": a name, but of a person or of a firm?
        return Claimant(person.group(1), None, "attribution")
    if _CAPITALISED.match(bare) and bare == text:
        # "Narendra Modi" is a person; one word ("Misri", "China") could be either
        return Claimant(bare, "Person" if " " in bare else None, "attribution")
    return None


def claimant_of(claim: Claim, article: ArticleSummary) -> Claimant | None:
    """Who made the claim: as set by a reviewer, else from its attribution, else the
    outlet when the article states it in its own voice."""
    if claim.claimant:
        kind = claim.claimant_type if claim.claimant_type in ("Person", "Organization") else None
        return Claimant(claim.claimant, kind, "set")  # type: ignore[arg-type]
    if claim.attribution:
        return claimant_from_attribution(claim.attribution)
    if article.outlet:
        return Claimant(article.outlet, "Organization", "outlet")
    return None


def claim_date_of(claim: Claim, article: ArticleSummary) -> str | None:
    """When the claim was made: as set, else the article's published date."""
    return claim.claim_date or (article.published[:10] if article.published else None)


def rating_of(claim: Claim, scales: dict[str, RatingScale]) -> Rating | None:
    """The claim's rating; a claim decided with `mark` and never rated is published with
    its status on the statuses scale. Dismissed claims are not rated."""
    if claim.dismissed:
        return None
    if claim.rating:
        scale = scales.get(claim.rating_scale or "")
        if scale is None or scale.get(claim.rating) is None:
            raise InputError(
                f"claim {claim.id} is rated {claim.rating!r} on the scale"
                f" {claim.rating_scale!r}, which the configuration no longer has; add the"
                " scale back to rating_scales or rate the claim again"
            )
        return Rating(claim.rating, scale)
    label = status_label(claim.status)
    return Rating(label, STATUS_SCALE) if label else None


# -- the actions ---------------------------------------------------------------------


def rate(
    store: Store,
    settings: Settings,
    claim_id: int,
    word: str,
    note: str | None = None,
    expected_version: int | None = None,
) -> Claim:
    """Rate a claim on the desk's scale: the label, and the status it maps to."""
    scale = settings.scale()
    item = scale.find(word)
    store.get_claim(claim_id)  # an unknown claim fails with its own message
    changes: dict[str, object] = {
        "rating": item.label,
        "rating_scale": scale.name,
        "status": item.status.value,
    }
    if note is not None:
        changes["rationale"] = note
    return store.update_claim(
        claim_id,
        changes,
        settings.reviewer,
        "rate",
        f"claim {claim_id} rated {item.label} ({scale.name})",
        expected_version,
    )


def unrate_for_status(claim: Claim, status: Status, scales: dict[str, RatingScale]) -> bool:
    """Does marking the claim `status` contradict its rating (which then goes)?"""
    if not claim.rating:
        return False
    scale = scales.get(claim.rating_scale or "")
    item = scale.get(claim.rating) if scale else None
    return item is None or item.status is not status


def parse_date(value: str) -> str:
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        try:
            return datetime.fromisoformat(value.strip()).date().isoformat()
        except ValueError:
            raise InputError(f"invalid date {value!r}; give it as YYYY-MM-DD") from None


def set_claimant(
    store: Store,
    actor: str,
    claim_id: int,
    name: str | None,
    kind: str | None = None,
    claim_date: str | None = None,
    clear: bool = False,
    expected_version: int | None = None,
) -> Claim:
    """Name who made the claim (a person or an organisation) and when; `clear` goes back
    to what the attribution and the article say."""
    changes: dict[str, object] = {}
    if clear:
        changes.update(claimant=None, claimant_type=None, claim_date=None)
    if name is not None:
        name = " ".join(name.split())
        if not name:
            raise InputError("the claimant's name is empty; use --clear to go back to the default")
        changes["claimant"] = name
    if kind is not None:
        types = {"person": "Person", "organization": "Organization", "organisation": "Organization"}
        if kind.strip().lower() not in types:
            raise InputError(f"invalid claimant type {kind!r}; use person or organization")
        changes["claimant_type"] = types[kind.strip().lower()]
    if claim_date is not None:
        changes["claim_date"] = parse_date(claim_date)
    if not changes:
        raise InputError("give the claimant's NAME, --type, --date or --clear")
    current = store.get_claim(claim_id)
    if "claimant_type" in changes and not (changes.get("claimant") or current.claimant):
        raise InputError("name the claimant too: a type alone names nobody")
    return store.update_claim(
        claim_id, changes, actor, "claimant", f"claimant of claim {claim_id}", expected_version
    )


def approve(
    store: Store,
    settings: Settings,
    claim_id: int,
    withdraw: bool = False,
    expected_version: int | None = None,
) -> Claim:
    """Sign off a claim's verdict. Only a reviewer other than the one who decided it may;
    any later change to the claim withdraws the approval."""
    claim = store.get_claim(claim_id)
    reviewer = settings.reviewer
    if withdraw:
        if claim.approved_by is None:
            raise InputError(f"claim {claim_id} is not approved")
        changes: dict[str, object] = {"approved_by": None, "approved_at": None}
        return store.update_claim(
            claim_id, changes, reviewer, "unapprove", f"approval of claim {claim_id} withdrawn"
        )
    if claim.dismissed:
        raise InputError(f"claim {claim_id} is dismissed; restore it before approving it")
    if not claim.status.decided and not claim.rating:
        raise InputError(
            f"claim {claim_id} has no verdict to approve; rate it first (workbench rate"
            f" {claim_id} LABEL)"
        )
    if claim.decided_by == reviewer:
        raise InputError(
            f"claim {claim_id} was decided by {reviewer}: another reviewer must approve it"
            " (run with --reviewer NAME)"
        )
    if claim.approved_by is not None:
        return claim
    return store.update_claim(
        claim_id,
        {"approved_by": reviewer, "approved_at": utcnow().isoformat()},
        reviewer,
        "approve",
        f"claim {claim_id} approved",
        expected_version,
    )


def describe_claimant(claim: Claim, article: Article) -> str:
    found = claimant_of(claim, article)
    if found is None:
        return "unknown (set it: workbench claimant CLAIM NAME)"
    kind = f", {found.type.lower()}" if found.type else ""
    origin = {"set": "", "attribution": " (from the attribution)", "outlet": " (the outlet)"}
    when = claim_date_of(claim, article)
    return f"{found.name}{kind}{origin[found.origin]}" + (f", {when}" if when else "")
