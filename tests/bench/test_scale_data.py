"""The scale-data generator (partnerships.scale_data) at a thousandth of national scale: its rows
keep every rule of the database, a second run replaces them with as many, the reference data is
left as it was, and the search indexes exist."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from events.models import Event, Participant
from exchanges.models import BestPractice, Exchange, PartnerRequest
from partnerships.models import Municipality, Partnership, Project, ProjectParticipation, Region
from partnerships.scale_data import CODE_PREFIX, counts_for
from tests.invariants import broken_invariants

pytestmark = pytest.mark.django_db


def _generate() -> None:
    call_command("generate_scale_data", scale="tiny", no_progress=True, stdout=io.StringIO())
    with connection.cursor() as cursor:
        # Foreign keys are checked at commit; the test never commits, so check them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _counts() -> dict[str, int]:
    generated = Municipality.objects.filter(official_code__startswith=CODE_PREFIX)
    return {
        "municipalities": generated.count(),
        "partnerships": Partnership.objects.filter(municipality_a__in=generated).count(),
        "projects": Project.objects.filter(is_demo=True).count(),
        "participations": ProjectParticipation.objects.count(),
        "events": Event.objects.filter(host_municipality__in=generated).count(),
        "participants": Participant.objects.count(),
        "exchanges": Exchange.objects.filter(is_demo=True).count(),
        "best_practices": BestPractice.objects.filter(is_demo=True).count(),
        "partner_requests": PartnerRequest.objects.filter(is_demo=True).count(),
        "sectors_of_municipalities": Municipality.sectors.through.objects.count(),
        "goals_of_events": Event.goals.through.objects.count(),
    }


def _reference() -> list[tuple]:
    return [
        *Region.objects.order_by("pk").values_list("pk", "name_ru", "updated"),
        *Municipality.objects.exclude(official_code__startswith=CODE_PREFIX)
        .order_by("pk")
        .values_list("pk", "name_ru", "updated"),
        *Partnership.objects.exclude(municipality_a__official_code__startswith=CODE_PREFIX)
        .order_by("pk")
        .values_list("pk", "status", "updated"),
    ]


def test_generated_rows_keep_the_rules_and_a_second_run_replaces_them():
    call_command("load_reference_data", stdout=io.StringIO())
    reference = _reference()

    _generate()
    first = _counts()
    expected = counts_for("tiny")
    assert first["municipalities"] == expected["municipalities"]
    assert first["partnerships"] == expected["partnerships"]
    assert first["events"] == expected["events"]
    assert first["participants"] == expected["participants"]
    assert first["exchanges"] == expected["exchanges"]
    assert first["best_practices"] == expected["best_practices"]
    assert first["projects"] == expected["projects"]
    assert 2 * first["projects"] <= first["participations"] <= 4 * first["projects"]
    assert broken_invariants() == []
    # Both countries, real regions, the Russian name in the untranslated column too.
    generated = Municipality.objects.filter(official_code__startswith=CODE_PREFIX)
    assert set(generated.values_list("region__country", flat=True)) == {"KG", "RU"}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM partnerships_municipality WHERE official_code LIKE 'GEN-%%' "
            "AND (name IS DISTINCT FROM name_ru OR name_ky = '' OR name_en = '')"
        )
        assert cursor.fetchone()[0] == 0

    _generate()
    assert _counts() == first
    assert broken_invariants() == []
    assert _reference() == reference


def test_search_indexes_exist():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = "
            "'partnerships_municipality' AND indexname LIKE 'municipality_name_%%_trgm'"
        )
        indexes = dict(cursor.fetchall())
    assert set(indexes) == {f"municipality_name_{lang}_trgm" for lang in ("ru", "ky", "en")}
    for definition in indexes.values():
        assert "USING gin" in definition
        assert "gin_trgm_ops" in definition
        assert "upper(" in definition
