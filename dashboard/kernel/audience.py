"""Who hears of a public change to an incident: its LDC's contacts (or every LDC
user), or, when MDM/R-wide, every LDC manager and its subscribers."""

import sqlalchemy as sa

from dashboard.kernel import changes, notify
from dashboard.kernel.rules.notices import Text, update_recipients
from data_access import people_store
from data_access.ticket_store import StoredTicket


def tell_ldc(
    conn: sa.Connection,
    change: changes.Change,
    *,
    ticket: StoredTicket,
    what: Text,
    details: Text = "",
) -> None:
    """Tell the LDC of a public change (and every LDC manager when MDM/R-wide).
    `what` and `details` are user text, or words each reader gets in their own
    language (a Message from `later`): never words already translated."""
    org_id = ticket["org_id"]
    if ticket["is_mdmr_wide"] or org_id is None:
        told = set(people_store.ldc_manager_ids(conn)) | people_store.subscriber_ids(
            conn, ticket["id"]
        )
    else:
        told = update_recipients(
            contact_id=ticket["ldc_contact_id"],
            backup_id=ticket["backup_contact_id"],
            ldc_user_ids=people_store.ldc_user_ids(conn, org_id),
            actor_id=change.actor.user_id,
        )
    change.tell(
        notify.about(
            ticket,
            event="incident_updated",
            recipients=told,
            what=what,
            details=details,
        )
    )
