"""The floor: for each API list and public page the benchmark measures, a view that fetches the
same rows with one hand-written SQL query and returns them with json.dumps.

It is what the request could cost with no ORM, serializer or template: the ratio portal/floor is
the benchmark's figure. Each floor reads the rows its page or endpoint shows (the same filter,
order, page size and total count, the related names and ids it shows), in Russian, and writes
them as JSON; it renders no HTML, so a page's ratio includes the cost of its template.

Mounted under /bench/ only when the setting BENCH_FLOOR_VIEWS is true.
"""

import datetime
import json

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpResponse
from django.utils import timezone

LIVE = "('proposed', 'negotiating', 'active', 'suspended')"


def _summary(alias: str, region: str) -> str:
    return (
        f"json_build_object('id', {alias}.id, 'name', {alias}.name_ru, 'country', {region}.country)"
    )


def _ids(table: str, column: str, owner: str, alias: str) -> str:
    return f"ARRAY(SELECT t.{column} FROM {table} t WHERE t.{owner} = {alias}.id ORDER BY t.id)"


def _names(prefix: str, alias: str, field: str | None = None) -> str:
    field = field or prefix
    return (
        f"{alias}.{field}_ru AS {prefix}, {alias}.{field}_ru AS {prefix}_ru, "
        f"{alias}.{field}_ky AS {prefix}_ky, {alias}.{field}_en AS {prefix}_en"
    )


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


# A partnership's latest activity, from the dates the portal keeps per partnership
# (exchanges.PartnershipActivity): the hand-written query reads the same table.
LAST_ACTIVITY = (
    "GREATEST((pa.last_event_at AT TIME ZONE 'UTC')::date, pa.last_exchange_on, "
    "pa.last_project_on, CASE WHEN pa.ongoing_project THEN CURRENT_DATE END)"
)


def _health_condition(value: str) -> tuple[str, dict]:
    """Active: the latest activity on or after the cutoff; dormant: none since (or none)."""
    if value == "active":
        return f"{LAST_ACTIVITY} >= %(cutoff)s", {"cutoff": _cutoff()}
    return f"({LAST_ACTIVITY} < %(cutoff)s OR {LAST_ACTIVITY} IS NULL)", {"cutoff": _cutoff()}


def _cutoff() -> datetime.date:
    from partnerships.selectors import activity_cutoff

    return activity_cutoff()


# --- API lists ----------------------------------------------------------------------------------
# Each entry: FROM (with joins), SELECT list, ORDER BY, and the filters: query parameter ->
# (condition, how to turn the value into the SQL parameter).

