"""Dates formatted by the ``day`` filter (kept per date, format and language) are the text
Django's ``date`` filter gives, in every language, one language after another; date-times are
formatted in the active time zone as ``date`` formats them."""

import datetime
import zoneinfo

import pytest
from django.template import engines
from django.utils import timezone, translation

FORMATS = ["DATE_FORMAT", "SHORT_DATE_FORMAT", "YEAR_MONTH_FORMAT", "Y-m-d", "Y", "j E"]
DAYS = [datetime.date(2017, 6, 1), datetime.date(2026, 12, 31), datetime.date(2024, 2, 29)]


def _render(source: str, **context) -> str:
    return engines["django"].from_string("{% load dates %}" + source).render(context)


@pytest.mark.parametrize("format_name", FORMATS)
def test_a_day_reads_as_django_formats_it_in_each_language_in_turn(format_name):
    source = f'{{{{ value|day:"{format_name}" }}}}|{{{{ value|date:"{format_name}" }}}}'
    shown = {}
    for language in ["ru", "ky", "en", "ru", "ky"]:
        with translation.override(language):
            for value in DAYS:
                kept, django = _render(source, value=value).split("|")
                assert kept == django, (language, value)
                shown[language, value] = kept
    if format_name == "DATE_FORMAT":
        # Each language its own words, not the first language's kept text.
        assert shown["ru", DAYS[0]] == "1 июня 2017 г."
        assert shown["ky", DAYS[0]] != shown["ru", DAYS[0]] != shown["en", DAYS[0]]


def test_a_date_time_is_formatted_in_the_active_time_zone():
    moment = datetime.datetime(2026, 12, 31, 20, 30, tzinfo=datetime.UTC)
    source = '{{ value|day:"Y-m-d H:i" }}'
    with translation.override("ru"):
        with timezone.override(zoneinfo.ZoneInfo("Asia/Bishkek")):
            assert _render(source, value=moment) == "2027-01-01 02:30"
        with timezone.override(zoneinfo.ZoneInfo("Europe/Moscow")):
            assert _render(source, value=moment) == "2026-12-31 23:30"


def test_what_is_not_a_date_is_shown_as_date_shows_it():
    assert _render('{{ value|day:"DATE_FORMAT" }}', value=None) == ""
    assert _render('{{ value|day:"DATE_FORMAT" }}', value="soon") == ""
