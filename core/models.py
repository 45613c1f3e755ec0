"""Abstract bases shared by the portal's models."""

import os

from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _

from .choices import Language
from .uploads import document_upload_to, validate_document

# Field -> {value: label} of its choices (see TimeStampedModel._get_FIELD_display).
_CHOICE_LABELS: dict = {}


class TimeStampedModel(models.Model):
    """Adds when a row was created and last changed."""

    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        """``get_<field>_display()`` as Django's, with the value-to-label table of the field's
        choices built once instead of on every call (30 µs each, 50 to 100 a list page)."""
        labels = _CHOICE_LABELS.get(field)
        if labels is None:
            labels = _CHOICE_LABELS[field] = dict(make_hashable(field.flatchoices))
        value = getattr(self, field.attname)
        # The label is lazy: translated here, in the language active now.
        return force_str(labels.get(make_hashable(value), value), strings_only=True)


class Document(TimeStampedModel):
    """A file attached to a record: an agreement, a programme, minutes, a report.

    Files are stored under random names (document_upload_to); the name the uploader gave is kept
    in ``original_name`` and used only when the file is downloaded.
    """

    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(
        _("file"), upload_to=document_upload_to, validators=[validate_document], max_length=255
    )
    original_name = models.CharField(_("original file name"), max_length=255, editable=False)
    language = models.CharField(
        _("language of the document"), max_length=8, choices=Language.choices, blank=True
    )
    issued_on = models.DateField(_("date of the document"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-issued_on", "title"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self.file and not getattr(self.file, "_committed", True):
            self.original_name = os.path.basename(self.file.name)[:255]
        super().save(*args, **kwargs)

    @property
    def is_public(self) -> bool:  # pragma: no cover - each document model says
        raise NotImplementedError

    def is_readable_by(self, user) -> bool:
        """Anyone reads the documents of public records; staff and editors those they edit."""
        return self.is_public or self.is_editable_by(user)
