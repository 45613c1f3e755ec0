"""The goals report (exchanges/reports.py), its staff page and downloads (report_views.py).

A hand-made dataset on an empty database, with every number of the report worked out below from
the records, row by row.
"""

import csv
import datetime
import io
import json
import re

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from accounts.roles import COORDINATORS
from events.choices import Attendance, EventStatus
from events.models import Event, Participant
from exchanges import reports
from exchanges.models import Exchange
from partnerships.choices import PartnershipStatus, ProjectStatus
from partnerships.models import ActivityType, Goal, Memorandum, Partnership, Project
from tests.events.factories import EventFactory, ParticipantFactory
from tests.exchanges.factories import ExchangeFactory
from tests.partnerships.factories import (
    MunicipalityFactory,
    PartnershipFactory,
    ProjectFactory,
    ProjectParticipationFactory,
    UserFactory,
)

UTC = datetime.UTC
MEASURES = reports.MEASURES
COUNTRY_CODES = {"Kyrgyzstan": "KG", "Russia": "RU", "All countries": ""}
DIMENSION_CODES = {"Goal": "goal", "Kind of activity": "activity"}

pytestmark = pytest.mark.django_db


def _cell(**numbers) -> dict[str, int]:
    return {measure: numbers.get(measure, 0) for measure in MEASURES}


# Every row of the unfiltered report: (dimension, number, year, country) -> its numbers.
# How each is made up is in the comments of ``dataset`` below.
EXPECTED = {
    # 2.1: P1 (2024, KG+RU); P2 (2025, KG); E1 (2025, KG+RU, 2 participants); X2 (2025, KG, 5).
    ("goal", "2.1", 2024, "KG"): _cell(projects=1),
    ("goal", "2.1", 2024, "RU"): _cell(projects=1),
    ("goal", "2.1", 2024, ""): _cell(projects=1),
    ("goal", "2.1", 2025, "KG"): _cell(projects=1, events=1, exchanges=1, participants=7),
    ("goal", "2.1", 2025, "RU"): _cell(events=1, participants=2),
    ("goal", "2.1", 2025, ""): _cell(projects=1, events=1, exchanges=1, participants=7),
    # 2.3: E2 (2024, KG only, 1 participant); partnerships S1 (2024, KG+RU), S2 (2025, KG+RU),
    # S3 (2025, KG+KG).
    ("goal", "2.3", 2024, "KG"): _cell(events=1, participants=1, partnerships=1),
    ("goal", "2.3", 2024, "RU"): _cell(partnerships=1),
    ("goal", "2.3", 2024, ""): _cell(events=1, participants=1, partnerships=1),
    ("goal", "2.3", 2025, "KG"): _cell(partnerships=2),
    ("goal", "2.3", 2025, "RU"): _cell(partnerships=1),
    ("goal", "2.3", 2025, ""): _cell(partnerships=2),
    # 2.7: X1 (2024, KG+RU, 20); P2 (2025, KG); P4 (2025, no country); X2 (2025, KG, 5);
    # E5 (2025, no country, 1 participant).
    ("goal", "2.7", 2024, "KG"): _cell(exchanges=1, participants=20),
    ("goal", "2.7", 2024, "RU"): _cell(exchanges=1, participants=20),
    ("goal", "2.7", 2024, ""): _cell(exchanges=1, participants=20),
    ("goal", "2.7", 2025, "KG"): _cell(projects=1, exchanges=1, participants=5),
    ("goal", "2.7", 2025, ""): _cell(projects=2, events=1, exchanges=1, participants=6),
    # 3.2: P1 (2024, KG+RU); P2 (2025, KG).
    ("activity", "3.2", 2024, "KG"): _cell(projects=1),
    ("activity", "3.2", 2024, "RU"): _cell(projects=1),
    ("activity", "3.2", 2024, ""): _cell(projects=1),
    ("activity", "3.2", 2025, "KG"): _cell(projects=1),
    ("activity", "3.2", 2025, ""): _cell(projects=1),
    # 3.4: the partnerships, as for 2.3.
    ("activity", "3.4", 2024, "KG"): _cell(partnerships=1),
    ("activity", "3.4", 2024, "RU"): _cell(partnerships=1),
    ("activity", "3.4", 2024, ""): _cell(partnerships=1),
    ("activity", "3.4", 2025, "KG"): _cell(partnerships=2),
    ("activity", "3.4", 2025, "RU"): _cell(partnerships=1),
    ("activity", "3.4", 2025, ""): _cell(partnerships=2),
    # 3.5: E2 (2024, KG, 1); X1 (2024, KG+RU, 20); E1 (2025, KG+RU, 2).
    ("activity", "3.5", 2024, "KG"): _cell(events=1, exchanges=1, participants=21),
    ("activity", "3.5", 2024, "RU"): _cell(exchanges=1, participants=20),
    ("activity", "3.5", 2024, ""): _cell(events=1, exchanges=1, participants=21),
    ("activity", "3.5", 2025, "KG"): _cell(events=1, participants=2),
    ("activity", "3.5", 2025, "RU"): _cell(events=1, participants=2),
    ("activity", "3.5", 2025, ""): _cell(events=1, participants=2),
}

