"""Server-side prepared statements on PostgreSQL, for the statements the portal runs on every
request of a kind: ``fetch_all(connection, sql, params)``.

psycopg2 sends each statement as text, and PostgreSQL parses, analyses and plans it each time. An
API list's page statement (core.api.json_rows) is long, a column for every field of the
serializer, and the same for every request to that list with the same filters and page size; at
national scale parsing and planning took more than half of its database time
(``/api/v1/municipalities/?country=KG``: 4.1 ms a page as text, 1.7 ms prepared), and for a
small list four times its execution (0.2-0.4 ms against 0.04-0.1 ms). So:

- A statement is prepared on a connection the second time it runs there, or the first time when
  the caller knows it will come again (``recurring``: the first page of an API list). With
  CONN_MAX_AGE=0 each request has a new connection and nothing is prepared, at no extra cost.
- It is prepared with its values, as the text psycopg2 would send (the driver quotes them, as for
  any statement): a prepared statement without parameters is planned once, for its values, at its
  first EXECUTE. With parameters PostgreSQL planned it again at each of its first five
  executions on a connection (plan_cache_mode auto), and then could settle on a generic plan
  blind to the values (a country with 3 % of the municipalities, or 97 %). Each set of values is
  its own prepared statement: the same list with another filter value is prepared anew.
- A statement PostgreSQL cannot prepare runs as text from then on (the failed PREPARE in a
  savepoint when in a transaction), with a warning in the log.
- A connection keeps at most ``PER_CONNECTION`` statements; the least recently used is
  deallocated in the round trip that prepares a new one. Names are never reused on a
  connection, so a PREPARE that failed halfway cannot collide with a later one. An error of the
  statement itself (raised by its EXECUTE) is raised as it would be without preparing.
- PREPARE and DEALLOCATE are connection setup, as the session settings Django sends when it
  connects: they go through the driver's cursor, not Django's; the request's query is the
  EXECUTE (``EXECUTE portal_<n>``). This module logs the PREPAREs, with their text, at DEBUG.
- A read is its own health check: Django's ``SELECT 1`` before a request's first query
  (CONN_HEALTH_CHECKS) was a round trip of its own, as long as a small list's EXECUTE. A read
  that finds its persistent connection dead reconnects and reads once more (``fetch_all``).
- ``DATABASE_PREPARED_STATEMENTS=false`` turns preparing off: needed behind a pooler in
  transaction mode that does not keep a session's prepared statements (PgBouncer before 1.21).
  A session found to have lost them (DISCARD ALL) starts again with nothing prepared; in a
  transaction the error is raised, as the transaction cannot go on.

Other vendors (SQLite for ``make run``) run the statement as given.
"""

import logging
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field

import psycopg2.errors
from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError

from core.lru import LeastRecentlyUsed

logger = logging.getLogger(__name__)

# A connection that broke, in Django's words and in the driver's (PREPARE runs on the driver's
# cursor).
_CONNECTION_ERRORS = (
    OperationalError,
    InterfaceError,
    psycopg2.OperationalError,
    psycopg2.InterfaceError,
)

PER_CONNECTION = 50
# Statements seen once on a connection and not yet prepared, remembered for the second time
# (a page statement is 1-10 KB of text); and statements refused, remembered per process.
_SEEN_PER_CONNECTION = 200
_UNPREPARABLE_KEPT = 200


@dataclass
class _Session:
    """What one database session has prepared."""

    # The statement with its values, as the driver writes it -> its name; oldest first.
    names: OrderedDict = field(default_factory=OrderedDict)
    seen: set = field(default_factory=set)
    prepared: int = 0  # names given so far: the next one is "portal_<prepared + 1>"


# Keyed by the driver's connection object: a reconnect starts a session with nothing prepared.
_sessions: "weakref.WeakKeyDictionary[object, _Session]" = weakref.WeakKeyDictionary()
# Statements PostgreSQL refused to prepare, in this process: run as text from then on.
_unpreparable: set[str] = set()
# Statements with their values as the driver writes them, by database, statement and values,
# the 500 used last: writing a list's page statement (2-8 KB) took 14-38 µs a request.
_texts = LeastRecentlyUsed(500)