API = {
    "regions": {
        "from": "partnerships_region r",
        "select": f"r.id, r.country, r.kind, {_names('name', 'r')}, r.code, r.federal_district, "
        "r.updated",
        "order": "r.country, r.name_ru, r.id",
        "filters": {"country": "r.country = %(country)s"},
    },
    "sectors": {
        "from": "partnerships_sector s",
        "select": f's.id, s.code, {_names("name", "s")}, s."order"',
        "order": 's."order", s.code, s.id',
        "filters": {
            "search": "(UPPER(s.name_ru) LIKE UPPER(%(search)s) OR UPPER(s.name_ky) LIKE "
            "UPPER(%(search)s) OR UPPER(s.name_en) LIKE UPPER(%(search)s) OR UPPER(s.code) LIKE "
            "UPPER(%(search)s))"
        },
    },
    "parties": {
        "from": "partnerships_party p",
        "select": f"p.id, p.code, {_names('name', 'p')}, {_names('abbreviation', 'p')}, "
        f"p.country, p.website, {_names('description', 'p')}, p.source, p.updated",
        "order": "p.country, p.code, p.id",
        "filters": {"country": "p.country = %(country)s"},
    },
    "memoranda": {
        "from": "partnerships_memorandum d",
        "select": f"d.id, d.slug, {_names('title', 'd')}, {_names('subject', 'd')}, "
        f"{_names('text', 'd')}, d.signed_on, {_names('place', 'd')}, d.languages, d.status, "
        "d.valid_until, d.file, (SELECT json_agg(json_build_object('party', s.party_id, "
        "'person_name', s.person_name_ru, 'position', s.position_ru) ORDER BY s.\"order\", s.id) "
        "FROM partnerships_signatory s WHERE s.memorandum_id = d.id) AS signatories, d.updated",
        "order": "d.signed_on DESC, d.id DESC",
        "filters": {"status": "d.status = %(status)s"},
    },
    "goals": {
        "from": "partnerships_goal g",
        "select": f"g.id, g.memorandum_id, g.number, {_names('short_name', 'g', 'short_name')}, "
        f"{_names('text', 'g', 'text')}",
        "order": "g.memorandum_id, g.number, g.id",
        "filters": {"memorandum": "g.memorandum_id = %(memorandum)s"},
    },
    "activity-types": {
        "from": "partnerships_activitytype g",
        "select": f"g.id, g.memorandum_id, g.number, {_names('short_name', 'g', 'short_name')}, "
        f"{_names('text', 'g', 'text')}",
        "order": "g.memorandum_id, g.number, g.id",
        "filters": {"memorandum": "g.memorandum_id = %(memorandum)s"},
    },
    "municipalities": {
        "from": "partnerships_municipality m JOIN partnerships_region r ON r.id = m.region_id",
        "select": "m.id, m.kind, m.region_id AS region, json_build_object('id', r.id, 'name', "
        f"r.name_ru) AS region_summary, r.country, {_names('name', 'm')}, "
        f"{_names('description', 'm')}, m.official_code, m.population, m.population_year, "
        "m.area_km2, m.latitude, m.longitude, m.timezone, m.website, m.email, m.phone, "
        f"{_names('head_name', 'm', 'head_name')}, {_names('head_title', 'm', 'head_title')}, "
        f"{_names('liaison_name', 'm', 'liaison_name')}, m.liaison_email, m.liaison_phone, "
        "m.emblem, "
        f"{_ids('partnerships_municipality_sectors', 'sector_id', 'municipality_id', 'm')} "
        "AS sectors, m.seeking_partners, "
        f"{_names('partner_wishes', 'm', 'partner_wishes')}, m.association_id AS association, "
        "m.created, m.updated",
        "order": "m.name_ru, m.id",
        "filters": {
            "country": "r.country = %(country)s",
            "search": "(UPPER(m.name_ru::text) LIKE UPPER(%(search)s) OR UPPER(m.name_ky::text) "
            "LIKE UPPER(%(search)s) OR UPPER(m.name_en::text) LIKE UPPER(%(search)s))",
        },
    },
    "partnerships": {
        "from": "partnerships_partnership p "
        "JOIN partnerships_municipality a ON a.id = p.municipality_a_id "
        "JOIN partnerships_region ra ON ra.id = a.region_id "
        "JOIN partnerships_municipality b ON b.id = p.municipality_b_id "
        "JOIN partnerships_region rb ON rb.id = b.region_id "
        "LEFT JOIN exchanges_partnershipactivity pa ON pa.partnership_id = p.id",
        "select": "p.id, p.municipality_a_id, "
        f"{_summary('a', 'ra')} AS municipality_a_summary, p.municipality_b_id, "
        f"{_summary('b', 'rb')} AS municipality_b_summary, p.kind, p.status, p.proposed_on, "
        "p.negotiations_started_on, p.signed_on, p.signed_on_precision, p.suspended_on, "
        f"p.terminated_on, {_names('title', 'p', 'title')}, "
        f"{_names('description', 'p', 'description')}, "
        f"{_ids('partnerships_partnership_sectors', 'sector_id', 'partnership_id', 'p')} "
        "AS sectors, p.source, "
        f"{LAST_ACTIVITY} AS last_activity_on, p.created, p.updated",
        "order": "p.signed_on DESC, p.created DESC, p.id DESC",
        "count_from": "partnerships_partnership p "
        "LEFT JOIN exchanges_partnershipactivity pa ON pa.partnership_id = p.id",
        "filters": {"status": "p.status = %(status)s", "health": _health_condition},
    },
    "projects": {
        "from": "partnerships_project j "
        "LEFT JOIN partnerships_partnership p ON p.id = j.partnership_id "
        "LEFT JOIN partnerships_municipality a ON a.id = p.municipality_a_id "
        "LEFT JOIN partnerships_municipality b ON b.id = p.municipality_b_id",
        "where": "j.status <> 'draft'",
        "select": f"j.id, {_names('title', 'j', 'title')}, {_names('summary', 'j', 'summary')}, "
        f"{_names('results', 'j', 'results')}, j.kind, j.status, j.partnership_id, "
        "CASE WHEN p.id IS NULL THEN NULL ELSE json_build_object('id', p.id, 'name', "
        "a.name_ru || ' — ' || b.name_ru) END AS partnership_summary, j.starts_on, j.ends_on, "
        "j.budget, j.currency, (SELECT json_agg(json_build_object('municipality', "
        "pp.municipality_id, 'municipality_summary', json_build_object('id', pm.id, 'name', "
        "pm.name_ru, 'country', pr.country), 'role', pp.role) ORDER BY pp.id) "
        "FROM partnerships_projectparticipation pp "
        "JOIN partnerships_municipality pm ON pm.id = pp.municipality_id "
        "JOIN partnerships_region pr ON pr.id = pm.region_id WHERE pp.project_id = j.id) "
        "AS participations, "
        f"{_ids('partnerships_project_goals', 'goal_id', 'project_id', 'j')} AS goals, "
        f"{_ids('partnerships_project_activity_types', 'activitytype_id', 'project_id', 'j')} "
        "AS activity_types, "
        f"{_ids('partnerships_project_sectors', 'sector_id', 'project_id', 'j')} AS sectors, "
        "j.is_demo, j.created, j.updated",
        "order": "j.starts_on DESC, j.created DESC, j.id DESC",
        "count_from": "partnerships_project j",
        "filters": {"status": "j.status = %(status)s"},
    },
    "events": {
        "from": "events_event e "
        "LEFT JOIN partnerships_municipality h ON h.id = e.host_municipality_id "
        "LEFT JOIN partnerships_region hr ON hr.id = h.region_id "
        "LEFT JOIN events_workinggroup w ON w.id = e.working_group_id",
        "where": "e.is_public",
        "select": f"e.id, e.kind, {_names('title', 'e', 'title')}, "
        f"{_names('description', 'e', 'description')}, {_names('outcomes', 'e', 'outcomes')}, "
        f"e.status, e.starts_at, e.ends_at, e.timezone, {_names('venue', 'e', 'venue')}, "
        "e.host_municipality_id, CASE WHEN h.id IS NULL THEN NULL ELSE "
        f"{_summary('h', 'hr')} END AS host_municipality_summary, e.online_url, "
        f"{_ids('events_event_organising_parties', 'party_id', 'event_id', 'e')} "
        "AS organising_parties, "
        f"{_ids('events_event_organising_municipalities', 'municipality_id', 'event_id', 'e')} "
        "AS organising_municipalities, e.working_group_id, CASE WHEN w.id IS NULL THEN NULL "
        "ELSE json_build_object('id', w.id, 'name', w.name_ru) END AS working_group_summary, "
        "e.partnership_id, e.project_id, "
        f"{_ids('events_event_goals', 'goal_id', 'event_id', 'e')} AS goals, "
        f"{_ids('events_event_activity_types', 'activitytype_id', 'event_id', 'e')} "
        "AS activity_types, e.is_public, e.reminders_enabled, e.reminder_offsets, "
        f"{_names('reminder_note', 'e', 'reminder_note')}, (SELECT json_agg(json_build_object("
        "'order', ai.\"order\", 'starts_at', ai.starts_at, 'title', ai.title_ru, 'speaker', "
        'ai.speaker) ORDER BY ai."order", ai.starts_at, ai.id) FROM events_agendaitem ai '
        "WHERE ai.event_id = e.id) AS agenda, (SELECT count(*) FROM events_participant pa "
        "WHERE pa.event_id = e.id AND pa.attendance <> 'declined') AS participant_count, "
        "e.sequence, e.is_demo, e.created, e.updated",
        "order": "e.starts_at DESC, e.id DESC",
        "count_from": "events_event e",
        "filters": {
            "date_from": "e.starts_at >= %(date_from)s::date",
            "date_to": "e.starts_at < %(date_to)s::date + 1",
            "municipality": "(e.host_municipality_id = %(municipality)s OR e.id IN (SELECT "
            "o.event_id FROM events_event_organising_municipalities o "
            "WHERE o.municipality_id = %(municipality)s))",
        },
    },
    "working-groups": {
        "from": "events_workinggroup w",
        "select": f"w.id, {_names('name', 'w')}, {_names('description', 'w', 'description')}, "
        f"{_ids('events_workinggroup_parties', 'party_id', 'workinggroup_id', 'w')} AS parties, "
        "w.is_active, (SELECT count(*) FROM events_event e WHERE e.working_group_id = w.id) "
        "AS meeting_count, w.updated",
        "order": "w.name_ru, w.id",
        "filters": {
            "search": "(UPPER(w.name_ru) LIKE UPPER(%(search)s) OR UPPER(w.name_ky) LIKE "
            "UPPER(%(search)s) OR UPPER(w.name_en) LIKE UPPER(%(search)s))"
        },
    },
    "exchanges": {
        "from": "exchanges_exchange x "
        "JOIN partnerships_municipality s ON s.id = x.sending_municipality_id "
        "JOIN partnerships_region sr ON sr.id = s.region_id "
        "JOIN partnerships_municipality h ON h.id = x.hosting_municipality_id "
        "JOIN partnerships_region hr ON hr.id = h.region_id",
        "where": "x.is_public",
        "select": f"x.id, x.kind, {_names('title', 'x', 'title')}, "
        f"{_names('programme', 'x', 'programme')}, {_names('outcomes', 'x', 'outcomes')}, "
        f"x.sending_municipality_id, {_summary('s', 'sr')} AS sending_municipality_summary, "
        f"x.hosting_municipality_id, {_summary('h', 'hr')} AS hosting_municipality_summary, "
        "x.starts_on, x.ends_on, x.participants_count, x.youth_count, x.partnership_id, "
        "x.event_id, x.project_id, "
        f"{_ids('exchanges_exchange_goals', 'goal_id', 'exchange_id', 'x')} AS goals, "
        f"{_ids('exchanges_exchange_activity_types', 'activitytype_id', 'exchange_id', 'x')} "
        "AS activity_types, "
        f"{_ids('exchanges_exchange_sectors', 'sector_id', 'exchange_id', 'x')} AS sectors, "
        "x.is_public, x.is_demo, x.created, x.updated",
        "order": "x.starts_on DESC, x.id DESC",
        "count_from": "exchanges_exchange x",
        "filters": {
            "country": "(x.sending_municipality_id IN (SELECT m.id FROM "
            "partnerships_municipality m JOIN partnerships_region r ON r.id = m.region_id "
            "WHERE r.country = %(country)s) OR x.hosting_municipality_id IN (SELECT m.id FROM "
            "partnerships_municipality m JOIN partnerships_region r ON r.id = m.region_id "
            "WHERE r.country = %(country)s))"
        },
    },
    "best-practices": {
        "from": "exchanges_bestpractice bp "
        "JOIN partnerships_municipality m ON m.id = bp.municipality_id "
        "JOIN partnerships_region r ON r.id = m.region_id",
        "where": "bp.is_published",
        "select": f"bp.id, bp.municipality_id, {_summary('m', 'r')} AS municipality_summary, "
        f"bp.sector_id, {_names('title', 'bp', 'title')}, {_names('summary', 'bp', 'summary')}, "
        f"{_names('body', 'bp', 'body')}, bp.is_published, bp.published_on, "
        "(SELECT json_agg(json_build_object('municipality', ad.municipality_id, "
        "'municipality_summary', json_build_object('id', am.id, 'name', am.name_ru, 'country', "
        "ar.country), 'adopted_on', ad.adopted_on, 'result', ad.result_ru) "
        "ORDER BY ad.adopted_on DESC, ad.id) FROM exchanges_adoption ad "
        "JOIN partnerships_municipality am ON am.id = ad.municipality_id "
        "JOIN partnerships_region ar ON ar.id = am.region_id WHERE ad.practice_id = bp.id) "
        "AS adoptions, bp.is_demo, bp.created, bp.updated",
        "order": "bp.published_on DESC, bp.created DESC, bp.id DESC",
        "count_from": "exchanges_bestpractice bp",
        "filters": {"sector": "bp.sector_id = %(sector)s"},
    },
    "partner-requests": {
        "from": "exchanges_partnerrequest q "
        "JOIN partnerships_municipality m ON m.id = q.municipality_id "
        "JOIN partnerships_region r ON r.id = m.region_id",
        "select": f"q.id, q.municipality_id, {_summary('m', 'r')} AS municipality_summary, "
        f"{_names('title', 'q', 'title')}, {_names('purpose', 'q', 'purpose')}, "
        f"{_ids('exchanges_partnerrequest_sectors', 'sector_id', 'partnerrequest_id', 'q')} "
        "AS sectors, q.country, q.population_min, q.population_max, q.valid_until, q.status, "
        "q.closed_on, q.contact_name, q.contact_email, (SELECT count(*) FROM "
        "exchanges_partnerrequestanswer an WHERE an.request_id = q.id) AS answer_count, "
        "q.is_demo, q.created, q.updated",
        "order": "q.created DESC, q.id DESC",
        "count_from": "exchanges_partnerrequest q",
        "filters": {"status": "q.status = %(status)s"},
    },
}


