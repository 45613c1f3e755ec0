import io

import pytest
from django.core.management import call_command


@pytest.fixture
def reference_data(db):
    """The real reference data and demo records, as `make run` loads them."""
    call_command("load_reference_data", "--demo", stdout=io.StringIO())
