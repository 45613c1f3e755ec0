"""`make run` sends reminders too: the portal on SQLite, swept by `manage.py send_due_reminders`."""

import pytest

from tests.commands import shell_on_sqlite

pytestmark = pytest.mark.slow

SCRIPT = """
import datetime, json
from django.utils import timezone
from events.models import ReminderDelivery
from events.reminders import reminders_sweep
from tests.events.factories import EventFactory, ParticipantFactory
start = timezone.now() + datetime.timedelta(minutes=90)
event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
for number in range(3):
    ParticipantFactory(event=event, email=f"member{number}@example.org")
first, second = reminders_sweep(), reminders_sweep()
print("RESULT", json.dumps({
    "first": first.as_dict(),
    "second": second.as_dict(),
    "statuses": sorted(ReminderDelivery.objects.values_list("status", flat=True)),
}))
"""


def test_a_sweep_on_sqlite_sends_each_due_reminder_once(tmp_path):
    result, output = shell_on_sqlite(SCRIPT, tmp_path)

    assert result["first"]["sent"] == 3
    assert result["second"]["sent"] == 0
    assert result["statuses"] == ["sent", "sent", "sent"]
    # The console backend of `make run` printed each message once.
    for number in range(3):
        assert output.count(f"To: member{number}@example.org") == 1
