"""Uploads: size limit, type checked by content, random names, served as downloads to those
who may read the record; a refused file leaves nothing behind."""

import io
import os
import re
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnerships.choices import ProjectStatus
from partnerships.models import ProjectDocument
from tests.partnerships.factories import MunicipalityFactory, ProjectFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def stored_files() -> set[Path]:
    root = Path(settings.MEDIA_ROOT)
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def upload_document(client, project, name: str, content: bytes):
    data = {
        "title_ru": project.title_ru,
        "kind": project.kind,
        "status": project.status,
        "participations-TOTAL_FORMS": 1,
        "participations-INITIAL_FORMS": 0,
        "participations-0-municipality": MunicipalityFactory().pk,
        "participations-0-role": "lead",
        "documents-TOTAL_FORMS": 1,
        "documents-INITIAL_FORMS": 0,
        "documents-0-title_ru": "Протокол",
        "documents-0-language": "ru",
        "documents-0-file": SimpleUploadedFile(name, content),
    }
    url = reverse("admin:partnerships_project_change", args=[project.pk])
    return client.post(url, data, headers={"accept-language": "ru"})


@pytest.mark.parametrize(("name", "content"), [("protocol.pdf", PDF), ("plan.docx", docx())])
def test_a_document_is_stored_under_a_random_name(coordinator_client, name, content):
    project = ProjectFactory()
    response = upload_document(coordinator_client, project, name, content)
    assert response.status_code == 302, response.context["inline_admin_formsets"]
    document = ProjectDocument.objects.get()
    assert document.original_name == name
    assert re.fullmatch(r"documents/\d{4}/[0-9a-f]{32}\.\w+", document.file.name)
    assert name not in document.file.name


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"<html><script>alert(1)</script></html>"),  # HTML disguised as PDF
        ("photo.pdf", PNG),  # a real PNG named .pdf
        ("tool.exe", b"MZ\x90\x00\x03\x00\x00\x00"),
        ("page.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>'),
    ],
)
def test_a_disguised_file_is_refused_and_nothing_is_stored(coordinator_client, name, content):
    project = ProjectFactory()
    before = stored_files()
    response = upload_document(coordinator_client, project, name, content)
    assert response.status_code == 200
    assert "не соответствует его имени" in response.text or "не является" in response.text
    assert not ProjectDocument.objects.exists()
    assert stored_files() == before


def test_an_oversized_file_is_refused(coordinator_client, settings):
    settings.MAX_UPLOAD_SIZE = 1024
    project = ProjectFactory()
    before = stored_files()
    response = upload_document(coordinator_client, project, "big.pdf", PDF + b"0" * 2048)
    assert response.status_code == 200
    assert "слишком большой" in response.text
    assert not ProjectDocument.objects.exists() and stored_files() == before


def test_documents_are_downloads_for_those_who_may_read_them(client, coordinator_client):
    public = ProjectFactory(status=ProjectStatus.IN_PROGRESS)
    draft = ProjectFactory(status=ProjectStatus.DRAFT)
    shared = ProjectDocument.objects.create(
        project=public, title_ru="Отчёт", file=SimpleUploadedFile("Отчёт 2025.pdf", PDF)
    )
    hidden = ProjectDocument.objects.create(
        project=draft, title_ru="Черновик", file=SimpleUploadedFile("draft.pdf", PDF)
    )

    page = client.get(f"/ru/projects/{public.pk}/").text
    assert f'href="{shared.file.url}"' in page and "Отчёт" in page
    response = client.get(shared.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert (
        "Otchyot" in response["Content-Disposition"] or "%D0%9E" in response["Content-Disposition"]
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PDF

    assert client.get(hidden.file.url).status_code == 404
    assert coordinator_client.get(hidden.file.url).status_code == 200


def test_paths_outside_the_uploads_are_not_served(client):
    assert client.get("/media/../manage.py").status_code == 404
    assert client.get("/media/documents/2026/unknown.pdf").status_code == 404


def test_emblems_must_be_real_images(coordinator_client):
    town = MunicipalityFactory()
    url = reverse("admin:partnerships_municipality_change", args=[town.pk])
    form = coordinator_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "emblem"}
    data.update(
        sectors=[],
        editors=[],
        region=town.region_id,
        emblem=SimpleUploadedFile("emblem.png", b"<svg onload=alert(1)>"),
    )
    response = coordinator_client.post(url, data, headers={"accept-language": "en"})
    assert response.status_code == 200
    assert "Upload a valid image" in response.text or "Upload a PNG, JPEG or WebP" in response.text
    town.refresh_from_db()
    assert not town.emblem
    assert not os.path.exists(os.path.join(settings.MEDIA_ROOT, "images", "emblem.png"))
