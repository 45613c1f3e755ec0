"""Generated data at national scale, for benchmarks: about 18,000 municipalities in the real
regions of both countries, with partnerships, projects, events and their participants,
exchanges and best practices (``manage.py generate_scale_data``).

Everything generated is recognisable, so that a second run replaces it and nothing else:
municipalities carry an official code starting with ``GEN-``; projects, events, exchanges and
best practices are ``is_demo`` *and* belong to such a municipality; partnerships link two of
them. The real reference data (``load_reference_data``) is read (regions, sectors, goals, the
consent text) and never changed.

Rows go in with COPY from in-memory CSV buffers, their ids reserved from each table's sequence
beforehand so that related rows can point at them without reading anything back. The same seed
gives the same rows. History tables get no rows: the records were never edited.
"""

import csv
import datetime
import io
import math
import random
import sys
import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from core.choices import Country, Currency, DatePrecision, Language
from events.choices import Attendance, EventKind, EventStatus, ParticipantRole
from events.models import ConsentText
from exchanges import activity
from exchanges.choices import ExchangeKind, PartnerRequestStatus

from .choices import (
    MunicipalityKind,
    PartnershipKind,
    PartnershipStatus,
    ProjectKind,
    ProjectRole,
    ProjectStatus,
    RegionKind,
)
from .models import ActivityType, Goal, Municipality, Party, Region, Sector

CODE_PREFIX = "GEN-"

# Rows at full scale; --scale small is a hundredth, tiny (tests) a thousandth.
FULL_COUNTS = {
    "municipalities": 18_000,
    "partnerships": 30_000,
    "projects": 20_000,
    "events": 200_000,
    "participants": 1_000_000,
    "exchanges": 100_000,
    "best_practices": 20_000,
    "partner_requests": 2_000,
}
SCALES = {"full": 1.0, "small": 0.01, "tiny": 0.001}
# Kyrgyzstan has a few hundred local governments, Russia about 17,500.
KYRGYZ_SHARE = 0.045

# Bounding boxes (south, north, west, east) that every generated coordinate stays in.
BOUNDS = {
    Country.KYRGYZSTAN: (39.2, 43.2, 69.3, 80.2),
    Country.RUSSIA: (41.2, 77.7, 19.7, 179.9),
}
YEARS_BACK = 10
DAYS_AHEAD = 365


def counts_for(scale: str) -> dict[str, int]:
    factor = SCALES[scale]
    return {name: max(round(full * factor), 2) for name, full in FULL_COUNTS.items()}


# --- Names ------------------------------------------------------------------------------------

RU_ROOTS = (
    "Берёз",
    "Сосн",
    "Красн",
    "Нов",
    "Камен",
    "Бел",
    "Черн",
    "Лесн",
    "Луг",
    "Озёр",
    "Полян",
    "Ключ",
    "Яр",
    "Медвед",
    "Липов",
    "Рябин",
    "Горн",
    "Зелён",
    "Светл",
    "Тих",
    "Дуб",
    "Ольх",
    "Калин",
    "Вишн",
    "Груш",
    "Бор",
    "Крут",
    "Высок",
    "Широк",
    "Глубок",
    "Быстр",
    "Песчан",
    "Сокол",
    "Орл",
    "Журавл",
    "Лебед",
    "Волч",
    "Лис",
    "Зайц",
    "Ивн",
    "Елов",
    "Кедр",
    "Пихт",
    "Солн",
    "Радуж",
    "Покров",
    "Троиц",
    "Никольск",
    "Успен",
    "Воскресен",
    "Благовещен",
    "Михайл",
    "Петр",
    "Иван",
    "Алексе",
    "Андре",
    "Григор",
    "Дмитри",
    "Степан",
    "Семён",
    "Жуков",
    "Кузнец",
    "Мельнич",
    "Рыбн",
    "Соль",
    "Желез",
    "Медн",
    "Золот",
    "Серебрян",
)
RU_SUFFIXES = (
    "ово",
    "ево",
    "ино",
    "ка",
    "овка",
    "евка",
    "ск",
    "овск",
    "ное",
    "ный",
    "ки",
    "цы",
    "поль",
    "град",
    "ополье",
    "ище",
    "енск",
    "ское",
    "ец",
)
# Two-word names: an adjective agreeing with its noun.
RU_ADJECTIVES = (
    "Красн",
    "Бел",
    "Нов",
    "Стар",
    "Соснов",
    "Берёзов",
    "Камен",
    "Светл",
    "Крут",
    "Зелён",
    "Тих",
    "Глубок",
    "Широк",
    "Высок",
)
RU_NOUNS = (
    ("Поляна", "ая"),
    ("Горка", "ая"),
    ("Речка", "ая"),
    ("Слобода", "ая"),
    ("Яр", "ый"),
    ("Ключ", "ый"),
    ("Бор", "ый"),
    ("Лог", "ый"),
    ("Луг", "ый"),
    ("Озеро", "ое"),
    ("Поле", "ое"),
    ("Село", "ое"),
)
RU_PREFIXES = ("", "", "", "", "", "Ново", "Старо", "Верхне", "Нижне", "Усть-", "Красно")

KG_ROOTS = (
    ("Ак", "Ак"),
    ("Кара", "Кара"),
    ("Кызыл", "Кызыл"),
    ("Сары", "Сары"),
    ("Көк", "Кок"),
    ("Жаңы", "Жаны"),
    ("Таш", "Таш"),
    ("Бел", "Бел"),
    ("Орто", "Орто"),
    ("Чоң", "Чон"),
    ("Кичи", "Кичи"),
    ("Алтын", "Алтын"),
    ("Кум", "Кум"),
    ("Тал", "Тал"),
    ("Боз", "Боз"),
    ("Жылуу", "Джылуу"),
    ("Ала", "Ала"),
    ("Бакай", "Бакай"),
    ("Күмүш", "Кумуш"),
    ("Бала", "Бала"),
    ("Төрт", "Торт"),
    ("Беш", "Беш"),
    ("Жети", "Джети"),
    ("Терек", "Терек"),
    ("Арча", "Арча"),
    ("Байтик", "Байтик"),
    ("Чон-Кемин", "Чон-Кемин"),
    ("Баркы", "Барки"),
    ("Эки", "Эки"),
    ("Үч", "Уч"),
    ("Кең", "Кен"),
    ("Көл", "Кол"),
    ("Шамшы", "Шамшы"),
)
KG_SUFFIXES = (
    ("абад", "абад"),
    ("-Суу", "-Суу"),
    ("-Көл", "-Куль"),
    ("-Булак", "-Булак"),
    ("-Таш", "-Таш"),
    ("-Сай", "-Сай"),
    ("-Тоо", "-Тоо"),
    ("-Дөбө", "-Дёбё"),
    ("-Жар", "-Джар"),
    ("-Кыя", "-Кия"),
    ("-Терек", "-Терек"),
    ("-Арык", "-Арык"),
    ("-Кашка", "-Кашка"),
    ("-Жол", "-Джол"),
    ("-Кайың", "-Кайын"),
    ("-Өзөн", "-Озон"),
    ("-Бел", "-Бель"),
    ("-Кыштак", "-Кыштак"),
)

_TRANSLIT = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "ң": "ng",
    "о": "o",
    "ө": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ү": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
}


