"""Stored HTML and JavaScript is shown as text everywhere: public pages in every language, the
HTML parts of e-mails, the admin and the browsable API.

Every translated field of every model (modeltranslation's registry) and the plain text fields
people type hold a payload naming its field, e.g.
``<script>alert("xss:Event.title_ky")</script><img src=x onerror=alert(1)>``. A page must never
contain the payload raw; where it shows a field, the field's payload appears escaped.
"""

import datetime
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from modeltranslation.translator import NotRegistered, translator

from accounts.roles import COORDINATORS
from core.choices import Country
from events.choices import DeliveryKind
from events.messages import meeting_message, participant_recipient, resolution_message
from events.models import (
    AgendaItem,
    ConsentText,
    EventDocument,
    Participant,
    ReminderDelivery,
    Resolution,
    WorkingGroupMember,
)
from exchanges.digest import digest_contents, digest_send_weekly
from exchanges.models import (
    Adoption,
    BestPracticeDocument,
    ExchangeDocument,
    PartnerRequestAnswer,
)
from partnerships.choices import MemorandumStatus, ProjectRole, ProjectStatus, RegionKind
from partnerships.models import (
    ActivityType,
    Goal,
    Memorandum,
    PartnershipDocument,
    Party,
    ProjectDocument,
    Signatory,
)
from tests.events.factories import EventFactory, WorkingGroupFactory
from tests.exchanges.factories import (
    BestPracticeFactory,
    ExchangeFactory,
    PartnerRequestFactory,
)
from tests.partnerships.factories import (
    MunicipalityFactory,
    PartnershipFactory,
    ProjectFactory,
    ProjectParticipationFactory,
    RegionFactory,
    SectorFactory,
    UserFactory,
)

LANGUAGES = [code for code, _name in settings.LANGUAGES]
SCRIPT = '<script>alert("xss:{tag}")</script>'
IMG = "<img src=x onerror=alert(1)>"
RAW = re.compile(r"<script>alert\(\"xss:[^\"]*\"\)</script>|<img src=x onerror=alert\(1\)>")
ESCAPED_IMG = "&lt;img src=x onerror=alert(1)&gt;"


def payload(tag: str, max_length: int | None = None) -> str:
    """The longest of script + img, script alone, img alone that fits the field (a party's
    abbreviation has 32 characters)."""
    script = SCRIPT.format(tag=tag)
    for value in (script + IMG, script, IMG):
        if max_length is None or len(value) <= max_length:
            return value
    raise AssertionError(f"no payload fits {tag}")


def escaped(tag: str) -> str:
    """The payload of a field as an HTML page shows it when it escapes it."""
    return f"&lt;script&gt;alert(&quot;xss:{tag}&quot;)&lt;/script&gt;"


def fill(instance, *plain: str):
    """Put the payload in every translated field (all languages) and in the plain text fields
    named, then save."""
    model = type(instance)
    try:
        translated = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        translated = ()
    names = [f"{field}_{language}" for field in translated for language in LANGUAGES]
    for name in [*names, *plain]:
        max_length = model._meta.get_field(name).max_length
        setattr(instance, name, payload(f"{model.__name__}.{name}", max_length))
    instance.save()
    return instance


def assert_escaped(html: str, where: str, tags=()) -> None:
    """No payload raw; the payload of each tag (and at least one payload) escaped."""
    raw = sorted(set(RAW.findall(html)))
    assert not raw, f"{where}: shown raw: {raw}"
    assert ESCAPED_IMG in html or "&lt;script&gt;" in html, f"{where}: no payload shown at all"
    missing = [tag for tag in tags if escaped(tag) not in html]
    assert not missing, f"{where}: fields not shown (escaped): {missing}"


