"""The signed-in user's notifications: one line each, filtered and paged in the
address, so that a view can be bookmarked."""

import streamlit as st

from dashboard.delivery import inbox
from dashboard.delivery.ui import inbox_view
from dashboard.kernel.i18n import _, formats, ngettext
from dashboard.ui import session

actor = session.actor()
st.title(_("Inbox"))
view = inbox_view.filters(inbox.view_of(st.query_params.to_dict()))
unread = inbox.unread(session.engine(), actor)
if unread and st.button(
    ngettext("Mark all {n} read", "Mark all {n} read", unread).format(
        n=formats.number(unread)
    ),
    key="inbox_mark_all",
    icon=":material/done_all:",
):
    inbox_view.mark_read(actor, ids=None)

page = inbox.page_of(session.engine(), actor, view=view)
if not page.items:
    inbox_view.empty(view)
else:
    ticked = inbox_view.grid(
        page.items,
        now=session.now(),
        key=f"inbox_grid_{view.about}_{view.unread_only}_{view.page}_{page.total}",
    )
    inbox_view.pager(view, page)
    inbox_view.chosen(actor, [page.items[i] for i in ticked])
