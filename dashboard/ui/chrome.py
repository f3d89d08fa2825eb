"""What every page shows: its document title, and once signed in the sidebar identity
and the MDM/R-wide banner."""

import json

import streamlit as st

from dashboard.kernel import reading
from dashboard.kernel.i18n import N_, _, is_french
from dashboard.kernel.rules.authorization import Actor
from dashboard.ui import routes, session
from dashboard.ui.text import md, md_escape


def desk() -> str:
    """The desk's name, in the current language."""
    return _("MDM/R Service Desk")


# Streamlit's own words that an app cannot set (streamlit/streamlit#13500): on a page
# in another language, style rules put the desk's words in their place.
_STREAMLIT_WORDS = (
    ('[data-testid="stSkipToContent"]', N_("Skip to main content")),
    (
        '[data-testid="stFileUploaderDropzone"] button '
        '[data-testid="stMarkdownContainer"]',
        N_("Upload"),
    ),
    ('[data-testid="stFileUploaderDropzoneInstructions"] > div', N_("10 MB per file")),
)


def _css_text(words: str) -> str:
    # A CSS string: JSON's quoting, with the letters themselves (é, not \u00e9).
    return json.dumps(words, ensure_ascii=False).replace("<", "\\3c ")


def streamlit_words() -> None:
    """Streamlit's skip link and file uploader in the reader's language."""
    if not is_french():
        return
    rules = [
        f"{where}{{font-size:0}}{where} > *{{display:none}}"
        f"{where}::after{{content:{_css_text(_(words))};font-size:1rem}}"
        for where, words in _STREAMLIT_WORDS
    ]
    st.html(f"<style>{''.join(rules)}</style>")


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
