"""The triage queue for SME and OSP staff."""

from dashboard.incidents.ui import triage_queue
from dashboard.ui import session, ticket_list

ticket_list.work_queue(session.actor(), triage_queue.QUEUE)
