"""The coordinators' weekly digest: what it lists, in whose language, once a week."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from accounts.roles import COORDINATORS
from exchanges.digest import DigestIncomplete, digest_contents, digest_send_weekly
from exchanges.models import DigestDelivery
from tests.events.factories import EventFactory
from tests.exchanges.factories import (
    ExchangeFactory,
    PartnerRequestAnswerFactory,
    PartnerRequestFactory,
)
from tests.partnerships.factories import PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinators():
    group = Group.objects.get(name=COORDINATORS)
    users = [
        UserFactory(username="bishkek", email="bishkek@example.org", preferred_language="ky"),
        UserFactory(username="moscow", email="moscow@example.org", preferred_language="ru"),
    ]
    for user in users:
        user.groups.add(group)
    return users


def test_digest_lists_dormant_links_unanswered_requests_and_upcoming_meetings():
    today = timezone.localdate()
    gone = PartnershipFactory()
    ExchangeFactory(
        partnership=gone,
        starts_on=today - datetime.timedelta(days=733),
        ends_on=today - datetime.timedelta(days=730),
    )
    long_gone = PartnershipFactory()
    ExchangeFactory(
        partnership=long_gone,
        starts_on=today - datetime.timedelta(days=1500),
        ends_on=today - datetime.timedelta(days=1490),
    )
    lonely = PartnerRequestFactory(title_ru="Никто не ответил")
    PartnerRequestAnswerFactory(request=PartnerRequestFactory())
    soon = EventFactory(
        starts_at=timezone.now() + datetime.timedelta(days=3),
        ends_at=timezone.now() + datetime.timedelta(days=3, hours=2),
    )
    EventFactory(
        starts_at=timezone.now() + datetime.timedelta(days=40),
        ends_at=timezone.now() + datetime.timedelta(days=40, hours=2),
    )
    contents = digest_contents(today=today)
    assert contents.gone_dormant == [gone]
    assert contents.unanswered == [lonely]
    assert contents.upcoming == [soon]


def test_each_coordinator_gets_it_once_a_week_in_their_language(coordinators):
    PartnerRequestFactory(title_ru="Ищем партнёра", title_ky="Өнөктөш издейбиз")
    mail.outbox = []
    assert digest_send_weekly() == 2
    assert digest_send_weekly() == 0  # a repeated or redelivered task sends nothing more
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"bishkek@example.org", "moscow@example.org"}
    assert "Өнөктөш издейбиз" in by_address["bishkek@example.org"].body
    assert "Ищем партнёра" in by_address["moscow@example.org"].body
    assert DigestDelivery.objects.count() == 2


def test_a_failed_send_leaves_no_row_so_the_next_run_retries(coordinators, settings):
    from tests.smtp import RecordingHandler, SMTPServer

    PartnerRequestFactory()
    handler = RecordingHandler(refuse_first=1)
    with SMTPServer(handler) as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_USE_TLS = False
        with pytest.raises(DigestIncomplete):
            digest_send_weekly()
        # The other coordinator got it; the one refused has no row and is retried.
        assert DigestDelivery.objects.count() == 1
        assert digest_send_weekly() == 1
        handler.wait_for(2)
    assert DigestDelivery.objects.count() == 2
    assert sorted(handler.recipients()) == ["bishkek@example.org", "moscow@example.org"]