def transliterate(text: str) -> str:
    """Cyrillic (Russian and Kyrgyz letters) in Latin letters, roughly as maps write them."""
    out = []
    for char in text:
        lower = char.lower()
        latin = _TRANSLIT.get(lower)
        if latin is None:
            out.append(char)
        elif char != lower:
            out.append(latin[:1].upper() + latin[1:])
        else:
            out.append(latin)
    return "".join(out)


def _russian_name(rng: random.Random) -> str:
    if rng.random() < 0.15:
        noun, ending = rng.choice(RU_NOUNS)
        return f"{rng.choice(RU_ADJECTIVES)}{ending} {noun}"
    prefix = rng.choice(RU_PREFIXES)
    root = rng.choice(RU_ROOTS)
    if prefix and not prefix.endswith("-"):
        root = root.lower()
    return prefix + root + rng.choice(RU_SUFFIXES)


def _kyrgyz_name(rng: random.Random) -> tuple[str, str]:
    """(Kyrgyz spelling, Russian spelling) of a place name."""
    ky_root, ru_root = rng.choice(KG_ROOTS)
    ky_suffix, ru_suffix = rng.choice(KG_SUFFIXES)
    return ky_root + ky_suffix, ru_root + ru_suffix


RU_FIRST = (
    "Иван",
    "Сергей",
    "Алексей",
    "Дмитрий",
    "Ольга",
    "Елена",
    "Наталья",
    "Андрей",
    "Татьяна",
    "Михаил",
    "Анна",
    "Мария",
    "Павел",
    "Юлия",
    "Николай",
    "Светлана",
)
# First names of women: their surname takes the feminine ending.
FEMININE = frozenset(
    (
        "Ольга",
        "Елена",
        "Наталья",
        "Татьяна",
        "Анна",
        "Мария",
        "Юлия",
        "Светлана",
        "Айгүл",
        "Жылдыз",
        "Гүлнара",
        "Чынара",
        "Айпери",
        "Бермет",
        "Назгүл",
    )
)
RU_LAST = (
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
)
KG_FIRST = (
    "Айбек",
    "Нурлан",
    "Бакыт",
    "Азамат",
    "Айгүл",
    "Жылдыз",
    "Гүлнара",
    "Эрлан",
    "Мирлан",
    "Чынара",
    "Талант",
    "Айпери",
    "Улан",
    "Бермет",
    "Канат",
    "Назгүл",
)
KG_LAST = (
    "Садыков",
    "Токтогулов",
    "Асанов",
    "Осмонов",
    "Абдыкадыров",
    "Мамытов",
    "Жумабеков",
    "Исаков",
    "Турдубаев",
    "Бекмуратов",
    "Сыдыков",
    "Алиев",
)

# (ru, ky, en) texts the generated titles are made of.
TOPICS = (
    (
        "цифровизация муниципальных услуг",
        "муниципалдык кызматтарды санариптештирүү",
        "digital municipal services",
    ),
    ("развитие туризма", "туризмди өнүктүрүү", "tourism development"),
    ("молодёжные инициативы", "жаштардын демилгелери", "youth initiatives"),
    ("благоустройство городской среды", "шаардык чөйрөнү жасалгалоо", "urban improvement"),
    (
        "местный бюджет и закупки",
        "жергиликтүү бюджет жана сатып алуулар",
        "local budgets and procurement",
    ),
    ("образование и наука", "билим берүү жана илим", "education and science"),
    ("культурное наследие", "маданий мурас", "cultural heritage"),
    (
        "сельское хозяйство и переработка",
        "айыл чарба жана кайра иштетүү",
        "agriculture and processing",
    ),
    ("здравоохранение", "саламаттыкты сактоо", "health care"),
    (
        "водоснабжение и ЖКХ",
        "суу менен камсыздоо жана коммуналдык чарба",
        "water supply and utilities",
    ),
    ("межэтническое согласие", "этностор аралык ынтымак", "interethnic harmony"),
    ("малый бизнес", "чакан бизнес", "small business"),
)
EVENT_KIND_WORDS = {
    EventKind.CONSULTATION: ("Консультация", "Консультация", "Consultation"),
    EventKind.ROUND_TABLE: ("Круглый стол", "Тегерек стол", "Round table"),
    EventKind.SEMINAR: ("Семинар", "Семинар", "Seminar"),
    EventKind.CONFERENCE: ("Конференция", "Конференция", "Conference"),
    EventKind.FORUM: ("Форум", "Форум", "Forum"),
    EventKind.WORKING_GROUP_MEETING: (
        "Заседание рабочей группы",
        "Жумушчу топтун жыйыны",
        "Working group meeting",
    ),
    EventKind.DELEGATION_VISIT: ("Визит делегации", "Делегациянын сапары", "Delegation visit"),
    EventKind.FESTIVAL: ("Фестиваль", "Фестиваль", "Festival"),
    EventKind.OTHER: ("Встреча", "Жолугушуу", "Meeting"),
}
EXCHANGE_KIND_WORDS = {
    ExchangeKind.DELEGATION_VISIT: ("Визит делегации", "Делегациянын сапары", "Delegation visit"),
    ExchangeKind.YOUTH_EXCHANGE: ("Молодёжный обмен", "Жаштар алмашуусу", "Youth exchange"),
    ExchangeKind.INTERNSHIP: ("Стажировка", "Стажировка", "Internship"),
    ExchangeKind.CULTURAL_EXCHANGE: ("Культурный обмен", "Маданий алмашуу", "Cultural exchange"),
    ExchangeKind.TOURIST_GROUP: ("Туристическая группа", "Туристтик топ", "Tourist group"),
    ExchangeKind.UNIVERSITY_COOPERATION: (
        "Сотрудничество вузов",
        "ЖОЖдордун кызматташтыгы",
        "University cooperation",
    ),
}


# --- Writing ----------------------------------------------------------------------------------

NULL = r"\N"


def _reserve_ids(cursor, table: str, count: int) -> int:
    """The first of ``count`` consecutive ids taken from the table's sequence."""
    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
    sequence = cursor.fetchone()[0]
    cursor.execute("SELECT nextval(%s)", [sequence])
    first = cursor.fetchone()[0]
    if count > 1:
        cursor.execute("SELECT setval(%s, %s)", [sequence, first + count - 1])
    return first


class _Copy:
    """COPY rows into a table in batches from an in-memory CSV buffer (None is NULL)."""

    BATCH = 50_000

    def __init__(self, cursor, table: str, columns: Sequence[str], bar: tqdm | None = None):
        self.cursor = cursor
        self.table = table
        self.sql = (
            f"COPY \"{table}\" ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv, NULL '{NULL}')"
        )
        self.width = len(columns)
        self.bar = bar
        self.count = 0
        self._reset()

    def _reset(self) -> None:
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\n")
        self.pending = 0

    def add(self, row: Sequence) -> None:
        self.writer.writerow([NULL if value is None else value for value in row])
        self.pending += 1
        if self.pending >= self.BATCH:
            self.flush()

    def add_many(self, rows: Iterable[Sequence]) -> None:
        for row in rows:
            self.add(row)

    def flush(self) -> None:
        if self.pending:
            self.buffer.seek(0)
            self.cursor.copy_expert(self.sql, self.buffer)
            self.count += self.pending
            if self.bar is not None:
                self.bar.update(self.pending)
            self._reset()

    def __enter__(self) -> "_Copy":
        return self

    def __exit__(self, *exc) -> None:
        if exc[0] is None:
            self.flush()


