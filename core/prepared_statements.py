"""Server-side prepared statements on PostgreSQL, for the statements the portal runs on every
request of a kind: ``fetch_all(connection, sql, params)``.

psycopg2 sends each statement as text, and PostgreSQL parses, analyses and plans it each time. An
API list's page statement (core.api.json_rows) is long, a column for every field of the
serializer, and the same for every request to that list with the same filters and page size; at
national scale parsing and planning took more than half of its database time
(``/api/v1/municipalities/?country=KG``: 4.1 ms a page as text, 1.7 ms prepared). psycopg 3
prepares a statement once a connection has run it ``prepare_threshold`` times; this does the
same for psycopg2:

- A statement is prepared on a connection the second time it runs there: with CONN_MAX_AGE=0
  each request has a new connection and nothing is prepared, at no extra cost.
- The parameters stay parameters ($1, $2, ...): one prepared statement serves every value of a
  filter. Dates, times, decimals and booleans are declared with their types, the rest inferred
  from the statement; a statement PostgreSQL cannot prepare runs as text from then on (the
  failed PREPARE in a savepoint when in a transaction), with a warning in the log.
- A connection keeps at most ``PER_CONNECTION`` statements; the least recently used is
  deallocated in the round trip that prepares a new one. Names are never reused on a
  connection, so a PREPARE that failed halfway cannot collide with a later one. An error of the
  statement itself (raised by its EXECUTE) is raised as it would be without preparing.
- PREPARE and DEALLOCATE are connection setup, as the session settings Django sends when it
  connects: they go through the driver's cursor, not Django's, so a request's queries are the
  same whichever request of a connection prepares (the EXECUTE is the request's query); this
  module logs them at DEBUG.
- ``DATABASE_PREPARED_STATEMENTS=false`` turns it off: needed behind a pooler in transaction mode
  that does not keep a session's prepared statements (PgBouncer before 1.21). A session found
  to have lost them (DISCARD ALL) starts again with nothing prepared; in a transaction the
  error is raised, as the transaction cannot go on.

Other vendors (SQLite for ``make run``) run the statement as given.
"""

import datetime
import logging
import re
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal

import psycopg2.errors
from django.conf import settings
from django.db import DatabaseError

logger = logging.getLogger(__name__)

PER_CONNECTION = 50
# Statements seen once on a connection and not yet prepared, remembered for the second time
# (a page statement is 1-10 KB of text); and statements refused, remembered per process.
_SEEN_PER_CONNECTION = 200
_UNPREPARABLE_KEPT = 200
_PLACEHOLDER = re.compile(r"%%|%s")


@dataclass
class _Session:
    """What one database session has prepared."""

    names: OrderedDict = field(default_factory=OrderedDict)  # statement -> name, oldest first
    seen: set = field(default_factory=set)
    prepared: int = 0  # names given so far: the next one is "portal_<prepared + 1>"


# Keyed by the driver's connection object: a reconnect starts a session with nothing prepared.
_sessions: "weakref.WeakKeyDictionary[object, _Session]" = weakref.WeakKeyDictionary()
# Statements PostgreSQL refused to prepare, in this process: run as text from then on.
_unpreparable: set[str] = set()


def fetch_all(connection, sql: str, params) -> list[tuple]:
    """The rows of ``sql`` with ``params`` (Django's %s placeholders), prepared on this
    connection when it is PostgreSQL and has run the same statement before."""
    params = tuple(params)
    with connection.cursor() as cursor:
        name = None
        if _preparable(connection, sql):
            name = _prepared_name(connection, cursor, sql, params)
        if name is None:
            cursor.execute(sql, params)
            return cursor.fetchall()
        try:
            cursor.execute(_execute(name, params), params)
        except DatabaseError as error:
            # The session lost what it had prepared (DISCARD ALL by a pooler that should have
            # had DATABASE_PREPARED_STATEMENTS off): start again, unless a transaction failed.
            if not isinstance(error.__cause__, psycopg2.errors.InvalidSqlStatementName):
                raise
            _sessions.pop(connection.connection, None)
            if connection.in_atomic_block:
                raise
            cursor.execute(sql, params)
        return cursor.fetchall()


