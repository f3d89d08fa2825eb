"""Every integration test that uses a store runs on DuckDB and on PostgreSQL."""

import pytest

from tests.stores import STORES


@pytest.fixture(params=STORES)
def store_kind(request: pytest.FixtureRequest) -> str:
    """Which store a test's world lives in: each test runs once on each."""
    return str(request.param)