# --- Deleting what an earlier run generated ---------------------------------------------------

_DELETE_STATEMENTS = (
    # What was generated, by its markers.
    "CREATE TEMP TABLE gen_m AS SELECT id FROM partnerships_municipality "
    "WHERE official_code LIKE 'GEN-%%'",
    "CREATE TEMP TABLE gen_e AS SELECT id FROM events_event "
    "WHERE is_demo AND host_municipality_id IN (SELECT id FROM gen_m)",
    "CREATE TEMP TABLE gen_x AS SELECT id FROM exchanges_exchange WHERE is_demo AND "
    "(sending_municipality_id IN (SELECT id FROM gen_m) "
    "OR hosting_municipality_id IN (SELECT id FROM gen_m))",
    "CREATE TEMP TABLE gen_bp AS SELECT id FROM exchanges_bestpractice "
    "WHERE is_demo AND municipality_id IN (SELECT id FROM gen_m)",
    "CREATE TEMP TABLE gen_p AS SELECT DISTINCT project_id AS id "
    "FROM partnerships_projectparticipation pp JOIN partnerships_project p "
    "ON p.id = pp.project_id WHERE p.is_demo AND pp.municipality_id IN (SELECT id FROM gen_m)",
    "CREATE TEMP TABLE gen_ps AS SELECT id FROM partnerships_partnership "
    "WHERE municipality_a_id IN (SELECT id FROM gen_m) "
    "OR municipality_b_id IN (SELECT id FROM gen_m)",
    *(f"ANALYZE {table}" for table in ("gen_m", "gen_e", "gen_x", "gen_bp", "gen_p", "gen_ps")),
    # Exchanges and best practices.
    *(
        f"DELETE FROM {table} WHERE exchange_id IN (SELECT id FROM gen_x)"
        for table in (
            "exchanges_exchange_goals",
            "exchanges_exchange_activity_types",
            "exchanges_exchange_sectors",
            "exchanges_exchangedocument",
        )
    ),
    "DELETE FROM exchanges_exchange WHERE id IN (SELECT id FROM gen_x)",
    "DELETE FROM exchanges_adoption WHERE practice_id IN (SELECT id FROM gen_bp) "
    "OR municipality_id IN (SELECT id FROM gen_m)",
    "DELETE FROM exchanges_bestpracticedocument WHERE practice_id IN (SELECT id FROM gen_bp)",
    "DELETE FROM exchanges_bestpractice WHERE id IN (SELECT id FROM gen_bp)",
    "CREATE TEMP TABLE gen_r AS SELECT id FROM exchanges_partnerrequest "
    "WHERE is_demo AND municipality_id IN (SELECT id FROM gen_m)",
    "DELETE FROM exchanges_partnerrequestanswer WHERE request_id IN (SELECT id FROM gen_r)",
    "DELETE FROM exchanges_partnerrequest_sectors "
    "WHERE partnerrequest_id IN (SELECT id FROM gen_r)",
    "DELETE FROM exchanges_partnerrequest WHERE id IN (SELECT id FROM gen_r)",
    "DELETE FROM exchanges_partnerrequestanswer WHERE municipality_id IN (SELECT id FROM gen_m)",
    # Events and everything hanging on them.
    *(
        f"DELETE FROM {table} WHERE event_id IN (SELECT id FROM gen_e)"
        for table in (
            "events_reminderdelivery",
            "events_resolution",
            "events_participant",
            "events_agendaitem",
            "events_eventdocument",
            "events_event_goals",
            "events_event_activity_types",
            "events_event_organising_parties",
            "events_event_organising_municipalities",
        )
    ),
    "UPDATE exchanges_exchange SET event_id = NULL WHERE event_id IN (SELECT id FROM gen_e)",
    "DELETE FROM events_event WHERE id IN (SELECT id FROM gen_e)",
    # Projects.
    *(
        f"DELETE FROM {table} WHERE project_id IN (SELECT id FROM gen_p)"
        for table in (
            "partnerships_projectparticipation",
            "partnerships_project_goals",
            "partnerships_project_activity_types",
            "partnerships_project_sectors",
            "partnerships_projectdocument",
        )
    ),
    *(
        f"UPDATE {table} SET project_id = NULL WHERE project_id IN (SELECT id FROM gen_p)"
        for table in ("events_event", "exchanges_exchange")
    ),
    "DELETE FROM partnerships_project WHERE id IN (SELECT id FROM gen_p)",
    # Partnerships.
    *(
        f"DELETE FROM {table} WHERE partnership_id IN (SELECT id FROM gen_ps)"
        for table in (
            "partnerships_partnership_sectors",
            "partnerships_partnershipdocument",
            "exchanges_partnershipactivity",
        )
    ),
    *(
        f"UPDATE {table} SET partnership_id = NULL WHERE partnership_id IN (SELECT id FROM gen_ps)"
        for table in (
            "partnerships_project",
            "events_event",
            "exchanges_exchange",
            "exchanges_partnerrequestanswer",
        )
    ),
    "DELETE FROM partnerships_partnership WHERE id IN (SELECT id FROM gen_ps)",
    # The municipalities, and stray references to them from rows that were not generated.
    *(
        f"DELETE FROM {table} WHERE municipality_id IN (SELECT id FROM gen_m)"
        for table in (
            "partnerships_municipality_sectors",
            "partnerships_municipality_editors",
            "events_event_organising_municipalities",
            "exchanges_municipalityactivity",
        )
    ),
    "UPDATE events_participant SET municipality_id = NULL "
    "WHERE municipality_id IN (SELECT id FROM gen_m)",
    "DELETE FROM partnerships_municipality WHERE id IN (SELECT id FROM gen_m)",
    "DROP TABLE gen_m, gen_e, gen_x, gen_bp, gen_p, gen_ps, gen_r",
)


def delete_generated() -> None:
    """Delete every row an earlier run generated, dependants first."""
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in _DELETE_STATEMENTS:
            cursor.execute(statement)


# --- Generation -------------------------------------------------------------------------------


@dataclass
class _Town:
    """What later steps need to know of a generated municipality."""

    pk: int
    country: str
    name: tuple[str, str, str]  # ru, ky, en
    timezone: str
    population: int


@dataclass
class _World:
    now: datetime.datetime
    today: datetime.date
    towns: list[_Town] = field(default_factory=list)
    kg: list[int] = field(default_factory=list)  # indexes into towns
    ru: list[int] = field(default_factory=list)
    kg_weights: list[float] = field(default_factory=list)  # cumulative
    ru_weights: list[float] = field(default_factory=list)
    partnerships: list[tuple[int, int, int]] = field(default_factory=list)  # pk, town a, town b
    projects: list[tuple[int, list[int]]] = field(default_factory=list)  # pk, towns
    sectors: list[int] = field(default_factory=list)
    goals: list[int] = field(default_factory=list)
    activity_types: list[int] = field(default_factory=list)
    parties: list[int] = field(default_factory=list)


def _cumulative(values: Iterable[float]) -> list[float]:
    total = 0.0
    out = []
    for value in values:
        total += value
        out.append(total)
    return out


