"""A bounded mapping that forgets the entry used least recently, shared by a process's threads:
what a process keeps of the SQL it has made (core.api.kept_statements, core.kept_queries) and
of the statements it has written with their values (core.prepared_statements)."""

import threading
from collections import OrderedDict


class LeastRecentlyUsed:
    """At most ``size`` entries (``size`` may be changed); ``get`` and ``put`` make an entry
    the most recently used."""

    def __init__(self, size: int):
        self.size = size
        self._entries = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, default=None):
        """The value kept under ``key``, else ``default``. Raises TypeError for a key that
        cannot be hashed."""
        with self._lock:
            value = self._entries.get(key, self)
            if value is self:
                return default
            self._entries.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