@pytest.fixture(scope="module")
def records(module_db):
    """One record of every kind, on the public pages, with the payload in every text field."""
    r = {}
    kg = fill(RegionFactory(country=Country.KYRGYZSTAN), "federal_district")
    ru = fill(RegionFactory(country=Country.RUSSIA, kind=RegionKind.KRAI), "federal_district")
    sector = fill(SectorFactory(code="xss-sector"))
    memorandum = fill(
        Memorandum(
            slug="xss-2017",
            signed_on=datetime.date(2017, 7, 12),
            status=MemorandumStatus.IN_FORCE,
            languages=["ky", "ru"],
        )
    )
    party = fill(Party(code="xss-party", country="KG"))
    fill(Signatory(memorandum=memorandum, party=party))
    goal = fill(Goal(memorandum=memorandum, number="2.1"))
    activity_type = fill(ActivityType(memorandum=memorandum, number="3.1"))
    municipalities = []
    for region, latitude in ((kg, "42.49"), (ru, "53.35"), (ru, "52.51")):
        town = fill(
            MunicipalityFactory(
                region=region,
                latitude=latitude,
                longitude="78.39",
                seeking_partners=True,
            ),
            "phone",
            "liaison_phone",
        )
        town.sectors.add(sector)
        municipalities.append(town)
    kg_town, ru_town, dormant_town = municipalities
    r.update(kg_town=kg_town, ru_town=ru_town, memorandum=memorandum)

    partnership = fill(
        PartnershipFactory(
            municipality_a=kg_town, municipality_b=ru_town, signed_on=datetime.date(2019, 5, 1)
        ),
        "source",
    )
    fill(PartnershipDocument(partnership=partnership, file="documents/a.pdf"), "original_name")
    r["partnership"] = partnership
    # A partnership whose last exchange has just left the activity window: in the digest.
    today = timezone.localdate()
    r["dormant"] = PartnershipFactory(municipality_a=kg_town, municipality_b=dormant_town)
    fill(
        ExchangeFactory(
            sending_municipality=kg_town,
            hosting_municipality=dormant_town,
            partnership=r["dormant"],
            starts_on=today - datetime.timedelta(days=733),
            ends_on=today - datetime.timedelta(days=730),
        )
    )

    project = fill(
        ProjectFactory(
            status=ProjectStatus.IN_PROGRESS,
            partnership=partnership,
            starts_on=datetime.date(2026, 3, 1),
        )
    )
    ProjectParticipationFactory(project=project, municipality=kg_town, role=ProjectRole.LEAD)
    ProjectParticipationFactory(project=project, municipality=ru_town)
    project.goals.add(goal)
    project.activity_types.add(activity_type)
    project.sectors.add(sector)
    fill(ProjectDocument(project=project, file="documents/p.pdf"), "original_name")
    r["project"] = project

    group = fill(WorkingGroupFactory())
    group.parties.add(party)
    fill(WorkingGroupMember(group=group, email="member@example.org"), "name", "position")
    r["working_group"] = group
    event = fill(
        EventFactory(
            host_municipality=kg_town,
            working_group=group,
            partnership=partnership,
            project=project,
            online_url="https://meet.example.org/xss",
        )
    )
    event.organising_municipalities.add(kg_town)
    event.organising_parties.add(party)
    event.goals.add(goal)
    event.activity_types.add(activity_type)
    fill(AgendaItem(event=event, order=1, starts_at=datetime.time(10)), "speaker")
    fill(EventDocument(event=event, file="documents/e.pdf"), "original_name")
    r["event"] = event
    # A meeting of the next days: in the weekly digest.
    soon = timezone.now() + datetime.timedelta(days=3)
    fill(
        EventFactory(
            host_municipality=kg_town,
            starts_at=soon,
            ends_at=soon + datetime.timedelta(hours=2),
        )
    )

    consent = fill(ConsentText(version="xss-1", published_on=datetime.date(2026, 1, 1)))
    r["consent"] = consent
    r["participants"] = {
        language: fill(
            Participant(
                event=event,
                email=f"participant-{language}@example.org",
                preferred_language=language,
                timezone="Europe/Moscow",
                consent_text=consent,
                consent_given_at=timezone.now(),
            ),
            "name",
            "organisation",
        )
        for language in LANGUAGES
    }
    r["resolutions"] = {
        language: fill(
            Resolution(
                event=event,
                responsible_municipality=kg_town,
                contact_email=f"contact-{language}@example.org",
                contact_language=language,
                due_on=today + datetime.timedelta(days=7),
            ),
            "contact_name",
        )
        for language in LANGUAGES
    }
    r["delivery"] = ReminderDelivery.objects.create(
        kind=DeliveryKind.REMINDER,
        event=event,
        participant=r["participants"]["ru"],
        offset_minutes=1440,
        scheduled_for=event.starts_at,
        due_at=event.starts_at - datetime.timedelta(days=1),
        next_attempt_at=event.starts_at - datetime.timedelta(days=1),
        last_error=payload("ReminderDelivery.last_error"),
    )

    exchange = fill(
        ExchangeFactory(
            sending_municipality=kg_town,
            hosting_municipality=ru_town,
            partnership=partnership,
            project=project,
            event=event,
        )
    )
    exchange.goals.add(goal)
    exchange.sectors.add(sector)
    fill(ExchangeDocument(exchange=exchange, file="documents/x.pdf"), "original_name")
    r["exchange"] = exchange

    practice = fill(BestPracticeFactory(municipality=kg_town, sector=sector))
    fill(Adoption(practice=practice, municipality=ru_town, adopted_on=datetime.date(2026, 5, 1)))
    fill(BestPracticeDocument(practice=practice, file="documents/b.pdf"), "original_name")
    r["practice"] = practice

    partner_request = fill(
        PartnerRequestFactory(municipality=kg_town, contact_email="request@example.org"),
        "contact_name",
    )
    partner_request.sectors.add(sector)
    r["partner_request"] = partner_request
    answered = fill(PartnerRequestFactory(municipality=ru_town), "contact_name")
    fill(
        PartnerRequestAnswer(request=answered, municipality=kg_town),
        "message",
        "contact_name",
    )
    r["answered_request"] = answered

    coordinators = Group.objects.get(name=COORDINATORS)
    r["coordinators"] = {}
    for language in LANGUAGES:
        user = fill(
            UserFactory(
                username=f"xss-coordinator-{language}",
                is_staff=True,
                preferred_language=language,
            ),
            "first_name",
            "last_name",
        )
        user.groups.add(coordinators)
        r["coordinators"][language] = user
    return r


