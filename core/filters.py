"""Filter fields shared by the apps' filtersets."""

import datetime

import django_filters as filters


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
