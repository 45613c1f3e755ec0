"""Public pages of the events app: the calendar (month grid and list), an event, its .ics file.

Every page in every language; public events only; times in the event's own zone; participants
never by name or e-mail; queries that do not grow with the number of events.
"""

import datetime
import re
import zoneinfo

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.choices import Country
from events.choices import EventKind, EventStatus
from partnerships.choices import ProjectStatus
from partnerships.models import ActivityType, Goal, Memorandum, Party
from tests.events.factories import (
    AgendaItemFactory,
    EventFactory,
    ParticipantFactory,
    WorkingGroupFactory,
)
from tests.partnerships.factories import (
    MunicipalityFactory,
    PartnershipFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ("ru", "ky", "en")
SECRET_NAME = "Zinaida Secretova-Participantova"
SECRET_EMAIL = "zinaida.never-shown@private.example"
UTC = datetime.UTC


def at(zone: str, *args) -> datetime.datetime:
    """An aware datetime of wall-clock time ``args`` in ``zone``."""
    return datetime.datetime(*args, tzinfo=zoneinfo.ZoneInfo(zone))


@pytest.fixture
def goal(db):
    memorandum = Memorandum.objects.create(slug="test-memorandum", title_ru="Меморандум")
    return Goal.objects.create(
        memorandum=memorandum, number="2.9", short_name_ru="Цель тестов", text_ru="Текст"
    )


@pytest.fixture
def activity_type(goal):
    return ActivityType.objects.create(
        memorandum=goal.memorandum,
        number="3.9",
        short_name_ru="Вид деятельности тестов",
        text_ru="Текст",
    )


@pytest.fixture
def event(goal, activity_type):
    """A public seminar in Vladivostok with everything its page shows, and a participant."""
    host = MunicipalityFactory(name_ru="Владивосток", name_en="Vladivostok", russian=True)
    organiser = MunicipalityFactory(name_ru="Ош", name_en="Osh", kyrgyz=True)
    event = EventFactory(
        title_ru="Семинар по туризму",
        title_ky="Туризм боюнча семинар",
        title_en="Tourism seminar",
        description_en="What the seminar is about.",
        outcomes_en="What came of it.",
        starts_at=at("Asia/Vladivostok", 2030, 7, 2, 1, 0),
        ends_at=at("Asia/Vladivostok", 2030, 7, 2, 5, 0),
        timezone="Asia/Vladivostok",
        venue_ru="Владивосток, мэрия",
        online_url="https://meet.example.org/tourism",
        host_municipality=host,
        working_group=WorkingGroupFactory(name_ru="Группа по туризму", name_en="Tourism group"),
        partnership=PartnershipFactory(municipality_a=organiser, municipality_b=host),
        project=ProjectFactory(title_en="Joint tourism route", status=ProjectStatus.PLANNED),
    )
    event.organising_municipalities.add(organiser)
    event.goals.add(goal)
    event.activity_types.add(activity_type)
    event.organising_parties.add(
        Party.objects.create(
            code="test-union", name_ru="Союз тестов", name_en="Union of tests", country="RU"
        )
    )
    AgendaItemFactory(event=event, title_ru="Открытие", title_en="Opening")
    ParticipantFactory(event=event, name=SECRET_NAME, email=SECRET_EMAIL)
    ParticipantFactory(event=event)
    return event


def pages(event) -> list[str]:
    return [
        "events/",
        "events/?month=2030-07",
        "events/?view=list",
        "events/?view=list&when=past",
        f"events/{event.pk}/",
    ]


def cell(html: str, date: str) -> str:
    """The month grid's cell of a day ("2030-07-02")."""
    for match in re.finditer(r"<td\b[^>]*>(.*?)</td>", html, re.S):
        if f'<time datetime="{date}">' in match.group(1):
            return match.group(1)
    raise AssertionError(f"no cell for {date}")


# --- Every page, every language ------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_page_renders_in_each_language(client, event, language):
    for page in pages(event):
        response = client.get(f"/{language}/{page}")
        assert response.status_code == 200, page
        assert f'<html lang="{language}">' in response.text, page
        assert response.text.count("<h1") == 1, page


@pytest.mark.parametrize(
    ("language", "month", "title"),
    [
        ("ru", "Июль 2030", "Семинар по туризму"),
        ("ky", "2030", "Туризм боюнча семинар"),
        ("en", "July 2030", "Tourism seminar"),
    ],
)
def test_month_grid_speaks_the_page_language(client, event, language, month, title):
    page = client.get(f"/{language}/events/?month=2030-07").text
    assert month in page
    assert title in cell(page, "2030-07-02")
    if language == "en":
        # Monday-first weeks: the first column is Monday, and 29 July opens August's grid.
        headers = re.findall(r'<th scope="col"><abbr title="(\w+)">', page)
        assert headers[0] == "Monday" and headers[-1] == "Sunday"
        august = client.get("/en/events/?month=2030-08").text  # 1 August 2030 is a Thursday
        days = re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)">', august)
        assert days[0] == "2030-07-29" and days[-1] == "2030-09-01" and len(days) == 35


