"""A PostgreSQL server of the test session's own: a cluster in a temporary folder,
reached through a unix socket in that folder only, stopped at the session's end."""

import itertools
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import psycopg


def _newest_server() -> Path:
    # Debian installs each major version beside the others; the newest serves.
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0,
    )
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


BIN = Path(os.environ.get("SERVICEDESK_PG_BIN") or _newest_server())
PORT = 5432  # names the socket file only: the server listens on no network
# Durability is not what the tests are about; a server that skips syncing is fast.
FAST = "-F -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
_names = itertools.count(1)


def available() -> bool:
    """Whether this machine has PostgreSQL's server programs."""
    return (BIN / "pg_ctl").is_file() and (BIN / "initdb").is_file()


@dataclass(frozen=True)
class Cluster:
    """A running server: where its socket is, and how to reach a database on it."""

    folder: Path

    @property
    def data(self) -> Path:
        """The cluster's data folder."""
        return self.folder / "data"

    def url(self, database: str) -> str:
        """The SQLAlchemy URL of one database of the cluster."""
        return (
            f"postgresql+psycopg://postgres@/{database}?host={self.folder}&port={PORT}"
        )

    def admin(self, sql: str) -> list[tuple[object, ...]]:
        """Run a statement outside a transaction (CREATE DATABASE and the like); the
        rows it returns."""
        with psycopg.connect(
            dbname="postgres",
            user="postgres",
            host=str(self.folder),
            port=PORT,
            autocommit=True,
        ) as conn:
            cursor = conn.execute(sql.encode())
            return cursor.fetchall() if cursor.description else []

    def new_database(self, *, template: str | None = None) -> str:
        """A new empty database (or a copy of a template); its name."""
        name = f"desk_{os.getpid()}_{next(_names)}"
        copy = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
        self.admin(f"CREATE DATABASE {name}{copy}")
        return name

    def drop_database(self, name: str) -> None:
        """Drop a database, ending any connection still on it."""
        self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _as_server_user(command: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; CI and these machines run the tests as root.
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


def start(folder: Path | None = None) -> Cluster:
    """Start a server on the cluster in a folder (a new temporary one by default),
    creating the cluster when the folder has none."""
    if folder is None:
        folder = Path(tempfile.mkdtemp(prefix="servicedesk-pg-"))
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(folder, user="postgres", group="postgres")
    cluster = Cluster(folder)
    if not (cluster.data / "PG_VERSION").exists():
        _init(cluster)
    elif _running(cluster):
        return cluster
    options = f"{FAST} -c listen_addresses='' -k {folder} -p {PORT}"
    _run(
        [
            str(BIN / "pg_ctl"),
            "start",
            "-w",
            "-D",
            str(cluster.data),
            "-l",
            str(folder / "server.log"),
            "-o",
            options,
        ]
    )
    return cluster


def _running(cluster: Cluster) -> bool:
    status = subprocess.run(
        _as_server_user([str(BIN / "pg_ctl"), "status", "-D", str(cluster.data)]),
        check=False,
        capture_output=True,
        cwd="/",
    )
    return status.returncode == 0


def _init(cluster: Cluster) -> None:
    _run(
        [
            str(BIN / "initdb"),
            "-D",
            str(cluster.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        ]
    )


def stop(cluster: Cluster, *, keep: bool = False) -> None:
    """Stop the server and remove its folder (unless kept, stopped cleanly)."""
    mode = "fast" if keep else "immediate"
    _run([str(BIN / "pg_ctl"), "stop", "-m", mode, "-D", str(cluster.data)])
    if not keep:
        shutil.rmtree(cluster.folder, ignore_errors=True)


def _run(command: list[str]) -> None:
    subprocess.run(
        _as_server_user(command),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd="/",
    )
