"""Serving uploaded files: documents as downloads to those who may read their record, emblems
as images; never as something a browser would run.

Files are stored under random names (core.uploads), so a URL cannot be guessed from a
document's title; a download still checks who asks, and carries the name it was uploaded with.
"""

import mimetypes
import os

from django.apps import apps
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404

from .models import Document
from .uploads import detect_kind

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "ole": "application/octet-stream",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odf": "application/vnd.oasis.opendocument",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "webp": "image/webp",
    "text": "text/plain; charset=utf-8",
}


def _document_for(name: str):
    """The document row that owns a stored file, and whether it may be shown to anyone."""
    for model in apps.get_models():
        if issubclass(model, Document):
            document = model._default_manager.filter(file=name).first()
            if document is not None:
                return document
    return None


def _public_file(name: str) -> bool:
    """Files of records that are public by nature: municipalities' emblems, signed memoranda."""
    Municipality = apps.get_model("partnerships", "Municipality")
    Memorandum = apps.get_model("partnerships", "Memorandum")
    return (
        Municipality.objects.filter(emblem=name).exists()
        or Memorandum.objects.filter(file=name).exists()
    )


def _respond(name: str, *, download_name: str | None) -> FileResponse:
    try:
        handle = default_storage.open(name, "rb")
    except (FileNotFoundError, SuspiciousFileOperation) as error:
        raise Http404 from error
    kind = detect_kind(handle)
    content_type = CONTENT_TYPES.get(kind) or mimetypes.guess_type(name)[0]
    if kind in ("png", "jpeg", "webp") and download_name is None:
        response = FileResponse(handle, content_type=content_type)
        response["Content-Disposition"] = "inline"
    else:
        response = FileResponse(
            handle,
            content_type=content_type or "application/octet-stream",
            as_attachment=True,
            filename=download_name or os.path.basename(name),
        )
    # Whatever the file holds, the browser neither guesses its type nor runs it.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


def serve_media(request, name: str):
    if ".." in name.split("/") or name.startswith("/"):
        raise Http404
    document = _document_for(name)
    if document is not None:
        if not document.is_readable_by(request.user):
            raise Http404
        return _respond(name, download_name=document.original_name or None)
    if _public_file(name):
        return _respond(name, download_name=None)
    raise Http404
