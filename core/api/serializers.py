"""Serializer building blocks: translated fields, model validation, scope checks, summaries."""

import copy
from collections import defaultdict
from collections.abc import Iterable, Mapping
from operator import attrgetter

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.functional import cached_property
from modeltranslation.translator import NotRegistered, translator
from rest_framework import serializers
from rest_framework.fields import SkipField, get_error_detail
from rest_framework.relations import (
    ManyRelatedField,
    PKOnlyObject,
    PrimaryKeyRelatedField,
    RelatedField,
)

from core.scoping import ensure_within_scope

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# Serializer class -> its fields as ModelSerializer builds them, unbound (see get_fields).
_FIELD_PROTOTYPES: dict[type, dict] = {}
# Serializer class -> many-to-many fields it shows as ids (see many_id_sources).
_MANY_ID_SOURCES: dict[type, frozenset[str]] = {}
# Where attach_many_ids keeps the ids on an instance.
_MANY_IDS = "_many_ids"


def _same(value):
    return value


def _orderable(model) -> bool:
    """Whether the link table can be read in the other side's default order (plain names)."""
    return all(isinstance(part, str) for part in model._meta.ordering)


def _many_ids_reader(source: str):
    def read(instance) -> list:
        kept = instance.__dict__.get(_MANY_IDS)
        if kept is not None:
            return kept[source]
        # A single record: its related manager, prefetched or not, as DRF reads it.
        return [related.pk for related in getattr(instance, source).all()]

    return read


def link_rows(field) -> tuple[QuerySet, str, str]:
    """The link table of a many-to-many field in the order a manager gives its other side (that
    model's default ordering, then its id), with the names of the columns of both sides."""
    through = field.remote_field.through
    own, other = field.m2m_field_name(), field.m2m_reverse_field_name()
    ordering = [
        f"-{other}__{part[1:]}" if part.startswith("-") else f"{other}__{part}"
        for part in field.related_model._meta.ordering
    ]
    return (
        through.objects.order_by(*ordering, f"{other}__pk"),
        through._meta.get_field(own).attname,
        through._meta.get_field(other).attname,
    )


def attach_many_ids(instances: list, sources: Iterable[str]) -> None:
    """Give each instance the ids of its related rows for these many-to-many fields: one query
    per field on its link table, ids in the other side's default order, as a manager gives."""
    if not instances:
        return
    model = type(instances[0])
    pks = [instance.pk for instance in instances]
    for instance in instances:
        instance.__dict__.setdefault(_MANY_IDS, {})
    for source in sources:
        rows, own, other = link_rows(model._meta.get_field(source))
        ids = defaultdict(list)
        for owner, related in rows.filter(**{f"{own}__in": pks}).values_list(own, other):
            ids[owner].append(related)
        for instance in instances:
            instance.__dict__[_MANY_IDS][source] = ids.get(instance.pk, [])


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

    def get_fields(self):
        """The fields, derived from the model once per serializer class and copied for each
        instance: ModelSerializer would derive them again on every instantiation (0.5 to 1.5 ms
        a request for the larger serializers; a copy costs a third of that)."""
        prototype = _FIELD_PROTOTYPES.get(type(self))
        if prototype is None:
            prototype = _FIELD_PROTOTYPES[type(self)] = super().get_fields()
        return copy.deepcopy(prototype)

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

    # --- Reading --------------------------------------------------------------------------------

    @cached_property
    def _reading_plan(self) -> list[tuple]:
        """How each readable field is read and shown: (name, field, read, show, blank).

        A plain field (text, number, date, choice...) over one of the model's own columns is read
        with a bare attribute lookup and shown by its own ``to_representation``: the same value
        DRF gives, without its generic attribute walk (callable checks, nested sources), which
        cost as much as the rest of serializing a list (make bench). ``read`` is None for the
        other fields (relations, nested serializers, methods, dotted sources): DRF reads them.
        An untranslated text (``blank``) is an empty string, not null, in every language.
        """
        model = self.Meta.model
        columns = {f.name for f in model._meta.concrete_fields} | {
            f.attname for f in model._meta.concrete_fields
        }
        translated = set(translated_fields(model))
        blank = translated | {f"{name}_{language}" for name in translated for language in LANGUAGES}
        plan = []
        for field in self.fields.values():
            if field.write_only:
                continue
            plain = (
                not isinstance(
                    field,
                    serializers.BaseSerializer
                    | RelatedField
                    | ManyRelatedField
                    | serializers.SerializerMethodField
                    | serializers.HiddenField,
                )
                and len(field.source_attrs) == 1
                and field.source_attrs[0] in columns
            )
            if plain:
                read, show = attrgetter(field.source_attrs[0]), field.to_representation
            elif field.source in self.many_id_sources():
                read, show = _many_ids_reader(field.source), _same
            else:
                read, show = None, field.to_representation
            plan.append((field.field_name, field, read, show, field.field_name in blank))
        return plan

    @classmethod
    def many_id_sources(cls) -> frozenset[str]:
        """The model's many-to-many fields this serializer shows as lists of ids: a list view
        reads them from the link tables (``attach_many_ids``) instead of prefetching whole rows
        of the other side, with a manager and a queryset per row (a third of serializing
        /api/v1/municipalities/, make bench)."""
        found = _MANY_ID_SOURCES.get(cls)
        if found is None:
            model = cls.Meta.model
            many = {f.name for f in model._meta.many_to_many}
            prototype = _FIELD_PROTOTYPES.get(cls) or cls().fields
            found = _MANY_ID_SOURCES[cls] = frozenset(
                field.source or name
                for name, field in prototype.items()
                if isinstance(field, ManyRelatedField)
                and not field.write_only
                and type(field.child_relation) is PrimaryKeyRelatedField
                and field.child_relation.pk_field is None
                and (field.source or name) in many
                and _orderable(model._meta.get_field(field.source or name).related_model)
            )
        return found

    def to_representation(self, instance):
        data = {}
        # Validated data (a dict) is read DRF's way; the plan reads model instances.
        mapping = isinstance(instance, Mapping)
        for name, field, read, show, blank in self._reading_plan:
            if read is not None and not mapping:
                value = read(instance)
            else:
                try:
                    value = field.get_attribute(instance)
                except SkipField:
                    continue
                if isinstance(value, PKOnlyObject) and value.pk is None:
                    value = None
            if value is None:
                data[name] = "" if blank else None
            else:
                data[name] = show(value)
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
    # The record itself, shown as text: str(record). (source="__str__" had DRF inspect the
    # method's signature for every row.)
    name = serializers.CharField(read_only=True, source="*")


class MunicipalitySummarySerializer(SummarySerializer):
    country = serializers.CharField(read_only=True, source="region.country")


def validate_with_scope(user, municipality_ids) -> None:
    """Shortcut for views that check scope outside a serializer."""
    try:
        ensure_within_scope(user, municipality_ids)
    except DjangoValidationError as error:
        raise serializers.ValidationError({"non_field_errors": error.messages}) from error
