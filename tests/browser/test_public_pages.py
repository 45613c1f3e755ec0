"""The public pages in a real browser: language switch, directory filter, map markers, the
calendar and an event's .ics, at phone and desktop width."""

import datetime
import io
from pathlib import Path

import icalendar
import pytest
from django.core.management import call_command
from django.utils import timezone

from partnerships.models import Municipality
from tests.browser.conftest import DESKTOP, PHONE
from tests.events.factories import EventFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
    pytest.mark.slow,
]


@pytest.fixture
def registry():
    call_command("load_reference_data", "--demo", stdout=io.StringIO())
    return Municipality.objects.get(official_code="41711000000000")  # Bishkek


def test_language_switch_stays_on_the_municipality_page(page, live_server, registry):
    page.goto(f"{live_server.url}/ru/municipalities/{registry.pk}/")
    assert page.locator("h1").inner_text() == "Бишкек"
    page.get_by_role("navigation", name="Язык").get_by_text("Кыргызча").click()
    page.wait_for_url(f"**/ky/municipalities/{registry.pk}/")
    assert page.locator("html").get_attribute("lang") == "ky"
    page.get_by_role("navigation").get_by_text("English").first.click()
    page.wait_for_url(f"**/en/municipalities/{registry.pk}/")
    assert page.locator("h1").inner_text() == "Bishkek"


def test_directory_filter_and_map_markers(page, live_server, registry, screenshot):
    page.goto(f"{live_server.url}/en/municipalities/")
    page.select_option("#id_country", "KG")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/en/municipalities/?*country=KG*")
    names = page.locator("ul.list > li > a").all_inner_texts()
    assert "Bishkek" in names and "Moscow" not in names
    # Leaflet draws each located municipality of the page as an SVG marker.
    markers = page.locator("#directory-map path.leaflet-interactive")
    markers.first.wait_for(state="attached", timeout=10_000)
    assert markers.count() >= 10
    screenshot(page, "directory-desktop")


def test_home_map_draws_partners_and_lines(page, live_server, registry):
    page.goto(f"{live_server.url}/ru/")
    paths = page.locator("#home-map path.leaflet-interactive")
    paths.first.wait_for(state="attached", timeout=10_000)
    assert paths.count() > 20  # markers and partnership lines


def test_calendar_and_event_ics_download(page, live_server, registry, screenshot):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    event = EventFactory(
        title_ru="Семинар по цифровым услугам",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        timezone="Asia/Bishkek",
        host_municipality=registry,
    )
    page.goto(f"{live_server.url}/ru/events/?view=list")
    page.get_by_role("link", name="Семинар по цифровым услугам").click()
    page.wait_for_url(f"**/ru/events/{event.pk}/")
    with page.expect_download() as download_info:
        page.locator(f"a[href$='/ru/events/{event.pk}/event.ics']").click()
    content = Path(download_info.value.path()).read_bytes()
    calendar = icalendar.Calendar.from_ical(content)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == event.ical_uid
    assert vevent.decoded("DTSTART") == start
    page.goto(f"{live_server.url}/ru/events/")
    screenshot(page, "calendar-desktop")


@pytest.mark.parametrize(("name", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_pages_fit_phone_and_desktop(browser, live_server, registry, screenshot, name, viewport):
    context = browser.new_context(viewport=viewport, locale="ky-KG")
    page = context.new_page()
    for slug, path in (
        ("home", "/ky/"),
        ("municipality", f"/ky/municipalities/{registry.pk}/"),
        ("memorandum", "/ky/memorandum/"),
        ("events", "/ky/events/"),
    ):
        page.goto(f"{live_server.url}{path}")
        # Nothing wider than the screen: no sideways scrolling of the whole page.
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"{path} is {width}px wide on a {name}"
        screenshot(page, f"{slug}-{name}")
    context.close()


def test_keyboard_reaches_the_language_switch_and_menu(page, live_server, registry):
    page.goto(f"{live_server.url}/ru/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    focused = []
    for _ in range(6):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.textContent.trim()"))
    assert "Кыргызча" in focused and "English" in focused
