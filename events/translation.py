"""Translated fields of the events app (ru, ky, en; empty ky/en fall back to ru)."""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import AgendaItem, ConsentText, Event, EventDocument, Resolution, WorkingGroup


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "description", "outcomes", "venue", "reminder_note")
    required_languages = {"ru": ("title",)}


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("ru",)


@register(EventDocument)
class EventDocumentTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("ru",)


@register(WorkingGroup)
class WorkingGroupTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"ru": ("name",)}


@register(Resolution)
class ResolutionTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("ru",)


@register(ConsentText)
class ConsentTextTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("ru",)


# Participants are deliberately not history-tracked: erasing their personal data must not leave
# copies of it in history rows.
for model in (Event, WorkingGroup, Resolution):
    register_history(model, app=__package__)
