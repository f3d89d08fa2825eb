"""Giving a ticket of any kind to a support group and, optionally, a person in it."""

from collections.abc import Mapping
from dataclasses import dataclass, field

import sqlalchemy as sa

from dashboard.kernel import changes, notify
from dashboard.kernel.i18n import N_, _, later
from dashboard.kernel.rules.authorization import Action, may
from dashboard.kernel.rules.errors import InvalidInput, NotAllowed
from data_access import people_store
from data_access.ticket_store import TicketRow

# The kinds' tickets as Assigning.plural names them, marked for the catalogue.
PLURALS = (N_("incidents"), N_("requests"))


@dataclass(frozen=True)
class Assigning:
    """What differs between the kinds when one of their tickets is assigned."""

    # The event of the "Assigned to you" notice.
    event: str
    # The kind's tickets as the refusal to hand them out names them, in English (one
    # of PLURALS): the refusal puts it in the reader's language.
    plural: str
    # Statuses that giving the ticket to a person moves on, and where to.
    moves: Mapping[str, str] = field(default_factory=dict)


def assign_in(
    conn: sa.Connection,
    change: changes.Change,
    *,
    ticket: TicketRow,
    assignee_id: int | None,
    group_code: str,
    assigning: Assigning,
) -> None:
    """The assignment part of a change (shared by every kind, single and bulk)."""
    staff = {p["id"]: p for p in people_store.staff(conn)}
    if assignee_id is not None and assignee_id not in staff:
        raise InvalidInput(_("Assign to an active member of the SME or the OSP."))
    groups = {g["code"]: g for g in people_store.groups(conn)}
    if group_code not in groups:
        raise InvalidInput(_("Choose a support group."))
    _require_may_hand_out(
        change,
        ticket=ticket,
        assignee_id=assignee_id,
        group_code=group_code,
        plural=assigning.plural,
    )
    group = groups[group_code]
    change.set(
        ticket,
        "group_id",
        value=group["id"],
        label="group",
        shown=(ticket["group_name"], group["name"]),
    )
    assignee = staff[assignee_id]["display_name"] if assignee_id else None
    handed = change.set(
        ticket,
        "assignee_id",
        value=assignee_id,
        label="assignee",
        shown=(ticket["assignee_name"], assignee),
    )
    if handed and assignee_id is not None:
        change.tell(
            notify.about(
                ticket,
                event=assigning.event,
                recipients={assignee_id},
                what=later("Assigned to you by {name}", name=change.actor.display_name),
            )
        )
    moved = assigning.moves.get(ticket["status"])
    if moved is not None and assignee_id is not None:
        change.set(ticket, "status", value=moved)


def _require_may_hand_out(
    change: changes.Change,
    *,
    ticket: TicketRow,
    assignee_id: int | None,
    group_code: str,
    plural: str,
) -> None:
    """Refuse giving the ticket to anyone but oneself, or to another group, without
    the right to triage."""
    hands_out = (
        assignee_id != change.actor.user_id or group_code != ticket["group_code"]
    )
    if hands_out and not may(change.actor, Action.TRIAGE):
        raise NotAllowed(
            _(
                "OSP engineers take {tickets} for themselves; handing them to others "
                "is the SME desk's."
            ).format(tickets=_(plural))
        )


def assigning_to(
    *, assignee_id: int | None, group_code: str, assigning: Assigning
) -> changes.Make:
    """The change that gives a ticket to the group and person (single or bulk)."""

    def make(conn: sa.Connection, ticket: TicketRow, *, change: changes.Change) -> None:
        assign_in(
            conn,
            change,
            ticket=ticket,
            assignee_id=assignee_id,
            group_code=group_code,
            assigning=assigning,
        )

    return make