def _api_sql(spec: dict, query) -> tuple[str, dict]:
    conditions = [spec["where"]] if "where" in spec else []
    params = {"limit": min(int(query.get("page_size", 50)), 200)}
    for name, condition in spec["filters"].items():
        value = query.get(name)
        if value and callable(condition):
            condition, extra = condition(value)
            conditions.append(condition)
            params.update(extra)
        elif value:
            conditions.append(condition)
            params[name] = _like(value) if name == "search" else value
    where = " AND ".join(conditions) or "TRUE"
    # The count reads the base table alone where the filters allow (joins along required
    # foreign keys change no count).
    count_from = spec.get("count_from", spec["from"])
    sql = (
        f"SELECT {spec['select']}, (SELECT count(*) FROM {count_from} WHERE {where}) "
        f"AS total_count FROM {spec['from']} WHERE {where} ORDER BY {spec['order']} "
        "LIMIT %(limit)s"
    )
    return sql, params


# --- Public pages ----------------------------------------------------------------------------

EVENT_ROW = (
    "SELECT e.id, e.title_ru, e.kind, e.status, e.starts_at, e.ends_at, e.timezone, e.venue_ru, "
    "e.online_url, h.id AS host_id, h.name_ru AS host, hr.country, "
    "(SELECT count(*) FROM events_participant pa WHERE pa.event_id = e.id "
    "AND pa.attendance <> 'declined') AS participant_count FROM events_event e "
    "LEFT JOIN partnerships_municipality h ON h.id = e.host_municipality_id "
    "LEFT JOIN partnerships_region hr ON hr.id = h.region_id"
)
HEALTH_ROW = (
    "SELECT p.id, p.kind, p.status, p.signed_on, p.title_ru, a.id AS a_id, a.name_ru AS a_name, "
    "ra.country AS a_country, b.id AS b_id, b.name_ru AS b_name, rb.country AS b_country, "
    f"{LAST_ACTIVITY} "
    "AS last_activity_on FROM partnerships_partnership p "
    "LEFT JOIN exchanges_partnershipactivity pa ON pa.partnership_id = p.id "
    "JOIN partnerships_municipality a ON a.id = p.municipality_a_id "
    "JOIN partnerships_region ra ON ra.id = a.region_id "
    "JOIN partnerships_municipality b ON b.id = p.municipality_b_id "
    "JOIN partnerships_region rb ON rb.id = b.region_id"
)
PROJECT_ROW = (
    "SELECT j.id, j.title_ru, j.kind, j.status, j.starts_on, j.ends_on, j.budget, j.currency, "
    "(SELECT json_agg(json_build_object('id', pm.id, 'name', pm.name_ru, 'country', "
    "pr.country, 'role', pp.role) ORDER BY pp.id) FROM partnerships_projectparticipation pp "
    "JOIN partnerships_municipality pm ON pm.id = pp.municipality_id "
    "JOIN partnerships_region pr ON pr.id = pm.region_id WHERE pp.project_id = j.id) "
    "AS municipalities, ARRAY(SELECT g.number FROM partnerships_project_goals pg "
    "JOIN partnerships_goal g ON g.id = pg.goal_id WHERE pg.project_id = j.id) AS goals "
    "FROM partnerships_project j"
)
EXCHANGE_ROW = (
    "SELECT x.id, x.title_ru, x.kind, x.starts_on, x.ends_on, x.participants_count, "
    "x.youth_count, s.id AS s_id, s.name_ru AS s_name, sr.country AS s_country, h.id AS h_id, "
    "h.name_ru AS h_name, hr.country AS h_country FROM exchanges_exchange x "
    "JOIN partnerships_municipality s ON s.id = x.sending_municipality_id "
    "JOIN partnerships_region sr ON sr.id = s.region_id "
    "JOIN partnerships_municipality h ON h.id = x.hosting_municipality_id "
    "JOIN partnerships_region hr ON hr.id = h.region_id"
)
# The filter form's choices (municipalities are searched by name, not listed).
EVENT_OPTIONS = (
    "(SELECT json_agg(json_build_object('id', w.id, "
    "'name', w.name_ru)) FROM events_workinggroup w) AS working_groups, "
    "(SELECT json_agg(json_build_object('id', g.id, 'number', g.number, 'name', g.short_name_ru)) "
    "FROM partnerships_goal g) AS goals"
)


