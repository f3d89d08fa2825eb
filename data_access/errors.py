"""Failures of the store that callers can act on."""

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa


class WriteConflict(Exception):
    """Another transaction changed the same row first (DuckDB does not wait)."""


@contextmanager
def conflicts_as_write_conflict() -> Iterator[None]:
    """Turn DuckDB's immediate write-write conflicts into WriteConflict."""
    try:
        yield
    except sa.exc.OperationalError as error:
        if "Conflict on" in str(error.orig):
            raise WriteConflict(str(error.orig)) from error
        raise