GOAL_NAMES = {
    "2.1": ("Развитие местного самоуправления", "Жергиликтүү өз алдынча башкаруу", "Local"),
    "2.3": ("Партнёрские связи", "Өнөктөштүк байланыштар", "Links"),
    "2.5": ("Позиция по ключевым проблемам", "Негизги маселелер", "Key issues"),
    "2.7": ("Молодёжные обмены", "Жаштар алмашуусу", "Youth"),
}
ACTIVITY_NAMES = {
    "3.1": ("Консультации", "Консультациялар", "Consultations"),
    "3.2": ("Содействие проектам", "Долбоорлорго көмөк", "Projects support"),
    "3.4": ("Договоры", "Келишимдер", "Agreements"),
    "3.5": ("Семинары и делегации", "Семинарлар жана делегациялар", "Seminars"),
}


def _expected(*, year_from=None, year_to=None, country=None) -> dict:
    return {
        key: numbers
        for key, numbers in EXPECTED.items()
        if (year_from is None or key[2] >= year_from)
        and (year_to is None or key[2] <= year_to)
        and (key[3] == country if country else True)
    }


def _rows_of(dimension: str) -> dict:
    return {key: numbers for key, numbers in EXPECTED.items() if key[0] == dimension}


def _cells(report: reports.GoalsReport) -> dict:
    return {
        (row.dimension, row.number, row.year, row.country): {
            measure: getattr(row, measure) for measure in MEASURES
        }
        for row in report.rows
    }


def _clauses(memorandum: Memorandum, model, names: dict) -> dict:
    return {
        number: model.objects.create(
            memorandum=memorandum,
            number=number,
            short_name_ru=ru,
            short_name_ky=ky,
            short_name_en=en,
            text_ru=ru,
        )
        for number, (ru, ky, en) in names.items()
    }


@pytest.fixture
def memorandum(db):
    memorandum = Memorandum.objects.create(slug="memorandum-2017", title_ru="Меморандум")
    return {
        "goal": _clauses(memorandum, Goal, GOAL_NAMES),
        "activity": _clauses(memorandum, ActivityType, ACTIVITY_NAMES),
    }


def _at(year: int, month: int, day: int, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=UTC)


def _set_created(instance, when: datetime.datetime) -> None:
    type(instance).objects.filter(pk=instance.pk).update(created=when)


