"""Building the demo world: reference data, then every kind of ticket, in bulk.

The period is the `years` years that end at `end`, to the minute (by default the
minute the seed runs, so that the desk opened afterwards carries on from its last
minute); nothing happens at or after that instant, so recent tickets are still open
at whatever stage they reached, and the clocks stand as they are at that instant.
One seeded numpy Generator drives everything: each part (people, problems, incidents,
requests, subscriptions) draws from its own child stream (Generator.spawn), so the
same seed and arguments give the same store, and changing one part does not shift
the others.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from time import perf_counter

import numpy as np
import pyarrow as pa
import sqlalchemy as sa

from dashboard.kernel.rules.workflow import Kind
from dashboard.kernel.store import prepare_store, shown
from dashboard.sla.sla_bulk import recompute_all
from data_access import migrate
from data_access.bulk_store import load_frame, reserve_ids
from data_access.engine import UnitOfWork, dispose_engine, get_engine, is_url
from seed import incidents, problems, requests
from seed.assemble import history_tables, ticket_ids, tickets_table, timestamps
from seed.clock import Clock, Floats, Ints, period_bounds, period_end
from seed.common import Generated
from seed.foundation import load_foundation
from seed.notifications import load_recent_notices
from seed.oncall import load_rota
from seed.report import SeedReport, count_rows
from seed.subscriptions import subscriptions
from seed.world import World

PROBLEM_SHARE = 0.03
REQUEST_SHARE = 0.37
MIN_TICKETS = 100
NUMBER_SEQUENCES = {
    Kind.INCIDENT: "incident_number_seq",
    Kind.PROBLEM: "problem_number_seq",
    Kind.SERVICE_REQUEST: "request_number_seq",
}


class StoreExists(Exception):
    """The store (a file, or a database's tables) exists and was not to be reset."""


@dataclass(frozen=True)
class Plan:
    """How many tickets of each kind."""

    incidents: int
    problems: int
    requests: int

    @classmethod
    def of(cls, total: int) -> "Plan":
        """About 60% incidents, 37% service requests and 3% problems."""
        if total < MIN_TICKETS:
            raise ValueError(f"at least {MIN_TICKETS} tickets are needed")
        prb, sr = round(total * PROBLEM_SHARE), round(total * REQUEST_SHARE)
        return cls(incidents=total - prb - sr, problems=prb, requests=sr)


def wal_path(path: Path) -> Path:
    """The write-ahead log beside a store file."""
    return path.with_name(path.name + ".wal")


def _clear(store: str | Path, *, reset: bool) -> None:
    if is_url(store):
        _clear_database(str(store), reset=reset)
        return
    path = Path(store)
    present = [p for p in (path, wal_path(path)) if p.exists()]
    if present and not reset:
        raise StoreExists(f"{path} already exists; pass --reset to replace it")
    for p in present:
        p.unlink()


def _clear_database(url: str, *, reset: bool) -> None:
    engine = get_engine(url)
    try:
        if migrate.holds_tables(engine):
            if not reset:
                raise StoreExists(
                    f"{shown(url)} already holds tables; pass --reset to replace them"
                )
            migrate.drop_everything(engine)
    finally:
        dispose_engine(url)


# Above this size the clocks are left to `python -m dashboard.sla.sla_bulk`, so that a
# million-ticket seed stays within its budget.
CLOCKS_WITH_SEED_UP_TO = 200_000


def build(
    db_path: str | Path,
    *,
    seed: int = 7,
    tickets: int = 20_000,
    years: int = 2,
    end: date | datetime | None = None,
    reset: bool = False,
) -> SeedReport:
    """Create a store file of the demo world; refuse an existing one unless reset.

    `end` is when the world's history ends: a date means its 00:00 UTC, none means
    the current minute."""
    path = db_path if is_url(db_path) else Path(db_path)
    plan = Plan.of(tickets)
    if years < 1:
        raise ValueError("years must be at least 1")
    _clear(path, reset=reset)
    started = perf_counter()
    start, stop = period_bounds(period_end(end, now=datetime.now(UTC)), years)
    engine = get_engine(path)
    try:
        prepare_store(engine, now=start)
        _populate(engine, plan, seed=seed, start=start, stop=stop)
        if tickets <= CLOCKS_WITH_SEED_UP_TO:
            recompute_all(engine, now=stop, past_alerts=True)
        with UnitOfWork(engine) as uow:
            load_recent_notices(uow.conn, stop=stop)
            load_rota(uow.conn, stop=stop)
            uow.commit()
        with engine.connect() as conn:
            report = count_rows(
                conn, path=shown(str(path)), seed=seed, start=start, end=stop
            )
    except BaseException:
        dispose_engine(path)
        _clear(path, reset=True)
        raise
    dispose_engine(path)
    return report.finished(perf_counter() - started)


def _populate(
    engine: sa.Engine, plan: Plan, *, seed: int, start: datetime, stop: datetime
) -> None:
    streams = np.random.default_rng(seed).spawn(5)
    clock = Clock.build(start, stop)
    with UnitOfWork(engine) as uow:
        world = load_foundation(
            uow.conn, streams[0], clock=clock, seed=seed, start=start, end=stop
        )
        problem_rows, index = problems.generate(streams[1], world, count=plan.problems)
        incident_rows = incidents.generate(
            streams[2], world, count=plan.incidents, problems=index
        )
        request_rows = requests.generate(streams[3], world, count=plan.requests)
        kinds = [problem_rows, incident_rows, request_rows]
        problem_ids, incident_ids, _ = _load_tickets(uow.conn, kinds, world=world)
        _load_links(
            uow.conn,
            streams[4],
            world=world,
            links=incident_rows.links,
            problem_t0=problem_rows.t0,
            problem_ids=problem_ids,
            incident_ids=incident_ids,
        )
        uow.commit()


def _load_tickets(
    conn: sa.Connection, kinds: list[Generated], *, world: World
) -> list[Ints]:
    """Load tickets, comments and events; return each kind's ticket ids."""
    first_ticket = reserve_ids(conn, "ticket_id_seq", count=sum(len(g) for g in kinds))
    ids = ticket_ids(kinds, first_ticket)
    for g, kind_ids in zip(kinds, ids, strict=True):
        first_number = reserve_ids(conn, NUMBER_SEQUENCES[g.kind], count=len(g))
        load_frame(
            conn,
            "tickets",
            frame=tickets_table(g, kind_ids, first_number=first_number, world=world),
        )
    events = sum(len(g.history.events["ticket"]) for g in kinds)
    notes = sum(len(g.history.comments["ticket"]) for g in kinds)
    first_event = reserve_ids(conn, "event_id_seq", count=events)
    first_comment = reserve_ids(conn, "comment_id_seq", count=notes)
    event_table, comment_table = history_tables(
        kinds, ids, first_event=first_event, first_comment=first_comment, world=world
    )
    load_frame(conn, "comments", frame=comment_table)
    load_frame(conn, "ticket_events", frame=event_table)
    return ids


def _load_links(
    conn: sa.Connection,
    rng: np.random.Generator,
    *,
    world: World,
    links: dict[str, np.ndarray],
    problem_t0: Floats,
    problem_ids: Ints,
    incident_ids: Ints,
) -> None:
    """Load the incidents' problem links and the problems' subscriptions."""
    load_frame(
        conn,
        "problem_links",
        frame=pa.table(
            {
                "incident_id": incident_ids[links["row"]],
                "problem_id": problem_ids[links["other"]],
                "linked_at": timestamps(world, links["at"]),
                "linked_by": links["by"],
            }
        ),
    )
    problem, user, at = subscriptions(rng, world, links=links, problem_t0=problem_t0)
    load_frame(
        conn,
        "subscriptions",
        frame=pa.table(
            {
                "ticket_id": problem_ids[problem],
                "user_id": user,
                "created_at": timestamps(world, at),
            }
        ),
    )
