"""The triage queue for SME and OSP staff."""

from dashboard.incidents.ui import triage_queue
from dashboard.oncall.ui import oncall_widgets
from dashboard.ui import session, ticket_list

oncall_widgets.now_line(session.actor())
ticket_list.work_queue(session.actor(), triage_queue.queue())