@pytest.fixture
def dataset(memorandum):
    """The records behind EXPECTED (P: projects, E: events, X: exchanges, S: partnerships)."""
    goal, activity = memorandum["goal"], memorandum["activity"]
    kg1 = MunicipalityFactory(kyrgyz=True)
    kg2 = MunicipalityFactory(kyrgyz=True)
    ru1 = MunicipalityFactory(russian=True)

    # P1: 2024, Kyrgyz and Russian participants. 2.1, 3.2.
    p1 = ProjectFactory(starts_on=datetime.date(2024, 3, 1))
    ProjectParticipationFactory(project=p1, municipality=kg1)
    ProjectParticipationFactory(project=p1, municipality=ru1)
    p1.goals.set([goal["2.1"]])
    p1.activity_types.set([activity["3.2"]])
    # P2: no start date, created in 2025; two Kyrgyz participants (KG once). 2.1, 2.7, 3.2.
    p2 = ProjectFactory(starts_on=None, status=ProjectStatus.PLANNED)
    _set_created(p2, _at(2025, 5, 5))
    ProjectParticipationFactory(project=p2, municipality=kg1)
    ProjectParticipationFactory(project=p2, municipality=kg2)
    p2.goals.set([goal["2.1"], goal["2.7"]])
    p2.activity_types.set([activity["3.2"]])
    # P3: a draft, left out. 2.1, 3.2.
    p3 = ProjectFactory(starts_on=datetime.date(2024, 4, 1), status=ProjectStatus.DRAFT)
    ProjectParticipationFactory(project=p3, municipality=kg1)
    p3.goals.set([goal["2.1"]])
    p3.activity_types.set([activity["3.2"]])
    # P4: 2025, no participating municipality yet: "all countries" only. 2.7.
    p4 = ProjectFactory(starts_on=datetime.date(2025, 2, 1), status=ProjectStatus.COMPLETED)
    p4.goals.set([goal["2.7"]])

    # E1: 31 Dec 2024 20:00 UTC is 1 Jan 2025 in Bishkek: a 2025 event. Kyrgyz host, Russian
    # organiser; three participants, one declined. 2.1, 3.5.
    e1 = EventFactory(starts_at=_at(2024, 12, 31, 20), host_municipality=kg1)
    e1.organising_municipalities.set([ru1])
    e1.goals.set([goal["2.1"]])
    e1.activity_types.set([activity["3.5"]])
    for attendance in (Attendance.REGISTERED, Attendance.ATTENDED, Attendance.DECLINED):
        ParticipantFactory(event=e1, attendance=attendance)
    # E2: 2024, Kyrgyz host and Kyrgyz organiser (KG once); one participant. 2.3, 3.5.
    e2 = EventFactory(starts_at=_at(2024, 6, 10), host_municipality=kg2)
    e2.organising_municipalities.set([kg1])
    e2.goals.set([goal["2.3"]])
    e2.activity_types.set([activity["3.5"]])
    ParticipantFactory(event=e2, attendance=Attendance.ATTENDED)
    # E3: cancelled, left out with its participants. 2.1, 3.5.
    e3 = EventFactory(
        starts_at=_at(2025, 3, 3), host_municipality=kg1, status=EventStatus.CANCELLED
    )
    e3.goals.set([goal["2.1"]])
    e3.activity_types.set([activity["3.5"]])
    ParticipantFactory.create_batch(2, event=e3)
    # E4: no goal or kind of activity: counted nowhere.
    ParticipantFactory.create_batch(3, event=EventFactory(starts_at=_at(2024, 5, 5)))
    # E5: 2025, held by the parties alone (no municipality): "all countries" only. 2.7.
    e5 = EventFactory(starts_at=_at(2025, 9, 9), host_municipality=None, status=EventStatus.HELD)
    e5.goals.set([goal["2.7"]])
    ParticipantFactory(event=e5, attendance=Attendance.CONFIRMED)

    # X1: 2024, Kyrgyz to Russian, 20 people. 2.7, 3.5.
    x1 = ExchangeFactory(
        sending_municipality=kg1,
        hosting_municipality=ru1,
        starts_on=datetime.date(2024, 7, 1),
        participants_count=20,
        youth_count=10,
    )
    x1.goals.set([goal["2.7"]])
    x1.activity_types.set([activity["3.5"]])
    # X2: 2025, Kyrgyz to Kyrgyz, 5 people. 2.1 and 2.7, no kind of activity.
    x2 = ExchangeFactory(
        sending_municipality=kg1,
        hosting_municipality=kg2,
        starts_on=datetime.date(2025, 8, 1),
        participants_count=5,
        youth_count=0,
    )
    x2.goals.set([goal["2.1"], goal["2.7"]])
    # X3: no goal: counted nowhere.
    ExchangeFactory(sending_municipality=ru1, hosting_municipality=kg2, participants_count=50)

    # S1: signed in 2024, Kyrgyz–Russian.
    PartnershipFactory(municipality_a=kg1, municipality_b=ru1, signed_on=datetime.date(2024, 2, 2))
    # S2: not signed, proposed in 2025, Kyrgyz–Russian.
    PartnershipFactory(
        municipality_a=kg2,
        municipality_b=ru1,
        status=PartnershipStatus.PROPOSED,
        proposed_on=datetime.date(2025, 1, 10),
    )
    # S3: no dates, created in 2025, Kyrgyz–Kyrgyz (KG once).
    s3 = PartnershipFactory(
        municipality_a=kg1, municipality_b=kg2, status=PartnershipStatus.PROPOSED
    )
    _set_created(s3, _at(2025, 3, 3))
    return memorandum


