"""Entry point: page set-up, sign-in, and navigation built from the user's role."""

import streamlit as st

from dashboard import worker
from dashboard.delivery import inbox
from dashboard.kernel import settings
from dashboard.ui import chrome, language, routes, session


@st.cache_resource(show_spinner=False)
def _jobs(path: str) -> worker.JobRunner:
    """The jobs of this web process, started once per store, not once per session."""
    return worker.start(session.engine())


session.require_current_store()
actor = session.current_actor()
language.settle(actor)
st.set_page_config(
    page_title=chrome.desk(), page_icon=":material/support_agent:", layout="wide"
)
if worker.in_web_process():  # unless SERVICEDESK_JOBS says a worker hosts them
    _jobs(settings.current().store)
unread = inbox.unread(session.engine(), actor) if actor else 0
navigation = st.navigation(routes.pages_for(actor, unread=unread))
chrome.document_title(navigation.title)  # a record's page adds its key
chrome.streamlit_words()
if actor is not None:
    chrome.sidebar(actor)
    chrome.mdmr_wide_banner(actor)
session.write_cookie()
navigation.run()
session.cookie_written()
