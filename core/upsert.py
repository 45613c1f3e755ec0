"""Idempotent loading: write a row only when something in it differs."""

from collections import Counter
from enum import StrEnum


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


class UpsertReport:
    """Counts what a load did, per model, for the command's summary."""

    def __init__(self) -> None:
        self.counts: dict[str, Counter] = {}
        self.skipped: list[str] = []

    def add(self, model_name: str, outcome: Outcome) -> None:
        self.counts.setdefault(model_name, Counter())[outcome] += 1

    def skip(self, reason: str) -> None:
        self.skipped.append(reason)

    @property
    def changed(self) -> bool:
        return any(c[Outcome.CREATED] or c[Outcome.UPDATED] for c in self.counts.values())

    def lines(self) -> list[str]:
        lines = [
            f"{name}: {c[Outcome.CREATED]} created, {c[Outcome.UPDATED]} updated, "
            f"{c[Outcome.UNCHANGED]} unchanged"
            for name, c in self.counts.items()
        ]
        lines += [f"skipped: {reason}" for reason in self.skipped]
        return lines


def upsert(model, lookup: dict, values: dict, report: UpsertReport | None = None):
    """Create the row matching ``lookup`` or update it to ``values``; save only on a difference.

    Saving only on a difference keeps a second run from touching ``updated`` timestamps or adding
    history rows, so loading reference data twice changes nothing.
    """
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        instance.full_clean()
        instance.save()
        outcome = Outcome.CREATED
    else:
        differing = {key: value for key, value in values.items() if getattr(instance, key) != value}
        if differing:
            for key, value in differing.items():
                setattr(instance, key, value)
            instance.full_clean()
            instance.save()
            outcome = Outcome.UPDATED
        else:
            outcome = Outcome.UNCHANGED
    if report is not None:
        report.add(model.__name__, outcome)
    return instance