def fetch_all(connection, sql: str, params, *, recurring: bool = False) -> list[tuple]:
    """The rows of ``sql`` with ``params`` (Django's %s placeholders), prepared with those values
    on this connection when it is PostgreSQL and has run the same statement before, or at once
    when ``recurring``.

    A read is its own health check: on a persistent connection not yet checked in this request
    (CONN_HEALTH_CHECKS), Django's ``SELECT 1`` is left out, and a read that finds the
    connection dead (the server restarted, the backend was terminated) reconnects and reads
    once more. Outside a transaction only, where reading again repeats nothing else."""
    params = tuple(params)
    if not _read_checks_connection(connection):
        return _fetch_all(connection, sql, params, recurring)
    try:
        return _fetch_all(connection, sql, params, recurring)
    except _CONNECTION_ERRORS:
        if connection.is_usable():
            raise  # the statement's error, not the connection's
        logger.warning("Database connection found dead by a read; reconnecting to read again")
        connection.close()
        return _fetch_all(connection, sql, params, recurring)


def _read_checks_connection(connection) -> bool:
    """True, and the request's health check counted as done, when this read stands in for it."""
    if (
        connection.vendor != "postgresql"
        or not connection.health_check_enabled
        or connection.health_check_done
        or connection.connection is None  # a new connection needs no check
        or connection.in_atomic_block
    ):
        return False
    connection.health_check_done = True
    return True


def _fetch_all(connection, sql: str, params: tuple, recurring: bool) -> list[tuple]:
    with connection.cursor() as cursor:
        name = None
        if _preparable(connection, sql):
            text = _text(connection, cursor, sql, params)
            name = _prepared_name(connection, cursor, sql, text, recurring)
        if name is None:
            cursor.execute(sql, params)
            return cursor.fetchall()
        try:
            cursor.execute(f"EXECUTE {name}")
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


def _text(connection, cursor, sql: str, params: tuple) -> bytes:
    """``sql`` with ``params`` as the driver sends it, kept for the next time."""
    try:
        # With the values' types: True == 1, but the driver writes true and 1.
        key = (connection.alias, sql, params, tuple(map(type, params)))
        text = _texts.get(key)
    except TypeError:  # a value that cannot be a key (a list)
        return cursor.cursor.mogrify(sql, params)
    if text is None:
        text = cursor.cursor.mogrify(sql, params)
        _texts.put(key, text)
    return text


def _prepared_name(connection, cursor, sql: str, text: bytes, recurring: bool) -> str | None:
    """The name ``text`` (``sql`` with its values) is prepared under on this connection,
    preparing it the second time it comes, or the first when ``recurring``; None while it runs
    as text."""
    session = _session(connection)
    name = session.names.get(text)
    if name is not None:
        session.names.move_to_end(text)
        return name
    if not recurring and text not in session.seen:
        if len(session.seen) >= _SEEN_PER_CONNECTION:
            session.seen.clear()
        session.seen.add(text)
        return None
    session.seen.discard(text)
    session.prepared += 1
    name = f"portal_{session.prepared}"
    statement = f"PREPARE {name} AS ".encode() + text
    if len(session.names) >= PER_CONNECTION:
        _oldest_text, oldest = session.names.popitem(last=False)
        statement = f"DEALLOCATE {oldest}; ".encode() + statement
    try:
        _run_setup(connection, cursor, statement)
    except (psycopg2.OperationalError, psycopg2.InterfaceError):
        raise  # the connection failed, not the statement
    except psycopg2.Error as error:
        logger.warning("Statement not prepared, runs as text from now on: %r", error)
        if len(_unpreparable) >= _UNPREPARABLE_KEPT:
            _unpreparable.clear()
        _unpreparable.add(sql)
        return None
    logger.debug("Prepared %s: %s", name, text.decode(errors="replace"))
    session.names[text] = name
    return name


def _run_setup(connection, cursor, statement: bytes) -> None:
    """Run a PREPARE (or DEALLOCATE) as connection setup: on the driver's cursor, as Django runs
    its session settings, so that it is not one of a request's queries; in a savepoint inside a
    transaction, which a failed PREPARE would otherwise abort."""
    raw = cursor.cursor
    if not connection.in_atomic_block:
        raw.execute(statement)  # no arguments: the text is final (its values quoted already)
        return
    raw.execute("SAVEPOINT portal_prepare")
    try:
        raw.execute(statement)
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