# --- The numbers --------------------------------------------------------------------------------


def test_every_cell_equals_the_records(dataset):
    report = reports.goals_report()

    assert _cells(report) == EXPECTED


def test_rows_are_ordered_by_table_number_year_then_country_with_all_last(dataset):
    report = reports.goals_report()

    keys = [(row.dimension, row.number, row.year, row.country) for row in report.rows]
    assert keys == list(EXPECTED)


def test_goals_and_kinds_of_activity_without_records_have_no_rows(dataset):
    report = reports.goals_report()

    assert {row.number for row in report.goal_rows} == {"2.1", "2.3", "2.7"}
    assert {row.number for row in report.activity_rows} == {"3.2", "3.4", "3.5"}
    assert [c.number for c in report.clauses_without_rows(reports.GOAL)] == ["2.5"]
    assert [c.number for c in report.clauses_without_rows(reports.ACTIVITY)] == ["3.1"]
    assert [c.number for c in report.clauses] == [*GOAL_NAMES, *ACTIVITY_NAMES]


def test_a_record_of_both_countries_counts_in_each_and_once_in_all(dataset):
    """S1 is Kyrgyz–Russian: one in KG, one in RU, one (not two) in all countries."""
    cells = _cells(reports.goals_report())

    assert [cells["goal", "2.3", 2024, code]["partnerships"] for code in ("KG", "RU", "")] == [
        1,
        1,
        1,
    ]


def test_partnerships_count_only_for_the_twinning_goal_and_agreements_activity(dataset):
    report = reports.goals_report()

    assert {row.number for row in report.rows if row.partnerships} == {
        reports.PARTNERSHIP_GOAL_NUMBER,
        reports.PARTNERSHIP_ACTIVITY_NUMBER,
    }


def test_names_are_in_the_active_language(dataset):
    for language, index in (("ru", 0), ("ky", 1), ("en", 2)):
        with translation.override(language):
            report = reports.goals_report()
        row = report.goal_rows[0]
        assert (row.number, row.name) == ("2.1", GOAL_NAMES["2.1"][index])


@pytest.mark.parametrize(
    "filters",
    [
        {"year_from": 2025},
        {"year_to": 2024},
        {"year_from": 2024, "year_to": 2024},
        {"country": "RU"},
        {"country": "KG", "year_from": 2025},
    ],
)
def test_filters_keep_the_rows_of_their_years_and_country(dataset, filters):
    report = reports.goals_report(**filters)

    assert _cells(report) == _expected(**filters)


