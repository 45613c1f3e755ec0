"""API list pages are prepared on a connection that has read them before
(core.prepared_statements): the prepared page is the page, one prepared statement serves every
value of a filter, and what PostgreSQL cannot prepare, or a statement's own error, behaves as
without preparing."""

import pytest
from django.db import DataError, connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from core import prepared_statements
from partnerships.models import Memorandum
from tests.api.test_json_rows import VIEWSETS
from tests.partnerships.factories import MunicipalityFactory, SectorFactory

pytestmark = pytest.mark.django_db

# Not from the response cache: every request reads its page.
uncached = override_settings(RESPONSE_CACHE_SECONDS=0)


@pytest.fixture(autouse=True)
def nothing_prepared(db):
    """The test's connection with nothing prepared, before and after the test."""

    def forget():
        with connection.cursor() as cursor:
            cursor.execute("DEALLOCATE ALL")
        prepared_statements._sessions.pop(connection.connection, None)
        prepared_statements._unpreparable.clear()

    forget()
    yield
    forget()


def _prepared_on_server() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'portal\\_%%'"
        )
        return dict(cursor.fetchall())


def _names(response) -> list[str]:
    return [row["name"] for row in response.json()["results"]]


@uncached
def test_a_list_read_again_is_prepared_and_the_same_page(anon):
    MunicipalityFactory.create_batch(3, kyrgyz=True)
    MunicipalityFactory.create_batch(2, russian=True)
    pages, statements = [], []
    for _time in range(3):
        with CaptureQueriesContext(connection) as queries:
            pages.append(anon.get("/api/v1/municipalities/?country=KG").json())
        statements.append([query["sql"] for query in queries.captured_queries])

    assert pages[0]["count"] == 3 and pages[1] == pages[0] and pages[2] == pages[0]
    [(name, text)] = _prepared_on_server().items()
    assert "row_to_json" in text and "$1" in text and "'KG'" not in text
    # One query each time: the statement as text, then (the PREPARE being connection setup)
    # its execution, the filter's value its argument.
    [[first], [second], [third]] = statements
    assert "row_to_json" in first and "'KG'" in first
    assert second.startswith(f"EXECUTE {name}('KG', ") and third == second


@uncached
@pytest.mark.parametrize("who", ["anon", "coordinator_api"])
def test_every_list_is_prepared_with_its_typical_filters(request, who):
    client = request.getfixturevalue(who)
    memorandum = Memorandum.objects.create(slug="m", title_ru="М", signed_on="2017-06-01")
    sector = SectorFactory()
    filters = {
        "regions": "country=RU",
        "sectors": "search=тур",
        "municipalities": "country=KG",
        "goals": f"memorandum={memorandum.pk}",
        "partnerships": "health=dormant",  # dates in GREATEST: declared, not inferred
        "projects": "status=in_progress",
        "events": "date_from=2026-11-01&date_to=2026-12-01",
        "exchanges": "country=KG",
        "best-practices": f"sector={sector.pk}",
        "partner-requests": "status=open",
    }
    urls = [f"/api/v1/{prefix}/" for prefix, _viewset in VIEWSETS]
    urls += [f"/api/v1/{prefix}/?{query}" for prefix, query in filters.items()]
    urls += ["/api/v1/events/?lang=ky", "/api/v1/partnerships/?page_size=7&page=1"]

    for url in urls:
        first, again = client.get(url), client.get(url)
        with CaptureQueriesContext(connection) as queries:
            third = client.get(url)
        assert first.status_code == again.status_code == third.status_code == 200, url
        assert first.json() == again.json() == third.json(), url
        assert any(
            query["sql"].startswith("EXECUTE portal_") for query in queries.captured_queries
        ), url
    assert not prepared_statements._unpreparable


