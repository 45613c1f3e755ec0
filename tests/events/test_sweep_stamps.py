"""A sweep outside any transaction, as workers run it: the stamp of each message is written on a
connection of its own while the next message is rendered, and committed before that next one
goes out."""

import datetime
import threading

import psycopg2
import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from events.choices import DeliveryStatus
from events.delivery_stamps import connection_params
from events.models import ReminderDelivery
from events.reminders import reminders_sweep
from tests.events.factories import EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# How long the first message's row stays locked by another session after it went out.
HOLD_SECONDS = 0.5


def _session():
    return psycopg2.connect(**connection_params())


def _delivery_of(session, address: str) -> tuple[int, str]:
    with session.cursor() as cursor:
        cursor.execute(
            "SELECT d.id, d.status FROM events_reminderdelivery d "
            "JOIN events_participant p ON p.id = d.participant_id WHERE p.email = %s",
            [address],
        )
        return cursor.fetchone()


class HoldingTheFirstStampBackend(BaseEmailBackend):
    """Accepts every message. On the first it locks that message's row from another session for
    HOLD_SECONDS, so its stamp waits; on each later one it notes what another session then sees
    of the rows of the messages before it."""

    accepted: list[str] = []
    seen_before: list[list[str]] = []

    def send_messages(self, messages):
        for message in messages:
            [address] = message.to
            if not self.accepted:
                holder = _session()
                with holder.cursor() as cursor:
                    cursor.execute(
                        "SELECT id FROM events_reminderdelivery WHERE id = %s FOR UPDATE",
                        [_delivery_of(holder, address)[0]],
                    )
                threading.Timer(HOLD_SECONDS, holder.close).start()
            else:
                observer = _session()
                type(self).seen_before.append(
                    [_delivery_of(observer, earlier)[1] for earlier in self.accepted]
                )
                observer.close()
            self.accepted.append(address)
        return len(messages)


def test_no_message_goes_out_before_the_previous_ones_stamp_is_committed(settings):
    settings.EMAIL_BACKEND = f"{__name__}.HoldingTheFirstStampBackend"
    HoldingTheFirstStampBackend.accepted = []
    HoldingTheFirstStampBackend.seen_before = []
    start = timezone.now() + datetime.timedelta(minutes=90)
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    for number in range(3):
        ParticipantFactory(event=event, email=f"member{number}@example.org")

    report = reminders_sweep()

    assert report.sent == 3
    # The second message waited for the first one's stamp, held back by the lock, and the third
    # for the second's: another session saw every earlier message marked sent.
    assert HoldingTheFirstStampBackend.seen_before == [["sent"], ["sent", "sent"]]
    assert set(ReminderDelivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}