def test_the_ics_link_sits_on_the_detail_page(client, event):
    page = client.get(f"/en/events/{event.pk}/").text
    assert f'href="/en/events/{event.pk}/event.ics"' in page


# --- Times in the event's own zone ---------------------------------------------------------------


def test_calendar_puts_an_event_on_its_local_day(client, event):
    """01:00 on the 2nd in Vladivostok is 15:00 on the 1st in UTC: the grid shows the 2nd."""
    assert event.starts_at.astimezone(UTC).day == 1
    page = client.get("/en/events/?month=2030-07").text
    assert "Tourism seminar" in cell(page, "2030-07-02")
    assert "Tourism seminar" not in cell(page, "2030-07-01")
    assert "01:00" in cell(page, "2030-07-02") and "UTC+10:00" in cell(page, "2030-07-02")


def test_calendar_month_edges_follow_the_event_zone(client):
    """23:00 UTC on 31 July is 05:00 on 1 August in Bishkek: an August event, not a July one."""
    EventFactory(
        title_en="Night crossing",
        starts_at=datetime.datetime(2030, 7, 31, 23, 0, tzinfo=UTC),
        ends_at=datetime.datetime(2030, 8, 1, 1, 0, tzinfo=UTC),
        timezone="Asia/Bishkek",
    )
    july = client.get("/en/events/?month=2030-07").text
    august = client.get("/en/events/?month=2030-08").text
    assert "Night crossing" not in july
    assert "Night crossing" in cell(august, "2030-08-01")
    assert "05:00" in cell(august, "2030-08-01")


def test_an_event_over_several_days_is_on_each(client):
    EventFactory(
        title_en="Three-day forum",
        starts_at=at("Europe/Moscow", 2026, 9, 29, 10),
        ends_at=at("Europe/Moscow", 2026, 10, 1, 18),
        timezone="Europe/Moscow",
    )
    page = client.get("/en/events/?month=2026-09").text
    assert "Three-day forum" in cell(page, "2026-09-29")
    assert "Three-day forum" in cell(page, "2026-09-30")
    october = client.get("/en/events/?month=2026-10").text
    assert "Three-day forum" in cell(october, "2026-10-01")
    assert "Three-day forum" not in cell(october, "2026-10-02")


def test_list_and_detail_show_local_time_with_offset_and_utc(client, event):
    listing = client.get("/en/events/?view=list").text
    assert "July 2, 2030, 01:00 (UTC+10:00, Asia/Vladivostok)" in listing
    russian = client.get("/ru/events/?view=list").text
    assert "2 июля 2030 г., 01:00 (UTC+10:00, Asia/Vladivostok)" in russian
    detail = client.get(f"/en/events/{event.pk}/").text
    assert "01:00" in detail and "05:00" in detail
    assert "UTC+10:00, Asia/Vladivostok" in detail
    assert "July 1, 2030, 15:00 UTC" in detail and "July 1, 2030, 19:00 UTC" in detail


