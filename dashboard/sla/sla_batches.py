"""Long administrative changes in short transactions, a few hundred tickets each.

PostgreSQL holds a changed row's lock until its transaction commits: re-applying a
policy to every open ticket in one transaction would make a user's save of any of
them wait, and be refused, for as long as the whole change takes. Each batch
commits its tickets with their history, so every ticket's change is whole.
"""

import time
from collections.abc import Callable, Sequence

import sqlalchemy as sa

from dashboard.kernel.i18n import ngettext
from dashboard.kernel.rules.errors import StaleVersion
from data_access.conflicts import WriteConflict
from data_access.engine import UnitOfWork

BATCH_TICKETS = 200
ATTEMPTS = 3
PAUSE_SECONDS = 0.5

Apply = Callable[[sa.Connection, list[int]], int]


def in_batches(
    engine: sa.Engine,
    ticket_ids: Sequence[int],
    *,
    apply: Apply,
    wait: Callable[[float], object] = time.sleep,
) -> int:
    """Apply a change to tickets a batch per transaction (again after a save got in
    its way); the sum of what each batch reports."""
    done = 0
    for start in range(0, len(ticket_ids), BATCH_TICKETS):
        batch = list(ticket_ids[start : start + BATCH_TICKETS])
        done += _one_batch(engine, batch, apply=apply, wait=wait, done=done)
    return done


def _one_batch(
    engine: sa.Engine,
    batch: list[int],
    *,
    apply: Apply,
    wait: Callable[[float], object],
    done: int,
) -> int:
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with UnitOfWork(engine) as uow:
                count = apply(uow.conn, batch)
                uow.commit()
            return count
        except WriteConflict:
            if attempt < ATTEMPTS:
                wait(PAUSE_SECONDS * attempt)
    raise StaleVersion(
        ngettext(
            "Tickets were being changed by others all the while: {done} was done, "
            "the rest were not. Do it again to finish.",
            "Tickets were being changed by others all the while: {done} were done, "
            "the rest were not. Do it again to finish.",
            done,
        ).format(done=done)
    )
