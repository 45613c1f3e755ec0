"""`make run` shows the lists that read related names in SQL (core.query.names_of) on SQLite
too: the project list and the partner search board, with the names in order and language."""

import pytest

from tests.commands import shell_on_sqlite

pytestmark = pytest.mark.slow

SCRIPT = """
import json
from django.test import Client
from tests.exchanges.factories import PartnerRequestFactory
from tests.partnerships.factories import (
    MunicipalityFactory, ProjectFactory, ProjectParticipationFactory, SectorFactory,
)
project = ProjectFactory(title_ru="Общий проект")
for name_ru, name_ky in (("Ош", "Ош шаары"), ("Казань", "")):
    ProjectParticipationFactory(
        project=project, municipality=MunicipalityFactory(name_ru=name_ru, name_ky=name_ky)
    )
request = PartnerRequestFactory()
request.sectors.add(
    SectorFactory(code="b", name_ru="Туризм", order=2),
    SectorFactory(code="a", name_ru="Спорт", name_ky="Спорт ky", order=3),
)
client = Client(HTTP_HOST="127.0.0.1")
pages = {url: client.get(url) for url in ("/ru/projects/", "/ky/projects/", "/ru/partner-search/")}
print("RESULT", json.dumps({url: [r.status_code, r.content.decode()] for url, r in pages.items()}))
"""


def test_lists_with_related_names_render_on_sqlite(tmp_path):
    pages, _output = shell_on_sqlite(SCRIPT, tmp_path)

    assert all(status == 200 for status, _content in pages.values())
    assert "Ош, Казань" in pages["/ru/projects/"][1]
    assert "Ош шаары, Казань" in pages["/ky/projects/"][1]
    assert "<li>Туризм</li><li>Спорт</li>" in pages["/ru/partner-search/"][1]
