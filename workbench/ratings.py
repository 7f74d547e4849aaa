"""Rating scales: what a desk publishes about a claim ("Mostly true", "Pants on Fire"),
each label mapped to a workflow status and to ClaimReview's numeric rating.

A scale lists its labels best first; a label's ratingValue is its rank counted from the
worst (the worst label is 1, the best is the number of labels), so a scale cannot carry
numbers that contradict its order. Three scales ship; an organisation adds its own in
the config file (`rating_scales`) and picks one with `rating_scale`.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from workbench.errors import InputError
from workbench.models import Status


class RatingLabel(BaseModel):
    """One label of a scale: its name, the status it sets, what it means to a reader."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    label: str = Field(min_length=1, max_length=60)
    status: Status
    description: str = ""

    @field_validator("label")
    @classmethod
    def _label_not_blank(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("a label is empty")
        return value


class RatingScale(BaseModel):
    """A named, ordered list of labels, best first."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9][a-z0-9_-]*$")
    title: str = ""
    labels: tuple[RatingLabel, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _labels_unique(self) -> RatingScale:
        seen: set[str] = set()
        for item in self.labels:
            key = item.label.casefold()
            if key in seen:
                raise ValueError(f"label {item.label!r} appears twice in scale {self.name!r}")
            seen.add(key)
        return self

    @property
    def best(self) -> int:
        return len(self.labels)

    def value(self, label: str) -> int:
        """ClaimReview's ratingValue of a label: 1 for the worst, len(labels) for the best."""
        return self.best - self.index(label)

    def index(self, label: str) -> int:
        for index, item in enumerate(self.labels):
            if item.label == label:
                return index
        raise KeyError(label)

    def find(self, word: str) -> RatingLabel:
        """The label a reviewer typed (case and spacing do not matter)."""
        wanted = " ".join(word.split()).casefold()
        for item in self.labels:
            if item.label.casefold() == wanted:
                return item
        choices = ", ".join(item.label for item in self.labels)
        raise InputError(
            f"{word!r} is not a label of the rating scale {self.name!r}; choose one of: {choices}"
        )

    def get(self, label: str) -> RatingLabel | None:
        return next((item for item in self.labels if item.label == label), None)

    @property
    def heading(self) -> str:
        """The heading a report's reader sees above the labels. The statuses' title
        ("Workflow statuses") is the desk's word, not the reader's: their labels are the
        verdicts. Another scale's title names it ("PolitiFact's Truth-O-Meter")."""
        if self.name == "statuses":
            return "What the verdicts mean"
        return f"What the ratings mean ({self.title})" if self.title else "What the ratings mean"


def _scale(name: str, title: str, labels: list[tuple[str, Status, str]]) -> RatingScale:
    return RatingScale(
        name=name,
        title=title,
        labels=tuple(RatingLabel(label=n, status=s, description=d) for n, s, d in labels),
    )


V, D, U = Status.VERIFIED, Status.DISPUTED, Status.UNVERIFIED
SHIPPED = {
    scale.name: scale
    for scale in (
        _scale(
            "default",
            "Six-point scale",
            [
                ("True", V, "The claim is accurate and nothing significant is missing."),
                ("Mostly true", V, "Accurate, but needs clarification or a detail is off."),
                (
                    "Missing context",
                    D,
                    "Accurate in part, but leaves out what changes its meaning.",
                ),
                ("Misleading", D, "Contains a true element, but gives a false impression."),
                ("Mostly false", D, "Contains a true element but ignores critical facts."),
                ("False", D, "The claim is not accurate."),
            ],
        ),
        _scale(
            "politifact",
            "PolitiFact's Truth-O-Meter",
            [
                ("True", V, "The statement is accurate and there's nothing significant missing."),
                ("Mostly True", V, "Accurate but needs clarification or additional information."),
                ("Half True", D, "Partially accurate but leaves out important details."),
                ("Mostly False", D, "Contains an element of truth but ignores critical facts."),
                ("False", D, "The statement is not accurate."),
                ("Pants on Fire", D, "Not accurate and makes a ridiculous claim."),
            ],
        ),
        _scale(
            "statuses",
            "Workflow statuses",
            [
                ("Verified", V, "The sources support the claim."),
                ("Unverified", U, "The claim could not be checked against a source."),
                ("Disputed", D, "The sources contradict the claim."),
            ],
        ),
    )
}

# A claim decided with `mark` (v / x in the review screen) and never rated is published
# with its status's label on this scale.
STATUS_SCALE = SHIPPED["statuses"]
_STATUS_LABELS = {Status.VERIFIED: "Verified", Status.DISPUTED: "Disputed"}


def status_label(status: Status) -> str | None:
    return _STATUS_LABELS.get(status)


def all_scales(custom: list[RatingScale]) -> dict[str, RatingScale]:
    """The shipped scales and the organisation's own (which may not reuse a shipped name)."""
    scales = dict(SHIPPED)
    for scale in custom:
        if scale.name in scales:
            raise ValueError(f"scale name {scale.name!r} is already taken; choose another name")
        scales[scale.name] = scale
    return scales
