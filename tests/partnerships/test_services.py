"""The partnership lifecycle: proposed → negotiating → active → suspended / terminated."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from core.choices import DatePrecision
from partnerships import services
from partnerships.choices import PartnershipStatus
from tests.partnerships.factories import PartnershipFactory

pytestmark = pytest.mark.django_db


def test_each_step_is_dated():
    partnership = PartnershipFactory(status=PartnershipStatus.PROPOSED)
    steps = [
        (PartnershipStatus.NEGOTIATING, datetime.date(2024, 2, 1)),
        (PartnershipStatus.ACTIVE, datetime.date(2024, 9, 16)),
        (PartnershipStatus.SUSPENDED, datetime.date(2025, 1, 10)),
        (PartnershipStatus.ACTIVE, datetime.date(2025, 3, 1)),
        (PartnershipStatus.TERMINATED, datetime.date(2025, 6, 1)),
    ]
    for status, date in steps:
        partnership = services.partnership_change_status(
            partnership=partnership, status=status, on_date=date
        )
        assert partnership.status == status
    partnership.refresh_from_db()
    assert partnership.negotiations_started_on == datetime.date(2024, 2, 1)
    # Resuming keeps the original signing date.
    assert partnership.signed_on == datetime.date(2024, 9, 16)
    assert partnership.suspended_on == datetime.date(2025, 1, 10)
    assert partnership.terminated_on == datetime.date(2025, 6, 1)


def test_terminated_partnership_cannot_come_back():
    partnership = PartnershipFactory(status=PartnershipStatus.TERMINATED)
    with pytest.raises(ValidationError) as caught:
        services.partnership_change_status(partnership=partnership, status=PartnershipStatus.ACTIVE)
    assert "cannot go from" in str(caught.value)
    partnership.refresh_from_db()
    assert partnership.status == PartnershipStatus.TERMINATED


def test_partial_dates_are_shown_as_precise_as_known():
    date = datetime.date(2018, 1, 1)
    assert services.format_partial_date(date, DatePrecision.YEAR) == "2018"
    assert services.format_partial_date(datetime.date(2022, 12, 8), DatePrecision.DAY) == (
        "Dec. 8, 2022"
    )
    assert services.format_partial_date(None, DatePrecision.DAY) == "—"
