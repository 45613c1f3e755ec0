"""Serializer building blocks: translated fields, model validation, scope checks, summaries."""

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from modeltranslation.translator import NotRegistered, translator
from rest_framework import serializers
from rest_framework.fields import get_error_detail

from core.scoping import ensure_within_scope

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def translated_fields(model) -> tuple[str, ...]:
    try:
        return tuple(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return ()


class PortalModelSerializer(serializers.ModelSerializer):
    """A model serializer that

    - shows each translated field as ``name`` (in the request's language, falling back to
      Russian, read-only) and as ``name_ru``, ``name_ky``, ``name_en`` (writable);
    - runs the model's own validation (``full_clean``: constraints, ``clean()``) before saving, so
      a broken invariant is a 400 with per-field messages in the request's language, never a 500;
    - refuses a write that would leave the record outside the user's municipalities
      (``scope_municipality_ids``) for municipality editors.
    """

    def get_field_names(self, declared_fields, info):
        names = list(super().get_field_names(declared_fields, info))
        expanded = []
        for name in names:
            expanded.append(name)
            if name in translated_fields(self.Meta.model):
                expanded.extend(f"{name}_{language}" for language in LANGUAGES)
        return expanded

    def build_field(self, field_name, info, model_class, nested_depth):
        if field_name in translated_fields(model_class):
            return serializers.CharField, {"read_only": True}
        field_class, kwargs = super().build_field(field_name, info, model_class, nested_depth)
        base, _sep, language = field_name.rpartition("_")
        if language in LANGUAGES and base in translated_fields(model_class):
            model_field = model_class._meta.get_field(base)
            required = language == settings.MODELTRANSLATION_DEFAULT_LANGUAGE and not (
                model_field.blank
            )
            kwargs["required"] = required and "default" not in kwargs
            kwargs["allow_null"] = False
            kwargs["allow_blank"] = not required
            kwargs.pop("default", None)
        return field_class, kwargs

    def get_uniqueness_extra_kwargs(self, field_names, declared_fields, extra_kwargs):
        extra, hidden = super().get_uniqueness_extra_kwargs(
            field_names, declared_fields, extra_kwargs
        )
        # A translated field's default and requiredness are decided in build_field; the model's
        # constraints are checked by full_clean.
        for name in list(extra):
            base, _sep, language = name.rpartition("_")
            if language in LANGUAGES and base in translated_fields(self.Meta.model):
                extra[name] = {
                    k: v for k, v in extra[name].items() if k not in ("default", "required")
                }
        return extra, hidden

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # An untranslated field is an empty string, not null, in every language.
        for name in translated_fields(self.Meta.model):
            for language in LANGUAGES:
                key = f"{name}_{language}"
                if key in data and data[key] is None:
                    data[key] = ""
            if name in data and data[name] is None:
                data[name] = ""
        return data

    # --- Validation ---------------------------------------------------------------------------

    def scope_municipality_ids(self, attrs: dict) -> set[int] | None:
        """Municipalities the record will involve after this write; None: not scoped."""
        return None

    def validate(self, attrs):
        attrs = super().validate(attrs)
        request = self.context.get("request")
        municipality_ids = self.scope_municipality_ids(attrs)
        if request is not None and municipality_ids is not None:
            try:
                ensure_within_scope(request.user, municipality_ids)
            except DjangoValidationError as error:
                raise serializers.ValidationError(
                    {"non_field_errors": error.messages}, code="outside_scope"
                ) from error
        self._full_clean(attrs)
        return attrs

    def _full_clean(self, attrs: dict) -> None:
        model = self.Meta.model
        concrete = {field.name for field in model._meta.concrete_fields}
        instance = self.instance if self.instance is not None else model()
        original = {}
        for name, value in attrs.items():
            if name not in concrete:
                continue
            original[name] = getattr(instance, name, None)
            setattr(instance, name, value)
        try:
            instance.full_clean(exclude=self._clean_exclusions(attrs))
        except DjangoValidationError as error:
            raise serializers.ValidationError(as_drf_detail(error)) from error
        finally:
            if self.instance is not None:
                for name, value in original.items():
                    setattr(self.instance, name, value)

    def _clean_exclusions(self, attrs: dict) -> list[str]:
        """Reverse and many-to-many relations are not the model's to validate."""
        return [field.name for field in self.Meta.model._meta.many_to_many]


def as_drf_detail(error: DjangoValidationError):
    """A Django ValidationError as the detail of a DRF one (per field where it has fields)."""
    if hasattr(error, "error_dict"):
        detail = {}
        for field, errors in error.error_dict.items():
            key = "non_field_errors" if field == "__all__" else field
            detail[key] = get_error_detail(DjangoValidationError(errors))
        return detail
    return {"non_field_errors": get_error_detail(error)}


class SummarySerializer(serializers.Serializer):
    """A related record by id with a few fields to show it: not a whole nested tree."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True, source="__str__")


class MunicipalitySummarySerializer(SummarySerializer):
    country = serializers.CharField(read_only=True, source="region.country")


def validate_with_scope(user, municipality_ids) -> None:
    """Shortcut for views that check scope outside a serializer."""
    try:
        ensure_within_scope(user, municipality_ids)
    except DjangoValidationError as error:
        raise serializers.ValidationError({"non_field_errors": error.messages}) from error
