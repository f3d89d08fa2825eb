"""The fulfilment queue of service requests for the fulfilment groups."""

from dashboard.requests.ui import fulfilment_queue
from dashboard.ui import session, ticket_list

ticket_list.work_queue(session.actor(), fulfilment_queue.QUEUE)
