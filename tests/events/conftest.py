import pytest
from django.core import mail


@pytest.fixture
def outbox():
    """django.core.mail's test outbox, emptied."""
    mail.outbox = []
    return mail.outbox