def _tags(fields: list[str], languages: list[str]) -> list[str]:
    """ "Model.field" as tags of the languages for translated fields, as is for plain ones."""
    models = {model.__name__: model for model in apps.get_models()}
    tags = []
    for field in fields:
        model_name, name = field.split(".")
        try:
            translated = translator.get_options_for_model(models[model_name]).all_fields
        except NotRegistered:
            translated = ()
        tags += [f"{field}_{language}" for language in languages] if name in translated else [field]
    return tags


# --- Public pages ---------------------------------------------------------------------------

# page -> (URL name, URL kwargs key or None, query string, fields whose payload it must show).
# A field is "Model.field"; the page's language is appended (Event.title_ky on /ky/).
PUBLIC_PAGES = {
    "home": ("partnerships:home", None, "", ["Event.title", "BestPractice.title"]),
    "municipality list": (
        "partnerships:municipality_list",
        None,
        "",
        ["Municipality.name", "Region.name"],
    ),
    "municipality detail": (
        "partnerships:municipality_detail",
        "kg_town",
        "",
        [
            "Municipality.name",
            "Municipality.description",
            "Municipality.head_name",
            "Municipality.head_title",
            "Municipality.liaison_name",
            "Municipality.partner_wishes",
            "Municipality.phone",
            "Municipality.liaison_phone",
            "Region.name",
            "Sector.name",
            "PartnerRequest.title",
            "Project.title",
            "Exchange.title",
            "Event.title",
            "BestPractice.title",
        ],
    ),
    "partnership list": (
        "partnerships:partnership_list",
        None,
        "",
        ["Municipality.name"],
    ),
    "partnership detail": (
        "partnerships:partnership_detail",
        "partnership",
        "",
        [
            "Partnership.title",
            "Partnership.description",
            "Partnership.source",
            "Municipality.name",
            "PartnershipDocument.title",
            "Project.title",
            "Event.title",
            "Exchange.title",
        ],
    ),
    "project list": (
        "partnerships:project_list",
        None,
        "",
        ["Project.title", "Project.summary"],
    ),
    "project detail": (
        "partnerships:project_detail",
        "project",
        "",
        [
            "Project.title",
            "Project.summary",
            "Project.results",
            "ProjectDocument.title",
            "Event.title",
            "Exchange.title",
        ],
    ),
    "events calendar (month)": ("events:calendar", None, "month", ["Event.title"]),
    "events calendar (list)": ("events:calendar", None, "view=list", ["Event.title"]),
    "event detail": (
        "events:detail",
        "event",
        "",
        [
            "Event.title",
            "Event.venue",
            "Event.description",
            "Event.outcomes",
            "AgendaItem.title",
            "EventDocument.title",
            "WorkingGroup.name",
            "Party.name",
            "Municipality.name",
            "Project.title",
        ],
    ),
    "exchange list": ("exchanges:exchange_list", None, "", ["Exchange.title"]),
    "exchange detail": (
        "exchanges:exchange_detail",
        "exchange",
        "",
        [
            "Exchange.title",
            "Exchange.programme",
            "Exchange.outcomes",
            "ExchangeDocument.title",
            "Municipality.name",
        ],
    ),
    "best practice list": (
        "exchanges:practice_list",
        None,
        "",
        ["BestPractice.title", "BestPractice.summary"],
    ),
    "best practice detail": (
        "exchanges:practice_detail",
        "practice",
        "",
        [
            "BestPractice.title",
            "BestPractice.summary",
            "BestPractice.body",
            "Adoption.result",
            "BestPracticeDocument.title",
        ],
    ),
    "partner search board": (
        "exchanges:request_board",
        None,
        "",
        ["PartnerRequest.title"],
    ),
    "partner request detail": (
        "exchanges:request_detail",
        "partner_request",
        "",
        [
            "PartnerRequest.title",
            "PartnerRequest.purpose",
            "PartnerRequest.contact_name",
            "Municipality.name",
        ],
    ),
    "memorandum": (
        "partnerships:memorandum",
        None,
        "",
        [
            "Memorandum.title",
            "Memorandum.subject",
            "Memorandum.place",
            "Party.name",
            "Signatory.person_name",
            "Signatory.position",
            "Goal.text",
            "ActivityType.text",
        ],
    ),
    # Figures only: nothing typed is shown, but nothing may be shown raw either.
    "statistics": ("partnerships:statistics", None, "", None),
}