def _json_list(sql: str, alias: str) -> str:
    return f"(SELECT json_agg(t) FROM ({sql}) t) AS {alias}"


def _page_home(query) -> tuple[str, dict]:
    now = timezone.now()
    year_start = datetime.datetime(now.year, 1, 1, tzinfo=timezone.get_current_timezone())
    sql = (
        "SELECT (SELECT json_object_agg(country, n) FROM (SELECT r.country, count(*) AS n "
        "FROM partnerships_municipality m JOIN partnerships_region r ON r.id = m.region_id "
        "GROUP BY r.country) c) AS municipalities, "
        f"(SELECT count(*) FROM partnerships_partnership WHERE status IN {LIVE}) AS live, "
        "(SELECT json_object_agg(country, n) FROM (SELECT r.country, count(DISTINCT p.id) AS n "
        "FROM partnerships_partnership p JOIN partnerships_municipality m "
        "ON m.id IN (p.municipality_a_id, p.municipality_b_id) JOIN partnerships_region r "
        f"ON r.id = m.region_id WHERE p.status IN {LIVE} GROUP BY r.country) c) AS by_country, "
        "(SELECT count(*) FROM partnerships_project WHERE status <> 'draft') AS projects, "
        "(SELECT count(*) FROM events_event WHERE is_public AND status <> 'cancelled' "
        "AND starts_at >= %(year)s AND starts_at < %(next_year)s) AS events, "
        "(SELECT count(*) FROM exchanges_exchange WHERE is_public) AS exchanges, "
        "(SELECT count(*) FROM exchanges_bestpractice WHERE is_published) AS practices, "
        + _json_list(
            EVENT_ROW + " WHERE e.is_public AND e.starts_at >= %(now)s AND e.status <> "
            "'cancelled' ORDER BY e.starts_at LIMIT 5",
            "upcoming",
        )
        + ", "
        + _json_list(
            "SELECT bp.id, bp.title_ru, bp.summary_ru, bp.published_on, m.name_ru, r.country, "
            "s.name_ru AS sector FROM exchanges_bestpractice bp JOIN partnerships_municipality m "
            "ON m.id = bp.municipality_id JOIN partnerships_region r ON r.id = m.region_id "
            "JOIN partnerships_sector s ON s.id = bp.sector_id WHERE bp.is_published "
            "ORDER BY bp.published_on DESC LIMIT 4",
            "practices_shown",
        )
        + ", (SELECT row_to_json(d) FROM (SELECT id, title_ru, signed_on, place_ru "
        "FROM partnerships_memorandum ORDER BY signed_on LIMIT 1) d) AS memorandum"
    )
    return sql, {
        "now": now,
        "year": year_start,
        "next_year": year_start.replace(year=now.year + 1),
    }


