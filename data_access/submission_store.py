"""The tokens of form renders that saved something: each render saves once."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from data_access.schema import submission_tokens


def claim(
    conn: sa.Connection,
    token: str,
    *,
    user_id: int,
    made: str,
    ticket_key: str,
    comment_id: int | None,
    now: datetime,
) -> None:
    """Mark a token used by what its save makes, in the caller's transaction.

    A token used already fails on the primary key: at once when that use is
    committed, at commit when both saves run at the same moment.
    """
    conn.execute(
        submission_tokens.insert().values(
            token=token,
            user_id=user_id,
            made=made,
            ticket_key=ticket_key,
            comment_id=comment_id,
            used_at=now,
        )
    )


def used(conn: sa.Connection, token: str) -> dict[str, Any] | None:
    """Who used a token and what its save made; None while it is unused."""
    row = conn.execute(
        sa.select(submission_tokens).where(submission_tokens.c.token == token)
    ).first()
    return None if row is None else dict(row._mapping)
