"""Indexes that national-scale data needs (about 18,000 municipalities, 200,000 events; measured
with bench/, `make bench`), on PostgreSQL only; elsewhere (SQLite for `make run`) this
migration does nothing. They are not in the models' Meta, so model state is unchanged.

Name search. Django compiles ``name_ru__icontains=text`` to
``UPPER("name_ru"::text) LIKE UPPER('%text%')``: a GIN trigram index (pg_trgm) on exactly that
expression answers it from the index instead of reading every row. Names are searched in all
three languages at once, and the API's search also looks in ``official_code``, so each of those
columns has its own index and the OR of them becomes a BitmapOr. (Listing by name needs nothing
here: ``name`` has db_index, and modeltranslation gives ``name_ru``, ``name_ky`` and ``name_en``
a b-tree index each.)

Lists in their default order. Best practices, projects and partnerships are listed newest first
(their Meta.ordering) and the public partnership list by status and date; without an index in
that order PostgreSQL joins and sorts every row to return the first page (45-95 ms each at full
scale); with one it reads the first rows in order (under 2 ms, 0.1 ms for most).
"""

from django.db import migrations

TRIGRAM_COLUMNS = ("name_ru", "name_ky", "name_en", "official_code")

INDEXES = (
    *(
        (
            f"municipality_{column}_trgm",
            f"partnerships_municipality USING gin ((UPPER({column}::text)) gin_trgm_ops)",
        )
        for column in TRIGRAM_COLUMNS
    ),
    (
        "bestpractice_published_idx",
        "exchanges_bestpractice (published_on DESC, created DESC) WHERE is_published",
    ),
    ("project_starts_idx", "partnerships_project (starts_on DESC, created DESC)"),
    ("partnership_signed_idx", "partnerships_partnership (signed_on DESC, created DESC)"),
    ("partnership_status_signed_idx", "partnerships_partnership (status, signed_on DESC, id)"),
)


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, definition in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # The extension stays: other objects may have come to use it.
    for name, _definition in reversed(INDEXES):
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0001_initial"),
        ("exchanges", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
