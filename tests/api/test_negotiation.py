"""Each request gets the representation it asks for, though the negotiation's answers are kept
per process (core.api.negotiation): by Accept header and by ?format=, refused alike each time."""

import pytest

from tests.partnerships.factories import SectorFactory

pytestmark = pytest.mark.django_db


def test_each_request_gets_the_representation_its_accept_header_asks_for(anon):
    SectorFactory(name_ru="Туризм")
    asked = ["text/html", "application/json", "text/html", None, "application/json; indent=2"]
    answers = [
        anon.get("/api/v1/sectors/", **({"HTTP_ACCEPT": accept} if accept else {}))
        for accept in asked
    ]

    kinds = [answer["Content-Type"].split(";")[0] for answer in answers]
    assert kinds == ["text/html", "application/json", "text/html"] + ["application/json"] * 2
    assert "Туризм" in answers[0].content.decode() and answers[1].json()["count"] == 1
    assert answers[3].content == answers[1].content
    assert answers[4].content.startswith(b'{\n  "count": 1')


def test_a_format_asked_for_wins_and_an_unknown_one_is_refused_every_time(anon):
    assert anon.get("/api/v1/sectors/?format=api")["Content-Type"].startswith("text/html")
    assert anon.get("/api/v1/sectors/?format=json")["Content-Type"] == "application/json"
    for _time in range(2):
        assert anon.get("/api/v1/sectors/?format=xml").status_code == 404
        assert anon.get("/api/v1/sectors/", HTTP_ACCEPT="image/png").status_code == 406
