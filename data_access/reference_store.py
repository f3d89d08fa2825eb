"""Reference data: organizations, groups, categories, calendars, policies, releases."""

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from typing import Any

import sqlalchemy as sa

from data_access import schema
from data_access.schema import (
    categories,
    group_id_seq,
    group_members,
    organization_id_seq,
    organizations,
    policy_id_seq,
    releases,
    settings,
    severity_definitions,
    sla_calendars,
    sla_policies,
    sla_targets,
    support_groups,
    tickets,
    user_id_seq,
    users,
)


def is_empty(conn: sa.Connection) -> bool:
    """True when no organization exists yet (a store never set up)."""
    return not conn.scalar(sa.select(sa.func.count()).select_from(organizations))


def add_organization(
    conn: sa.Connection,
    *,
    org_code: str,
    name: str,
    short_name: str,
    kind: str,
    size_class: str | None,
    now: datetime,
) -> int:
    """Register an organization and return its id."""
    org_id = int(conn.scalar(organization_id_seq.next_value()))
    conn.execute(
        organizations.insert().values(
            id=org_id,
            org_code=org_code,
            name=name,
            short_name=short_name,
            kind=kind,
            size_class=size_class,
            active=True,
            created_at=now,
        )
    )
    return org_id


def add_user(conn: sa.Connection, **values: Any) -> int:
    """Create a user account and return its id."""
    user_id = int(conn.scalar(user_id_seq.next_value()))
    defaults = {"active": True, "failed_logins": 0, "notify_pref": "immediate"}
    conn.execute(users.insert().values(id=user_id, **(defaults | values)))
    return user_id


def org_id_by_code(conn: sa.Connection, org_code: str) -> int | None:
    """The id of the organization with this ORG ID."""
    return conn.scalar(
        sa.select(organizations.c.id).where(organizations.c.org_code == org_code)
    )


def user_id_by_username(conn: sa.Connection, username: str) -> int | None:
    """The id of the user with this username."""
    return conn.scalar(sa.select(users.c.id).where(users.c.username == username))


def add_groups(conn: sa.Connection, groups: Iterable[tuple[str, str, str]]) -> None:
    """Create the support groups (code, name, description)."""
    for code, name, description in groups:
        conn.execute(
            support_groups.insert().values(
                id=conn.scalar(group_id_seq.next_value()),
                code=code,
                name=name,
                description=description,
            )
        )


def group_ids(conn: sa.Connection) -> dict[str, int]:
    """Support group ids by code."""
    return {
        r.code: r.id
        for r in conn.execute(sa.select(support_groups.c.code, support_groups.c.id))
    }


def add_group_members(conn: sa.Connection, pairs: Sequence[tuple[int, int]]) -> None:
    """Put users (group id, user id) into groups."""
    if pairs:
        conn.execute(
            group_members.insert(), [{"group_id": g, "user_id": u} for g, u in pairs]
        )


def add_categories(conn: sa.Connection, items: Sequence[tuple[str, str]]) -> None:
    """Create the incident categories in their display order."""
    conn.execute(
        categories.insert(),
        [
            {"code": c, "name": n, "sort_order": i, "active": True}
            for i, (c, n) in enumerate(items)
        ],
    )


def category_names(conn: sa.Connection) -> list[dict[str, Any]]:
    """Active categories in display order: code, name and its French (name_fr, None
    when the catalogue's French of the name is meant)."""
    rows = conn.execute(
        sa.select(categories.c.code, categories.c.name, categories.c.name_fr)
        .where(categories.c.active)
        .order_by(categories.c.sort_order)
    ).mappings()
    return [dict(r) for r in rows]


def severity_levels(conn: sa.Connection, dimension: str) -> list[dict[str, Any]]:
    """The levels of one dimension ('impact' or 'urgency') in order: level, name,
    meaning, and their French (name_fr, meaning_fr; None when the catalogue's French
    is meant)."""
    d = severity_definitions.c
    rows = conn.execute(
        sa.select(d.level, d.name, d.meaning, d.name_fr, d.meaning_fr)
        .where(d.dimension == dimension)
        .order_by(d.level)
    ).mappings()
    return [dict(r) for r in rows]