def test_filtered_by_a_country_the_report_has_no_all_countries_rows(dataset):
    report = reports.goals_report(country="KG")

    assert report.rows
    assert {row.country for row in report.rows} == {"KG"}


def test_an_empty_database_gives_an_empty_report(db):
    report = reports.goals_report()

    assert report.rows == []
    assert report.clauses == []


def test_report_as_dict_is_plain_data(dataset):
    data = reports.report_as_dict(reports.goals_report(year_from=2025))

    assert json.loads(json.dumps(data)) == data
    assert data["year_from"] == 2025
    assert data["rows"][0] == {
        "dimension": "goal",
        "number": "2.1",
        "name": "Local",
        "year": 2025,
        "country": "KG",
        **EXPECTED["goal", "2.1", 2025, "KG"],
    }


def test_chart_data_totals_the_years_of_all_countries_per_goal(dataset):
    data = reports.report_chart_data(reports.goals_report())

    assert data["labels"] == ["2.1", "2.3", "2.5", "2.7"]
    assert [dataset["data"] for dataset in data["datasets"]] == [
        [2, 0, 0, 2],  # projects: P1, P2 | - | - | P2, P4
        [1, 1, 0, 1],  # events: E1 | E2 | - | E5
        [1, 0, 0, 2],  # exchanges: X2 | - | - | X1, X2
        [0, 3, 0, 0],  # partnerships: S1, S2, S3
    ]


# --- Queries ------------------------------------------------------------------------------------


def _more_records(memorandum, *, times: int) -> None:
    """Records of every kind, tagged with every goal and kind of activity, in both countries."""
    goals = list(memorandum["goal"].values())
    activities = list(memorandum["activity"].values())
    for index in range(times):
        kg, ru = MunicipalityFactory(kyrgyz=True), MunicipalityFactory(russian=True)
        year = 2020 + index % 5
        project = ProjectFactory(starts_on=datetime.date(year, 1, 1))
        ProjectParticipationFactory(project=project, municipality=kg)
        ProjectParticipationFactory(project=project, municipality=ru)
        event = EventFactory(starts_at=_at(year, 5, 5), host_municipality=kg)
        event.organising_municipalities.set([ru])
        ParticipantFactory.create_batch(2, event=event)
        exchange = ExchangeFactory(
            sending_municipality=kg, hosting_municipality=ru, starts_on=datetime.date(year, 6, 1)
        )
        for record in (project, event, exchange):
            record.goals.set(goals)
            record.activity_types.set(activities)
        PartnershipFactory(
            municipality_a=kg, municipality_b=ru, signed_on=datetime.date(year, 1, 1)
        )


def test_the_number_of_queries_does_not_grow_with_the_data(
    memorandum, django_assert_max_num_queries
):
    _more_records(memorandum, times=4)
    with django_assert_max_num_queries(9):
        small = reports.goals_report()

    _more_records(memorandum, times=8)
    with django_assert_max_num_queries(9):
        large = reports.goals_report()

    assert sum(row.projects for row in large.rows) == 3 * sum(row.projects for row in small.rows)


def test_the_page_makes_as_many_queries_with_three_times_the_data(
    memorandum, coordinator_client, django_assert_max_num_queries
):
    url = reverse("reports:goals")
    _more_records(memorandum, times=4)
    coordinator_client.get(url)  # warm up: session, user, groups
    cache.delete_pattern("*")  # the figures are counted, not read from the cache (own keys only)
    with django_assert_max_num_queries(25) as small:
        coordinator_client.get(url)

    _more_records(memorandum, times=8)
    cache.delete_pattern("*")
    with django_assert_max_num_queries(len(small)):
        coordinator_client.get(url)