def test_month_navigation_keeps_the_filters(client, event):
    page = client.get("/en/events/?month=2030-07&country=RU").text
    assert 'href="?month=2030-06&amp;country=RU"' in page
    assert 'href="?month=2030-08&amp;country=RU"' in page


def test_an_unreadable_month_shows_the_current_one(client):
    assert client.get("/en/events/?month=July").status_code == 200
    assert client.get("/en/events/?month=0001-01").status_code == 200


# --- Public events only, participants never by name ----------------------------------------------


def test_non_public_events_are_nowhere(client, event):
    hidden = EventFactory(
        title_en="Closed meeting",
        title_ru="Закрытая встреча",
        is_public=False,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
    )
    assert client.get(f"/en/events/{hidden.pk}/").status_code == 404
    assert client.get(f"/en/events/{hidden.pk}/event.ics").status_code == 404
    for url in ("/en/events/?month=2030-07", "/en/events/?view=list", "/ru/events/?month=2030-07"):
        page = client.get(url).text
        assert "Closed meeting" not in page and "Закрытая встреча" not in page
        assert f"/events/{hidden.pk}/" not in page


def test_participants_appear_only_as_a_count(client, event):
    for language in LANGUAGES:
        for page in [*pages(event), f"events/{event.pk}/event.ics"]:
            text = client.get(f"/{language}/{page}").content.decode()
            assert SECRET_NAME not in text, page
            assert SECRET_EMAIL not in text, page
            assert "@example.org" not in text, page  # the other participant's e-mail
    detail = client.get(f"/en/events/{event.pk}/").text
    assert "2 participants" in detail


def test_detail_shows_what_the_event_is(client, event, goal, activity_type):
    page = client.get(f"/en/events/{event.pk}/").text
    for text in (
        "Tourism seminar",
        "Seminar",
        "Confirmed",
        "Владивосток, мэрия",
        "https://meet.example.org/tourism",
        "Tourism group",
        "Joint tourism route",
        "Opening",
        "What the seminar is about.",
        "What came of it.",
        str(goal),
        str(activity_type),
    ):
        assert text in page, text
    host, organiser = event.host_municipality, event.organising_municipalities.get()
    assert f'href="/en/municipalities/{host.pk}/"' in page
    assert f'href="/en/municipalities/{organiser.pk}/"' in page
    assert f'href="/en/partnerships/{event.partnership.pk}/"' in page
    assert f'href="/en/projects/{event.project.pk}/"' in page


def test_a_draft_project_is_not_linked(client, event):
    event.project.status = ProjectStatus.DRAFT
    event.project.save()
    page = client.get(f"/en/events/{event.pk}/").text
    assert f"/projects/{event.project.pk}/" not in page


def test_cancelled_postponed_and_demo_events_say_so(client):
    start = at("Asia/Bishkek", 2030, 7, 10, 10)
    EventFactory(
        title_en="Called off",
        status=EventStatus.CANCELLED,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
    )
    EventFactory(
        title_en="Moved later",
        status=EventStatus.POSTPONED,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        is_demo=True,
    )
    page = client.get("/en/events/?month=2030-07").text
    day = cell(page, "2030-07-10")
    assert '<span class="badge cancelled">cancelled</span>' in day
    assert '<span class="badge postponed">postponed</span>' in day
    assert '<span class="badge demo">demo</span>' in day


# --- The .ics file -------------------------------------------------------------------------------


