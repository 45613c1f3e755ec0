"""Translated fields (django-modeltranslation: ru, ky, en; empty ky/en fall back to ru) and the
change history of the registry's main records.

simple_history is registered here, after the translation fields exist, so that the history rows
keep every language (the documented way to combine the two libraries).
"""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import (
    ActivityType,
    Goal,
    Memorandum,
    Municipality,
    Partnership,
    PartnershipDocument,
    Party,
    Project,
    ProjectDocument,
    Region,
    Sector,
    Signatory,
)

REQUIRED = ("ru",)


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = REQUIRED


@register(Sector)
class SectorTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = REQUIRED


@register(Party)
class PartyTranslation(TranslationOptions):
    fields = ("name", "abbreviation", "description")
    required_languages = {"ru": ("name",)}


@register(Memorandum)
class MemorandumTranslation(TranslationOptions):
    fields = ("title", "subject", "text", "place")
    required_languages = {"ru": ("title",)}


@register(Signatory)
class SignatoryTranslation(TranslationOptions):
    fields = ("person_name", "position")
    required_languages = {"ru": ("person_name",)}


@register(Goal)
class GoalTranslation(TranslationOptions):
    fields = ("short_name", "text")
    required_languages = REQUIRED


@register(ActivityType)
class ActivityTypeTranslation(TranslationOptions):
    fields = ("short_name", "text")
    required_languages = REQUIRED


@register(Municipality)
class MunicipalityTranslation(TranslationOptions):
    fields = ("name", "description", "head_name", "head_title", "liaison_name", "partner_wishes")
    required_languages = {"ru": ("name",)}


@register(Partnership)
class PartnershipTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = ("title", "summary", "results")
    required_languages = {"ru": ("title",)}


@register(PartnershipDocument)
class PartnershipDocumentTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = REQUIRED


@register(ProjectDocument)
class ProjectDocumentTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = REQUIRED


for model in (Municipality, Partnership, Project, Memorandum, Party):
    register_history(model, app=__package__)
