"""CSV import of municipalities: all or nothing, bad rows reported with their line numbers."""

import io

import pytest
from django.core.management import CommandError, call_command

from partnerships.models import Municipality
from tests.partnerships.factories import MunicipalityFactory, RegionFactory

pytestmark = pytest.mark.django_db

HEADER = "official_code,kind,country,region,name_ru,name_en,population,latitude,longitude\n"


@pytest.fixture
def region():
    return RegionFactory(country="KG", name_ru="Чуйская область", code="KG-C")


def run(tmp_path, text: str) -> str:
    path = tmp_path / "municipalities.csv"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import_municipalities", str(path), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_good_file_creates_and_updates(tmp_path, region):
    MunicipalityFactory(official_code="41708410000010", name_ru="Кант (старое)", region=region)
    output = run(
        tmp_path,
        HEADER
        + "41708410000010,city,KG,KG-C,Кант,Kant,21985,42.89106,74.85077\n"
        + "41708420000010,city,KG,Чуйская область,Кара-Балта,Kara-Balta,46911,,\n",
    )
    assert "1 created, 1 updated" in output
    kant = Municipality.objects.get(official_code="41708410000010")
    assert (kant.name_ru, kant.population) == ("Кант", 21985)


def test_a_bad_row_is_reported_by_line_and_nothing_is_saved(tmp_path, region):
    text = (
        HEADER
        + "41708410000010,city,KG,KG-C,Кант,Kant,21985,42.89,74.85\n"
        + "41708420000010,city,KG,KG-C,Кара-Балта,Kara-Balta,-5,,\n"
        + "41708430000010,village,KG,KG-C,Токмок,Tokmok,,,\n"
        + "41708440000010,city,KG,Нет такой,Кемин,Kemin,,95,74\n"
    )
    with pytest.raises(CommandError) as caught:
        run(tmp_path, text)
    message = str(caught.value)
    assert "Line 3:" in message and "population" in message.lower()
    assert "Line 4:" in message and "kind" in message
    assert "Line 5:" in message
    assert "Line 2:" not in message
    assert not Municipality.objects.exists()


def test_missing_columns_are_named(tmp_path):
    with pytest.raises(CommandError, match="Missing columns: official_code"):
        run(tmp_path, "name_ru\nКант\n")
