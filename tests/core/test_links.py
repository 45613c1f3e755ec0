"""Links built from a kept URL pattern are the links reverse() builds, in every language and
under a script prefix (a portal served below a path)."""

import pytest
from django.urls import reverse, set_script_prefix
from django.utils import translation

from core.links import record_url

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
