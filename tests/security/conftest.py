"""Fixtures of the security tests: data built once per module, rolled back at its end.

The permission matrix makes several hundred requests against one small dataset. Building that
dataset for every test would cost more than the requests, so it is built once per module inside
a transaction that is rolled back when the module ends; each test still runs in its own
savepoint (pytest-django's ``db``), so a write made by one test is gone before the next.
"""

import pytest
from django.db import transaction


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """Database access for module-scoped fixtures; everything they write is rolled back."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
