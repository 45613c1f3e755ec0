"""Loads the real reference data: the 2017 memorandum, its parties, goals and kinds of activity,
cooperation sectors, the regions and municipalities of both countries and their known links.

Every function is idempotent (core.upsert): a second run finds everything equal and writes
nothing. Rows the sources describe but that are not links between two municipalities are skipped
and reported with the reason.
"""

import csv
import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from core.choices import Country, DatePrecision
from core.upsert import UpsertReport, upsert

from ..choices import (
    MemorandumStatus,
    MunicipalityKind,
    PartnershipKind,
    PartnershipStatus,
    RegionKind,
)
from ..models import (
    ActivityType,
    Goal,
    Memorandum,
    Municipality,
    Partnership,
    Party,
    Region,
    Sector,
    Signatory,
)
from . import memorandum_2017 as m2017

DATA_DIR = Path(__file__).resolve().parent
KG_TIMEZONE = "Asia/Bishkek"


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _translated(field: str, texts: dict[str, str]) -> dict[str, str]:
    return {f"{field}_{language}": texts.get(language, "") for language in ("ru", "ky", "en")}


def _decimal(value: str, places: int) -> Decimal | None:
    return Decimal(value).quantize(Decimal(1).scaleb(-places)) if value else None


def _year(value: str) -> int | None:
    match = re.match(r"(\d{4})", value)
    return int(match.group(1)) if match else None


@transaction.atomic
def load_reference_data() -> UpsertReport:
    report = UpsertReport()
    parties = _load_parties(report)
    memorandum = _load_memorandum(parties, report)
    _load_clauses(memorandum, report)
    _load_sectors(report)
    _load_kyrgyz_units(report)
    _load_russian_cities(report)
    _load_links(report)
    return report


def _load_parties(report: UpsertReport) -> dict[str, Party]:
    parties = {}
    for row in _rows("parties.csv"):
        parties[row["party_code"]] = upsert(
            Party,
            {"code": row["party_code"]},
            {
                **_translated(
                    "name", {"ru": row["name_ru"], "ky": row["name_ky"], "en": row["name_en"]}
                ),
                **_translated(
                    "abbreviation", {"ru": row["abbreviation_ru"], "en": row["abbreviation_en"]}
                ),
                "country": row["country"],
                "website": row["website"],
                "source": row["source"],
            },
            report,
        )
    return parties


def _memorandum_text() -> str:
    text = (DATA_DIR / "memorandum-2017.ru.txt").read_text(encoding="utf-8")
    # The text was exported from a word processor that left a bookmark marker in it.
    return text.replace("[bookmark: _GoBack]", "").strip()


def _load_memorandum(parties: dict[str, Party], report: UpsertReport) -> Memorandum:
    memorandum = upsert(
        Memorandum,
        {"slug": m2017.SLUG},
        {
            **_translated("title", m2017.TITLE),
            **_translated("subject", m2017.SUBJECT),
            **_translated("place", m2017.PLACE),
            "text_ru": _memorandum_text(),
            "signed_on": m2017.SIGNED_ON,
            "languages": m2017.LANGUAGES,
            "status": MemorandumStatus.IN_FORCE,
        },
        report,
    )
    for order, (party_code, name, position) in enumerate(m2017.SIGNATORIES):
        upsert(
            Signatory,
            {"memorandum": memorandum, "party": parties[party_code]},
            {
                **_translated("person_name", name),
                **_translated("position", position),
                "order": order,
            },
            report,
        )
    return memorandum


def _load_clauses(memorandum: Memorandum, report: UpsertReport) -> None:
    for model, clauses in ((Goal, m2017.GOALS), (ActivityType, m2017.ACTIVITY_TYPES)):
        for number, short_name, text in clauses:
            upsert(
                model,
                {"memorandum": memorandum, "number": number},
                {**_translated("short_name", short_name), **_translated("text", text)},
                report,
            )


def _load_sectors(report: UpsertReport) -> None:
    for order, (code, names) in enumerate(m2017.SECTORS):
        upsert(Sector, {"code": code}, {**_translated("name", names), "order": order}, report)


# --- Kyrgyzstan -----------------------------------------------------------------------------

KG_KINDS = {
    "republican significance city": MunicipalityKind.CAPITAL_CITY,
    "regional significance city": MunicipalityKind.CITY,
    "district significance city": MunicipalityKind.TOWN,
}


