"""A crawl of the Kyrgyz pages from the home page: no broken link, no English left where
Kyrgyz is expected."""

import io
import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.utils.translation import trans_real

pytestmark = pytest.mark.django_db

MAX_PAGES = 250


VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class PageParser(HTMLParser):
    """Collects links and the visible text of a page, leaving out text marked as another
    language (the language switch names each language in itself)."""

    def __init__(self, language: str):
        super().__init__()
        self.language = language
        self.links: list[str] = []
        self.text: list[str] = []
        self._skip = 0
        self._languages: list[tuple[str, str | None]] = []

    def _foreign(self) -> bool:
        marked = [lang for _tag, lang in self._languages if lang]
        return bool(marked) and marked[-1] != self.language

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in VOID:
            self._languages.append((tag, attrs.get("lang")))
        if tag in ("script", "style"):
            self._skip += 1
        for name in ("href", "src"):
            if attrs.get(name):
                self.links.append(attrs[name])
        for name in ("alt", "aria-label", "title", "placeholder"):
            if attrs.get(name):
                self.text.append(attrs[name])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        while self._languages:
            opened, _lang = self._languages.pop()
            if opened == tag:
                break

    def handle_data(self, data):
        if not self._skip and data.strip() and not self._foreign():
            self.text.append(data)


def english_messages() -> set[str]:
    """The English source strings that have a different Kyrgyz translation."""
    catalog = trans_real.translation("ky")._catalog
    messages = set()
    for msgid, msgstr in catalog.items():
        if isinstance(msgid, tuple):
            msgid = msgid[0]
        if isinstance(msgid, str) and msgid != msgstr and re.search(r"[A-Za-z]{3}", msgid):
            messages.add(msgid.strip())
    return messages


def test_kyrgyz_pages_have_no_broken_link_and_no_english(client):
    call_command("load_reference_data", "--demo", stdout=io.StringIO())
    english = english_messages()
    queue, seen, problems = ["/ky/"], set(), []
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200:
            problems.append(f"{url}: {response.status_code}")
            continue
        if not response["Content-Type"].startswith("text/html"):
            continue
        parser = PageParser("ky")
        parser.feed(response.content.decode())
        for segment in parser.text:
            segment = " ".join(segment.split())
            if segment in english:
                problems.append(f"{url}: English text “{segment}”")
        for link in parser.links:
            link = urldefrag(link)[0]
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not link.startswith("/"):
                continue  # other sites and mailto: are not ours to check
            if link.startswith(("/admin/", "/api/docs")):
                continue
            if link.startswith(("/static/", "/api/", "/sitemap", "/robots")):
                if link not in seen:
                    seen.add(link)
                    status = client.get(link).status_code
                    if status != 200:
                        problems.append(f"{url} → {link}: {status}")
                continue
            if link.startswith("/ky/") and link not in seen:
                queue.append(link)
    assert len(seen) > 30, "the crawl should reach the whole site"
    assert problems == [], "\n".join(problems)
