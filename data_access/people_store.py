"""Who is who: LDC users, group members, people a ticket can be assigned to."""

from typing import Any

import sqlalchemy as sa

from data_access.schema import (
    group_members,
    organizations,
    subscriptions,
    support_groups,
    users,
)


def ldc_user_ids(conn: sa.Connection, org_id: int) -> frozenset[int]:
    """The active users of an LDC."""
    return frozenset(
        conn.scalars(
            sa.select(users.c.id).where(
                users.c.org_id == org_id, users.c.active, users.c.role == "ldc_user"
            )
        )
    )


def ldc_manager_ids(conn: sa.Connection) -> frozenset[int]:
    """Every active LDC manager of every LDC."""
    return frozenset(
        conn.scalars(
            sa.select(users.c.id).where(
                users.c.active, users.c.role == "ldc_user", users.c.is_ldc_manager
            )
        )
    )


def group_member_ids(conn: sa.Connection, group_code: str) -> frozenset[int]:
    """The active members of a support group."""
    return frozenset(
        conn.scalars(
            sa.select(users.c.id)
            .join(group_members, group_members.c.user_id == users.c.id)
            .join(support_groups, support_groups.c.id == group_members.c.group_id)
            .where(support_groups.c.code == group_code, users.c.active)
        )
    )


def people(
    conn: sa.Connection, user_ids: frozenset[int] | set[int]
) -> list[dict[str, Any]]:
    """Id, name, notification preference and language of these users."""
    if not user_ids:
        return []
    rows = conn.execute(
        sa.select(
            users.c.id, users.c.display_name, users.c.notify_pref, users.c.language
        ).where(users.c.id.in_(sorted(user_ids)))
    ).mappings()
    return [dict(r) for r in rows]


def org_users(conn: sa.Connection, org_id: int) -> list[dict[str, Any]]:
    """The active users of an organization, by name (for contact pickers)."""
    rows = conn.execute(
        sa.select(
            users.c.id, users.c.display_name, users.c.email, users.c.is_ldc_manager
        )
        .where(users.c.org_id == org_id, users.c.active)
        .order_by(users.c.display_name)
    ).mappings()
    return [dict(r) for r in rows]


def staff(conn: sa.Connection) -> list[dict[str, Any]]:
    """Active SME and OSP people who work tickets, with their roles, by name."""
    rows = conn.execute(
        sa.select(users.c.id, users.c.display_name, users.c.role)
        .join(organizations, organizations.c.id == users.c.org_id)
        .where(
            users.c.active,
            users.c.role.in_(
                ("sme_agent", "critical_incident_manager", "osp_engineer")
            ),
        )
        .order_by(users.c.display_name)
    ).mappings()
    return [dict(r) for r in rows]


def group_id(conn: sa.Connection, code: str) -> int:
    """A support group's id by its code."""
    found = conn.scalar(
        sa.select(support_groups.c.id).where(support_groups.c.code == code)
    )
    if found is None:
        raise LookupError(f"no support group {code!r}")
    return int(found)


def groups(conn: sa.Connection) -> list[dict[str, Any]]:
    """Every support group (id, code, name)."""
    rows = conn.execute(
        sa.select(
            support_groups.c.id, support_groups.c.code, support_groups.c.name
        ).order_by(support_groups.c.name)
    ).mappings()
    return [dict(r) for r in rows]


def subscriber_ids(conn: sa.Connection, ticket_id: int) -> set[int]:
    """The active users subscribed to a ticket."""
    return set(
        conn.scalars(
            sa.select(users.c.id)
            .join(subscriptions, subscriptions.c.user_id == users.c.id)
            .where(subscriptions.c.ticket_id == ticket_id, users.c.active)
        )
    )


def role_ids(conn: sa.Connection, role: str) -> frozenset[int]:
    """The active users of a role who can sign in."""
    return frozenset(
        conn.scalars(
            sa.select(users.c.id).where(
                users.c.role == role, users.c.active, users.c.password_hash.is_not(None)
            )
        )
    )