def _public_url(records, language: str, page: str) -> str:
    url_name, key, query, _fields = PUBLIC_PAGES[page]
    kwargs = {"pk": records[key].pk} if key else {}
    with translation.override(language):
        url = reverse(url_name, kwargs=kwargs)
    if query == "month":
        query = "month=" + timezone.localtime(records["event"].starts_at).strftime("%Y-%m")
    return f"{url}?{query}" if query else url


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", list(PUBLIC_PAGES))
def test_public_pages_escape_stored_html(records, client, page, language):
    url = _public_url(records, language, page)
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    fields = PUBLIC_PAGES[page][3]
    if fields is None:
        raw = sorted(set(RAW.findall(html)))
        assert not raw, f"{url}: shown raw: {raw}"
        return
    assert_escaped(html, url, _tags(fields, [language]))


@pytest.mark.django_db
def test_the_memorandum_text_is_escaped(records, client):
    # The full text is shown in Russian on every page (an authentic language).
    html = client.get(_public_url(records, "ru", "memorandum")).content.decode()
    assert_escaped(html, "memorandum", ["Memorandum.text_ru"])


# --- E-mails --------------------------------------------------------------------------------


def _html_part(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [DeliveryKind.REMINDER, DeliveryKind.CANCELLATION])
@pytest.mark.parametrize("language", LANGUAGES)
def test_meeting_messages_escape_stored_html(records, language, kind):
    participant = records["participants"][language]
    message = meeting_message(records["event"], participant_recipient(participant), kind)
    tags = [f"Event.title_{language}", f"Event.reminder_note_{language}", "Participant.name"]
    if kind == DeliveryKind.REMINDER:
        tags += [f"Event.venue_{language}", f"AgendaItem.title_{language}", "AgendaItem.speaker"]
    assert_escaped(_html_part(message), f"{kind} e-mail ({language}), HTML part", tags)
    # The plain-text part is text: the title as typed, not HTML-escaped.
    assert payload(f"Event.title_{language}") in message.body
    assert "&lt;" not in message.body


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [DeliveryKind.RESOLUTION_DUE, DeliveryKind.RESOLUTION_OVERDUE])
@pytest.mark.parametrize("language", LANGUAGES)
def test_resolution_messages_escape_stored_html(records, language, kind):
    resolution = records["resolutions"][language]
    message = resolution_message(resolution, kind)
    tags = [f"Resolution.text_{language}", "Resolution.contact_name", f"Event.title_{language}"]
    assert_escaped(_html_part(message), f"resolution e-mail ({language}), HTML part", tags)
    assert payload(f"Resolution.text_{language}") in message.body


