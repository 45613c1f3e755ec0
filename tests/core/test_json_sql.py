"""Constants written into the SQL as literals (core.json_sql.Literal) read back as the values
they are, quotes and percent signs included, beside parameters of the same statement."""

import datetime

import pytest

from core.json_sql import Literal, literal, sql_literal
from partnerships.models import Region
from tests.partnerships.factories import RegionFactory

pytestmark = pytest.mark.django_db


def test_literals_read_back_as_the_values_beside_parameters():
    region = RegionFactory(code="KG-C")
    values = (
        Region.objects.filter(code="KG-C")  # a parameter of the same statement
        .annotate(
            quoted=literal("it's 100% — «ok» %s"),
            blank=literal(""),
            number=Literal(42),
            day=Literal(datetime.date(1900, 1, 1)),
        )
        .values_list("pk", "quoted", "blank", "number", "day")
    )

    assert list(values) == [(region.pk, "it's 100% — «ok» %s", "", 42, datetime.date(1900, 1, 1))]
    _sql, params = values.query.sql_with_params()
    assert params == ("KG-C",)  # the constants are no parameters


@pytest.mark.parametrize("value", ["back\\slash", "nul\x00", None, True, 1.5])
def test_a_value_that_cannot_be_written_safely_as_a_literal_is_refused(value):
    with pytest.raises(TypeError):
        sql_literal(value)
