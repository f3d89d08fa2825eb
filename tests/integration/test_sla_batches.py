"""Long administrative changes commit a batch of tickets at a time."""

import pytest
import sqlalchemy as sa

from dashboard.kernel.rules.errors import StaleVersion
from dashboard.sla import sla_batches
from dashboard.sla.sla_batches import in_batches
from data_access.conflicts import WriteConflict
from tests.factories import World


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of two tickets, so that five tickets make three transactions."""
    monkeypatch.setattr(sla_batches, "BATCH_TICKETS", 2)


def test_a_long_change_commits_each_batch_in_a_transaction_of_its_own(
    world: World,
) -> None:
    batches: list[list[int]] = []

    def apply(conn: sa.Connection, batch: list[int]) -> int:
        assert conn.in_transaction()
        batches.append(batch)
        return len(batch)

    assert in_batches(world.engine, [1, 2, 3, 4, 5], apply=apply) == 5
    assert batches == [[1, 2], [3, 4], [5]]


def test_a_batch_that_met_a_save_is_tried_again_after_a_pause(world: World) -> None:
    pauses: list[float] = []
    met: list[int] = []

    def apply(_conn: sa.Connection, batch: list[int]) -> int:
        if batch == [3, 4] and not met:
            met.append(3)
            raise WriteConflict("a user's save of ticket 3")
        return len(batch)

    done = in_batches(world.engine, [1, 2, 3, 4, 5], apply=apply, wait=pauses.append)
    assert (done, len(pauses)) == (5, 1)


def test_a_batch_that_keeps_meeting_saves_is_refused_saying_how_far_it_got(
    world: World,
) -> None:
    def apply(_conn: sa.Connection, batch: list[int]) -> int:
        if 3 in batch:
            raise WriteConflict("saves of ticket 3, again and again")
        return len(batch)

    with pytest.raises(StaleVersion, match="2 were done"):
        in_batches(world.engine, [1, 2, 3, 4, 5], apply=apply, wait=lambda _s: None)
