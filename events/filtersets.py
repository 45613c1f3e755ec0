"""Filters of the events app's lists (API, feeds and public pages)."""

import django_filters as filters
from django.db.models import Q

from core.choices import Country
from core.filters import UTCDateTimeFilter

from .choices import EventKind, EventStatus
from .models import Event


class EventFilterSet(filters.FilterSet):
    kind = filters.MultipleChoiceFilter(choices=EventKind.choices)
    status = filters.MultipleChoiceFilter(choices=EventStatus.choices)
    starts_after = UTCDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = UTCDateTimeFilter(field_name="starts_at", lookup_expr="lte")
    date_from = filters.DateFilter(field_name="starts_at", lookup_expr="date__gte")
    date_to = filters.DateFilter(field_name="starts_at", lookup_expr="date__lte")
    municipality = filters.NumberFilter(
        method="filter_municipality", label="host or organising municipality id"
    )
    country = filters.ChoiceFilter(
        field_name="host_municipality__region__country", choices=Country.choices
    )
    working_group = filters.NumberFilter(field_name="working_group")
    partnership = filters.NumberFilter(field_name="partnership")
    project = filters.NumberFilter(field_name="project")
    goal = filters.NumberFilter(field_name="goals")
    activity_type = filters.NumberFilter(field_name="activity_types")
    updated_since = UTCDateTimeFilter(field_name="updated", lookup_expr="gte")

    class Meta:
        model = Event
        fields = ["kind", "status"]

    def filter_municipality(self, queryset, name, value):
        organised = Event.organising_municipalities.through.objects.filter(
            municipality_id=int(value)
        ).values("event_id")
        return queryset.filter(Q(host_municipality_id=int(value)) | Q(pk__in=organised))