def _page_municipalities(query) -> tuple[str, dict]:
    sql = (
        _json_list(
            "SELECT m.id, m.name_ru, m.kind, m.population, m.latitude, m.longitude, "
            "m.seeking_partners, r.name_ru AS region, r.country FROM partnerships_municipality m "
            "JOIN partnerships_region r ON r.id = m.region_id ORDER BY m.name_ru LIMIT 30",
            "rows",
        )
        + ", (SELECT count(*) FROM partnerships_municipality) AS total, "
        "(SELECT json_agg(json_build_object('id', id, 'name', name_ru) ORDER BY country, name_ru) "
        "FROM partnerships_region) AS regions, (SELECT json_agg(json_build_object('id', id, "
        "'name', name_ru) ORDER BY \"order\") FROM partnerships_sector) AS sectors"
    )
    return "SELECT " + sql, {}


def _page_municipality(query) -> tuple[str, dict]:
    """The municipality, its partnerships (with health), projects, events, exchanges, practices,
    open requests and its five best partner suggestions, ranked by hand-written SQL that
    aggregates each signal once per table instead of once per candidate."""
    pk = int(query["id"])
    sql = f"""
WITH me AS (
  SELECT m.*, r.country, r.name_ru AS region_name FROM partnerships_municipality m
  JOIN partnerships_region r ON r.id = m.region_id WHERE m.id = %(id)s
), my_sectors AS (
  SELECT sector_id FROM partnerships_municipality_sectors WHERE municipality_id = %(id)s
), linked AS (
  SELECT CASE WHEN municipality_a_id = %(id)s THEN municipality_b_id ELSE municipality_a_id END
  AS id FROM partnerships_partnership
  WHERE (municipality_a_id = %(id)s OR municipality_b_id = %(id)s) AND status IN {LIVE}
), shared AS (
  SELECT municipality_id AS id, count(*) AS n FROM partnerships_municipality_sectors
  WHERE sector_id IN (SELECT sector_id FROM my_sectors) GROUP BY 1
), practices AS (
  SELECT municipality_id AS id, count(*) AS n FROM exchanges_bestpractice
  WHERE is_published AND sector_id IN (SELECT sector_id FROM my_sectors) GROUP BY 1
), activity AS (
  SELECT municipality_id AS id, 1 AS n FROM exchanges_municipalityactivity
  WHERE last_event_at >= %(cutoff)s OR last_exchange_on >= %(cutoff)s
), suggestions AS (
  SELECT c.id, c.name_ru, c.population, rc.country, COALESCE(s.n, 0) AS shared,
    COALESCE(p.n, 0) AS practices, COALESCE(a.n, 0) AS activity,
    3 * COALESCE(s.n, 0) + 2 * LEAST(COALESCE(p.n, 0), 3)
    + CASE WHEN c.population > 0 AND me.population > 0
      THEN 2.0 / (1.0 + abs(ln(c.population::float) - ln(me.population::float))) ELSE 0 END
    + CASE WHEN COALESCE(a.n, 0) > 0 THEN 2 ELSE 0 END
    + CASE WHEN c.seeking_partners THEN 1 ELSE 0 END AS total
  FROM partnerships_municipality c JOIN partnerships_region rc ON rc.id = c.region_id
  CROSS JOIN me LEFT JOIN shared s ON s.id = c.id LEFT JOIN practices p ON p.id = c.id
  LEFT JOIN activity a ON a.id = c.id
  WHERE rc.country <> me.country AND c.id NOT IN (SELECT id FROM linked)
  ORDER BY total DESC, c.population DESC NULLS LAST, c.name_ru LIMIT 5
)
SELECT (SELECT row_to_json(me) FROM me) AS municipality,
  ARRAY(SELECT s.name_ru FROM partnerships_sector s JOIN my_sectors ms ON ms.sector_id = s.id)
  AS sectors,
  {
        _json_list(
            HEALTH_ROW + " WHERE p.municipality_a_id = %(id)s OR p.municipality_b_id = %(id)s"
            " ORDER BY p.status, p.signed_on DESC",
            "partnerships",
        )
    },
  {
        _json_list(
            PROJECT_ROW + " WHERE j.status <> 'draft' AND j.id IN (SELECT project_id FROM "
            "partnerships_projectparticipation WHERE municipality_id = %(id)s) "
            "ORDER BY j.starts_on DESC LIMIT 20",
            "projects",
        )
    },
  {
        _json_list(
            EVENT_ROW + " WHERE e.is_public AND e.starts_at >= %(now)s AND "
            "(e.host_municipality_id = %(id)s OR e.id IN (SELECT event_id FROM "
            "events_event_organising_municipalities WHERE municipality_id = %(id)s)) "
            "ORDER BY e.starts_at LIMIT 10",
            "upcoming",
        )
    },
  {
        _json_list(
            EVENT_ROW + " WHERE e.is_public AND e.starts_at < %(now)s AND "
            "(e.host_municipality_id = %(id)s OR e.id IN (SELECT event_id FROM "
            "events_event_organising_municipalities WHERE municipality_id = %(id)s)) "
            "ORDER BY e.starts_at DESC LIMIT 10",
            "past",
        )
    },
  {
        _json_list(
            EXCHANGE_ROW + " WHERE x.is_public AND (x.sending_municipality_id = %(id)s OR "
            "x.hosting_municipality_id = %(id)s) ORDER BY x.starts_on DESC LIMIT 10",
            "exchanges",
        )
    },
  {
        _json_list(
            "SELECT bp.id, bp.title_ru, s.name_ru AS sector FROM exchanges_bestpractice bp "
            "JOIN partnerships_sector s ON s.id = bp.sector_id WHERE bp.is_published AND "
            "bp.municipality_id = %(id)s LIMIT 10",
            "practices",
        )
    },
  {
        _json_list(
            "SELECT q.id, q.title_ru, q.valid_until FROM exchanges_partnerrequest q WHERE "
            "q.municipality_id = %(id)s AND q.status = 'open' AND (q.valid_until IS NULL OR "
            "q.valid_until >= CURRENT_DATE)",
            "requests",
        )
    },
  {_json_list("SELECT * FROM suggestions", "suggestions")}
"""
    return sql, {"id": pk, "now": timezone.now(), "cutoff": _cutoff()}


