"""Fixtures shared by the integration and app tests."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from data_access.engine import dispose_engine
from tests.factories import World, two_ldc_world


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    """Two LDCs with users and tickets, in a DuckDB file of the test's own."""
    path = tmp_path / "store.duckdb"
    built = two_ldc_world(path)
    yield built
    dispose_engine(path)
