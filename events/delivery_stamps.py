"""The stamp of each reminder sent: its row marked "sent", committed before the next goes out.

A sweep stamps every message it sends, each in a transaction of its own (events.reminders says
why), so the round trip to the database is paid once per message. ``Stamps`` sends a stamp on a
database connection of its own in psycopg2's asynchronous mode and returns at once; PostgreSQL
writes it while the sweep renders the next message, and the sweep waits for its answer
(``wait``) only before handing that next message to the mail server. A sender that dies still
leaves at most the one message it was sending unstamped, as when it stamped in line, and the
sweep no longer waits on the database between two messages (a sweep of 100,000 due reminders:
make bench). (A thread with its own connection does not do it: it waits for the interpreter
lock while the sweep renders, longer than the stamp takes.)

Inside a transaction (a caller's atomic block, a test) the claimed rows are not visible to any
other connection yet, so there the stamps are written in line, on the caller's connection; so
they are on SQLite (`make run`).
"""

import datetime

import psycopg2
import psycopg2.extras
from django.db import connection
from django.utils import timezone

from .choices import DeliveryStatus
from .models import ReminderDelivery

# The statement a sweep runs most (once per message): written out once rather than built by the
# ORM each time, which doubles its cost (make bench). It changes the row only while the row still
# holds this sender's claim (see still_claimed).
#
# It commits without waiting for the WAL to reach the disk (synchronous_commit off, for this
# transaction only): the stamp is visible to every other sweep at once, as before, and only a
# crash of the PostgreSQL server itself within a fraction of a second (wal_writer_delay) could
# lose it, after which that message would be sent once more when its claim lapses - the same
# outcome as a sender dying between sending and stamping. Waiting for the disk on every message
# cost about a sixth of the sweep (make bench).
STAMP_SENT = (
    f"UPDATE {ReminderDelivery._meta.db_table} SET status = %s, sent_at = %s, attempts = %s "
    "WHERE id = %s AND claimed_until = %s"
)
_STAMP_SENT_UNSYNCED = f"SET LOCAL synchronous_commit TO OFF; {STAMP_SENT}"


def still_claimed(ids: list[int], claimed_until: datetime.datetime):
    """The rows among ``ids`` that still hold the claim that runs until ``claimed_until``: this
    sender's, not taken over by another sweep after it lapsed.

    Every write of a sender to its rows goes through this condition (or the same one in
    STAMP_SENT). It names the lease and not the status "sending" on purpose: a condition on that
    status lets PostgreSQL answer "id = ... AND status = 'sending'" from delivery_sending_idx,
    which its statistics (taken while rows are pending, as they nearly always are) believe
    empty, by reading that whole index, dead entries of rows already sent included, once per
    message: the stamps of a sweep of 100,000 grew from 0.5 to 1.2 ms each (make bench). On the
    lease the primary key is the only index that answers.
    """
    return ReminderDelivery.objects.filter(pk__in=ids, claimed_until=claimed_until)


def _stamp_params(delivery: ReminderDelivery, attempts: int) -> list:
    return [DeliveryStatus.SENT, timezone.now(), attempts, delivery.pk, delivery.claimed_until]


def _on_postgresql() -> bool:
    return connection.vendor == "postgresql"


def stamp_sent(delivery: ReminderDelivery, attempts: int) -> None:
    """Mark a row sent while it still holds this sender's claim, in line (autocommit: the two
    statements run as one transaction of their own, committed at once; on SQLite, under
    `make run`, the same UPDATE through the ORM, which writes the lease as SQLite stores it)."""
    if not _on_postgresql():
        still_claimed([delivery.pk], delivery.claimed_until).update(
            status=DeliveryStatus.SENT, sent_at=timezone.now(), attempts=attempts
        )
        return
    with connection.cursor() as cursor:
        cursor.execute(_STAMP_SENT_UNSYNCED, _stamp_params(delivery, attempts))


def connection_params() -> dict:
    """What psycopg2.connect needs to open another session on the portal's database."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)  # Django's own cursor class
    return params


def _asynchronous_connection():
    """A connection to the portal's database in psycopg2's asynchronous mode (autocommit)."""
    stamps = psycopg2.connect(**connection_params(), async_=1)
    psycopg2.extras.wait_select(stamps)
    return stamps


class Stamps:
    """The stamps of one sweep, sent one at a time without waiting for the answer."""

    def __init__(self) -> None:
        self._connection = None
        self._cursor = None

    def stamp(self, delivery: ReminderDelivery, attempts: int) -> None:
        """Have the row of a message just accepted by the mail server stamped."""
        self.wait()
        if connection.in_atomic_block or not _on_postgresql():
            stamp_sent(delivery, attempts)
            return
        if self._connection is None:
            self._connection = _asynchronous_connection()
        self._cursor = self._connection.cursor()
        self._cursor.execute(_STAMP_SENT_UNSYNCED, _stamp_params(delivery, attempts))

    def wait(self) -> None:
        """Return once the last stamp is committed; raise its error if it failed."""
        if self._cursor is not None:
            try:
                psycopg2.extras.wait_select(self._connection)
            finally:
                # The cursor must live until its answer has been read.
                self._cursor = None

    def close(self) -> None:
        """Wait for the last stamp, then close the connection."""
        try:
            self.wait()
        finally:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
