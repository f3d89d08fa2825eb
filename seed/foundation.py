"""Organizations, accounts, group memberships and releases, loaded in bulk."""

from datetime import datetime

import numpy as np
import pandas as pd
import sqlalchemy as sa

from dashboard.kernel.rules.reference import OSP_ORG_CODE, SME_ORG_CODE, SYSTEM_USERNAME
from data_access import reference_store
from data_access.bulk_store import load_frame, reserve_ids
from data_access.schema import sla_policies
from seed.arrivals import ArrivalGrid
from seed.clock import Clock
from seed.organizations import SIZE_WEIGHT, Ldc, ldcs_in_code_order, org_code
from seed.people import Person, demo_password_hash, plan_people
from seed.releases import plan_releases
from seed.world import Staff, World

# Spread (log scale) of how long work takes, from LDC to LDC and month to month: it
# spreads the service levels of LDC-months over 85% to 98%, mostly.
LDC_PACE_SPREAD = 0.10
MONTH_PACE_SPREAD = 0.10


def _required(value: int | None, what: str) -> int:
    if value is None:
        raise RuntimeError(f"the store has no {what}: was prepare_store run?")
    return int(value)


def _load_ldcs(conn: sa.Connection, ldcs: list[Ldc], *, now: datetime) -> list[int]:
    first = reserve_ids(conn, "organization_id_seq", count=len(ldcs))
    ids = list(range(first, first + len(ldcs)))
    frame = pd.DataFrame(
        {
            "id": ids,
            "org_code": [org_code(i) for i in range(len(ldcs))],
            "name": [ldc.name for ldc in ldcs],
            "short_name": [ldc.short_name for ldc in ldcs],
            "kind": "ldc",
            "size_class": [ldc.size_class for ldc in ldcs],
            "active": True,
            "created_at": pd.Timestamp(now),
        }
    )
    load_frame(conn, "organizations", frame=frame)
    return ids


def _load_people(
    conn: sa.Connection,
    people: list[Person],
    *,
    org_ids: dict[str, int],
    seed: int,
    now: datetime,
    system: int,
) -> list[int]:
    first = reserve_ids(conn, "user_id_seq", count=len(people))
    ids = list(range(first, first + len(people)))
    frame = pd.DataFrame(
        {
            "id": ids,
            "username": [p.username for p in people],
            "email": [p.email for p in people],
            "display_name": [p.display_name for p in people],
            "role": [p.role for p in people],
            "org_id": [org_ids[p.org_key] for p in people],
            "is_ldc_manager": [p.is_ldc_manager for p in people],
            "password_hash": demo_password_hash(seed),
            "active": True,
            "failed_logins": 0,
            "notify_pref": "immediate",
            "language": [p.language for p in people],
            "created_at": pd.Timestamp(now),
            "created_by": system,
        }
    )
    load_frame(conn, "users", frame=frame)
    groups = reference_store.group_ids(conn)
    members = [
        (groups[p.group], uid) for p, uid in zip(people, ids, strict=True) if p.group
    ]
    load_frame(
        conn,
        "group_members",
        frame=pd.DataFrame(members, columns=["group_id", "user_id"]),
    )
    return ids


def _load_releases(
    conn: sa.Connection, clock: Clock, *, start: datetime, end: datetime
) -> tuple[list[int], list[str], list[float]]:
    releases = plan_releases(start, end)
    first = reserve_ids(conn, "release_id_seq", count=len(releases))
    ids = list(range(first, first + len(releases)))
    frame = pd.DataFrame(
        {
            "id": ids,
            "name": [r.name for r in releases],
            "deployed_at": pd.to_datetime([r.deployed_at for r in releases], utc=True),
            "notes": [r.notes for r in releases],
        }
    )
    load_frame(conn, "releases", frame=frame)
    return (
        ids,
        [r.name for r in releases],
        [clock.minute_of(r.deployed_at) for r in releases],
    )


