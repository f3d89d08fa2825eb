"""Fixtures shared by the integration and app tests: the store of each test, on
DuckDB (a file) or PostgreSQL (a database of the session's own server)."""

import shutil
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from dashboard.kernel import settings
from data_access.engine import dispose_engine, get_engine
from tests import postgres_cluster
from tests.factories import World, two_ldc_world
from tests.postgres_cluster import Cluster


@pytest.fixture(autouse=True)
def settings_read_per_test() -> Iterator[None]:
    """The desk reads its settings once per process; a test that sets variables
    gets them read afresh, and leaves none behind."""
    settings.current.cache_clear()
    yield
    settings.current.cache_clear()


@pytest.fixture
def store_kind() -> str:
    """Which store a test's world lives in (the integration tests run on both)."""
    return "duckdb"


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """The session's PostgreSQL server, started on first use."""
    if not postgres_cluster.available():
        pytest.fail(
            "PostgreSQL's server programs are missing "
            f"({postgres_cluster.BIN}): apt-get install postgresql"
        )
    cluster = postgres_cluster.start()
    yield cluster
    postgres_cluster.stop(cluster)


@pytest.fixture
def new_store(
    store_kind: str, tmp_path: Path, *, request: pytest.FixtureRequest
) -> Iterator[Callable[..., str]]:
    """Names a new, empty store of the test's kind (a file, or a database)."""
    made: list[str] = []
    databases: list[str] = []

    def make(name: str = "store") -> str:
        if store_kind == "duckdb":
            made.append(str(tmp_path / f"{name}.duckdb"))
        else:
            cluster: Cluster = request.getfixturevalue("pg_cluster")
            databases.append(cluster.new_database())
            made.append(cluster.url(databases[-1]))
        return made[-1]

    yield make
    for store in made:
        dispose_engine(store)
    for database in databases:
        request.getfixturevalue("pg_cluster").drop_database(database)


@pytest.fixture(scope="session")
def duckdb_world_template(tmp_path_factory: pytest.TempPathFactory) -> World:
    """The two-LDC world, built once per test session and closed, to be copied."""
    path = tmp_path_factory.mktemp("template") / "store.duckdb"
    built = two_ldc_world(path)
    dispose_engine(path)
    return built


@pytest.fixture(scope="session")
def postgres_world_template(pg_cluster: Cluster) -> tuple[str, World]:
    """The two-LDC world in a template database of the session's server."""
    name = pg_cluster.new_database()
    url = pg_cluster.url(name)
    built = two_ldc_world(url)
    dispose_engine(url)
    return name, built


@pytest.fixture
def world(
    store_kind: str, tmp_path: Path, *, request: pytest.FixtureRequest
) -> Iterator[World]:
    """Two LDCs with users and tickets, in a store of the test's own: a copy of the
    session's template (building it anew took most of a short test's time)."""
    if store_kind == "duckdb":
        built: World = request.getfixturevalue("duckdb_world_template")
        store = _copy_file(Path(str(built.engine.url.database)), tmp_path)
    else:
        cluster: Cluster = request.getfixturevalue("pg_cluster")
        template, built = request.getfixturevalue("postgres_world_template")
        database = cluster.new_database(template=template)
        store = cluster.url(database)
    yield replace(
        built,
        engine=get_engine(store),
        orgs=dict(built.orgs),
        users=dict(built.users),
        tickets=dict(built.tickets),
    )
    dispose_engine(store)
    if store_kind != "duckdb":
        cluster.drop_database(database)


def _copy_file(template: Path, folder: Path) -> str:
    path = folder / "store.duckdb"
    shutil.copyfile(template, path)
    if (wal := template.with_name(template.name + ".wal")).exists():
        shutil.copyfile(wal, path.with_name(path.name + ".wal"))
    return str(path)
