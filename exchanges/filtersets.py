"""Filters of the exchanges app's lists (API and public pages)."""

import django_filters as filters
from django.db.models import Q

from core.choices import Country
from core.filters import PortalFilterSet, UTCDateTimeFilter
from partnerships.models import Municipality

from .choices import ExchangeKind, PartnerRequestStatus
from .models import BestPractice, Exchange, PartnerRequest


class ExchangeFilterSet(PortalFilterSet):
    kind = filters.MultipleChoiceFilter(choices=ExchangeKind.choices, distinct=False)
    municipality = filters.NumberFilter(
        method="filter_municipality", label="sending or hosting municipality id"
    )
    place = filters.CharFilter(
        method="filter_place",
        label="name (part of it, any language) of the sending or hosting municipality",
    )
    country = filters.ChoiceFilter(choices=Country.choices, method="filter_country")
    partnership = filters.NumberFilter(field_name="partnership")
    goal = filters.NumberFilter(field_name="goals")
    date_from = filters.DateFilter(field_name="starts_on", lookup_expr="gte")
    date_to = filters.DateFilter(field_name="starts_on", lookup_expr="lte")
    updated_since = UTCDateTimeFilter(field_name="updated", lookup_expr="gte")

    class Meta:
        model = Exchange
        fields = ["kind"]

    def filter_municipality(self, queryset, name, value):
        return queryset.filter(
            Q(sending_municipality_id=int(value)) | Q(hosting_municipality_id=int(value))
        )

    def filter_place(self, queryset, name, value):
        towns = Municipality.objects.named(value).values("pk")
        return queryset.filter(
            Q(sending_municipality__in=towns) | Q(hosting_municipality__in=towns)
        )

    def filter_country(self, queryset, name, value):
        return queryset.filter(
            Q(sending_municipality__region__country=value)
            | Q(hosting_municipality__region__country=value)
        )


class BestPracticeFilterSet(PortalFilterSet):
    sector = filters.NumberFilter()
    municipality = filters.NumberFilter(field_name="municipality")
    country = filters.ChoiceFilter(
        field_name="municipality__region__country", choices=Country.choices
    )
    updated_since = UTCDateTimeFilter(field_name="updated", lookup_expr="gte")

    class Meta:
        model = BestPractice
        fields = ["sector", "municipality"]


class PartnerRequestFilterSet(PortalFilterSet):
    status = filters.MultipleChoiceFilter(choices=PartnerRequestStatus.choices, distinct=False)
    country = filters.ChoiceFilter(
        field_name="municipality__region__country",
        choices=Country.choices,
        label="country of the requesting municipality",
    )
    partner_country = filters.ChoiceFilter(field_name="country", choices=Country.choices)
    sector = filters.NumberFilter(field_name="sectors")
    municipality = filters.NumberFilter(field_name="municipality")
    updated_since = UTCDateTimeFilter(field_name="updated", lookup_expr="gte")

    class Meta:
        model = PartnerRequest
        fields = ["status", "municipality"]