def _page_partnerships(query) -> tuple[str, dict]:
    sql = (
        "SELECT "
        + _json_list(HEALTH_ROW + " ORDER BY p.status, p.signed_on DESC, p.id LIMIT 30", "rows")
        + ", (SELECT count(*) FROM partnerships_partnership) AS total"
    )
    return sql, {}


def _page_projects(query) -> tuple[str, dict]:
    sql = (
        "SELECT "
        + _json_list(
            PROJECT_ROW + " WHERE j.status <> 'draft' ORDER BY j.starts_on DESC, j.id DESC "
            "LIMIT 20",
            "rows",
        )
        + ", (SELECT count(*) FROM partnerships_project WHERE status <> 'draft') AS total"
    )
    return sql, {}


def _page_events(query) -> tuple[str, dict]:
    now = timezone.now()
    if query.get("view") == "list":
        rows = _json_list(
            EVENT_ROW + " WHERE e.is_public AND e.ends_at >= %(now)s "
            "ORDER BY e.starts_at, e.id LIMIT 20",
            "rows",
        )
        total = "(SELECT count(*) FROM events_event WHERE is_public AND ends_at >= %(now)s)"
        params = {"now": now}
    else:
        first = timezone.localdate().replace(day=1)
        start = datetime.datetime.combine(first, datetime.time(), datetime.UTC)
        end = datetime.datetime.combine(
            (first + datetime.timedelta(days=32)).replace(day=1), datetime.time(), datetime.UTC
        )
        rows = _json_list(
            "SELECT e.id, e.title_ru, e.kind, e.status, e.starts_at, e.ends_at, e.timezone, "
            "h.name_ru AS host, hr.country FROM events_event e LEFT JOIN "
            "partnerships_municipality h ON h.id = e.host_municipality_id LEFT JOIN "
            "partnerships_region hr ON hr.id = h.region_id WHERE e.is_public AND "
            "e.starts_at < %(end)s AND e.ends_at >= %(start)s ORDER BY e.starts_at, e.id",
            "rows",
        )
        total = "0"
        params = {
            "start": start - datetime.timedelta(hours=14),
            "end": end + datetime.timedelta(hours=12),
        }
    return f"SELECT {rows}, {total} AS total, {EVENT_OPTIONS}", params