def _prepared_name(connection, cursor, sql: str, params: tuple) -> str | None:
    """The name the statement is prepared under on this connection, preparing it the second
    time it comes; None while it runs as text."""
    session = _session(connection)
    name = session.names.get(sql)
    if name is not None:
        session.names.move_to_end(sql)
        return name
    if sql not in session.seen:
        if len(session.seen) >= _SEEN_PER_CONNECTION:
            session.seen.clear()
        session.seen.add(sql)
        return None
    session.seen.discard(sql)
    session.prepared += 1
    name = f"portal_{session.prepared}"
    statement = f"PREPARE {name}{_types(params)} AS {_numbered(sql)}"
    if len(session.names) >= PER_CONNECTION:
        _oldest_sql, oldest = session.names.popitem(last=False)
        statement = f"DEALLOCATE {oldest}; {statement}"
    try:
        _run_setup(connection, cursor, statement)
    except psycopg2.Error as error:
        logger.warning("Statement not prepared, runs as text from now on: %r", error)
        if len(_unpreparable) >= _UNPREPARABLE_KEPT:
            _unpreparable.clear()
        _unpreparable.add(sql)
        return None
    logger.debug("Prepared %s: %s", name, sql)
    session.names[sql] = name
    return name


def _run_setup(connection, cursor, statement: str) -> None:
    """Run a PREPARE (or DEALLOCATE) as connection setup: on the driver's cursor, as Django runs
    its session settings, so that it is not one of a request's queries; in a savepoint inside a
    transaction, which a failed PREPARE would otherwise abort."""
    raw = cursor.cursor
    if not connection.in_atomic_block:
        raw.execute(statement, ())  # () so that the driver turns %% into %, as Django's do
        return
    raw.execute("SAVEPOINT portal_prepare")
    try:
        raw.execute(statement, ())
    except psycopg2.Error:
        raw.execute("ROLLBACK TO SAVEPOINT portal_prepare")
        raise
    raw.execute("RELEASE SAVEPOINT portal_prepare")


def _preparable(connection, sql: str) -> bool:
    return (
        settings.DATABASE_PREPARED_STATEMENTS
        and connection.vendor == "postgresql"
        and "%(" not in sql
        and sql not in _unpreparable
    )


def _session(connection) -> _Session:
    raw = connection.connection  # open: the caller holds a cursor
    session = _sessions.get(raw)
    if session is None:
        session = _sessions[raw] = _Session()
    return session


def _numbered(sql: str) -> str:
    """Django's %s placeholders as PostgreSQL's $1, $2, ...; %% stays, for the driver (which
    formats the statement with its arguments, as for any statement Django runs)."""
    number = 0

    def replace(match: re.Match) -> str:
        nonlocal number
        if match.group() == "%%":
            return "%%"
        number += 1
        return f"${number}"

    return _PLACEHOLDER.sub(replace, sql)


def _types(params: tuple) -> str:
    """The parameters' types where a value's type says it and PostgreSQL could not always infer
    it (a date in GREATEST beside a date column is text to the inference), else unknown: inferred
    from the statement, as a value written in the statement would be."""
    if not params:
        return ""
    return f"({', '.join(_type(value) for value in params)})"


def _type(value) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, datetime.datetime):
        return "timestamptz" if value.tzinfo is not None else "timestamp"
    if isinstance(value, datetime.date):
        return "date"
    if isinstance(value, datetime.time):
        return "time"
    if isinstance(value, datetime.timedelta):
        return "interval"
    if isinstance(value, Decimal):
        return "numeric"
    return "unknown"


def _execute(name: str, params) -> str:
    """EXECUTE of the prepared statement, its arguments left to the driver as %s."""
    if not params:
        return f"EXECUTE {name}"
    return f"EXECUTE {name}({', '.join(['%s'] * len(params))})"