def load_foundation(
    conn: sa.Connection,
    rng: np.random.Generator,
    *,
    clock: Clock,
    seed: int,
    start: datetime,
    end: datetime,
) -> World:
    """Add the LDCs, demo accounts and releases; return the world tickets draw from."""
    system = _required(
        reference_store.user_id_by_username(conn, SYSTEM_USERNAME), "system user"
    )
    sme = _required(
        reference_store.org_id_by_code(conn, SME_ORG_CODE), "SME organization"
    )
    osp = _required(
        reference_store.org_id_by_code(conn, OSP_ORG_CODE), "OSP organization"
    )
    policy = _required(
        conn.scalar(sa.select(sa.func.min(sla_policies.c.id))), "SLA policy"
    )
    ldcs = ldcs_in_code_order()
    ldc_ids = _load_ldcs(conn, ldcs, now=start)
    org_ids = {ldc.slug: i for ldc, i in zip(ldcs, ldc_ids, strict=True)} | {
        "sme": sme,
        "osp": osp,
    }
    people = plan_people(rng, ldcs)
    user_ids = _load_people(
        conn, people, org_ids=org_ids, seed=seed, now=start, system=system
    )
    release_ids, release_names, release_at = _load_releases(
        conn, clock, start=start, end=end
    )
    return _world(
        rng,
        clock,
        ldcs=ldcs,
        ldc_ids=ldc_ids,
        people=people,
        user_ids=user_ids,
        sme=sme,
        system=system,
        policy=policy,
        groups=reference_store.group_ids(conn),
        releases=(release_ids, release_names, release_at),
    )


def _world(  # noqa: PLR0913 - puts together the World from every part loaded
    rng: np.random.Generator,
    clock: Clock,
    *,
    ldcs: list[Ldc],
    ldc_ids: list[int],
    people: list[Person],
    user_ids: list[int],
    sme: int,
    system: int,
    policy: int,
    groups: dict[str, int],
    releases: tuple[list[int], list[str], list[float]],
) -> World:
    slugs = [ldc.slug for ldc in ldcs]
    ldc_people = [
        (slugs.index(p.org_key), uid)
        for p, uid in zip(people, user_ids, strict=True)
        if p.org_key in slugs
    ]
    counts = np.bincount([k for k, _ in ldc_people], minlength=len(ldcs)).astype(
        np.int64
    )
    start = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64)
    position = np.full(max(user_ids) + 1, -1, dtype=np.int64)
    position[np.asarray(user_ids)] = np.arange(len(user_ids))
    jitter = np.exp(0.2 * rng.standard_normal(len(ldcs)))
    ldc_pace = LDC_PACE_SPREAD * rng.standard_normal(len(ldcs))
    month_pace = MONTH_PACE_SPREAD * rng.standard_normal(int(clock.day_month[-1]) + 1)

    def role(name: str) -> np.ndarray:
        return np.asarray(
            [u for p, u in zip(people, user_ids, strict=True) if p.role == name],
            dtype=np.int64,
        )

    return World(
        clock=clock,
        arrivals=ArrivalGrid.build(clock),
        ldc_ids=np.asarray(ldc_ids, dtype=np.int64),
        ldc_names=tuple(ldc.short_name for ldc in ldcs),
        ldc_codes=tuple(org_code(i) for i in range(len(ldcs))),
        ldc_slugs=tuple(slugs),
        ldc_weight=np.asarray([SIZE_WEIGHT[ldc.size_class] for ldc in ldcs]) * jitter,
        sme_org=sme,
        ldc_users=np.asarray([u for _, u in ldc_people], dtype=np.int64),
        org_start=start,
        org_count=counts,
        staff=Staff(
            agents=role("sme_agent"),
            cims=role("critical_incident_manager"),
            osp=role("osp_engineer"),
            managers=role("sme_manager"),
            system=system,
        ),
        user_names=tuple(p.display_name for p in people),
        user_position=position,
        first_names=tuple(p.first_name for p in people),
        groups=groups,
        release_ids=np.asarray(releases[0], dtype=np.int64),
        release_names=tuple(releases[1]),
        release_at=np.asarray(releases[2], dtype=np.float64),
        policy_id=policy,
        ldc_pace=ldc_pace,
        month_pace=month_pace,
    )
