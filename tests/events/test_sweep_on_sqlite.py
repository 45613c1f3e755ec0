"""`make run` sends reminders too: the portal on SQLite, swept by `manage.py send_due_reminders`."""

import json
import os

import pytest

from tests.commands import manage

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


def _manage(*args: str, env: dict) -> str:
    completed = manage(*args, env=env)
    assert completed.returncode == 0, completed.stderr[-3000:]
    return completed.stdout


def test_a_sweep_on_sqlite_sends_each_due_reminder_once(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "EMAIL_URL"}
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "memorandum_portal.settings.local",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    _manage("migrate", "--no-input", "-v", "0", env=env)

    output = _manage("shell", "-c", SCRIPT, env=env)

    [line] = [line for line in output.splitlines() if line.startswith("RESULT ")]
    result = json.loads(line.removeprefix("RESULT "))
    assert result["first"]["sent"] == 3
    assert result["second"]["sent"] == 0
    assert result["statuses"] == ["sent", "sent", "sent"]
    # The console backend of `make run` printed each message once.
    for number in range(3):
        assert output.count(f"To: member{number}@example.org") == 1
