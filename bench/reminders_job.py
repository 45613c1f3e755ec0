"""The reminders part of the benchmark, one step per process (run.py starts each):

    python -m bench.reminders_job setup --due 100000   # meetings starting soon, many participants
    python -m bench.reminders_job sweep                # events.reminders.reminders_sweep
    python -m bench.reminders_job floor --since <iso>  # the same messages, no database claim
    python -m bench.reminders_job cleanup --since <iso>

E-mails go to the locmem backend (bench.settings). Each step prints one line of JSON.

The floor renders and sends exactly the messages the sweep sent (read back from the reminder
log in one query, inside its timing) through events.messages.MeetingMessages and one locmem
connection: what sending them costs without claiming, checking and stamping each row in its own
transaction.
"""

import argparse
import datetime
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.core import mail  # noqa: E402
from django.core.mail import get_connection  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from events.choices import DeliveryKind, DeliveryStatus  # noqa: E402
from events.messages import MeetingMessages, participant_recipient  # noqa: E402
from events.models import ConsentText, Event, Participant, ReminderDelivery  # noqa: E402
from events.reminders import reminders_sweep  # noqa: E402
from partnerships.models import Municipality  # noqa: E402
from partnerships.scale_data import CODE_PREFIX  # noqa: E402

TITLE = "Бенчмарк: напоминания"
# Minutes before the start: inside the default 2-hour reminder, so exactly one is due now.
STARTS_IN = 90


def setup(due: int) -> dict:
    """Meetings starting in 90 minutes with ``due`` expected participants between them."""
    per_event = min(1000, due)
    events = -(-due // per_event)
    hosts = list(
        Municipality.objects.filter(official_code__startswith=CODE_PREFIX)
        .order_by("-population")
        .values_list("pk", "timezone")[:events]
    )
    consent = ConsentText.objects.latest()
    now = timezone.now()
    starts = now + datetime.timedelta(minutes=STARTS_IN)
    # bulk_create: no history rows and no signals for rows that cleanup() removes again.
    bench_events = Event.objects.bulk_create(
        [
            Event(
                kind="seminar",
                title=TITLE,
                title_ru=TITLE,
                status="confirmed",
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=3),
                timezone=zone or "Asia/Bishkek",
                host_municipality_id=host,
                venue="Зал заседаний",
                venue_ru="Зал заседаний",
                is_demo=True,
                reminder_note="Возьмите с собой паспорт.",
                reminder_note_ru="Возьмите с собой паспорт.",
            )
            for host, zone in (hosts[index % len(hosts)] for index in range(events))
        ]
    )
    created = 0
    for event in bench_events:
        count = min(per_event, due - created)
        Participant.objects.bulk_create(
            [
                Participant(
                    event=event,
                    name=f"Участник {number}",
                    email=f"bench.{event.pk}.{number}@example.org",
                    preferred_language=("ru", "ky", "en")[number % 3],
                    timezone="Europe/Moscow" if number % 4 == 0 else "",
                    consent_text=consent,
                    consent_given_at=now,
                )
                for number in range(count)
            ],
            batch_size=5000,
        )
        created += count
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE events_participant; ANALYZE events_event")
    return {"events": events, "participants": created, "since": now.isoformat()}


def sweep() -> dict:
    started = time.perf_counter()
    report = reminders_sweep()
    elapsed = time.perf_counter() - started
    return {
        "seconds": round(elapsed, 3),
        "report": report.as_dict(),
        "outbox": len(mail.outbox),
        "per_message_ms": round(1000 * elapsed / max(report.sent, 1), 3),
    }


def floor(since: str) -> dict:
    started = time.perf_counter()
    sent = (
        ReminderDelivery.objects.filter(
            created__gte=since, status=DeliveryStatus.SENT, kind=DeliveryKind.REMINDER
        )
        .select_related("event", "participant")
        .order_by("pk")
    )
    messages = MeetingMessages()
    mail_connection = get_connection()
    mail_connection.open()
    count = 0
    for delivery in sent:
        message = messages.build(
            delivery.event, participant_recipient(delivery.participant), delivery.kind
        )
        message.connection = mail_connection
        message.send()
        count += 1
    mail_connection.close()
    elapsed = time.perf_counter() - started
    return {
        "seconds": round(elapsed, 3),
        "messages": count,
        "outbox": len(mail.outbox),
        "per_message_ms": round(1000 * elapsed / max(count, 1), 3),
    }


def cleanup(since: str) -> dict:
    """Remove what setup and the sweep added, so the next run starts from the same state."""
    bench_events = "SELECT id FROM events_event WHERE is_demo AND title_ru = %s"
    counts = {}
    with transaction.atomic(), connection.cursor() as cursor:
        for name, sql, params in (
            (
                "deliveries",
                "DELETE FROM events_reminderdelivery WHERE created >= %s "
                f"OR event_id IN ({bench_events})",
                [since, TITLE],
            ),
            (
                "participants",
                f"DELETE FROM events_participant WHERE event_id IN ({bench_events})",
                [TITLE],
            ),
            ("events", f"DELETE FROM events_event WHERE id IN ({bench_events})", [TITLE]),
        ):
            cursor.execute(sql, params)
            counts[name] = cursor.rowcount
    # The deleted rows' space and the statistics back as they were: without this each run left
    # ~100,000 dead rows in the reminder log's indexes for the next sweep to wade through, and
    # autovacuum may be off on the server (it is on these machines).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE) events_reminderdelivery, events_participant, events_event")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=["setup", "sweep", "floor", "cleanup"])
    parser.add_argument("--due", type=int, default=1000)
    parser.add_argument("--since")
    options = parser.parse_args()
    if options.step == "setup":
        result = setup(options.due)
    elif options.step == "sweep":
        result = sweep()
    elif options.step == "floor":
        result = floor(options.since)
    else:
        result = cleanup(options.since)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
