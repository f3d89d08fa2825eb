"""What the history import reads and writes in the store."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from data_access import bulk_store, reference_store
from data_access.change_store import NUMBER_SEQUENCES
from data_access.schema import (
    organizations,
    sla_policies,
    support_groups,
    ticket_id_seq,
    tickets,
    users,
)


def org_codes(conn: sa.Connection) -> set[str]:
    """Every ORG ID."""
    return set(conn.scalars(sa.select(organizations.c.org_code)))


def usernames(conn: sa.Connection) -> set[str]:
    """Every username."""
    return set(conn.scalars(sa.select(users.c.username)))


def existing_keys(conn: sa.Connection, keys: Iterable[str]) -> set[str]:
    """Which of these keys the store already has."""
    wanted = sorted(set(keys))
    if not wanted:
        return set()
    return set(
        conn.scalars(
            sa.select(tickets.c.ticket_key).where(tickets.c.ticket_key.in_(wanted))
        )
    )


def user_row(conn: sa.Connection, username: str) -> dict[str, Any]:
    """A user row by username."""
    return dict(
        conn.execute(sa.select(users).where(users.c.username == username))
        .one()
        ._mapping
    )


def user_row_by_id(conn: sa.Connection, user_id: int) -> dict[str, Any]:
    """A user row by id."""
    return dict(
        conn.execute(sa.select(users).where(users.c.id == user_id)).one()._mapping
    )


def newest_policy_id(conn: sa.Connection) -> int:
    """The newest SLA policy version's id."""
    return int(
        conn.scalar(
            sa.select(sla_policies.c.id)
            .order_by(sla_policies.c.version.desc())
            .limit(1)
        )
        or 0
    )


def reporter_id(conn: sa.Connection, username: str, *, org_code: str) -> int:
    """The reporter's id; an unnamed reporter is the organization's placeholder user."""
    name = username or f"{org_code.lower()}.imported"
    found = conn.scalar(sa.select(users.c.id).where(users.c.username == name))
    if found is not None:
        return int(found)
    org_id = reference_store.org_id_by_code(conn, org_code)
    now = conn.scalar(sa.select(sa.func.now()))
    # Inactive and without a password: it only names who reported a past ticket.
    return reference_store.add_user(
        conn,
        username=name,
        email=f"{name}@imported.invalid",
        display_name=f"Imported reporter ({org_code})",
        role="ldc_user",
        org_id=org_id,
        is_ldc_manager=False,
        password_hash=None,
        active=False,
        created_at=now,
    )


@dataclass(frozen=True)
class ImportedRow:
    """One imported ticket as the store keeps it (organization and group by code)."""

    kind: str
    number: int
    key: str
    title: str
    status: str
    org_code: str
    reporter_id: int
    group_code: str
    severity: int | None
    request_type: str | None
    policy_id: int
    created_at: datetime
    updated_at: datetime
    resolved_at: datetime | None
    closed_at: datetime | None


def insert_ticket(conn: sa.Connection, row: ImportedRow) -> int:
    """Store an imported ticket row and return its id."""
    ticket_id = int(conn.scalar(ticket_id_seq.next_value()))
    group_id = conn.scalar(
        sa.select(support_groups.c.id).where(support_groups.c.code == row.group_code)
    )
    conn.execute(
        tickets.insert().values(
            id=ticket_id,
            kind=row.kind,
            number=row.number,
            ticket_key=row.key,
            title=row.title,
            description="Imported from the previous service desk.",
            status=row.status,
            org_id=reference_store.org_id_by_code(conn, row.org_code),
            is_mdmr_wide=False,
            reporter_id=row.reporter_id,
            group_id=group_id,
            severity=row.severity,
            request_type=row.request_type,
            sla_policy_id=row.policy_id,
            created_at=row.created_at,
            updated_at=row.updated_at,
            updated_by=row.reporter_id,
            resolved_at=row.resolved_at,
            closed_at=row.closed_at,
            version=1,
        )
    )
    return ticket_id


def advance_numbers(conn: sa.Connection, highest: Mapping[str, int]) -> None:
    """Move each kind's number sequence past the highest imported number."""
    for kind, top in highest.items():
        sequence = NUMBER_SEQUENCES[str(kind)]
        current = int(conn.scalar(sequence.next_value()))
        if current < top:
            bulk_store.take_ids(conn, sequence, count=top - current)
