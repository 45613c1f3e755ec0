"""Uploaded files: random storage names and checks of what a file really is.

A file's type is read from its content, never trusted from its name: a script renamed to
``report.pdf`` is refused, and a file is stored under a random name so that nothing a visitor
uploads can be addressed, guessed or executed by its name.
"""

import os
import re
import uuid
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Extensions accepted for each detected kind of content.
DOCUMENT_KINDS: dict[str, set[str]] = {
    "pdf": {".pdf"},
    "ole": {".doc", ".xls", ".ppt"},
    "docx": {".docx"},
    "xlsx": {".xlsx"},
    "pptx": {".pptx"},
    "odf": {".odt", ".ods", ".odp"},
    "png": {".png"},
    "jpeg": {".jpg", ".jpeg"},
    "text": {".txt", ".csv"},
}
IMAGE_KINDS = {"png", "jpeg", "webp"}
IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg", ".webp"}

_SNIFF_BYTES = 8192


def _read_head(file) -> bytes:
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(_SNIFF_BYTES)
    file.seek(position)
    return head


def _zip_kind(file) -> str | None:
    position = file.tell()
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").startswith(
                b"application/vnd.oasis.opendocument"
            ):
                return "odf"
            if "[Content_Types].xml" in names:
                prefixes = {name.split("/", 1)[0] for name in names}
                for prefix, kind in (("word", "docx"), ("xl", "xlsx"), ("ppt", "pptx")):
                    if prefix in prefixes:
                        return kind
    except zipfile.BadZipFile:
        return None
    finally:
        file.seek(position)
    return None


def detect_kind(file) -> str | None:
    """Return the kind of content of an uploaded file, read from its bytes, or None."""
    head = _read_head(file)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(file)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if b"\x00" not in head:
        try:
            text = head.decode("utf-8")
        except UnicodeDecodeError:
            return None
        # Markup is not a document: an HTML or SVG file could run script when opened.
        lowered = text.lower()
        if text.lstrip().startswith("<") or "<script" in lowered or "<svg" in lowered:
            return None
        return "text"
    return None


def _check_size(file) -> None:
    if file.size > settings.MAX_UPLOAD_SIZE:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s."),
            code="file_too_large",
            params={
                "size": filesizeformat(file.size),
                "limit": filesizeformat(settings.MAX_UPLOAD_SIZE),
            },
        )


def validate_document(file) -> None:
    """Accept PDF, office documents, images and plain text whose content matches their name."""
    _check_size(file)
    extension = os.path.splitext(file.name)[1].lower()
    kind = detect_kind(file)
    if kind is None or extension not in DOCUMENT_KINDS[kind]:
        raise ValidationError(
            _(
                "This file is not an accepted document, or its content does not match its name. "
                "Accepted: PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, plain text."
            ),
            code="file_type",
        )


def validate_image(file) -> None:
    """Accept PNG, JPEG and WebP images whose content matches their name (no SVG: it can run
    script)."""
    _check_size(file)
    extension = os.path.splitext(file.name)[1].lower()
    kind = detect_kind(file)
    if kind not in IMAGE_KINDS or extension not in IMAGE_EXTENSIONS:
        raise ValidationError(
            _("Upload a PNG, JPEG or WebP image whose content matches its name."),
            code="image_type",
        )


@deconstructible
class RandomName:
    """upload_to callable: ``<folder>/<yyyy>/<random hex><extension>``."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        # Letters and digits only: a stored name then needs no quoting in a URL (API lists
        # write file URLs in SQL, core.api.json_rows).
        extension = re.sub(r"[^a-z0-9.]", "", os.path.splitext(filename)[1].lower())[:10]
        return f"{self.folder}/{timezone.now():%Y}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other) -> bool:
        return isinstance(other, RandomName) and other.folder == self.folder


document_upload_to = RandomName("documents")
image_upload_to = RandomName("images")