def test_ics_is_the_event_with_its_uid_and_time_zone(client, event):
    response = client.get(f"/ru/events/{event.pk}/event.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"] == f'attachment; filename="event-{event.pk}.ics"'
    calendar = icalendar.Calendar.from_ical(response.content)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == event.ical_uid
    assert str(vevent["SUMMARY"]) == "Семинар по туризму"
    assert vevent.decoded("DTSTART") == event.starts_at
    assert vevent["DTSTART"].params["TZID"] == "Asia/Vladivostok"
    zones = [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")]
    assert zones == ["Asia/Vladivostok"]


# --- Filters and pages ---------------------------------------------------------------------------


def _titles(client, query: str) -> set[str]:
    page = client.get(f"/en/events/?view=list&{query}").text
    return set(re.findall(r"Filtered (\w+)", page))


def test_list_filters(client, goal):
    kyrgyz, russian = MunicipalityFactory(kyrgyz=True), MunicipalityFactory(russian=True)
    group = WorkingGroupFactory()
    start = at("Asia/Bishkek", 2030, 1, 10, 10)
    forum = EventFactory(
        title_en="Filtered Forum",
        kind=EventKind.FORUM,
        host_municipality=kyrgyz,
        starts_at=start,
        ends_at=start,
    )
    forum.goals.add(goal)
    seminar = EventFactory(
        title_en="Filtered Seminar",
        kind=EventKind.SEMINAR,
        host_municipality=russian,
        working_group=group,
        starts_at=start,
        ends_at=start,
    )
    seminar.organising_municipalities.add(kyrgyz)
    assert _titles(client, "") == {"Forum", "Seminar"}
    assert _titles(client, "kind=forum") == {"Forum"}
    assert _titles(client, f"country={Country.RUSSIA}") == {"Seminar"}
    assert _titles(client, f"municipality={kyrgyz.pk}") == {"Forum", "Seminar"}
    assert _titles(client, f"municipality={russian.pk}") == {"Seminar"}
    assert _titles(client, f"working_group={group.pk}") == {"Seminar"}
    assert _titles(client, f"goal={goal.pk}") == {"Forum"}
    # A malformed filter is ignored rather than an error.
    assert _titles(client, "municipality=abc") == {"Forum", "Seminar"}
    # The month grid filters the same way.
    month = client.get("/en/events/?month=2030-01&kind=seminar").text
    assert "Filtered Seminar" in month and "Filtered Forum" not in month
    # The chosen filter is shown as chosen.
    page = client.get("/en/events/?view=list&kind=forum").text
    assert '<option value="forum" selected>' in page


def test_municipalities_are_searched_by_name_in_any_language(client):
    """The form does not list thousands of municipalities: it takes a name, and a municipality
    chosen by a link stays as a checkbox that can be cleared."""
    osh = MunicipalityFactory(kyrgyz=True, name_ru="Ош", name_ky="Ош", name_en="Osh")
    # An id of five digits: in a form it must not be written "12,345" like a number on the page.
    kazan = MunicipalityFactory(id=12_345, russian=True, name_ru="Казань", name_en="Kazan")
    start = at("Asia/Bishkek", 2030, 1, 10, 10)
    EventFactory(title_en="Filtered Forum", host_municipality=osh, starts_at=start, ends_at=start)
    seminar = EventFactory(
        title_en="Filtered Seminar", host_municipality=kazan, starts_at=start, ends_at=start
    )
    seminar.organising_municipalities.add(osh)
    assert _titles(client, "place=Каза") == {"Seminar"}
    assert _titles(client, "place=kazan") == {"Seminar"}
    assert _titles(client, "place=ош") == {"Forum", "Seminar"}
    assert _titles(client, "place=Nowhere") == set()

    page = client.get(f"/en/events/?view=list&municipality={kazan.pk}").text
    assert '<select id="filter-municipality"' not in page
    assert f'<input type="checkbox" name="municipality" value="{kazan.pk}" checked>' in page
    assert "only Kazan" in page
    assert 'name="place"' in page


def test_a_crowded_day_links_to_its_list(client):
    start = at("Asia/Bishkek", 2030, 3, 12, 9)
    for index in range(7):
        EventFactory(
            title_en=f"Filtered Busy{index}",
            starts_at=start + datetime.timedelta(minutes=index),
            ends_at=start + datetime.timedelta(hours=1),
            timezone="Asia/Bishkek",
        )
    page = client.get("/en/events/?month=2030-03").text
    day = cell(page, "2030-03-12")
    assert len(re.findall(r"Filtered Busy\d", day)) == 4
    assert "3 more events" in day
    link = re.search(r'<a class="more-events" href="([^"]+)"', day).group(1).replace("&amp;", "&")
    assert "day=2030-03-12" in link and "view=list" in link

    listed = client.get(f"/en/events/{link}").text
    assert "Events on March 12, 2030" in listed
    assert set(re.findall(r"Filtered (Busy\d)", listed)) == {f"Busy{i}" for i in range(7)}
    # The day of the event where it takes place, not in the portal's zone.
    assert "Filtered" not in client.get("/en/events/?view=list&day=2030-03-13").text


def test_upcoming_and_past(client):
    now = datetime.datetime.now(tz=UTC)
    EventFactory(title_en="Filtered Soon", starts_at=now + datetime.timedelta(days=1))
    EventFactory(
        title_en="Filtered Gone",
        starts_at=now - datetime.timedelta(days=3),
        ends_at=now - datetime.timedelta(days=2),
    )
    assert _titles(client, "") == {"Soon"}
    assert _titles(client, "when=upcoming") == {"Soon"}
    assert _titles(client, "when=past") == {"Gone"}
    # An event under way for weeks is still upcoming, listed first, before what starts later.
    EventFactory(
        title_en="Filtered Ongoing",
        starts_at=now - datetime.timedelta(days=40),
        ends_at=now + datetime.timedelta(days=2),
    )
    page = client.get("/en/events/?view=list").text
    assert re.findall(r"Filtered (\w+)", page) == ["Ongoing", "Soon"]


def test_list_pages_by_twenty(client):
    start = datetime.datetime.now(tz=UTC) + datetime.timedelta(days=5)
    for n in range(23):
        EventFactory(title_en=f"Paged {n:02d}", starts_at=start + datetime.timedelta(hours=n))
    first = client.get("/en/events/?view=list").text
    second = client.get("/en/events/?view=list&page=2").text
    assert first.count("Paged ") == 20 and second.count("Paged ") == 3
    assert "Page 1 of 2" in first
    assert 'href="?view=list&amp;page=2"' in first


# --- Queries do not grow with the rows -----------------------------------------------------------


def _many_events(count: int, goal, month_start: datetime.datetime) -> None:
    group = WorkingGroupFactory()
    for n in range(count):
        event = EventFactory(
            starts_at=month_start + datetime.timedelta(hours=20 * n),
            working_group=group,
            timezone=("Asia/Bishkek", "Europe/Moscow", "Asia/Vladivostok")[n % 3],
        )
        event.organising_municipalities.add(MunicipalityFactory(russian=True))
        event.goals.add(goal)
        AgendaItemFactory(event=event)
        ParticipantFactory(event=event)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


MAX_QUERIES = 12


@pytest.mark.parametrize(
    "url",
    ["/ru/events/?month={month}", "/ru/events/?view=list", "/ru/events/?view=list&kind=seminar"],
)
def test_queries_stay_flat(client, goal, url, django_assert_max_num_queries):
    start = datetime.datetime.now(tz=UTC).replace(day=1, hour=0, minute=0) + datetime.timedelta(
        days=40
    )
    start = start.replace(day=1)
    url = url.format(month=start.strftime("%Y-%m"))
    _many_events(3, goal, start)
    with django_assert_max_num_queries(MAX_QUERIES):
        few = _queries(client, url)
    _many_events(27, goal, start)
    with django_assert_max_num_queries(MAX_QUERIES):
        many = _queries(client, url)
    assert few == many
    assert client.get(url).text.count('href="/ru/events/') >= 20


def test_detail_queries_are_fixed(client, event, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(f"/ru/events/{event.pk}/")


def test_sitemap_lists_public_events_in_every_language(client, event):
    hidden = EventFactory(is_public=False)
    sitemap = client.get("/sitemap-events.xml").text
    for language in LANGUAGES:
        assert f"http://testserver/{language}/events/{event.pk}/" in sitemap
    assert f"/events/{hidden.pk}/" not in sitemap
