"""How PostgreSQL answers the sweep's claim and stamp once a burst of reminders is planned.

Both run once per batch or once per message, so a plan that reads every due row (or a whole
index) for each of them makes a sweep of many reminders quadratic. The plans are read with
EXPLAIN after the statistics the sweep itself refreshes, as they are on a server.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events import delivery_stamps, reminders
from events.models import Participant, ReminderDelivery
from tests.events.factories import EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

PARTICIPANTS = 2000


def _plan(sql: str, params=()) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.fixture
def burst(monkeypatch):
    """A meeting in 90 minutes with 2,000 participants, their reminders planned at once."""
    monkeypatch.setattr(reminders, "REFRESH_STATISTICS_AFTER", PARTICIPANTS // 2)
    event = EventFactory(starts_at=timezone.now() + datetime.timedelta(minutes=90))
    model = ParticipantFactory.build(event=event)
    Participant.objects.bulk_create(
        [
            Participant(
                event=event,
                name=f"Участник {number}",
                email=f"burst{number}@example.org",
                consent_text=model.consent_text,
                consent_given_at=model.consent_given_at,
            )
            for number in range(PARTICIPANTS)
        ]
    )
    assert reminders.reminders_plan() == PARTICIPANTS
    return event


def test_a_claim_reads_its_batch_off_the_pending_index_without_sorting_the_due_rows(burst):
    with CaptureQueriesContext(connection) as queries:
        assert len(reminders.claim_batch(100)) == 100
    [claim] = [
        query["sql"]
        for query in queries.captured_queries
        if "FOR UPDATE SKIP LOCKED" in query["sql"] and "'pending'" in query["sql"]
    ]

    plan = _plan(claim)
    assert "Index Scan using delivery_pending_idx" in plan, plan
    assert "Sort" not in plan, plan


def test_the_stamp_of_a_sent_message_finds_its_row_by_the_primary_key(burst):
    [pk] = reminders.claim_batch(1)
    delivery = ReminderDelivery.objects.get(pk=pk)

    params = ["sent", timezone.now(), 1, pk, delivery.claimed_until]
    plan = _plan(delivery_stamps.STAMP_SENT, params)
    assert "Index Scan using events_reminderdelivery_pkey" in plan, plan
    assert "delivery_sending_idx" not in plan, plan