@pytest.mark.django_db
def test_weekly_digest_escapes_stored_html(records):
    contents = digest_contents()
    assert records["dormant"] in contents.gone_dormant
    assert records["partner_request"] in contents.unanswered
    mail.outbox = []
    digest_send_weekly()
    by_address = {message.to[0]: message for message in mail.outbox}
    for language, user in records["coordinators"].items():
        message = by_address[user.email]
        tags = [
            f"PartnerRequest.title_{language}",
            f"Municipality.name_{language}",
            f"Event.title_{language}",
            "User.first_name",
        ]
        assert_escaped(_html_part(message), f"digest ({language}), HTML part", tags)


# --- Admin and the browsable API ------------------------------------------------------------

# model label -> the fields its change page must show escaped (translated ones in every
# language, one tab each).
ADMIN_PAGES = {
    "partnerships.Region": ["Region.name", "Region.federal_district"],
    "partnerships.Sector": ["Sector.name"],
    "partnerships.Party": ["Party.name", "Party.description"],
    "partnerships.Memorandum": [
        "Memorandum.title",
        "Memorandum.subject",
        "Memorandum.text",
        "Memorandum.place",
        "Signatory.person_name",
        "Signatory.position",
        "Goal.short_name",
        "Goal.text",
        "ActivityType.short_name",
        "ActivityType.text",
    ],
    "partnerships.Goal": ["Goal.short_name", "Goal.text"],
    "partnerships.ActivityType": ["ActivityType.short_name", "ActivityType.text"],
    "partnerships.Municipality": [
        "Municipality.name",
        "Municipality.description",
        "Municipality.head_name",
        "Municipality.head_title",
        "Municipality.liaison_name",
        "Municipality.partner_wishes",
        "Municipality.liaison_phone",
    ],
    "partnerships.Partnership": [
        "Partnership.title",
        "Partnership.description",
        "Partnership.source",
        "PartnershipDocument.title",
    ],
    "partnerships.Project": [
        "Project.title",
        "Project.summary",
        "Project.results",
        "ProjectDocument.title",
    ],
    "events.WorkingGroup": [
        "WorkingGroup.name",
        "WorkingGroup.description",
        "WorkingGroupMember.name",
        "WorkingGroupMember.position",
    ],
    "events.Event": [
        "Event.title",
        "Event.description",
        "Event.outcomes",
        "Event.venue",
        "Event.reminder_note",
        "AgendaItem.title",
        "AgendaItem.speaker",
        "Participant.name",
        "Participant.organisation",
        "Resolution.text",
        "Resolution.contact_name",
        "EventDocument.title",
    ],
    "events.Participant": ["Participant.name", "Participant.organisation"],
    "events.Resolution": ["Resolution.text", "Resolution.contact_name"],
    "events.ReminderDelivery": ["ReminderDelivery.last_error"],
    "events.ConsentText": ["ConsentText.text"],
    "exchanges.Exchange": [
        "Exchange.title",
        "Exchange.programme",
        "Exchange.outcomes",
        "ExchangeDocument.title",
    ],
    "exchanges.BestPractice": [
        "BestPractice.title",
        "BestPractice.summary",
        "BestPractice.body",
        "Adoption.result",
        "BestPracticeDocument.title",
    ],
    "exchanges.PartnerRequest": [
        "PartnerRequest.title",
        "PartnerRequest.purpose",
        "PartnerRequest.contact_name",
        "PartnerRequestAnswer.message",
        "PartnerRequestAnswer.contact_name",
    ],
    "accounts.User": ["User.first_name", "User.last_name"],
}
ADMIN_RECORDS = {
    "partnerships.Municipality": "kg_town",
    "partnerships.Partnership": "partnership",
    "partnerships.Project": "project",
    "events.WorkingGroup": "working_group",
    "events.Event": "event",
    "events.ReminderDelivery": "delivery",
    "events.ConsentText": "consent",
    "exchanges.Exchange": "exchange",
    "exchanges.BestPractice": "practice",
    "exchanges.PartnerRequest": "answered_request",
}


