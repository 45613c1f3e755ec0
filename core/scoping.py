"""Who may change which record: coordinators everything, editors their municipalities' records.

Every model that belongs to municipalities uses ``ScopedQuerySet`` and says, in
``editor_scope()``, which of its rows belong to a set of municipalities. The admin, the API and
the services all ask the same question through ``editable_by(user)``, so the rule lives here once.
"""

from django.db import models
from django.db.models import Q

from accounts.roles import editor_municipality_ids, is_coordinator


class ScopedQuerySet(models.QuerySet):
    def editable_by(self, user) -> "ScopedQuerySet":
        """Rows this user may change (and, in the admin, see)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if is_coordinator(user):
            return self
        ids = editor_municipality_ids(user)
        if not ids:
            return self.none()
        return self.filter(self.model.editor_scope(ids))


class ScopedModel(models.Model):
    """A record owned by one or more municipalities."""

    class Meta:
        abstract = True

    @classmethod
    def editor_scope(cls, municipality_ids: frozenset[int]) -> Q:  # pragma: no cover - abstract
        raise NotImplementedError

    def is_editable_by(self, user) -> bool:
        if self.pk is None:
            return is_coordinator(user) or bool(editor_municipality_ids(user))
        return type(self)._default_manager.editable_by(user).filter(pk=self.pk).exists()


def ensure_within_scope(user, municipality_ids) -> None:
    """Refuse a write that involves none of the editor's municipalities (coordinators pass).

    Raises ValidationError with a message in the active language.
    """
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    if is_coordinator(user):
        return
    if not set(municipality_ids) & editor_municipality_ids(user):
        raise ValidationError(
            _("You can only save records that involve one of your own municipalities."),
            code="outside_scope",
        )
