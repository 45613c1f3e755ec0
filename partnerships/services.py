"""Business rules of the partnerships app: the functions views, admin, API and tasks call."""

import datetime

from django.db import transaction
from django.utils import formats

from core.choices import DatePrecision

from .models import Partnership


@transaction.atomic
def partnership_change_status(
    *, partnership: Partnership, status: str, on_date: datetime.date | None = None
) -> Partnership:
    """Move a partnership along its lifecycle and date the step.

    The row is locked so that two coordinators acting at once cannot both move it; an illegal
    step (e.g. terminated → active) raises ValidationError from Partnership.clean().
    """
    locked = Partnership.objects.select_for_update().get(pk=partnership.pk)
    locked.status = status
    locked.stamp_step_date(on_date)
    locked.full_clean()
    locked.save()
    return locked


def format_partial_date(value: datetime.date | None, precision: str) -> str:
    """A date as precise as its source: '8 December 2022', 'June 2018' or '2018'."""
    if value is None:
        return "—"
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return formats.date_format(value, "YEAR_MONTH_FORMAT")
    return formats.date_format(value, "DATE_FORMAT")


@transaction.atomic
def project_set_participations(*, project, participations: list[dict]) -> None:
    """Make the project's participating municipalities exactly ``participations``
    (dicts of ``municipality`` and ``role``)."""
    from .choices import ProjectRole
    from .models import ProjectParticipation

    wanted = {p["municipality"].pk: p["role"] for p in participations}
    # Query afresh: a prefetched project still lists the rows deleted here.
    current = ProjectParticipation.objects.filter(project=project)
    current.exclude(municipality_id__in=wanted).delete()
    existing = {p.municipality_id: p for p in current.all()}
    # Demote first, so that a change of lead never holds two leads at once.
    by_demotion_first = sorted(
        existing.items(), key=lambda item: wanted[item[0]] == ProjectRole.LEAD
    )
    for municipality_id, participation in by_demotion_first:
        if participation.role != wanted[municipality_id]:
            participation.role = wanted[municipality_id]
            participation.save(update_fields=["role"])
    ProjectParticipation.objects.bulk_create(
        ProjectParticipation(project=project, municipality_id=municipality_id, role=role)
        for municipality_id, role in wanted.items()
        if municipality_id not in existing
    )