def _page_exchanges(query) -> tuple[str, dict]:
    sql = (
        "SELECT "
        + _json_list(
            EXCHANGE_ROW + " WHERE x.is_public ORDER BY x.starts_on DESC, x.id DESC LIMIT 20",
            "rows",
        )
        + ", (SELECT count(*) FROM exchanges_exchange WHERE is_public) AS total"
    )
    return sql, {}


def _page_practices(query) -> tuple[str, dict]:
    sql = (
        "SELECT "
        + _json_list(
            "SELECT bp.id, bp.title_ru, bp.summary_ru, bp.published_on, m.id AS m_id, "
            "m.name_ru, r.country, s.name_ru AS sector, (SELECT json_agg(json_build_object('id', "
            "am.id, 'name', am.name_ru)) FROM exchanges_adoption ad JOIN "
            "partnerships_municipality am ON am.id = ad.municipality_id WHERE ad.practice_id = "
            "bp.id) AS adoptions FROM exchanges_bestpractice bp JOIN partnerships_municipality m "
            "ON m.id = bp.municipality_id JOIN partnerships_region r ON r.id = m.region_id "
            "JOIN partnerships_sector s ON s.id = bp.sector_id WHERE bp.is_published "
            "ORDER BY bp.published_on DESC, bp.id DESC LIMIT 20",
            "rows",
        )
        + ", (SELECT count(*) FROM exchanges_bestpractice WHERE is_published) AS total, "
        "(SELECT json_agg(json_build_object('id', id, 'name', name_ru) ORDER BY \"order\") "
        "FROM partnerships_sector) AS sectors"
    )
    return sql, {}


def _page_requests(query) -> tuple[str, dict]:
    open_ = "q.status = 'open' AND (q.valid_until IS NULL OR q.valid_until >= CURRENT_DATE)"
    sql = (
        "SELECT "
        + _json_list(
            "SELECT q.id, q.title_ru, q.purpose_ru, q.country, q.valid_until, q.created, m.id "
            "AS m_id, m.name_ru, r.country AS m_country, ARRAY(SELECT s.name_ru FROM "
            "exchanges_partnerrequest_sectors qs JOIN partnerships_sector s ON s.id = "
            "qs.sector_id WHERE qs.partnerrequest_id = q.id) AS sectors, (SELECT count(*) FROM "
            "exchanges_partnerrequestanswer an WHERE an.request_id = q.id) AS answers FROM "
            "exchanges_partnerrequest q JOIN partnerships_municipality m ON m.id = "
            f"q.municipality_id JOIN partnerships_region r ON r.id = m.region_id WHERE {open_} "
            "ORDER BY q.created DESC, q.id DESC LIMIT 20",
            "rows",
        )
        + f", (SELECT count(*) FROM exchanges_partnerrequest q WHERE {open_}) AS total"
    )
    return sql, {}


