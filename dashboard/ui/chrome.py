"""What every page shows: its document title, and once signed in the sidebar identity
and the MDM/R-wide banner."""

import streamlit as st

from dashboard.kernel import reading
from dashboard.kernel.i18n import _
from dashboard.kernel.rules.authorization import Actor
from dashboard.ui import routes, session
from dashboard.ui.text import md, md_escape


def desk() -> str:
    """The desk's name, in the current language."""
    return _("MDM/R Service Desk")


def document_title(title: str) -> None:
    """Name this page in the browser's tab and history: "Triage queue · MDM/R …"."""
    st.set_page_config(page_title=f"{title} · {desk()}")


def sidebar(actor: Actor) -> None:
    """The signed-in user, their role, and sign-out."""
    with st.sidebar:
        st.markdown(
            f"**{md_escape(actor.display_name)}**  \n{md_escape(_(actor.label))}"
        )
        if st.button(_("Sign out"), key="chrome_sign_out", icon=":material/logout:"):
            session.sign_out()
            st.rerun()


def mdmr_wide_banner(actor: Actor) -> None:
    """Open MDM/R-wide incidents, on every page an LDC user opens."""
    for incident in reading.mdmr_wide_banner(session.engine(), actor):
        status = incident["status"]
        with st.container(border=True):
            st.warning(
                md(
                    _("MDM/R-wide incident {key} ({status}): {title}"),
                    key=incident["ticket_key"],
                    status=_(status),
                    title=incident["title"],
                ),
                icon=":material/campaign:",
            )
            st.page_link(
                routes.ticket(),
                label=_("Open {key}").format(key=incident["ticket_key"]),
                query_params={"key": incident["ticket_key"]},
            )
