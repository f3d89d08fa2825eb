"""Fixtures shared by the integration and app tests."""

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from dashboard.kernel import settings
from data_access.engine import dispose_engine, get_engine
from tests.factories import World, two_ldc_world


@pytest.fixture(autouse=True)
def settings_read_per_test() -> Iterator[None]:
    """The desk reads its settings once per process; a test that sets variables
    gets them read afresh, and leaves none behind."""
    settings.current.cache_clear()
    yield
    settings.current.cache_clear()


@pytest.fixture(scope="session")
def world_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, World]:
    """The two-LDC world, built once per test session and closed, to be copied."""
    path = tmp_path_factory.mktemp("template") / "store.duckdb"
    built = two_ldc_world(path)
    dispose_engine(path)
    return path, built


@pytest.fixture
def world(tmp_path: Path, world_template: tuple[Path, World]) -> Iterator[World]:
    """Two LDCs with users and tickets, in a DuckDB file of the test's own (a copy of
    the session's template: building it anew took most of a short test's time)."""
    template, built = world_template
    path = tmp_path / "store.duckdb"
    shutil.copyfile(template, path)
    if (wal := template.with_name(template.name + ".wal")).exists():
        shutil.copyfile(wal, path.with_name(path.name + ".wal"))
    yield replace(
        built,
        engine=get_engine(path),
        orgs=dict(built.orgs),
        users=dict(built.users),
        tickets=dict(built.tickets),
    )
    dispose_engine(path)
