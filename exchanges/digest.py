"""The weekly digest for coordinators: partnerships gone dormant, partner requests nobody has
answered, and the meetings of the next two weeks; one e-mail per coordinator and week, in the
coordinator's language."""

import datetime
import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation

from accounts.roles import COORDINATORS
from events.choices import EventStatus
from events.models import Event
from partnerships.choices import LIVE_PARTNERSHIP_STATUSES
from partnerships.selectors import activity_cutoff, partnership_list

from .models import DigestDelivery, PartnerRequest

logger = logging.getLogger(__name__)

UPCOMING_DAYS = 14


@dataclass
class DigestContents:
    week: datetime.date
    gone_dormant: list
    unanswered: list
    upcoming: list

    @property
    def is_empty(self) -> bool:
        return not (self.gone_dormant or self.unanswered or self.upcoming)


def digest_contents(*, today: datetime.date | None = None) -> DigestContents:
    today = today or timezone.localdate()
    cutoff = activity_cutoff(today)
    # Gone dormant this week: the last activity has just slipped out of the window.
    gone_dormant = list(
        partnership_list()
        .filter(
            status__in=LIVE_PARTNERSHIP_STATUSES,
            last_activity_on__lt=cutoff,
            last_activity_on__gte=cutoff - datetime.timedelta(days=7),
        )
        .order_by("municipality_a__name")
    )
    unanswered = list(
        PartnerRequest.objects.open(today)
        .filter(answers__isnull=True)
        .select_related("municipality")
        .order_by("created")
    )
    now = timezone.now()
    upcoming = list(
        Event.objects.filter(
            starts_at__gte=now, starts_at__lt=now + datetime.timedelta(days=UPCOMING_DAYS)
        )
        .exclude(status=EventStatus.CANCELLED)
        .select_related("host_municipality")
        .order_by("starts_at")
    )
    return DigestContents(
        week=today - datetime.timedelta(days=today.weekday()),
        gone_dormant=gone_dormant,
        unanswered=unanswered,
        upcoming=upcoming,
    )


def _coordinators():
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name=COORDINATORS) | Q(is_superuser=True))
        .exclude(email="")
        .distinct()
    )


def _message(contents: DigestContents, user) -> EmailMultiAlternatives:
    language = user.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "contents": contents,
            "week": formats.date_format(contents.week, "DATE_FORMAT"),
            "window_months": settings.PARTNERSHIP_ACTIVE_WINDOW_MONTHS,
            "upcoming_days": UPCOMING_DAYS,
            "portal_url": settings.PORTAL_BASE_URL,
            "recipient": user,
        }
        subject = " ".join(render_to_string("exchanges/email/digest_subject.txt", context).split())
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("exchanges/email/digest.txt", context),
            to=[user.email],
            headers={"Auto-Submitted": "auto-generated"},
        )
        message.attach_alternative(
            render_to_string("exchanges/email/digest.html", context), "text/html"
        )
        return message


class DigestIncomplete(Exception):
    """Some coordinators could not be sent the digest; a retry sends only to them."""


def digest_send_weekly(*, today: datetime.date | None = None) -> int:
    """Send this week's digest to every coordinator who has not had it; returns how many.

    Each recipient's row is inserted in a transaction that stays open while the e-mail goes out:
    a concurrent run waits on the row's unique key and then finds it sent; a failed send rolls the
    row back, so a retry sends to that coordinator again, and to nobody twice.
    """
    contents = digest_contents(today=today)
    if contents.is_empty:
        return 0
    sent, failed = 0, []
    for user in _coordinators():
        try:
            with transaction.atomic():
                _row, created = DigestDelivery.objects.get_or_create(
                    recipient=user, week=contents.week
                )
                if not created:
                    continue
                _message(contents, user).send()
                sent += 1
        except (OSError, smtplib.SMTPException) as error:
            logger.warning("Weekly digest to user %s failed: %s", user.pk, error)
            failed.append(user.pk)
    if failed:
        raise DigestIncomplete(f"{len(failed)} of the digests could not be sent")
    return sent
