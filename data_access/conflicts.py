"""Failures of the store that callers can act on."""

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa


class WriteConflict(Exception):
    """Another transaction changed the same row first (DuckDB does not wait;
    PostgreSQL waits at most its lock_timeout)."""


# DuckDB's optimistic concurrency fails the second of two writers at once. Besides its
# "Conflict on update/tuple deletion" it reports a row that another transaction
# deleted and re-inserted meanwhile (a clock rewrite) as a duplicate key: every key
# of the desk comes from a sequence, so a duplicate can only be that race.
_CONFLICT_TYPES = frozenset({"TransactionException"})
_CONFLICT_TEXTS = ("Conflict on", "write-write conflict", "Duplicate key")
# PostgreSQL's SQLSTATEs for the same races: serialization failure, deadlock, a row
# lock not had within lock_timeout, and the duplicate key of a rewrite (as above).
_CONFLICT_STATES = frozenset({"40001", "40P01", "55P03", "23505"})


def is_conflict(error: BaseException) -> bool:
    """Whether a driver error is a write-write conflict with another transaction."""
    if isinstance(error, WriteConflict):
        return True
    if not isinstance(error, sa.exc.DBAPIError):
        return False
    original = error.orig
    state = getattr(original, "sqlstate", None)
    if state is not None:
        return state in _CONFLICT_STATES
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
