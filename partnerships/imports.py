"""Importing municipalities from a CSV file (coordinators, `manage.py import_municipalities`).

The whole file is one transaction: every row is checked with the same rules as the admin
(Municipality.full_clean: constraints and field validation); a bad row is reported with its
line number, and if any row is bad nothing is saved.
"""

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .choices import MunicipalityKind
from .models import Municipality, Region

REQUIRED_COLUMNS = ("official_code", "kind", "country", "region", "name_ru")
OPTIONAL_COLUMNS = (
    "name_ky",
    "name_en",
    "population",
    "population_year",
    "latitude",
    "longitude",
    "timezone",
    "website",
    "email",
    "phone",
    "source",
)


class ImportFailed(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


def _number(value: str, cast):
    value = value.strip().replace(" ", "").replace(",", ".")
    if not value:
        return None
    try:
        return cast(value)
    except (ValueError, InvalidOperation) as error:
        raise ValidationError(_("“%(value)s” is not a number.") % {"value": value}) from error


def _region(country: str, text: str, cache: dict) -> Region:
    key = (country, text)
    if key not in cache:
        region = (
            Region.objects.filter(country=country, code=text).first()
            or Region.objects.filter(country=country, name_ru=text).first()
            or Region.objects.filter(country=country, name_en=text).first()
        )
        if region is None:
            raise ValidationError(
                _("There is no region “%(region)s” in %(country)s.")
                % {"region": text, "country": country}
            )
        cache[key] = region
    return cache[key]


def municipalities_import(
    *, lines: Iterable[str], progress: Callable[[int], None] | None = None
) -> ImportResult:
    """Create or update municipalities (matched by official code) from CSV lines.

    Raises ImportFailed with one message per bad line; the database is then unchanged.
    """
    reader = csv.DictReader(lines)
    missing = [name for name in REQUIRED_COLUMNS if name not in (reader.fieldnames or [])]
    if missing:
        raise ImportFailed([_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}])
    result, regions = ImportResult(), {}
    with transaction.atomic():
        for row in reader:
            line = reader.line_num
            try:
                _import_row(row, regions, result)
            except ValidationError as error:
                messages = "; ".join(
                    f"{name}: {' '.join(texts)}" if name != "__all__" else " ".join(texts)
                    for name, texts in getattr(
                        error, "message_dict", {"__all__": error.messages}
                    ).items()
                )
                result.errors.append(
                    _("Line %(line)d: %(errors)s") % {"line": line, "errors": messages}
                )
            if progress:
                progress(1)
        if result.errors:
            transaction.set_rollback(True)
            raise ImportFailed(result.errors)
    return result


def _import_row(row: dict, regions: dict, result: ImportResult) -> None:
    values = {
        name: (row.get(name) or "").strip() for name in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
    }
    if not values["official_code"]:
        raise ValidationError({"official_code": [_("This field is required.")]})
    if values["kind"] not in MunicipalityKind.values:
        raise ValidationError(
            {
                "kind": [
                    _("Choose one of: %(kinds)s.") % {"kinds": ", ".join(MunicipalityKind.values)}
                ]
            }
        )
    fields = {
        "kind": values["kind"],
        "region": _region(values["country"].upper(), values["region"], regions),
        "name_ru": values["name_ru"],
        "name_ky": values["name_ky"],
        "name_en": values["name_en"],
        "population": _number(values["population"], int),
        "population_year": _number(values["population_year"], int),
        "latitude": _number(values["latitude"], Decimal),
        "longitude": _number(values["longitude"], Decimal),
        "timezone": values["timezone"],
        "website": values["website"],
        "email": values["email"],
        "phone": values["phone"],
        "source": values["source"],
    }
    municipality = Municipality.objects.filter(official_code=values["official_code"]).first()
    created = municipality is None
    if created:
        municipality = Municipality(official_code=values["official_code"])
    for name, value in fields.items():
        setattr(municipality, name, value)
    municipality.full_clean()
    municipality.save()
    if created:
        result.created += 1
    else:
        result.updated += 1