def test_the_figures_are_cached_until_a_record_changes(memorandum, django_assert_num_queries):
    _more_records(memorandum, times=1)
    before = _totals(reports.goals_report(), reports.GOAL)
    with django_assert_num_queries(2):  # the goals and kinds of activity, for their names
        assert _totals(reports.goals_report(), reports.GOAL) == before

    event = EventFactory(starts_at=_at(2021, 3, 3))
    event.goals.set([memorandum["goal"]["2.1"]])
    after = _totals(reports.goals_report(), reports.GOAL)
    assert after["2.1"]["events"] == before.get("2.1", _cell())["events"] + 1


# --- Real reference data ------------------------------------------------------------------------


def _totals(report: reports.GoalsReport, dimension: str) -> dict:
    """Per number, the all-countries rows of every year added up."""
    totals = {}
    for row in report.rows_of(dimension):
        if row.is_total:
            cell = totals.setdefault(row.number, _cell())
            for measure in MEASURES:
                cell[measure] += getattr(row, measure)
    return totals


def test_with_the_real_memorandum_and_demo_records_totals_equal_plain_counts(db):
    """The reference data and demo records, checked against one plain ORM count per goal."""
    call_command("load_reference_data", "--demo", stdout=io.StringIO())
    projects = Project.objects.exclude(status=ProjectStatus.DRAFT)
    events = Event.objects.exclude(status=EventStatus.CANCELLED)
    participants = Participant.objects.exclude(event__status=EventStatus.CANCELLED).exclude(
        attendance=Attendance.DECLINED
    )

    report = reports.goals_report()

    assert [c.number for c in report.clauses if c.dimension == reports.GOAL] == [
        f"2.{n}" for n in range(1, 8)
    ]
    assert [c.number for c in report.clauses if c.dimension == reports.ACTIVITY] == [
        f"3.{n}" for n in range(1, 7)
    ]
    for dimension, model, field in (
        (reports.GOAL, Goal, "goals"),
        (reports.ACTIVITY, ActivityType, "activity_types"),
    ):
        totals = _totals(report, dimension)
        for clause in model.objects.all():
            tagged = {field: clause}
            exchanges = Exchange.objects.filter(**tagged)
            linked = clause.number in (
                reports.PARTNERSHIP_GOAL_NUMBER,
                reports.PARTNERSHIP_ACTIVITY_NUMBER,
            )
            expected = _cell(
                projects=projects.filter(**tagged).count(),
                events=events.filter(**tagged).count(),
                exchanges=exchanges.count(),
                participants=participants.filter(**{f"event__{field}": clause}).count()
                + sum(exchanges.values_list("participants_count", flat=True)),
                partnerships=Partnership.objects.count() if linked else 0,
            )
            assert totals.get(clause.number, _cell()) == expected, clause.number
    assert _totals(report, reports.GOAL)[reports.PARTNERSHIP_GOAL_NUMBER]["partnerships"]


# --- Downloads ----------------------------------------------------------------------------------


def _parsed(header: list, rows: list) -> dict:
    assert header == [
        "Goal or kind of activity",
        "Number",
        "Name",
        "Year",
        "Country",
        "Projects",
        "Events",
        "Exchanges",
        "Participants",
        "Partnerships",
    ]
    return {
        (DIMENSION_CODES[row[0]], row[1], int(row[3]), COUNTRY_CODES[row[4]]): dict(
            zip(MEASURES, (int(value) for value in row[5:]), strict=True)
        )
        for row in rows
    }