def _load_kyrgyz_units(report: UpsertReport) -> None:
    rows = _rows("kg_units.csv")
    for row in rows:
        if row["unit_kind"] == "region (oblast)":
            upsert(
                Region,
                {"country": Country.KYRGYZSTAN, "name_ru": row["name_ru"]},
                {
                    "name_ky": row["name_ky"],
                    "name_en": row["name_en"],
                    "kind": RegionKind.OBLAST,
                    "code": row["iso_3166_2"],
                },
                report,
            )
    for row in rows:
        kind = KG_KINDS.get(row["unit_kind"])
        if kind is None:
            continue
        if kind == MunicipalityKind.CAPITAL_CITY:
            # Bishkek and Osh are first-level subdivisions themselves (ISO 3166-2 KG-GB, KG-GO).
            region = upsert(
                Region,
                {"country": Country.KYRGYZSTAN, "name_ru": f"г. {row['name_ru']}"},
                {
                    "name_ky": f"{row['name_ky']} шаары",
                    "name_en": f"{row['name_en']} City",
                    "kind": RegionKind.CITY,
                    "code": row["iso_3166_2"],
                },
                report,
            )
        else:
            region = Region.objects.get(country=Country.KYRGYZSTAN, name_ru=row["region_ru"])
        upsert(
            Municipality,
            {"official_code": row["soate_code"]},
            {
                **_translated(
                    "name", {"ru": row["name_ru"], "ky": row["name_ky"], "en": row["name_en"]}
                ),
                "kind": kind,
                "region": region,
                "population": int(row["population"]) if row["population"] else None,
                "population_year": _year(row["population_year"]),
                "area_km2": _decimal(row["area_km2"], 2),
                "latitude": _decimal(row["lat"], 6),
                "longitude": _decimal(row["lon"], 6),
                "timezone": KG_TIMEZONE,
                "source": row["source"],
            },
            report,
        )


# --- Russia ---------------------------------------------------------------------------------

RU_REGION_KINDS = {
    "обл": RegionKind.OBLAST,
    "край": RegionKind.KRAI,
    "Респ": RegionKind.REPUBLIC,
    "г": RegionKind.CITY,
}


def _russian_region_name(region_type: str, region_ru: str) -> str:
    if region_type == "г" or "область" in region_ru:
        return region_ru
    if region_type == "обл":
        return f"{region_ru} область"
    if region_type == "край":
        return f"{region_ru} край"
    # Republics: "Удмуртская Республика", but "Республика Татарстан".
    return f"{region_ru} Республика" if region_ru.endswith("ая") else f"Республика {region_ru}"


def _supplement() -> dict[tuple[str, str], dict[str, str]]:
    return {(row["kind"], row["name_ru"]): row for row in _rows("ru_names_supplement.csv")}


def _load_russian_cities(report: UpsertReport) -> None:
    supplement = _supplement()
    for row in _rows("ru_cities.csv"):
        region_name = _russian_region_name(row["region_type"], row["region_ru"])
        region = upsert(
            Region,
            {"country": Country.RUSSIA, "name_ru": region_name},
            {
                "name_en": supplement[("region", region_name)]["name_en"],
                "kind": RU_REGION_KINDS[row["region_type"]],
                "federal_district": row["federal_district"],
            },
            report,
        )
        names = supplement[("city", row["name_ru"])]
        kind = (
            MunicipalityKind.CAPITAL_CITY
            if row["is_region_capital"] == "federal city"
            else MunicipalityKind.CITY
        )
        upsert(
            Municipality,
            {"official_code": row["oktmo"]},
            {
                # Kyrgyz writes Russian city names as Russian does.
                **_translated(
                    "name", {"ru": row["name_ru"], "ky": row["name_ru"], "en": names["name_en"]}
                ),
                "kind": kind,
                "region": region,
                "population": int(row["population"]) if row["population"] else None,
                "population_year": None,
                "latitude": _decimal(row["lat"], 6),
                "longitude": _decimal(row["lon"], 6),
                "timezone": names["timezone"],
                "source": row["source"],
            },
            report,
        )


# --- Links ----------------------------------------------------------------------------------