def add_severity_definitions(
    conn: sa.Connection, rows: Sequence[tuple[str, int, str, str]]
) -> None:
    """Store the impact and urgency definitions (dimension, level, name, meaning)."""
    conn.execute(
        severity_definitions.insert(),
        [
            {"dimension": d, "level": lv, "name": n, "meaning": m}
            for d, lv, n, m in rows
        ],
    )


def add_calendar(
    conn: sa.Connection,
    *,
    code: str,
    name: str,
    open_time: time | None,
    close_time: time | None,
    weekdays: str,
    use_holidays: bool,
) -> None:
    """Create a service-level calendar."""
    conn.execute(
        sla_calendars.insert().values(
            code=code,
            name=name,
            timezone="America/Toronto",
            open_time=open_time,
            close_time=close_time,
            weekdays=weekdays,
            use_holidays=use_holidays,
        )
    )


def add_policy(
    conn: sa.Connection,
    *,
    version: int,
    effective_from: datetime,
    note: str,
    by: int,
    targets: Sequence[dict[str, Any]],
) -> int:
    """Create a policy version with its target rows and return its id."""
    policy_id = int(conn.scalar(policy_id_seq.next_value()))
    conn.execute(
        sla_policies.insert().values(
            id=policy_id,
            version=version,
            effective_from=effective_from,
            note=note,
            created_at=effective_from,
            created_by=by,
        )
    )
    conn.execute(sla_targets.insert(), [{"policy_id": policy_id, **t} for t in targets])
    return policy_id


def set_setting(
    conn: sa.Connection, key: str, *, value: str, by: int, now: datetime
) -> None:
    """Store a setting, recording who set it."""
    conn.execute(settings.delete().where(settings.c.key == key))
    conn.execute(
        settings.insert().values(key=key, value=value, updated_at=now, updated_by=by)
    )


def get_setting(conn: sa.Connection, key: str) -> str | None:
    """A setting's value, or None."""
    return conn.scalar(sa.select(settings.c.value).where(settings.c.key == key))


def list_organizations(
    conn: sa.Connection, *, kind: str | None = None
) -> list[dict[str, Any]]:
    """Organizations, optionally of one kind, by name."""
    query = sa.select(organizations).order_by(organizations.c.name)
    if kind:
        query = query.where(organizations.c.kind == kind)
    return [dict(r) for r in conn.execute(query).mappings()]


def list_releases(conn: sa.Connection) -> list[dict[str, Any]]:
    """MDM/R releases, newest first."""
    rows = conn.execute(
        sa.select(releases).order_by(releases.c.deployed_at.desc())
    ).mappings()
    return [dict(r) for r in rows]


def current_policy_id(conn: sa.Connection, *, now: datetime) -> int | None:
    """The SLA policy in force at an instant (the newest already effective)."""
    return conn.scalar(
        sa.select(sla_policies.c.id)
        .where(sla_policies.c.effective_from <= now)
        .order_by(sla_policies.c.version.desc())
        .limit(1)
    )


def open_problems(
    conn: sa.Connection, *, done: tuple[str, ...]
) -> list[dict[str, Any]]:
    """Problems not yet resolved or closed, newest first (key and title)."""
    rows = conn.execute(
        sa.select(tickets.c.ticket_key, tickets.c.title)
        .where(tickets.c.kind == "problem", tickets.c.status.not_in(done))
        .order_by(tickets.c.created_at.desc())
    ).mappings()
    return [dict(r) for r in rows]


def closure_days(conn: sa.Connection, calendar_code: str) -> list[date]:
    """The closure days of a calendar."""
    return list(
        conn.scalars(
            sa.select(schema.closure_days.c.day).where(
                schema.closure_days.c.calendar_code == calendar_code
            )
        )
    )
