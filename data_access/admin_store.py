"""Administration writes: organizations, categories, releases, severity definitions."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from data_access.schema import (
    categories,
    organizations,
    release_id_seq,
    releases,
    severity_definitions,
)


def update_organization(
    conn: sa.Connection, org_id: int, *, values: dict[str, Any]
) -> None:
    """Change an organization's fields."""
    conn.execute(
        organizations.update().where(organizations.c.id == org_id).values(**values)
    )


def org_code_taken(conn: sa.Connection, org_code: str) -> bool:
    """Whether an ORG ID is already registered."""
    return bool(
        conn.scalar(
            sa.select(sa.func.count())
            .select_from(organizations)
            .where(sa.func.upper(organizations.c.org_code) == org_code.upper())
        )
    )


def all_categories(conn: sa.Connection) -> list[dict[str, Any]]:
    """Every category, active or not, in display order."""
    rows = conn.execute(
        sa.select(categories).order_by(categories.c.sort_order)
    ).mappings()
    return [dict(r) for r in rows]


def add_category(
    conn: sa.Connection, *, code: str, name: str, name_fr: str | None = None
) -> None:
    """Add a category at the end of the list (no French name: the catalogue's)."""
    last = conn.scalar(sa.select(sa.func.max(categories.c.sort_order))) or 0
    conn.execute(
        categories.insert().values(
            code=code, name=name, name_fr=name_fr, sort_order=last + 1, active=True
        )
    )


def update_category(
    conn: sa.Connection,
    code: str,
    *,
    name: str,
    active: bool,
    name_fr: str | None = None,
) -> None:
    """Rename a category (in English and French; no French name: the catalogue's)
    or take it out of (or back into) use."""
    conn.execute(
        categories.update()
        .where(categories.c.code == code)
        .values(name=name, name_fr=name_fr, active=active)
    )


def add_release(
    conn: sa.Connection, *, name: str, deployed_at: datetime, notes: str
) -> int:
    """Record an MDM/R release."""
    release_id = int(conn.scalar(release_id_seq.next_value()))
    conn.execute(
        releases.insert().values(
            id=release_id, name=name, deployed_at=deployed_at, notes=notes
        )
    )
    return release_id


def release_name_taken(conn: sa.Connection, name: str) -> bool:
    """Whether a release of that name exists."""
    return bool(
        conn.scalar(
            sa.select(sa.func.count())
            .select_from(releases)
            .where(releases.c.name == name)
        )
    )


def severity_definitions_all(conn: sa.Connection) -> list[dict[str, Any]]:
    """The impact and urgency definitions."""
    rows = conn.execute(
        sa.select(severity_definitions).order_by(
            severity_definitions.c.dimension, severity_definitions.c.level
        )
    ).mappings()
    return [dict(r) for r in rows]


def update_severity_definition(
    conn: sa.Connection,
    dimension: str,
    *,
    level: int,
    name: str,
    meaning: str,
    by: int,
    now: datetime,
    name_fr: str | None = None,
    meaning_fr: str | None = None,
) -> None:
    """Reword one impact or urgency level, in English and French (no French: the
    catalogue's French of the English)."""
    conn.execute(
        severity_definitions.update()
        .where(
            severity_definitions.c.dimension == dimension,
            severity_definitions.c.level == level,
        )
        .values(
            name=name,
            meaning=meaning,
            name_fr=name_fr,
            meaning_fr=meaning_fr,
            updated_at=now,
            updated_by=by,
        )
    )
