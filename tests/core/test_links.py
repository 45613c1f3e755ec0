"""Links built from a kept URL pattern are the links reverse() builds, in every language and
under a script prefix (a portal served below a path)."""

import pytest
from django.urls import reverse, set_script_prefix, translate_url
from django.utils import translation

from core.links import page_url, record_url
from tests.partnerships.factories import MunicipalityFactory

VIEWS = [
    "partnerships:municipality_detail",
    "partnerships:partnership_detail",
    "partnerships:project_detail",
    "events:detail",
    "events:ics",
    "exchanges:exchange_detail",
    "exchanges:practice_detail",
    "exchanges:request_detail",
]


@pytest.mark.parametrize("prefix", ["/", "/portal/"])
@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_record_links_equal_reversed_ones(language, prefix):
    set_script_prefix(prefix)
    try:
        with translation.override(language):
            for view in VIEWS:
                for pk in (1, 42, 987654321, 10**12):
                    assert record_url(view, pk) == reverse(view, kwargs={"pk": pk})
                assert f"/{language}/" in record_url(view, 7)
    finally:
        set_script_prefix("/")


PAGES = [
    "partnerships:home",
    "partnerships:municipality_list",
    "events:calendar",
    "exchanges:request_board",
    "api:docs",
    "admin:index",
]


@pytest.mark.parametrize("prefix", ["/", "/portal/"])
@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_page_links_equal_reversed_ones(language, prefix):
    set_script_prefix(prefix)
    try:
        with translation.override(language):
            for view in PAGES:
                assert page_url(view) == reverse(view)
    finally:
        set_script_prefix("/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/ru/municipalities/?country=KG&page=2",
        "/ky/partner-search/",
        "/en/events/?view=list&when=past",
        "/ru/municipalities/{pk}/",
    ],
)
def test_a_page_links_itself_in_each_language_as_translate_url_does(client, path):
    municipality = MunicipalityFactory()
    path = path.format(pk=municipality.pk)
    response = client.get(path)
    alternates = {item["code"]: item["url"] for item in response.context["language_alternates"]}
    assert alternates == {code: translate_url(path, code) for code in ("ru", "ky", "en")}
    assert alternates["en"].startswith("/en/")
