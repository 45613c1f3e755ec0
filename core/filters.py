"""Filter fields shared by the apps' filtersets."""

import datetime
from typing import ClassVar

import django_filters as filters
from django.utils import timezone
from django.utils.translation import get_language


class FormOnce:
    """A FilterSet whose form class is built once per filterset class and language (its labels
    are translated when the fields are made): django-filter built a form class with new fields
    for every request, as much time as the query of a small list (make bench). The fields do not
    depend on the request; a form made from the class copies them, as Django's forms do."""

    _form_classes: ClassVar[dict] = {}

    def get_form_class(self):
        key = (type(self), get_language())
        form_class = FormOnce._form_classes.get(key)
        if form_class is None:
            form_class = FormOnce._form_classes[key] = super().get_form_class()
        return form_class


class PortalFilterSet(FormOnce, filters.FilterSet):
    """The apps' filtersets."""


class UTCDateTimeFilter(filters.IsoDateTimeFilter):
    """An ISO 8601 date-time in any UTC offset Python accepts (up to ±23:59), compared in UTC:
    Postgres itself takes offsets only up to ±15:59."""

    def filter(self, qs, value):
        if value is not None and value.tzinfo is not None:
            try:
                value = value.astimezone(datetime.UTC)
            except OverflowError:
                return qs.none()
        return super().filter(qs, value)


class DayOfDateTimeFilter(filters.DateFilter):
    """A calendar day, in the active time zone, compared with a date-time column as a range
    ("gte": from the day's first instant; "lte": before the next day's), so that the column's
    index answers it; ``starts_at__date`` would convert every row first."""

    def filter(self, qs, value):
        if value is None:
            return qs
        lookup = "gte"
        if self.lookup_expr == "lte":
            if value == datetime.date.max:
                return qs
            value += datetime.timedelta(days=1)
            lookup = "lt"
        first_instant = datetime.datetime.combine(
            value, datetime.time.min, tzinfo=timezone.get_current_timezone()
        )
        return qs.filter(**{f"{self.field_name}__{lookup}": first_instant})