def test_csv_download_has_the_numbers_of_the_report(dataset, coordinator_client):
    response = coordinator_client.get(
        reverse("reports:goals_csv"), headers={"accept-language": "en"}
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="goals-report.csv"'
    header, *rows = csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
    assert _parsed(header, rows) == EXPECTED
    assert rows[0][2] == "Local"


def test_xlsx_download_has_the_numbers_of_the_report(dataset, coordinator_client):
    response = coordinator_client.get(
        reverse("reports:goals_xlsx"), headers={"accept-language": "en"}
    )

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == 'attachment; filename="goals-report.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, *rows = sheet.iter_rows(values_only=True)
    assert _parsed(list(header), rows) == EXPECTED
    assert all(isinstance(value, int) for row in rows for value in row[5:])


def test_downloads_honour_the_filter_and_name_it(dataset, coordinator_client):
    query = {"year_from": "2025", "country": "RU"}

    csv_response = coordinator_client.get(
        reverse("reports:goals_csv"), query, headers={"accept-language": "en"}
    )
    xlsx_response = coordinator_client.get(
        reverse("reports:goals_xlsx"), query, headers={"accept-language": "en"}
    )

    expected = _expected(year_from=2025, country="RU")
    header, *rows = csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig")))
    assert _parsed(header, rows) == expected
    header, *rows = load_workbook(io.BytesIO(xlsx_response.content)).active.iter_rows(
        values_only=True
    )
    assert _parsed(list(header), rows) == expected
    assert csv_response["Content-Disposition"] == 'attachment; filename="goals-report_2025-_ru.csv"'
    assert xlsx_response["Content-Disposition"] == (
        'attachment; filename="goals-report_2025-_ru.xlsx"'
    )


@pytest.mark.parametrize(
    ("query", "filename"),
    [
        ({"year_from": "2024", "year_to": "2024"}, "goals-report_2024.csv"),
        (
            {"year_from": "2023", "year_to": "2025", "country": "KG"},
            "goals-report_2023-2025_kg.csv",
        ),
        ({"year_to": "2024"}, "goals-report_-2024.csv"),
        ({"country": ""}, "goals-report.csv"),
    ],
)
def test_download_names_say_the_filter(coordinator_client, query, filename):
    response = coordinator_client.get(reverse("reports:goals_csv"), query)

    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'


def test_downloads_refuse_an_invalid_filter(dataset, coordinator_client):
    response = coordinator_client.get(
        reverse("reports:goals_csv"), {"year_from": "2026", "year_to": "2024"}
    )

    assert response.status_code == 400


def test_downloads_are_in_the_language_of_the_request(dataset, coordinator_client):
    response = coordinator_client.get(
        reverse("reports:goals_csv"), headers={"accept-language": "ky"}
    )

    header, first, *_ = csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
    assert len(header) == 10
    assert first[2] == GOAL_NAMES["2.1"][1]
    with translation.override("ky"):
        assert first[4] == str(reports.country_label("KG"))


def test_text_that_looks_like_a_formula_stays_text(memorandum):
    """CSV marks it with an apostrophe, as spreadsheets do; XLSX stores it as a text cell."""
    goal = memorandum["goal"]["2.3"]
    goal.short_name_en = "=HYPERLINK(1)"
    goal.save()
    PartnershipFactory(signed_on=datetime.date(2024, 1, 1))
    report = reports.goals_report()

    first_row = next(csv.reader(io.StringIO(reports.report_to_csv(report).splitlines()[1])))
    assert first_row[2] == "'=HYPERLINK(1)"
    sheet = load_workbook(io.BytesIO(reports.report_to_xlsx(report))).active
    assert (sheet["C2"].value, sheet["C2"].data_type) == ("=HYPERLINK(1)", "s")


# --- Access -------------------------------------------------------------------------------------

URL_NAMES = ("reports:goals", "reports:goals_csv", "reports:goals_xlsx")


@pytest.mark.parametrize("name", URL_NAMES)
def test_coordinators_may_see_the_report(name, coordinator_client):
    response = coordinator_client.get(reverse(name))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("name", URL_NAMES)
def test_editors_are_refused(name, editor_client):
    assert editor_client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", URL_NAMES)
def test_coordinators_without_staff_status_are_refused(name):
    user = UserFactory(username="not-staff", is_staff=False)
    user.groups.add(Group.objects.get(name=COORDINATORS))
    client = Client()
    client.force_login(user)

    assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", URL_NAMES)
def test_anonymous_visitors_are_sent_to_the_admin_login(name, client):
    url = reverse(name)

    response = client.get(url, {"year_from": "2024"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login") + "?next=")
    assert url in response["Location"]


def test_the_admin_index_links_to_the_report(coordinator_client):
    response = coordinator_client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert f'href="{reverse("reports:goals")}"' in response.content.decode()


def test_the_applications_admin_index_pages_do_not_repeat_the_link(coordinator_client):
    response = coordinator_client.get(reverse("admin:app_list", args=["exchanges"]))

    assert response.status_code == 200
    assert f'href="{reverse("reports:goals")}"' not in response.content.decode()


# --- The page -----------------------------------------------------------------------------------


def _tables(html: str) -> list[str]:
    return re.findall(r'<table class="goals-report-table".*?</table>', html, re.S)


def _row_count(html: str) -> int:
    return sum(table.count('<th scope="row">') for table in _tables(html))


def _chart_data(html: str) -> dict:
    match = re.search(
        r'<script id="goals-report-data" type="application/json">(.*?)</script>', html, re.S
    )
    assert match
    return json.loads(match.group(1))


@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_the_page_renders_both_tables_chart_and_downloads(dataset, coordinator_client, language):
    response = coordinator_client.get(
        reverse("reports:goals"), headers={"accept-language": language}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert 'id="admin-language"' in html  # the admin's frame, with the language switch
    goals, activities = _tables(html)
    assert 'id="goals-report-goal"' in goals
    assert 'id="goals-report-activity"' in activities
    for table in (goals, activities):
        assert table.count("<caption>") == 1
        assert table.count('<th scope="col"') == 8
    assert goals.count('<th scope="row">') == len(_rows_of("goal"))
    assert activities.count('<th scope="row">') == len(_rows_of("activity"))
    assert "/static/vendor/chartjs/chart.umd.min.js" in html
    assert "/static/portal/goals_report.js" in html
    assert "cdn" not in html.lower()
    assert reverse("reports:goals_csv") in html
    assert reverse("reports:goals_xlsx") in html
    for label in ("year_from", "year_to", "country"):
        assert f'<label for="id_{label}">' in html
    index = {"ru": 0, "ky": 1, "en": 2}[language]
    assert GOAL_NAMES["2.1"][index] in html
    assert ACTIVITY_NAMES["3.5"][index] in html
    data = _chart_data(html)
    assert data["labels"] == ["2.1", "2.3", "2.5", "2.7"]
    assert data["titles"][0] == f"2.1. {GOAL_NAMES['2.1'][index]}"


def test_the_page_shows_the_filtered_rows_and_links_filtered_downloads(dataset, coordinator_client):
    response = coordinator_client.get(
        reverse("reports:goals"), {"year_to": "2024", "country": "KG"}
    )

    html = response.content.decode()
    assert _row_count(html) == len(_expected(year_to=2024, country="KG"))
    assert f"{reverse('reports:goals_csv')}?year_to=2024&amp;country=KG" in html
    assert f"{reverse('reports:goals_xlsx')}?year_to=2024&amp;country=KG" in html


def test_the_page_explains_an_invalid_filter(dataset, coordinator_client):
    response = coordinator_client.get(
        reverse("reports:goals"), {"year_from": "2026", "year_to": "2024"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="errornote"' in html
    # The invalid filter filters nothing.
    assert _row_count(html) == len(EXPECTED)


def test_the_page_of_an_empty_registry(coordinator_client):
    response = coordinator_client.get(reverse("reports:goals"), headers={"accept-language": "en"})

    assert response.status_code == 200
    assert _chart_data(response.content.decode()) == {
        "labels": [],
        "titles": [],
        "datasets": [
            {"label": label, "data": []}
            for label in ("Projects", "Events", "Exchanges", "Partnerships")
        ],
    }