def _stamp(moment: datetime.datetime) -> str:
    return moment.isoformat()


class Generator:
    """Generates one scale's rows; ``run()`` returns the counts written per table."""

    def __init__(self, *, scale: str = "small", seed: int = 2017, progress: bool = True):
        self.scale = scale
        self.counts = counts_for(scale)
        self.rng = random.Random(seed)
        self.progress = progress
        now = timezone.now().replace(microsecond=0)
        self.world = _World(now=now, today=now.date())
        self.written: dict[str, int] = {}

    def _bar(self, desc: str, total: int) -> tqdm:
        return tqdm(
            total=total,
            desc=desc,
            unit="rows",
            disable=not self.progress,
            file=sys.stderr,
            leave=False,
            dynamic_ncols=True,
        )

    def _copy(self, cursor, table: str, columns: Sequence[str], bar=None) -> _Copy:
        return _Copy(cursor, table, columns, bar)

    def _count(self, table: str, copier: _Copy) -> None:
        self.written[table] = self.written.get(table, 0) + copier.count

    def run(self) -> dict[str, int]:
        world = self.world
        world.sectors = list(Sector.objects.order_by("pk").values_list("pk", flat=True))
        world.goals = list(Goal.objects.order_by("pk").values_list("pk", flat=True))
        world.activity_types = list(
            ActivityType.objects.order_by("pk").values_list("pk", flat=True)
        )
        world.parties = list(Party.objects.order_by("pk").values_list("pk", flat=True))
        self.consent = ConsentText.objects.latest()
        with connection.cursor() as cursor:
            self._municipalities(cursor)
            self._partnerships(cursor)
            self._projects(cursor)
            self._events(cursor)
            self._exchanges(cursor)
            self._best_practices(cursor)
            self._partner_requests(cursor)
        return self.written

    # --- Municipalities -----------------------------------------------------------------------

    def _region_places(self) -> dict[int, tuple[str, tuple[float, float] | None]]:
        """Each region's time zone (its reference towns' most common) and centre, if known."""
        places: dict[int, tuple[str, tuple[float, float] | None]] = {}
        towns: dict[int, list] = {}
        for region_id, zone, lat, lon in Municipality.objects.exclude(
            official_code__startswith=CODE_PREFIX
        ).values_list("region_id", "timezone", "latitude", "longitude"):
            towns.setdefault(region_id, []).append((zone, lat, lon))
        for region in Region.objects.all():
            found = towns.get(region.pk, [])
            zones = [zone for zone, _lat, _lon in found if zone]
            default = "Asia/Bishkek" if region.country == Country.KYRGYZSTAN else "Europe/Moscow"
            zone = max(set(zones), key=zones.count) if zones else default
            located = [(float(lat), float(lon)) for _z, lat, lon in found if lat is not None]
            centre = None
            if located:
                centre = (
                    sum(lat for lat, _lon in located) / len(located),
                    sum(lon for _lat, lon in located) / len(located),
                )
            places[region.pk] = (zone, centre)
        return places

    def _population(self, kind: str) -> int:
        rng = self.rng
        if kind == MunicipalityKind.RURAL:
            return int(rng.lognormvariate(math.log(2_500), 0.8)) + 50
        if kind == MunicipalityKind.TOWN:
            return int(rng.lognormvariate(math.log(12_000), 0.6)) + 1_000
        if kind == MunicipalityKind.DISTRICT:
            return int(rng.lognormvariate(math.log(30_000), 0.5)) + 3_000
        if kind == MunicipalityKind.CITY_DISTRICT:
            return int(rng.lognormvariate(math.log(150_000), 0.5)) + 10_000
        # Cities: a Pareto tail from 20,000 up, a few past a million.
        return min(int(20_000 * rng.paretovariate(1.1)), 3_000_000)

    def _municipalities(self, cursor) -> None:
        rng, world = self.rng, self.world
        total = self.counts["municipalities"]
        kyrgyz_count = max(round(total * KYRGYZ_SHARE), 3)
        regions = {country: [] for country in Country.values}
        for region in Region.objects.order_by("pk"):
            # City regions (Bishkek, Moscow...) get their districts only.
            weight = 0.15 if region.kind == RegionKind.CITY else 1.0
            regions[region.country].append((region, weight))
        places = self._region_places()
        kinds = (
            (MunicipalityKind.RURAL, 0.64),
            (MunicipalityKind.TOWN, 0.20),
            (MunicipalityKind.DISTRICT, 0.08),
            (MunicipalityKind.CITY, 0.08),
        )
        kind_names, kind_weights = zip(*kinds, strict=True)
        first = _reserve_ids(cursor, "partnerships_municipality", total)
        now = _stamp(world.now)
        columns = (
            "id",
            "created",
            "updated",
            "kind",
            "region_id",
            "name",
            "name_ru",
            "name_ky",
            "name_en",
            "description",
            "description_ru",
            "description_ky",
            "description_en",
            "official_code",
            "population",
            "population_year",
            "area_km2",
            "latitude",
            "longitude",
            "timezone",
            "website",
            "email",
            "phone",
            "head_name",
            "head_name_ru",
            "head_name_ky",
            "head_name_en",
            "head_title",
            "head_title_ru",
            "head_title_ky",
            "head_title_en",
            "liaison_name",
            "liaison_name_ru",
            "liaison_name_ky",
            "liaison_name_en",
            "liaison_email",
            "liaison_phone",
            "emblem",
            "seeking_partners",
            "partner_wishes",
            "partner_wishes_ru",
            "partner_wishes_ky",
            "partner_wishes_en",
            "association_id",
            "source",
        )
        sector_rows = []
        bar = self._bar("municipalities", total)
        with self._copy(cursor, "partnerships_municipality", columns, bar) as copier:
            for index in range(total):
                pk = first + index
                country = Country.KYRGYZSTAN if index < kyrgyz_count else Country.RUSSIA
                choices, weights = zip(*regions[country], strict=True)
                region = rng.choices(choices, weights)[0]
                if region.kind == RegionKind.CITY:
                    kind = MunicipalityKind.CITY_DISTRICT
                else:
                    kind = rng.choices(kind_names, kind_weights)[0]
                if country == Country.KYRGYZSTAN:
                    ky, ru = _kyrgyz_name(rng)
                    en = transliterate(ky)
                    if kind == MunicipalityKind.RURAL:
                        ky, ru, en = (
                            f"{ky} айыл аймагы",
                            f"{ru} айыльный аймак",
                            f"{en} ayil aimak",
                        )
                    elif kind == MunicipalityKind.DISTRICT:
                        ky, ru, en = f"{ky} району", f"{ru} район", f"{en} District"
                else:
                    ru = _russian_name(rng)
                    en = transliterate(ru)
                    if kind == MunicipalityKind.DISTRICT:
                        ru, en = f"{ru} район", f"{en} District"
                    ky = ru
                zone, centre = places[region.pk]
                south, north, west, east = BOUNDS[country]
                if centre:
                    lat = min(max(rng.gauss(centre[0], 1.0), south), north)
                    lon = min(max(rng.gauss(centre[1], 1.5), west), east)
                else:
                    lat, lon = rng.uniform(south, north), rng.uniform(west, east)
                population = self._population(kind)
                description = f"Сгенерированное муниципальное образование ({region.name})."
                seeking = rng.random() < 0.15
                wishes = "Ищем партнёров для обменов и совместных проектов." if seeking else ""
                copier.add(
                    (
                        pk,
                        now,
                        now,
                        kind,
                        region.pk,
                        ru,
                        ru,
                        ky,
                        en,
                        description,
                        description,
                        "",
                        "",
                        f"{CODE_PREFIX}{country}-{index:06d}",
                        population,
                        rng.choice((2021, 2022, 2023, 2024)),
                        f"{max(population / rng.uniform(20, 400), 1):.2f}",
                        f"{lat:.6f}",
                        f"{lon:.6f}",
                        zone,
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "t" if seeking else "f",
                        wishes,
                        wishes,
                        "",
                        "",
                        None,
                        "",
                    )
                )
                world.towns.append(_Town(pk, country, (ru, ky, en), zone, population))
                for sector in rng.sample(world.sectors, rng.choice((0, 1, 2, 2, 3, 3, 4, 5))):
                    sector_rows.append((pk, sector))
        bar.close()
        self._count("partnerships_municipality", copier)
        with self._copy(
            cursor, "partnerships_municipality_sectors", ("municipality_id", "sector_id")
        ) as copier:
            copier.add_many(sector_rows)
        self._count("partnerships_municipality_sectors", copier)
        # Partners are chosen in proportion to a power of the population: big cities have many.
        for index, town in enumerate(world.towns):
            (world.kg if town.country == Country.KYRGYZSTAN else world.ru).append(index)
        world.kg_weights = _cumulative(world.towns[i].population ** 0.5 for i in world.kg)
        world.ru_weights = _cumulative(world.towns[i].population ** 0.5 for i in world.ru)

    def _pick(self, country: str, k: int = 1) -> list[int]:
        world = self.world
        if country == Country.KYRGYZSTAN:
            return self.rng.choices(world.kg, cum_weights=world.kg_weights, k=k)
        return self.rng.choices(world.ru, cum_weights=world.ru_weights, k=k)

    def _pair(self) -> tuple[int, int]:
        """A Kyrgyz and a Russian municipality (as town indexes), in random order."""
        pair = (self._pick(Country.KYRGYZSTAN)[0], self._pick(Country.RUSSIA)[0])
        return pair if self.rng.random() < 0.5 else (pair[1], pair[0])

    def _day(self, start: datetime.date, end: datetime.date) -> datetime.date:
        span = max((end - start).days, 0)
        return start + datetime.timedelta(days=self.rng.randint(0, span))

    # --- Partnerships -------------------------------------------------------------------------

    def _partnerships(self, cursor) -> None:
        rng, world = self.rng, self.world
        total = self.counts["partnerships"]
        kinds = (
            PartnershipKind.TWINNING,
            PartnershipKind.COOPERATION_AGREEMENT,
            PartnershipKind.PROTOCOL_OF_INTENT,
        )
        statuses = (
            (PartnershipStatus.ACTIVE, 0.55),
            (PartnershipStatus.PROPOSED, 0.08),
            (PartnershipStatus.NEGOTIATING, 0.10),
            (PartnershipStatus.SUSPENDED, 0.05),
            (PartnershipStatus.TERMINATED, 0.22),
        )
        status_names, status_weights = zip(*statuses, strict=True)
        first = _reserve_ids(cursor, "partnerships_partnership", total)
        now = _stamp(world.now)
        earliest = world.today - datetime.timedelta(days=365 * 25)
        columns = (
            "id",
            "created",
            "updated",
            "municipality_a_id",
            "municipality_b_id",
            "kind",
            "status",
            "proposed_on",
            "negotiations_started_on",
            "signed_on",
            "signed_on_precision",
            "suspended_on",
            "terminated_on",
            "title",
            "title_ru",
            "title_ky",
            "title_en",
            "description",
            "description_ru",
            "description_ky",
            "description_en",
            "source",
        )
        seen: set[tuple[int, int, str]] = set()
        sector_rows = []
        bar = self._bar("partnerships", total)
        with self._copy(cursor, "partnerships_partnership", columns, bar) as copier:
            index = 0
            while index < total:
                a, b = self._pair()
                kind = rng.choice(kinds)
                key = (min(a, b), max(a, b), kind)
                if key in seen:
                    continue
                seen.add(key)
                pk = first + index
                index += 1
                status = rng.choices(status_names, status_weights)[0]
                proposed = self._day(earliest, world.today)
                negotiating = signed = suspended = terminated = None
                if status != PartnershipStatus.PROPOSED:
                    negotiating = self._day(
                        proposed, min(proposed + datetime.timedelta(days=400), world.today)
                    )
                if status in (PartnershipStatus.ACTIVE, PartnershipStatus.SUSPENDED) or (
                    status == PartnershipStatus.TERMINATED and rng.random() < 0.7
                ):
                    signed = self._day(
                        negotiating, min(negotiating + datetime.timedelta(days=300), world.today)
                    )
                if status == PartnershipStatus.SUSPENDED:
                    suspended = self._day(signed, world.today)
                if status == PartnershipStatus.TERMINATED:
                    terminated = self._day(signed or negotiating, world.today)
                town_a, town_b = world.towns[a], world.towns[b]
                words = {
                    PartnershipKind.TWINNING: (
                        "Соглашение о побратимстве",
                        "Бир туугандашуу жөнүндө келишим",
                        "Twinning agreement",
                    ),
                    PartnershipKind.COOPERATION_AGREEMENT: (
                        "Соглашение о сотрудничестве",
                        "Кызматташуу жөнүндө келишим",
                        "Cooperation agreement",
                    ),
                    PartnershipKind.PROTOCOL_OF_INTENT: (
                        "Протокол о намерениях",
                        "Ниет протоколу",
                        "Protocol of intent",
                    ),
                }[kind]
                title = [
                    f"{words[lang]}: {town_a.name[lang]} – {town_b.name[lang]}" for lang in range(3)
                ]
                copier.add(
                    (
                        pk,
                        now,
                        now,
                        town_a.pk,
                        town_b.pk,
                        kind,
                        status,
                        proposed,
                        negotiating,
                        signed,
                        DatePrecision.YEAR if rng.random() < 0.1 else DatePrecision.DAY,
                        suspended,
                        terminated,
                        title[0],
                        title[0],
                        title[1],
                        title[2],
                        "",
                        "",
                        "",
                        "",
                        "",
                    )
                )
                world.partnerships.append((pk, a, b))
                if rng.random() < 0.5:
                    for sector in rng.sample(world.sectors, rng.randint(1, 3)):
                        sector_rows.append((pk, sector))
        bar.close()
        self._count("partnerships_partnership", copier)
        with self._copy(
            cursor, "partnerships_partnership_sectors", ("partnership_id", "sector_id")
        ) as copier:
            copier.add_many(sector_rows)
        self._count("partnerships_partnership_sectors", copier)

    # --- Projects -----------------------------------------------------------------------------

    def _projects(self, cursor) -> None:
        rng, world = self.rng, self.world
        total = self.counts["projects"]
        statuses = (
            (ProjectStatus.DRAFT, 0.05),
            (ProjectStatus.PLANNED, 0.15),
            (ProjectStatus.IN_PROGRESS, 0.30),
            (ProjectStatus.COMPLETED, 0.45),
            (ProjectStatus.CANCELLED, 0.05),
        )
        status_names, status_weights = zip(*statuses, strict=True)
        kinds = ProjectKind.values
        first = _reserve_ids(cursor, "partnerships_project", total)
        now = _stamp(world.now)
        start_from = world.today - datetime.timedelta(days=365 * YEARS_BACK)
        start_to = world.today + datetime.timedelta(days=DAYS_AHEAD)
        columns = (
            "id",
            "created",
            "updated",
            "title",
            "title_ru",
            "title_ky",
            "title_en",
            "summary",
            "summary_ru",
            "summary_ky",
            "summary_en",
            "results",
            "results_ru",
            "results_ky",
            "results_en",
            "kind",
            "status",
            "partnership_id",
            "starts_on",
            "ends_on",
            "budget",
            "currency",
            "is_demo",
        )
        participations, goals, activities, sectors = [], [], [], []
        bar = self._bar("projects", total)
        with self._copy(cursor, "partnerships_project", columns, bar) as copier:
            for index in range(total):
                pk = first + index
                partnership_pk = None
                if world.partnerships and rng.random() < 0.6:
                    partnership_pk, a, b = rng.choice(world.partnerships)
                else:
                    a, b = self._pair()
                towns = [a, b]
                for _extra in range(rng.choice((0, 0, 1, 2))):
                    candidate = self._pick(rng.choice(Country.values))[0]
                    if candidate not in towns:
                        towns.append(candidate)
                status = rng.choices(status_names, status_weights)[0]
                starts = self._day(start_from, start_to)
                ends = None
                if status != ProjectStatus.IN_PROGRESS or rng.random() < 0.5:
                    ends = starts + datetime.timedelta(days=rng.randint(30, 1100))
                budget, currency = None, ""
                if rng.random() < 0.7:
                    currency = rng.choice((Currency.RUB, Currency.KGS, Currency.USD))
                    budget = f"{rng.lognormvariate(math.log(2_000_000), 1.2):.2f}"
                topic = rng.choice(TOPICS)
                lead, partner = world.towns[towns[0]], world.towns[towns[1]]
                title = [
                    f"{topic[lang][:1].upper()}{topic[lang][1:]}: "
                    f"{lead.name[lang]} – {partner.name[lang]}"
                    for lang in range(3)
                ]
                summary = f"Совместный проект по теме «{topic[0]}»."
                copier.add(
                    (
                        pk,
                        now,
                        now,
                        title[0],
                        title[0],
                        title[1],
                        title[2],
                        summary,
                        summary,
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        rng.choice(kinds),
                        status,
                        partnership_pk,
                        starts,
                        ends,
                        budget,
                        currency,
                        "t",
                    )
                )
                has_lead = rng.random() < 0.8
                for position, town in enumerate(towns):
                    if position == 0 and has_lead:
                        role = ProjectRole.LEAD
                    else:
                        role = ProjectRole.PARTNER if rng.random() < 0.8 else ProjectRole.ASSOCIATE
                    participations.append((pk, world.towns[town].pk, role))
                if rng.random() < 0.7:
                    goals.extend((pk, goal) for goal in rng.sample(world.goals, rng.randint(1, 3)))
                if rng.random() < 0.6:
                    activities.append((pk, rng.choice(world.activity_types)))
                sectors.extend((pk, s) for s in rng.sample(world.sectors, rng.randint(1, 2)))
                world.projects.append((pk, towns))
        bar.close()
        self._count("partnerships_project", copier)
        for table, columns, rows in (
            (
                "partnerships_projectparticipation",
                ("project_id", "municipality_id", "role"),
                participations,
            ),
            ("partnerships_project_goals", ("project_id", "goal_id"), goals),
            ("partnerships_project_activity_types", ("project_id", "activitytype_id"), activities),
            ("partnerships_project_sectors", ("project_id", "sector_id"), sectors),
        ):
            with self._copy(cursor, table, columns) as copier:
                copier.add_many(rows)
            self._count(table, copier)

    # --- Events and participants --------------------------------------------------------------

    def _event_status(self, starts_at: datetime.datetime) -> str:
        roll = self.rng.random()
        if starts_at < self.world.now:
            for status, share in (
                (EventStatus.HELD, 0.82),
                (EventStatus.CANCELLED, 0.90),
                (EventStatus.POSTPONED, 0.93),
                (EventStatus.CONFIRMED, 0.97),
            ):
                if roll < share:
                    return status
            return EventStatus.PLANNED
        for status, share in (
            (EventStatus.PLANNED, 0.55),
            (EventStatus.CONFIRMED, 0.90),
            (EventStatus.POSTPONED, 0.94),
        ):
            if roll < share:
                return status
        return EventStatus.CANCELLED

    def _events(self, cursor) -> None:
        rng, world = self.rng, self.world
        total = self.counts["events"]
        kinds = EventKind.values
        zones = {name: zoneinfo.ZoneInfo(name) for name in {t.timezone for t in world.towns}}
        first = _reserve_ids(cursor, "events_event", total)
        now = _stamp(world.now)
        start_from = world.today - datetime.timedelta(days=365 * YEARS_BACK)
        start_to = world.today + datetime.timedelta(days=DAYS_AHEAD)
        columns = (
            "id",
            "created",
            "updated",
            "kind",
            "title",
            "title_ru",
            "title_ky",
            "title_en",
            "description",
            "description_ru",
            "description_ky",
            "description_en",
            "outcomes",
            "outcomes_ru",
            "outcomes_ky",
            "outcomes_en",
            "status",
            "starts_at",
            "ends_at",
            "timezone",
            "venue",
            "venue_ru",
            "venue_ky",
            "venue_en",
            "host_municipality_id",
            "online_url",
            "working_group_id",
            "partnership_id",
            "project_id",
            "is_public",
            "reminders_enabled",
            "reminder_offsets",
            "reminder_note",
            "reminder_note_ru",
            "reminder_note_ky",
            "reminder_note_en",
            "sequence",
            "is_demo",
        )
        # (event pk, start, past?, host town index) for the participants.
        events: list[tuple[int, datetime.datetime, bool, int]] = []
        goals, activities, organisers, parties = [], [], [], []
        bar = self._bar("events", total)
        with self._copy(cursor, "events_event", columns, bar) as copier:
            for index in range(total):
                pk = first + index
                partnership_pk = project_pk = None
                roll = rng.random()
                partner = None
                if roll < 0.3 and world.partnerships:
                    partnership_pk, a, b = rng.choice(world.partnerships)
                    host, partner = (a, b) if rng.random() < 0.5 else (b, a)
                elif roll < 0.5 and world.projects:
                    project_pk, towns = rng.choice(world.projects)
                    host = rng.choice(towns)
                else:
                    host = self._pick(Country.KYRGYZSTAN if rng.random() < 0.4 else Country.RUSSIA)[
                        0
                    ]
                town = world.towns[host]
                day = self._day(start_from, start_to)
                local = datetime.datetime(
                    day.year,
                    day.month,
                    day.day,
                    rng.randint(9, 17),
                    rng.choice((0, 30)),
                    tzinfo=zones[town.timezone],
                )
                starts_at = local.astimezone(datetime.UTC)
                ends_at = starts_at + datetime.timedelta(
                    hours=rng.choice((1, 2, 2, 3, 4, 8, 24, 48))
                )
                kind = rng.choice(kinds)
                topic = rng.choice(TOPICS)
                words = EVENT_KIND_WORDS[kind]
                title = [f"{words[lang]} «{topic[lang]}», {town.name[lang]}" for lang in range(3)]
                venue = f"Администрация, {town.name[0]}"
                online = rng.random() < 0.2
                copier.add(
                    (
                        pk,
                        now,
                        now,
                        kind,
                        title[0],
                        title[0],
                        title[1],
                        title[2],
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        self._event_status(starts_at),
                        _stamp(starts_at),
                        _stamp(ends_at),
                        town.timezone,
                        venue,
                        venue,
                        "",
                        "",
                        town.pk,
                        f"https://meet.example.org/{pk}" if online else "",
                        None,
                        partnership_pk,
                        project_pk,
                        "t" if rng.random() < 0.9 else "f",
                        "t" if rng.random() < 0.95 else "f",
                        None,
                        "",
                        "",
                        "",
                        "",
                        0,
                        "t",
                    )
                )
                events.append((pk, starts_at, starts_at < world.now, host))
                if rng.random() < 0.5:
                    goals.extend((pk, goal) for goal in rng.sample(world.goals, rng.randint(1, 2)))
                if rng.random() < 0.5:
                    activities.append((pk, rng.choice(world.activity_types)))
                if partner is not None and rng.random() < 0.5:
                    organisers.append((pk, world.towns[partner].pk))
                elif rng.random() < 0.1:
                    organisers.append((pk, world.towns[self._pair()[0]].pk))
                if rng.random() < 0.1 and world.parties:
                    parties.append((pk, rng.choice(world.parties)))
        bar.close()
        self._count("events_event", copier)
        for table, columns, rows in (
            ("events_event_goals", ("event_id", "goal_id"), goals),
            ("events_event_activity_types", ("event_id", "activitytype_id"), activities),
            ("events_event_organising_municipalities", ("event_id", "municipality_id"), organisers),
            ("events_event_organising_parties", ("event_id", "party_id"), parties),
        ):
            with self._copy(cursor, table, columns) as copier:
                copier.add_many(rows)
            self._count(table, copier)
        self._participants(cursor, events)

    def _participants(self, cursor, events) -> None:
        rng, world = self.rng, self.world
        total = self.counts["participants"]
        # A heavy tail: most events have a handful of people, a forum has hundreds.
        weights = _cumulative(rng.paretovariate(1.3) for _event in events)
        per_event = [0] * len(events)
        for position in rng.choices(range(len(events)), cum_weights=weights, k=total):
            per_event[position] += 1
        first = _reserve_ids(cursor, "events_participant", total)
        consent_pk = self.consent.pk
        roles = ParticipantRole.values
        past_attendance = (
            (Attendance.ATTENDED, 0.70),
            (Attendance.ABSENT, 0.80),
            (Attendance.DECLINED, 0.85),
            (Attendance.CONFIRMED, 0.92),
        )
        future_attendance = ((Attendance.REGISTERED, 0.60), (Attendance.CONFIRMED, 0.95))
        zones = sorted({town.timezone for town in world.towns})
        columns = (
            "id",
            "created",
            "updated",
            "event_id",
            "name",
            "email",
            "organisation",
            "municipality_id",
            "role",
            "preferred_language",
            "timezone",
            "attendance",
            "consent_text_id",
            "consent_given_at",
            "erased_at",
        )
        random_, choice, towns = rng.random, rng.choice, world.towns
        pk = first
        bar = self._bar("participants", total)
        with self._copy(cursor, "events_participant", columns, bar) as copier:
            for (event_pk, starts_at, past, host), count in zip(events, per_event, strict=True):
                if not count:
                    continue
                registered = _stamp(
                    min(starts_at - datetime.timedelta(days=rng.randint(1, 60)), world.now)
                )
                for _person in range(count):
                    town = (
                        towns[host]
                        if random_() < 0.5
                        else towns[
                            self._pick(Country.KYRGYZSTAN if random_() < 0.4 else Country.RUSSIA)[0]
                        ]
                    )
                    kyrgyz = town.country == Country.KYRGYZSTAN
                    first_name = choice(KG_FIRST if kyrgyz else RU_FIRST)
                    last_name = choice(KG_LAST if kyrgyz else RU_LAST)
                    if first_name in FEMININE:
                        last_name += "а"
                    if kyrgyz:
                        language = Language.KYRGYZ if random_() < 0.5 else Language.RUSSIAN
                    else:
                        language = Language.RUSSIAN if random_() < 0.95 else Language.ENGLISH
                    roll = random_()
                    table = past_attendance if past else future_attendance
                    attendance = Attendance.REGISTERED if past else Attendance.DECLINED
                    for value, share in table:
                        if roll < share:
                            attendance = value
                            break
                    if random_() < 0.004:
                        # A participant whose personal data a coordinator erased.
                        name, email, consent, consent_at, erased = "", None, None, None, registered
                    elif random_() < 0.05:
                        name = f"{first_name} {last_name}"
                        email, consent, consent_at, erased = None, None, None, None
                    else:
                        name = f"{first_name} {last_name}"
                        email = f"{transliterate(first_name).lower()}.{pk}@example.org"
                        consent, consent_at, erased = consent_pk, registered, None
                    copier.add(
                        (
                            pk,
                            registered,
                            registered,
                            event_pk,
                            name,
                            email,
                            f"Администрация, {town.name[0]}",
                            town.pk,
                            choice(roles) if random_() < 0.3 else ParticipantRole.DELEGATE,
                            language,
                            choice(zones) if random_() < 0.3 else "",
                            attendance,
                            consent,
                            consent_at,
                            erased,
                        )
                    )
                    pk += 1
        bar.close()
        self._count("events_participant", copier)

    # --- Exchanges and best practices ---------------------------------------------------------

    def _exchanges(self, cursor) -> None:
        rng, world = self.rng, self.world
        total = self.counts["exchanges"]
        kinds = ExchangeKind.values
        first = _reserve_ids(cursor, "exchanges_exchange", total)
        now = _stamp(world.now)
        start_from = world.today - datetime.timedelta(days=365 * YEARS_BACK)
        start_to = world.today + datetime.timedelta(days=DAYS_AHEAD)
        columns = (
            "id",
            "created",
            "updated",
            "kind",
            "title",
            "title_ru",
            "title_ky",
            "title_en",
            "programme",
            "programme_ru",
            "programme_ky",
            "programme_en",
            "outcomes",
            "outcomes_ru",
            "outcomes_ky",
            "outcomes_en",
            "sending_municipality_id",
            "hosting_municipality_id",
            "starts_on",
            "ends_on",
            "participants_count",
            "youth_count",
            "partnership_id",
            "event_id",
            "project_id",
            "is_public",
            "is_demo",
        )
        goals, sectors = [], []
        bar = self._bar("exchanges", total)
        with self._copy(cursor, "exchanges_exchange", columns, bar) as copier:
            for index in range(total):
                pk = first + index
                partnership_pk = None
                if world.partnerships and rng.random() < 0.4:
                    partnership_pk, a, b = rng.choice(world.partnerships)
                    sending, hosting = (a, b) if rng.random() < 0.5 else (b, a)
                else:
                    sending, hosting = self._pair()
                kind = rng.choice(kinds)
                starts = self._day(start_from, start_to)
                ends = starts + datetime.timedelta(days=rng.randint(1, 30))
                people = max(int(rng.lognormvariate(math.log(12), 0.8)), 1)
                youth = rng.randint(0, people)
                if kind == ExchangeKind.YOUTH_EXCHANGE:
                    youth = people
                words = EXCHANGE_KIND_WORDS[kind]
                one, two = world.towns[sending], world.towns[hosting]
                title = [f"{words[lang]}: {one.name[lang]} → {two.name[lang]}" for lang in range(3)]
                copier.add(
                    (
                        pk,
                        now,
                        now,
                        kind,
                        title[0],
                        title[0],
                        title[1],
                        title[2],
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        one.pk,
                        two.pk,
                        starts,
                        ends,
                        people,
                        youth,
                        partnership_pk,
                        None,
                        None,
                        "t" if rng.random() < 0.92 else "f",
                        "t",
                    )
                )
                if rng.random() < 0.5:
                    goals.extend((pk, goal) for goal in rng.sample(world.goals, rng.randint(1, 2)))
                if rng.random() < 0.6:
                    sectors.extend((pk, s) for s in rng.sample(world.sectors, rng.randint(1, 2)))
        bar.close()
        self._count("exchanges_exchange", copier)
        for table, columns, rows in (
            ("exchanges_exchange_goals", ("exchange_id", "goal_id"), goals),
            ("exchanges_exchange_sectors", ("exchange_id", "sector_id"), sectors),
        ):
            with self._copy(cursor, table, columns) as copier:
                copier.add_many(rows)
            self._count(table, copier)

    def _best_practices(self, cursor) -> None:
        rng, world = self.rng, self.world
        total = self.counts["best_practices"]
        now = _stamp(world.now)
        since = world.today - datetime.timedelta(days=365 * YEARS_BACK)
        columns = (
            "created",
            "updated",
            "municipality_id",
            "sector_id",
            "title",
            "title_ru",
            "title_ky",
            "title_en",
            "summary",
            "summary_ru",
            "summary_ky",
            "summary_en",
            "body",
            "body_ru",
            "body_ky",
            "body_en",
            "is_published",
            "published_on",
            "is_demo",
        )
        bar = self._bar("best practices", total)
        with self._copy(cursor, "exchanges_bestpractice", columns, bar) as copier:
            for _index in range(total):
                town = world.towns[
                    self._pick(Country.KYRGYZSTAN if rng.random() < 0.3 else Country.RUSSIA)[0]
                ]
                topic = rng.choice(TOPICS)
                title = [
                    f"{topic[lang][:1].upper()}{topic[lang][1:]} — {town.name[lang]}"
                    for lang in range(3)
                ]
                summary = f"Как {town.name[0]} решает задачи по теме «{topic[0]}»."
                published = rng.random() < 0.85
                copier.add(
                    (
                        now,
                        now,
                        town.pk,
                        rng.choice(world.sectors),
                        title[0],
                        title[0],
                        title[1],
                        title[2],
                        summary,
                        summary,
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "t" if published else "f",
                        self._day(since, world.today) if published else None,
                        "t",
                    )
                )
        bar.close()
        self._count("exchanges_bestpractice", copier)

    def _partner_requests(self, cursor) -> None:
        rng, world = self.rng, self.world
        total = self.counts["partner_requests"]
        first = _reserve_ids(cursor, "exchanges_partnerrequest", total)
        columns = (
            "id",
            "created",
            "updated",
            "municipality_id",
            "title",
            "title_ru",
            "title_ky",
            "title_en",
            "purpose",
            "purpose_ru",
            "purpose_ky",
            "purpose_en",
            "country",
            "population_min",
            "population_max",
            "valid_until",
            "status",
            "closed_on",
            "contact_name",
            "contact_email",
            "is_demo",
        )
        sectors = []
        bar = self._bar("partner requests", total)
        with self._copy(cursor, "exchanges_partnerrequest", columns, bar) as copier:
            for index in range(total):
                pk = first + index
                kyrgyz = rng.random() < 0.5
                town = world.towns[self._pick(Country.KYRGYZSTAN if kyrgyz else Country.RUSSIA)[0]]
                other = Country.RUSSIA if kyrgyz else Country.KYRGYZSTAN
                created = world.now - datetime.timedelta(days=rng.randint(0, 365 * 3))
                status = rng.choices(PartnerRequestStatus.values, (0.6, 0.2, 0.2))[0]
                closed = None
                if status != PartnerRequestStatus.OPEN:
                    closed = self._day(created.date(), world.today)
                valid = self._day(world.today, world.today + datetime.timedelta(days=365))
                topic = rng.choice(TOPICS)
                title = [f"{town.name[lang]}: {topic[lang]}" for lang in range(3)]
                purpose = f"Ищем партнёра для сотрудничества по теме «{topic[0]}»."
                low = rng.choice((None, None, 1_000, 10_000, 50_000))
                high = None if low is None or rng.random() < 0.5 else low * 20
                copier.add(
                    (
                        pk,
                        _stamp(created),
                        _stamp(created),
                        town.pk,
                        title[0],
                        title[0],
                        title[1],
                        title[2],
                        purpose,
                        purpose,
                        "",
                        "",
                        other if rng.random() < 0.8 else "",
                        low,
                        high,
                        valid if rng.random() < 0.8 else None,
                        status,
                        closed,
                        "Отдел внешних связей",
                        f"partners.{pk}@example.org",
                        "t",
                    )
                )
                sectors.extend((pk, s) for s in rng.sample(world.sectors, rng.randint(1, 3)))
        bar.close()
        self._count("exchanges_partnerrequest", copier)
        with self._copy(
            cursor, "exchanges_partnerrequest_sectors", ("partnerrequest_id", "sector_id")
        ) as copier:
            copier.add_many(sectors)
        self._count("exchanges_partnerrequest_sectors", copier)


def analyze(*, vacuum: bool = True) -> None:
    """Fresh planner statistics after a bulk load (VACUUM too, outside a transaction)."""
    with connection.cursor() as cursor:
        if connection.in_atomic_block or not vacuum:
            cursor.execute("ANALYZE")
        else:
            cursor.execute("VACUUM (ANALYZE)")


def generate(*, scale: str = "small", seed: int = 2017, progress: bool = True) -> dict[str, int]:
    """Replace the generated rows with a fresh set at ``scale``; returns rows per table."""
    if connection.vendor != "postgresql":
        raise RuntimeError("Scale data is generated with COPY: it needs PostgreSQL.")
    delete_generated()
    written = Generator(scale=scale, seed=seed, progress=progress).run()
    # Statistics of the new rows before reading them: planned for the empty tables of a fresh
    # database, the refresh's per-partnership subqueries scanned every exchange for each
    # partnership (over 10 minutes at full scale instead of about 30 s).
    analyze(vacuum=False)
    # COPY sent no signals: the latest activity of each municipality and partnership, as saves
    # keep them.
    activity.refresh_all()
    analyze()
    return written
