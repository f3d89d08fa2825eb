"""The tickets the signed-in user may see."""

from dashboard.kernel import directory
from dashboard.ui import session, ticket_list

ticket_list.ticket_list(session.actor(), directory.organization_names(session.engine()))
