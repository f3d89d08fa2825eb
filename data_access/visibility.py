"""What a reader may see, applied in every query that reads tickets."""

from dataclasses import dataclass

import sqlalchemy as sa

from data_access.schema import tickets


@dataclass(frozen=True)
class Viewer:
    """The acting user as the store sees them: whose tickets, and which notes."""

    user_id: int
    org_id: int
    all_organizations: bool
    internal_notes: bool


def visible_tickets(viewer: Viewer) -> sa.ColumnElement[bool]:
    """The condition a ticket row must meet for this viewer to see it."""
    if viewer.all_organizations:
        return sa.true()
    own = sa.and_(
        tickets.c.org_id == viewer.org_id,
        tickets.c.kind.in_(("incident", "service_request")),
    )
    wide = sa.and_(tickets.c.is_mdmr_wide, tickets.c.kind == "incident")
    return sa.or_(own, wide)
