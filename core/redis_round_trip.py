"""Commands sent to Redis together and their replies read in one round trip, on a connection
that each process (and thread) keeps for it: the API's first round trip of every request
(core.api.throttling).

Why not redis-py's pipeline: before it sends anything, a pipeline takes a connection from the
pool (checking the process id, and polling the socket for stale data) and, after, gives it back
and resets itself, through wrappers that check for deprecated arguments and record metrics. On a
2-core machine that was 60-90 µs of CPU a round trip, against 2 ms for a whole cold list
(make bench). Here the commands are packed and sent on the cache's own kind of connection (its
address, database, timeouts), made once from the cache's pool, and the replies read back.

A connection that the server closed since the last round trip (Redis restarted) is opened again
and the commands sent once more. Errors are redis-py's: a connection or time-out error (with the
connection closed, to be opened again by the next round trip), or the first error reply once
all the replies are read.
"""

import os
import weakref

from django.core.cache import caches
from django_redis import get_redis_connection
from redis.exceptions import ConnectionError, ResponseError

# By cache object: Django makes one per thread (and anew when the CACHES setting changes).
_connections = weakref.WeakKeyDictionary()


def round_trip(alias: str, commands: list[tuple]) -> list:
    """The replies to ``commands`` (each a tuple of a command's words), in order."""
    cache = caches[alias]
    connection = _connections.get(cache)
    if connection is not None and connection.pid == os.getpid():
        try:
            return _exchange(connection, commands)
        except ConnectionError:
            pass  # closed by the server: redis-py has closed our end, the send reconnects
    else:
        # A new connection, never one inherited from the process this one was forked from.
        pool = get_redis_connection(alias).connection_pool
        connection = _connections[cache] = pool.make_connection()
    return _exchange(connection, commands)


def _exchange(connection, commands: list[tuple]) -> list:
    connection.send_packed_command(connection.pack_commands(commands))
    replies = []
    for _command in commands:
        try:
            replies.append(connection.read_response())
        except ResponseError as error:  # read the others all the same: the connection stays
            replies.append(error)
    for reply in replies:
        if isinstance(reply, ResponseError):
            raise reply
    return replies
