"""Participants' names and e-mails never reach the logs, even when a mail server quotes them."""

import datetime
import logging

import pytest
import time_machine
from django.utils import timezone

from events.reminders import reminders_sweep
from tests.events.factories import EventFactory, ParticipantFactory
from tests.smtp import RecordingHandler, SMTPServer

pytestmark = pytest.mark.django_db

NAME, EMAIL = "Айгүл Токтосунова", "aigul.private@example.org"


class RefusingRecipient(RecordingHandler):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return f"550 5.1.1 <{address}>: Recipient address rejected: user unknown"


def test_logs_never_hold_participants_names_or_addresses(caplog, settings, coordinator):
    from rest_framework.test import APIClient

    from tests.api.conftest import token_client

    caplog.set_level(logging.DEBUG)
    start = timezone.now() + datetime.timedelta(hours=1)
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    # Registered through the API by a coordinator...
    response = token_client(coordinator).post(
        f"/api/v1/events/{event.pk}/participants/",
        {"name": NAME, "email": EMAIL, "preferred_language": "ky", "consent": True},
        format="json",
    )
    assert response.status_code == 201
    # ...refused by the anonymous public...
    assert APIClient().get(f"/api/v1/events/{event.pk}/participants/").status_code == 401
    ParticipantFactory(event=event)
    # ...and reminded through a mail server that refuses the address, quoting it.
    with SMTPServer(RefusingRecipient()) as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_USE_TLS = False
        with time_machine.travel(timezone.now(), tick=False):
            report = reminders_sweep()
    assert report.retried == 2
    # The test's own mail server (aiosmtpd, logger "mail.log") logs what it receives; the
    # portal's loggers are what must stay clean.
    logged = "\n".join(
        record.getMessage() for record in caplog.records if not record.name.startswith("mail.log")
    )
    assert "Delivery" in logged  # the failures were logged...
    assert EMAIL not in logged and NAME not in logged  # ...without the person
