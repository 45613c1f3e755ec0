"""The read side of the events app."""

from django.db.models import OuterRef, Prefetch, QuerySet

from core.query import count_of
from partnerships.selectors import beyond_summary

from .choices import Attendance
from .models import AgendaItem, Event, Participant, WorkingGroup


def event_list() -> QuerySet[Event]:
    """Events with what their list and feed show: host, group, links, agenda, counts."""
    return (
        Event.objects.select_related(
            "host_municipality__region", "working_group", "partnership", "project"
        )
        .defer(*beyond_summary("host_municipality"))
        .prefetch_related(
            "goals",
            "activity_types",
            "organising_parties",
            "organising_municipalities",
            Prefetch(
                "agenda_items", queryset=AgendaItem.objects.order_by("order", "starts_at", "pk")
            ),
        )
        .annotate(
            participant_count=count_of(
                Participant.objects.filter(event=OuterRef("pk")).exclude(
                    attendance=Attendance.DECLINED
                )
            )
        )
    )


def working_group_list() -> QuerySet[WorkingGroup]:
    return WorkingGroup.objects.prefetch_related("parties").annotate(
        meeting_count=count_of(Event.objects.filter(working_group=OuterRef("pk")))
    )


def participant_list(event: Event) -> QuerySet[Participant]:
    return event.participants.select_related("municipality__region", "consent_text")


def event_calendar_list() -> QuerySet[Event]:
    """Events as the month grid shows them: title, time, kind, status and host, in one query."""
    return Event.objects.select_related("host_municipality__region")


def event_detail() -> QuerySet[Event]:
    """Events with everything their public page shows (never the participants themselves)."""
    return (
        event_list()
        .select_related("partnership__municipality_a", "partnership__municipality_b")
        .prefetch_related("documents")
    )
