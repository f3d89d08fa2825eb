"""Saved views: one row per person, list and name."""

from datetime import datetime

import sqlalchemy as sa

from data_access.schema import saved_views


def list_views(conn: sa.Connection, *, user_id: int, list_name: str) -> dict[str, str]:
    """A person's views of a list, by name, with their settings (JSON text)."""
    rows = conn.execute(
        sa.select(saved_views.c.name, saved_views.c.settings)
        .where(saved_views.c.user_id == user_id, saved_views.c.list_name == list_name)
        .order_by(saved_views.c.name)
    )
    return {str(name): str(settings) for name, settings in rows}


def put_view(
    conn: sa.Connection,
    *,
    user_id: int,
    list_name: str,
    name: str,
    settings: str,
    now: datetime,
) -> None:
    """Save a view under its name, replacing one of the same name."""
    drop_view(conn, user_id=user_id, list_name=list_name, name=name)
    conn.execute(
        saved_views.insert().values(
            user_id=user_id,
            list_name=list_name,
            name=name,
            settings=settings,
            saved_at=now,
        )
    )


def drop_view(conn: sa.Connection, *, user_id: int, list_name: str, name: str) -> int:
    """Forget a view; how many rows went (0 or 1)."""
    return conn.execute(
        saved_views.delete().where(
            saved_views.c.user_id == user_id,
            saved_views.c.list_name == list_name,
            saved_views.c.name == name,
        )
    ).rowcount