@uncached
def test_one_prepared_statement_serves_every_value_of_a_filter(anon):
    kyrgyz = MunicipalityFactory.create_batch(2, kyrgyz=True)
    russian = MunicipalityFactory.create_batch(3, russian=True)
    answers = {
        country: anon.get(f"/api/v1/municipalities/?country={country}")
        for country in ("KG", "RU", "KG", "RU", "KG")
    }

    assert len(_prepared_on_server()) == 1
    assert sorted(_names(answers["KG"])) == sorted(m.name_ru for m in kyrgyz)
    assert sorted(_names(answers["RU"])) == sorted(m.name_ru for m in russian)
    assert answers["RU"].json()["count"] == 3


def test_a_statement_postgres_cannot_prepare_runs_as_text_in_the_same_transaction():
    # PostgreSQL cannot tell the parameter's type from IS NULL.
    sql = "SELECT %s IS NULL, 'one hundred %%'"
    assert connection.in_atomic_block  # the test's transaction, as a request's may be

    rows = [prepared_statements.fetch_all(connection, sql, ["x"]) for _time in range(3)]

    assert rows == [[(False, "one hundred %")]] * 3
    # The transaction goes on: the failed PREPARE was rolled back to its savepoint.
    assert MunicipalityFactory().pk
    with CaptureQueriesContext(connection) as queries:
        assert prepared_statements.fetch_all(connection, sql, [None]) == [(True, "one hundred %")]
    assert [query["sql"] for query in queries.captured_queries] == [
        "SELECT NULL IS NULL, 'one hundred %'"
    ]


def test_an_error_of_the_statement_itself_is_raised_prepared_or_not():
    sql = "SELECT 1 / %s::int, 'ok %%'"
    assert prepared_statements.fetch_all(connection, sql, [1]) == [(1, "ok %")]
    for _time in range(2):
        with pytest.raises(DataError, match="division by zero"), transaction.atomic():
            prepared_statements.fetch_all(connection, sql, [0])
    # Still prepared: an execution's error says nothing against the statement.
    assert prepared_statements.fetch_all(connection, sql, [2]) == [(0, "ok %")]
    assert [text.split(" AS ", 1)[1] for text in _prepared_on_server().values()] == [
        "SELECT 1 / $1::int, 'ok %'"
    ]


def test_a_connection_keeps_only_the_most_recently_used_statements(monkeypatch):
    monkeypatch.setattr(prepared_statements, "PER_CONNECTION", 2)
    first, second, third = (f"SELECT {number} + %s::int" for number in range(3))

    # Each prepared the second time; the first used again after the second was prepared.
    for sql in (first, first, second, second, first, third, third, first):
        number = int(sql.split()[1])
        assert prepared_statements.fetch_all(connection, sql, [10]) == [(number + 10,)]

    kept = sorted(text.split(" AS ", 1)[1] for text in _prepared_on_server().values())
    assert kept == ["SELECT 0 + $1::int", "SELECT 2 + $1::int"]


@override_settings(DATABASE_PREPARED_STATEMENTS=False)
def test_off_nothing_is_prepared(anon):
    MunicipalityFactory()
    for _time in range(3):
        assert prepared_statements.fetch_all(connection, "SELECT %s::int", [7]) == [(7,)]
        assert anon.get("/api/v1/municipalities/").json()["count"] == 1
    assert _prepared_on_server() == {}


# Outside the test's transaction, as a request is (the data kept for the tests that follow).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_session_that_lost_its_statements_starts_again_outside_a_transaction():
    assert not connection.in_atomic_block
    sql = "SELECT %s::int * 2"
    for _time in range(2):
        assert prepared_statements.fetch_all(connection, sql, [2]) == [(4,)]
    with connection.cursor() as cursor:
        cursor.execute("DISCARD ALL")  # as a pooler in transaction mode may

    assert prepared_statements.fetch_all(connection, sql, [3]) == [(6,)]
    for _time in range(2):
        assert prepared_statements.fetch_all(connection, sql, [4]) == [(8,)]
    assert list(_prepared_on_server().values()) == [
        "PREPARE portal_1(unknown) AS SELECT $1::int * 2"
    ]
