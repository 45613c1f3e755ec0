"""The "demo" badge ({% demo_badge record %}): after the title of demonstration records only,
in the page's language."""

import re

import pytest

from tests.exchanges.factories import PartnerRequestFactory
from tests.partnerships.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def _titles_with_badge(page: str) -> dict[str, bool]:
    badge = r'( <span class="badge demo">[^<]+</span>)?'
    found = re.findall(r'<a href="[^"]+">([^<]+)</a>' + badge, page)
    return {title: bool(badge) for title, badge in found}


def test_the_board_marks_demo_requests_only(client):
    PartnerRequestFactory(title_ru="Ищем партнёра в туризме", is_demo=True)
    PartnerRequestFactory(title_ru="Ищем партнёра в культуре")
    page = client.get("/ru/partner-search/").text
    shown = _titles_with_badge(page)
    assert shown["Ищем партнёра в туризме"] is True
    assert shown["Ищем партнёра в культуре"] is False
    assert page.count('<span class="badge demo">демо</span>') == 1


def test_the_badge_is_in_the_pages_language(client):
    project = ProjectFactory(title_ru="Школа мэров", title_en="School of mayors", is_demo=True)
    english = client.get(f"/en/projects/{project.pk}/").text
    kyrgyz = client.get(f"/ky/projects/{project.pk}/").text
    assert '<span class="badge demo">demo</span>' in english
    assert '<span class="badge demo">демо</span>' in kyrgyz
