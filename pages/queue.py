"""The triage queue for SME and OSP staff."""

from dashboard.incidents.ui import triage_queue
from dashboard.ui import session, ticket_list

ticket_list.work_queue(
    session.actor(),
    title="Triage queue",
    prefix="queue",
    query=triage_queue.query,
    act=triage_queue.bulk_panel,
)
