"""Playwright driving Debian's Chromium (/usr/bin/chromium) against the live test server.

Playwright's own browser download does not work on these machines; `make test` installs the
Debian package when it is missing. Screenshots go to test-artifacts/screenshots/.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's synchronous API keeps an event loop in the test's thread; the Django ORM calls
# the tests make around it are ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def browser():
    """A browser per test: Playwright keeps an event loop running while it is started, and
    Django's test database teardown (flush and restore) must run after it has stopped."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: run `make test`, which installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True, locale="ru-RU")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
