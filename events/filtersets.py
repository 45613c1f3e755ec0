"""Filters of the events app's lists (API, feeds and public pages)."""

import django_filters as filters

from core.choices import Country
from core.filters import DayOfDateTimeFilter, PortalFilterSet, UTCDateTimeFilter
from partnerships.models import Municipality

from .choices import EventKind, EventStatus
from .models import Event


class EventFilterSet(PortalFilterSet):
    kind = filters.MultipleChoiceFilter(choices=EventKind.choices, distinct=False)
    status = filters.MultipleChoiceFilter(choices=EventStatus.choices, distinct=False)
    starts_after = UTCDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = UTCDateTimeFilter(field_name="starts_at", lookup_expr="lte")
    date_from = DayOfDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    date_to = DayOfDateTimeFilter(field_name="starts_at", lookup_expr="lte")
    municipality = filters.NumberFilter(
        method="filter_municipality", label="host or organising municipality id"
    )
    place = filters.CharFilter(
        method="filter_place",
        label="name (part of it, any language) of the host or an organising municipality",
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
        return queryset.involving(Municipality.objects.filter(pk=int(value)).values("pk"))

    def filter_place(self, queryset, name, value):
        return queryset.involving(Municipality.objects.named(value).values("pk"))
