"""Translated fields of the exchanges app (ru, ky, en; empty ky/en fall back to ru)."""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import (
    Adoption,
    BestPractice,
    BestPracticeDocument,
    Exchange,
    ExchangeDocument,
    PartnerRequest,
)


@register(Exchange)
class ExchangeTranslation(TranslationOptions):
    fields = ("title", "programme", "outcomes")
    required_languages = {"ru": ("title",)}


@register(ExchangeDocument)
class ExchangeDocumentTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("ru",)


@register(BestPractice)
class BestPracticeTranslation(TranslationOptions):
    fields = ("title", "summary", "body")
    required_languages = {"ru": ("title", "summary")}


@register(BestPracticeDocument)
class BestPracticeDocumentTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("ru",)


@register(Adoption)
class AdoptionTranslation(TranslationOptions):
    fields = ("result",)


@register(PartnerRequest)
class PartnerRequestTranslation(TranslationOptions):
    fields = ("title", "purpose")
    required_languages = {"ru": ("title", "purpose")}


for model in (Exchange, BestPractice, PartnerRequest):
    register_history(model, app=__package__)
