"""Failures of the store that callers can act on."""

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa


class WriteConflict(Exception):
    """Another transaction changed the same row first (DuckDB does not wait)."""


# DuckDB's optimistic concurrency fails the second of two writers at once. Besides its
# "Conflict on update/tuple deletion" it reports a row that another transaction
# deleted and re-inserted meanwhile (a clock rewrite) as a duplicate key: every key
# of the desk comes from a sequence, so a duplicate can only be that race.
_CONFLICT_TYPES = frozenset({"TransactionException"})
_CONFLICT_TEXTS = ("Conflict on", "write-write conflict", "Duplicate key")


def is_conflict(error: BaseException) -> bool:
    """Whether a driver error is a write-write conflict with another transaction."""
    if isinstance(error, WriteConflict):
        return True
    if not isinstance(error, sa.exc.DBAPIError):
        return False
    original = error.orig
    text = str(original)
    return type(original).__name__ in _CONFLICT_TYPES or any(
        marker in text for marker in _CONFLICT_TEXTS
    )


@contextmanager
def conflicts_as_write_conflict() -> Iterator[None]:
    """Turn the store's write-write conflicts into WriteConflict."""
    try:
        yield
    except sa.exc.DBAPIError as error:
        if is_conflict(error):
            raise WriteConflict(str(error.orig)) from error
        raise
