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
