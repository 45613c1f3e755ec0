"""The admin as coordinators and municipality editors use it."""

from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from partnerships.choices import PartnershipKind, PartnershipStatus
from partnerships.models import Municipality, Partnership
from tests.partnerships.factories import MunicipalityFactory, PartnershipFactory

PORTAL_APPS = {"partnerships", "accounts", "events", "exchanges"}


def portal_admin_models():
    return [model for model in admin.site._registry if model._meta.app_label in PORTAL_APPS]


def _url(model, page: str) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}")


def _open_every_page(client, user) -> list[str]:
    """Open every changelist, add page and first change page; return what went wrong."""
    problems = []
    request = RequestFactory().get("/admin/")
    request.user = user
    for model in portal_admin_models():
        opts = model._meta
        model_admin = admin.site._registry[model]
        can_view = model_admin.has_view_or_change_permission(request)
        can_add = model_admin.has_add_permission(request)
        pages = [
            ("changelist", _url(model, "changelist"), can_view),
            ("add", _url(model, "add"), can_add),
        ]
        first = model._default_manager.order_by("pk").first()
        if first is not None and can_view and opts.app_label != "accounts":
            change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk])
            pages.append(("change", change, True))
        for name, url, allowed in pages:
            response = client.get(url)
            # An editor's change page of a row outside their scope redirects (tested below).
            redirected_away = name == "change" and response.status_code == 302
            if allowed and response.status_code != 200 and not redirected_away:
                problems.append(f"{opts.label} {name}: {response.status_code}")
            if not allowed and response.status_code != 403:
                problems.append(f"{opts.label} {name}: {response.status_code}, expected 403")
    return problems


def test_coordinator_opens_every_admin_page(reference_data, coordinator, coordinator_client):
    assert portal_admin_models(), "no admin models found"
    assert _open_every_page(coordinator_client, coordinator) == []


def test_editor_opens_what_the_role_allows(reference_data, editor, editor_client):
    assert _open_every_page(editor_client, editor) == []


def test_admin_pages_render_in_kyrgyz_and_russian(reference_data, coordinator_client):
    url = _url(Municipality, "changelist")
    kyrgyz = coordinator_client.get(url, headers={"accept-language": "ky"})
    russian = coordinator_client.get(url, headers={"accept-language": "ru"})
    assert 'lang="ky"' in kyrgyz.text and "Муниципалитеттер" in kyrgyz.text
    assert 'lang="ru"' in russian.text and "Муниципалитеты" in russian.text


def test_translated_fields_are_in_tabs(reference_data, coordinator_client):
    bishkek = Municipality.objects.get(official_code="41711000000000")
    page = coordinator_client.get(
        reverse("admin:partnerships_municipality_change", args=[bishkek.pk])
    ).text
    for language in ("ru", "ky", "en"):
        assert f'name="name_{language}"' in page
    assert "tabbed_translation_fields.js" in page
    # jQuery UI comes from the portal's own static files, not from a CDN.
    assert "vendor/jquery-ui/jquery-ui.min.js" in page and "googleapis" not in page


def test_editor_sees_only_own_municipalities(editor_client, own_municipality, other_municipality):
    page = editor_client.get(_url(Municipality, "changelist")).text
    assert "Каракол" in page and "Нарын" not in page

    foreign = reverse("admin:partnerships_municipality_change", args=[other_municipality.pk])
    response = editor_client.get(foreign)
    assert response.status_code == 302  # "does not exist, perhaps it was deleted"
    response = editor_client.post(foreign, {"name_ru": "Захвачено"})
    other_municipality.refresh_from_db()
    assert other_municipality.name_ru == "Нарын"


def test_editor_may_search_every_municipality_when_choosing_a_partner(
    editor_client, own_municipality, other_municipality
):
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "partnerships",
            "model_name": "partnership",
            "field_name": "municipality_b",
            "term": "Нарын",
        },
    )
    assert response.status_code == 200
    assert [row["text"] for row in response.json()["results"]] == ["Нарын"]


def _partnership_form(a, b, **extra):
    return {
        "municipality_a": a.pk,
        "municipality_b": b.pk,
        "kind": PartnershipKind.TWINNING,
        "status": PartnershipStatus.PROPOSED,
        "signed_on_precision": "day",
        "documents-TOTAL_FORMS": 0,
        "documents-INITIAL_FORMS": 0,
        **extra,
    }


def test_editor_cannot_link_two_other_municipalities(editor_client, other_municipality):
    third = MunicipalityFactory(russian=True)
    response = editor_client.post(
        _url(Partnership, "add"), _partnership_form(other_municipality, third)
    )
    assert response.status_code == 200
    assert "хотя бы к одному из ваших муниципалитетов" in response.text
    assert not Partnership.objects.exists()


def test_editor_links_own_municipality(editor_client, own_municipality):
    partner = MunicipalityFactory(russian=True)
    response = editor_client.post(
        _url(Partnership, "add"), _partnership_form(own_municipality, partner)
    )
    assert response.status_code == 302, response.text
    partnership = Partnership.objects.get()
    # The step's date is stamped when none was given.
    assert partnership.proposed_on is not None


def test_editor_does_not_see_other_partnerships(editor_client, own_municipality):
    mine = PartnershipFactory(municipality_a=own_municipality)
    theirs = PartnershipFactory()
    page = editor_client.get(_url(Partnership, "changelist")).text
    assert str(mine.municipality_b) in page and str(theirs.municipality_b) not in page


def test_change_history_records_who_changed_what(coordinator, coordinator_client, own_municipality):
    url = reverse("admin:partnerships_municipality_change", args=[own_municipality.pk])
    form = coordinator_client.get(url).context["adminform"].form
    data = {
        key: value for key, value in form.initial.items() if value is not None and key != "emblem"
    }
    data.update(
        name_ru="Каракол",
        population=80_000,
        sectors=[],
        editors=[],
        region=own_municipality.region_id,
    )
    response = coordinator_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    latest = own_municipality.history.latest()
    assert latest.population == 80_000
    assert latest.history_user == coordinator
    history_page = coordinator_client.get(
        reverse("admin:partnerships_municipality_history", args=[own_municipality.pk])
    ).text
    assert "coordinator" in history_page
