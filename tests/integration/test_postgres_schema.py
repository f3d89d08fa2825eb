"""What the schema declares on PostgreSQL only: the relationships, checked at commit."""

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from dashboard.kernel.store import prepare_store
from data_access.engine import UnitOfWork, dispose_engine, get_engine
from data_access.schema import subscriptions, users
from tests.factories import T0
from tests.postgres_cluster import Cluster


@pytest.fixture
def engine(pg_cluster: Cluster) -> Iterator[sa.Engine]:
    """A migrated PostgreSQL store of the test's own."""
    name = pg_cluster.new_database()
    url = pg_cluster.url(name)
    prepare_store(get_engine(url), now=T0)
    yield get_engine(url)
    dispose_engine(url)
    pg_cluster.drop_database(name)


def test_a_row_naming_a_ticket_that_does_not_exist_is_refused_at_commit(
    engine: sa.Engine,
) -> None:
    with engine.connect() as conn:
        user_id = conn.scalar(sa.select(users.c.id))
    refused = pytest.raises(sa.exc.IntegrityError, match="fk_subscriptions_ticket_id")
    with refused, UnitOfWork(engine) as uow:
        uow.conn.execute(
            subscriptions.insert().values(
                ticket_id=999_999, user_id=user_id, created_at=T0
            )
        )
        uow.commit()


def test_every_declared_relationship_is_checked_at_commit_not_per_statement(
    engine: sa.Engine,
) -> None:
    with engine.connect() as conn:
        deferred = conn.scalars(
            sa.text(
                "SELECT condeferred FROM pg_constraint "
                "WHERE contype = 'f' AND conname LIKE 'fk_%'"
            )
        ).all()
    # 34 of 0010, 4 of the on-call rota (0012).
    assert len(deferred) == 38 and all(deferred)