def _page_memorandum(query) -> tuple[str, dict]:
    """The memorandum, its signatories, and per goal and kind of activity the all-time numbers
    of projects, events, exchanges and participants (as the goals report counts them)."""
    per_clause = """
SELECT c.id, c.number, c.short_name_ru,
  (SELECT count(*) FROM partnerships_project_{kind} l JOIN partnerships_project j
   ON j.id = l.project_id WHERE l.{fk} = c.id AND j.status <> 'draft') AS projects,
  (SELECT count(*) FROM events_event_{kind} l JOIN events_event e ON e.id = l.event_id
   WHERE l.{fk} = c.id AND e.status <> 'cancelled') AS events,
  (SELECT count(*) FROM exchanges_exchange_{kind} l WHERE l.{fk} = c.id) AS exchanges,
  (SELECT count(*) FROM events_event_{kind} l JOIN events_event e ON e.id = l.event_id
   JOIN events_participant pa ON pa.event_id = e.id WHERE l.{fk} = c.id
   AND e.status <> 'cancelled' AND pa.attendance <> 'declined')
  + COALESCE((SELECT sum(x.participants_count) FROM exchanges_exchange_{kind} l
   JOIN exchanges_exchange x ON x.id = l.exchange_id WHERE l.{fk} = c.id), 0) AS participants
FROM partnerships_{table} c WHERE c.memorandum_id = d.id ORDER BY c.number"""
    goals = per_clause.format(kind="goals", fk="goal_id", table="goal")
    kinds = per_clause.format(kind="activity_types", fk="activitytype_id", table="activitytype")
    sql = f"""
SELECT d.id, d.title_ru, d.subject_ru, d.text_ru, d.signed_on, d.place_ru,
  (SELECT json_agg(json_build_object('party', pt.name_ru, 'person', s.person_name_ru,
   'position', s.position_ru) ORDER BY s."order") FROM partnerships_signatory s
   JOIN partnerships_party pt ON pt.id = s.party_id WHERE s.memorandum_id = d.id) AS signatories,
  (SELECT json_agg(t) FROM ({goals}) t) AS goals,
  (SELECT json_agg(t) FROM ({kinds}) t) AS activity_types,
  (SELECT count(*) FROM partnerships_partnership) AS partnerships
FROM partnerships_memorandum d ORDER BY d.signed_on LIMIT 1"""
    return sql, {}


def _page_statistics(query) -> tuple[str, dict]:
    zone = settings.TIME_ZONE
    sql = f"""
SELECT
 (SELECT json_object_agg(y, n) FROM (SELECT extract(year FROM signed_on) AS y, count(*) AS n
  FROM partnerships_partnership WHERE signed_on IS NOT NULL GROUP BY 1) t) AS partnerships,
 (SELECT json_object_agg(y, n) FROM (SELECT extract(year FROM starts_on) AS y, count(*) AS n
  FROM partnerships_project WHERE status <> 'draft' AND starts_on IS NOT NULL GROUP BY 1) t)
  AS projects,
 (SELECT json_object_agg(y, n) FROM (SELECT extract(year FROM starts_at AT TIME ZONE '{zone}')
  AS y, count(*) AS n FROM events_event WHERE is_public AND status <> 'cancelled' GROUP BY 1) t)
  AS events,
 (SELECT json_object_agg(y, json_build_array(n, p)) FROM (SELECT extract(year FROM starts_on)
  AS y, count(*) AS n, sum(participants_count) AS p FROM exchanges_exchange WHERE is_public
  GROUP BY 1) t) AS exchanges"""
    home, params = _page_home(query)
    return f"SELECT * FROM ({sql}) s, ({home}) h", params


PAGES = {
    "home": _page_home,
    "municipalities": _page_municipalities,
    "municipality": _page_municipality,
    "partnerships": _page_partnerships,
    "projects": _page_projects,
    "events": _page_events,
    "exchanges": _page_exchanges,
    "best-practices": _page_practices,
    "partner-search": _page_requests,
    "memorandum": _page_memorandum,
    "statistics": _page_statistics,
}


def _respond(sql: str, params: dict) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column.name for column in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    return HttpResponse(
        json.dumps(rows, default=str, ensure_ascii=False), content_type="application/json"
    )


def api_floor(request, resource: str):
    spec = API.get(resource)
    if spec is None:
        raise Http404
    return _respond(*_api_sql(spec, request.GET))


def page_floor(request, page: str):
    build = PAGES.get(page)
    if build is None:
        raise Http404
    return _respond(*build(request.GET))
