"""Reminders through real Celery workers on the real Redis, delivered to a real SMTP server.

Each test commits its data so that worker processes see it.
"""

import collections
import datetime
import time

import pytest
from django.utils import timezone

from events.choices import DeliveryStatus
from events.models import ReminderDelivery
from tests.events.factories import EventFactory, ParticipantFactory
from tests.smtp import RecordingHandler, SMTPServer
from tests.workers import broker_is_idle, celery_worker, enqueue_sweep, purge_broker, wait_until

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.slow,
]


@pytest.fixture(autouse=True)
def _empty_queue():
    purge_broker()
    yield
    purge_broker()


def upcoming_meeting(participants: int) -> list[str]:
    """A meeting in 90 minutes: its 2-hour reminder is due now."""
    start = timezone.now() + datetime.timedelta(minutes=90)
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    return [
        ParticipantFactory(event=event, email=f"member{n}@example.org").email
        for n in range(participants)
    ]


def test_a_due_reminder_goes_end_to_end_through_a_worker(tmp_path):
    [address] = upcoming_meeting(1)
    handler = RecordingHandler()
    with (
        SMTPServer(handler) as smtp,
        celery_worker(name="solo", email_url=smtp.url, tmp_path=tmp_path),
    ):
        enqueue_sweep()
        [message] = handler.wait_for(1)
        # The worker commits the row right after the mail server accepted the message.
        wait_until(lambda: ReminderDelivery.objects.get().status == DeliveryStatus.SENT, timeout=10)
    assert message["To"] == address


def test_racing_sweeps_in_two_workers_send_each_reminder_once(tmp_path):
    """Two workers with two processes each, and four sweeps queued at once (as two beat
    processes would): every participant gets exactly one message."""
    addresses = upcoming_meeting(30)
    handler = RecordingHandler(delay=0.02)
    with (
        SMTPServer(handler) as smtp,
        celery_worker(name="a", email_url=smtp.url, concurrency=2, tmp_path=tmp_path),
        celery_worker(name="b", email_url=smtp.url, concurrency=2, tmp_path=tmp_path),
    ):
        enqueue_sweep(4)
        handler.wait_for(len(addresses), timeout=60)  # four worker processes starting on two cores
        wait_until(
            lambda: not ReminderDelivery.objects.exclude(status=DeliveryStatus.SENT).exists(),
            timeout=30,
        )
        # Later sweeps find nothing more to send.
        enqueue_sweep(2)
        wait_until(broker_is_idle, timeout=30)
    counts = collections.Counter(handler.recipients())
    assert sorted(counts) == sorted(addresses)
    assert set(counts.values()) == {1}
    assert ReminderDelivery.objects.filter(status=DeliveryStatus.SENT).count() == 30


def test_a_worker_killed_mid_batch_loses_and_repeats_nothing(tmp_path):
    addresses = upcoming_meeting(12)
    handler = RecordingHandler(delay=0.6)
    with SMTPServer(handler) as smtp:
        with celery_worker(name="doomed", email_url=smtp.url, tmp_path=tmp_path) as doomed:
            enqueue_sweep()
            handler.wait_for(4)
            # Kill it while it waits on the mail server with the fifth message (the server takes
            # 0.6 s to answer RCPT TO), not in the instant between the fourth being accepted and
            # committed: that instant is the one place a message can be repeated (see
            # events.reminders).
            time.sleep(0.3)
            doomed.kill()
        sent_before_restart = len(handler.recipients())
        assert sent_before_restart < len(addresses)
        # The rows it had claimed but not sent are still claimed (until the lease lapses), and
        # the rest are pending: none is marked sent without having gone out.
        assert ReminderDelivery.objects.filter(status=DeliveryStatus.SENT).count() == (
            sent_before_restart
        )
        with celery_worker(name="successor", email_url=smtp.url, tmp_path=tmp_path):

            def all_sent() -> bool:
                enqueue_sweep()  # as beat does every minute
                return not ReminderDelivery.objects.exclude(status=DeliveryStatus.SENT).exists()

            wait_until(all_sent, timeout=60, interval=1.0)
    counts = collections.Counter(handler.recipients())
    assert sorted(counts) == sorted(addresses)
    assert set(counts.values()) == {1}


def test_reminders_due_while_redis_was_down_go_out_once_it_is_back(tmp_path):
    """Redis restarts and forgets its queue; the due rows are in Postgres, so the first sweep
    after the restart sends them, once."""
    from tests.redis_server import PrivateRedis

    handler = RecordingHandler()
    with (
        SMTPServer(handler) as smtp,
        PrivateRedis(tmp_path) as broker,
        celery_worker(name="survivor", email_url=smtp.url, tmp_path=tmp_path, redis_url=broker.url),
    ):
        first = upcoming_meeting(2)
        enqueue_sweep(broker_url=broker.url)
        handler.wait_for(2)

        broker.kill()
        later = [
            ParticipantFactory(
                event=EventFactory(
                    starts_at=timezone.now() + datetime.timedelta(minutes=60),
                    ends_at=timezone.now() + datetime.timedelta(minutes=120),
                ),
                email=f"later{n}@example.org",
            ).email
            for n in range(3)
        ]
        broker.start()  # same port, empty: the worker reconnects by itself

        enqueue_sweep(broker_url=broker.url)
        handler.wait_for(5, timeout=60)
        wait_until(
            lambda: not ReminderDelivery.objects.exclude(status=DeliveryStatus.SENT).exists(),
            timeout=30,
        )
    counts = collections.Counter(handler.recipients())
    assert sorted(counts) == sorted(first + later)
    assert set(counts.values()) == {1}
