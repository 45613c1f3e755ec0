"""Filters of the partnerships app's lists (API and public pages), django-filter."""

import django_filters as filters
from django.db.models import Exists, OuterRef, Q

from core.choices import Country
from core.filters import PortalFilterSet, UTCDateTimeFilter

from . import selectors
from .choices import Health, MunicipalityKind, PartnershipKind, PartnershipStatus, ProjectStatus
from .models import (
    ActivityType,
    Goal,
    Municipality,
    Partnership,
    Project,
    ProjectParticipation,
    Region,
)


class RegionFilterSet(PortalFilterSet):
    class Meta:
        model = Region
        fields = ["country", "kind"]


class GoalFilterSet(PortalFilterSet):
    # An id, as every other id filter takes it: a ModelChoiceFilter looked the memorandum up
    # to validate the query string, one more query per request.
    memorandum = filters.NumberFilter()

    class Meta:
        model = Goal
        fields = ["memorandum"]


class ActivityTypeFilterSet(GoalFilterSet):
    class Meta:
        model = ActivityType
        fields = ["memorandum"]


class MunicipalityFilterSet(PortalFilterSet):
    country = filters.ChoiceFilter(field_name="region__country", choices=Country.choices)
    region = filters.NumberFilter()
    kind = filters.ChoiceFilter(choices=MunicipalityKind.choices)
    sector = filters.NumberFilter(field_name="sectors")
    seeking_partners = filters.BooleanFilter()
    population_min = filters.NumberFilter(field_name="population", lookup_expr="gte")
    population_max = filters.NumberFilter(field_name="population", lookup_expr="lte")
    updated_since = UTCDateTimeFilter(field_name="updated", lookup_expr="gte")

    class Meta:
        model = Municipality
        fields = ["country", "region", "kind", "sector", "seeking_partners"]


class PartnershipFilterSet(PortalFilterSet):
    country = filters.ChoiceFilter(choices=Country.choices, method="filter_country")
    municipality = filters.NumberFilter(
        method="filter_municipality", label="municipality id (either side)"
    )
    partner = filters.NumberFilter(
        method="filter_municipality", label="partner municipality id (either side)"
    )
    kind = filters.ChoiceFilter(choices=PartnershipKind.choices)
    status = filters.MultipleChoiceFilter(choices=PartnershipStatus.choices, distinct=False)
    health = filters.ChoiceFilter(choices=Health.choices, method="filter_health")
    sector = filters.NumberFilter(field_name="sectors")
    signed_after = filters.DateFilter(field_name="signed_on", lookup_expr="gte")
    signed_before = filters.DateFilter(field_name="signed_on", lookup_expr="lte")
    updated_since = UTCDateTimeFilter(field_name="updated", lookup_expr="gte")

    class Meta:
        model = Partnership
        fields = ["kind", "status"]

    def filter_country(self, queryset, name, value):
        return queryset.filter(
            Q(municipality_a__region__country=value) | Q(municipality_b__region__country=value)
        )

    def filter_health(self, queryset, name, value):
        return selectors.of_health(queryset, value)

    def filter_municipality(self, queryset, name, value):
        return queryset.involving(int(value))


class ProjectFilterSet(PortalFilterSet):
    status = filters.MultipleChoiceFilter(choices=ProjectStatus.choices, distinct=False)
    kind = filters.CharFilter()
    goal = filters.NumberFilter(field_name="goals")
    activity_type = filters.NumberFilter(field_name="activity_types")
    municipality = filters.NumberFilter(
        method="filter_participation", label="participating municipality id"
    )
    country = filters.ChoiceFilter(
        choices=Country.choices,
        method="filter_participation",
        label="country of a participating municipality",
    )
    partnership = filters.NumberFilter()
    starts_after = filters.DateFilter(field_name="starts_on", lookup_expr="gte")
    starts_before = filters.DateFilter(field_name="starts_on", lookup_expr="lte")
    updated_since = UTCDateTimeFilter(field_name="updated", lookup_expr="gte")

    class Meta:
        model = Project
        fields = ["status", "kind"]

    def filter_participation(self, queryset, name, value):
        # EXISTS rather than a join: a join would repeat a project once per participant and
        # need DISTINCT over every column, which reads and sorts the whole table.
        lookup = "municipality_id" if name == "municipality" else "municipality__region__country"
        participations = ProjectParticipation.objects.filter(
            project=OuterRef("pk"), **{lookup: value}
        )
        return queryset.filter(Exists(participations))