# District-level links name districts that the unit lists do not hold: (region, country).
DISTRICT_REGIONS = {
    "Иссык-Кульский район": (Country.KYRGYZSTAN, "Иссык-Кульская область"),
    "Кара-Бууринский район": (Country.KYRGYZSTAN, "Таласская область"),
    "Елабужский район": (Country.RUSSIA, "Республика Татарстан"),
    "Лискинский район": (Country.RUSSIA, "Воронежская область"),
}
NOT_A_MUNICIPALITY = {"city council", "regional legislature", "region"}


@dataclass
class LinkDecision:
    kind: str
    status: str
    dates: dict


def _classify_link(row: dict[str, str]) -> LinkDecision:
    link_type = row["link_type"].lower()
    status_text = row["status"].lower()
    if "protocol" in link_type:
        kind = PartnershipKind.PROTOCOL_OF_INTENT
    elif "twin" in link_type:
        kind = PartnershipKind.TWINNING
    else:
        kind = PartnershipKind.COOPERATION_AGREEMENT
    if row["date"]:
        date, precision = datetime.date.fromisoformat(row["date"]), DatePrecision.DAY
    elif row["year"]:
        date, precision = datetime.date(int(row["year"]), 1, 1), DatePrecision.YEAR
    else:
        date, precision = None, DatePrecision.DAY
    if "proposal" in status_text or link_type.startswith("proposed"):
        return LinkDecision(kind, PartnershipStatus.PROPOSED, {"proposed_on": date})
    if status_text.startswith("intended"):
        # A visit aimed at signing: negotiations, not a signed agreement.
        return LinkDecision(kind, PartnershipStatus.NEGOTIATING, {"negotiations_started_on": date})
    return LinkDecision(
        kind, PartnershipStatus.ACTIVE, {"signed_on": date, "signed_on_precision": precision}
    )


def _district(name_ru: str, name_en: str, source: str, report: UpsertReport) -> Municipality:
    country, region_name = DISTRICT_REGIONS[name_ru]
    supplement = _supplement()[("district", name_ru)]
    return upsert(
        Municipality,
        {"region": Region.objects.get(country=country, name_ru=region_name), "name_ru": name_ru},
        {
            "name_ky": "" if country == Country.KYRGYZSTAN else name_ru,
            "name_en": supplement["name_en"] or name_en,
            "kind": MunicipalityKind.DISTRICT,
            "timezone": supplement["timezone"],
            "source": source,
        },
        report,
    )


def _kyrgyz_side(row: dict[str, str], report: UpsertReport) -> Municipality:
    name = row["kg_party_ru"]
    if row["kg_party_kind"] == "district":
        return _district(name, row["kg_party_en"], row["source"], report)
    # "Джалал-Абад (Манас)": the city has been renamed; the registry holds the current name.
    renamed = re.search(r"\((.+)\)", name)
    return Municipality.objects.get(
        region__country=Country.KYRGYZSTAN, name_ru=renamed.group(1) if renamed else name
    )


def _russian_side(row: dict[str, str], report: UpsertReport) -> Municipality:
    if row["ru_party_kind"] == "district":
        return _district(row["ru_party_ru"], "", row["source"], report)
    return Municipality.objects.get(region__country=Country.RUSSIA, name_ru=row["ru_party_ru"])


def _load_links(report: UpsertReport) -> None:
    for row in _rows("twin_links.csv"):
        if row["kg_party_kind"] in NOT_A_MUNICIPALITY or row["ru_party_kind"] in NOT_A_MUNICIPALITY:
            report.skip(
                f"{row['kg_party_en']} – {row['ru_party_ru']} ({row['link_type']}): "
                f"a link of a {row['kg_party_kind']} with a {row['ru_party_kind']}, "
                "not between two municipalities"
            )
            continue
        kyrgyz, russian = _kyrgyz_side(row, report), _russian_side(row, report)
        decision = _classify_link(row)
        upsert(
            Partnership,
            {"municipality_a": kyrgyz, "municipality_b": russian, "kind": decision.kind},
            {
                "status": decision.status,
                **decision.dates,
                "title_ru": _title_ru(row["link_type"]),
                "description_en": row["details"],
                "source": row["source"],
            },
            report,
        )


def _title_ru(link_type: str) -> str:
    """The Russian name of the document where the source gives one in parentheses."""
    match = re.search(r"\(([^)]*[а-яё][^)]*)\)", link_type)
    return match.group(1) if match else ""
