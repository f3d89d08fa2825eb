"""Which worker runs the desk's jobs: on PostgreSQL the holder of an advisory lock.

The lock belongs to a connection of the leader's own: when the leader dies its
connection ends, the server releases the lock, and a standing-by worker takes it.
On DuckDB one process holds the store file, so that process always leads.
"""

from dataclasses import dataclass

import sqlalchemy as sa

from data_access import dialect

# An arbitrary 64-bit key that names "the desk's background jobs" on the server.
JOBS_LOCK_KEY = 0x5D_E5C0_B5


@dataclass
class Lead:
    """A held leadership: the connection that holds the lock (None on DuckDB)."""

    conn: sa.Connection | None


def try_lead(engine: sa.Engine) -> Lead | None:
    """Take the jobs' leadership if nobody holds it; None when another worker does."""
    if not dialect.is_postgres(engine):
        return Lead(conn=None)
    conn = engine.connect()
    taken = conn.scalar(sa.select(sa.func.pg_try_advisory_lock(JOBS_LOCK_KEY)))
    conn.commit()  # a session lock outlives the transaction that took it
    if taken:
        return Lead(conn=conn)
    conn.close()
    return None


def still_leads(lead: Lead) -> bool:
    """Whether the leadership still stands (its connection to the server lives)."""
    if lead.conn is None:
        return True
    try:
        lead.conn.scalar(sa.select(sa.literal(1)))
        lead.conn.commit()
    except sa.exc.DBAPIError:
        lead.conn.invalidate()
        return False
    return True


def resign(lead: Lead) -> None:
    """Give the leadership up, so a standing-by worker may take it at once."""
    if lead.conn is None:
        return
    if lead.conn.invalidated:  # lost with its connection: nothing left to give up
        lead.conn.close()
        return
    try:
        lead.conn.scalar(sa.select(sa.func.pg_advisory_unlock(JOBS_LOCK_KEY)))
        lead.conn.commit()
    except sa.exc.DBAPIError:
        # A connection that cannot unlock may still hold the lock: never pool it.
        lead.conn.invalidate()
    lead.conn.close()
