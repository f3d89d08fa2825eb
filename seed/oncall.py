"""The demo world's on-call rota: the seed's CIMs take turns, week by week."""

from datetime import datetime, timedelta

import sqlalchemy as sa

from dashboard.kernel.rules.reference import SYSTEM_USERNAME
from dashboard.oncall.oncall_rules import Step, local_day, week_of
from data_access import oncall_store, user_store
from seed.people import STAFF

WEEKS_BEFORE = 1
WEEKS_AFTER = 8


def _cim_ids(conn: sa.Connection) -> list[int]:
    prefix, count = next((p, n) for p, n, *_ in STAFF if p == "sme.cim")
    found = [
        user_store.find_by_username(conn, f"{prefix}{i}") for i in range(1, count + 1)
    ]
    return [int(u["id"]) for u in found if u is not None]


def load_rota(conn: sa.Connection, *, stop: datetime) -> None:
    """Primary and secondary for the weeks around the world's end, in turn."""
    cims = _cim_ids(conn)
    system = user_store.find_by_username(conn, SYSTEM_USERNAME)
    if len(cims) < 2 or system is None:
        return
    first = week_of(local_day(stop)) - timedelta(weeks=WEEKS_BEFORE)
    for n in range(WEEKS_BEFORE + WEEKS_AFTER + 1):
        week = first + timedelta(weeks=n)
        for offset, role in enumerate((Step.PRIMARY, Step.SECONDARY)):
            oncall_store.set_week(
                conn,
                week,
                role=role.value,
                user_id=cims[(n + offset) % len(cims)],
                by=int(system["id"]),
                now=stop,
            )