def _admin_record(records, label: str):
    if label in ADMIN_RECORDS:
        return records[ADMIN_RECORDS[label]]
    if label == "accounts.User":
        return records["coordinators"]["ru"]
    if label == "events.Participant":
        return records["participants"]["ru"]
    if label == "events.Resolution":
        return records["resolutions"]["ru"]
    model = apps.get_model(label)
    return model._default_manager.order_by("pk").first()


@pytest.mark.django_db
@pytest.mark.parametrize("label", list(ADMIN_PAGES))
def test_admin_change_pages_escape_stored_html(records, label):
    client = Client()
    client.force_login(records["coordinators"]["ru"])
    app_label, model_name = label.lower().split(".")
    record = _admin_record(records, label)
    change = reverse(f"admin:{app_label}_{model_name}_change", args=[record.pk])
    response = client.get(change)
    assert response.status_code == 200, change
    assert_escaped(response.content.decode(), change, _tags(ADMIN_PAGES[label], LANGUAGES))
    changelist = reverse(f"admin:{app_label}_{model_name}_changelist")
    html = client.get(changelist).content.decode()
    raw = sorted(set(RAW.findall(html)))
    assert not raw, f"{changelist}: shown raw: {raw}"


@pytest.mark.django_db
def test_browsable_api_escapes_stored_html(records):
    """JSON carries the payload as a string; the HTML rendering of the API escapes it."""
    event = records["event"]
    json = Client().get(f"/api/v1/events/{event.pk}/", HTTP_ACCEPT="application/json").json()
    assert json["title_ky"] == payload("Event.title_ky")
    response = Client().get(f"/api/v1/events/{event.pk}/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    raw = sorted(set(RAW.findall(html)))
    assert not raw, f"browsable API: shown raw: {raw}"
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


# --- The map in a browser -------------------------------------------------------------------


@pytest.mark.django_db
def test_map_tooltips_show_municipality_names_as_text(records, client):
    """The map is drawn in Chromium from the page the test client rendered; the page and the
    static files are served from the test process (no live server), everything else refused."""
    from urllib.parse import urlsplit

    from django.contrib.staticfiles import finders
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM

    path = _public_url(records, "ru", "municipality detail")
    html = client.get(path).content.decode()

    def serve(route):
        url_path = urlsplit(route.request.url).path
        if url_path == path:
            return route.fulfill(body=html, content_type="text/html; charset=utf-8")
        if url_path.startswith(settings.STATIC_URL):
            found = finders.find(url_path.removeprefix(settings.STATIC_URL))
            if found:
                return route.fulfill(path=found)
        return route.abort()

    dialogs = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page()
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.route("**/*", serve)
            page.goto(f"http://portal.test{path}")
            marker = page.locator("path.leaflet-interactive").first
            marker.wait_for()
            marker.hover(force=True)
            tooltip = page.locator(".leaflet-tooltip").first
            tooltip.wait_for()
            markup = tooltip.locator("img, script").count()
            text = tooltip.inner_text()
        finally:
            browser.close()
    assert (markup, dialogs) == (0, [])
    assert IMG in text
