"""The pages of the desk, and which of them each role sees."""

from pathlib import Path

import streamlit as st

from dashboard.kernel.i18n import N_, _, formats
from dashboard.kernel.rules.authorization import Action, Actor, may

PAGES = Path(__file__).resolve().parents[2] / "pages"


def login() -> st.Page:
    """The sign-in page."""
    return st.Page(
        PAGES / "login.py",
        title=_("Sign in"),
        icon=":material/login:",
        url_path="login",
    )


def tickets() -> st.Page:
    """The ticket list."""
    return st.Page(
        PAGES / "tickets.py",
        title=_("Tickets"),
        icon=":material/list:",
        url_path="tickets",
    )


def ticket() -> st.Page:
    """One ticket, chosen by the `key` query parameter."""
    return st.Page(
        PAGES / "ticket.py",
        title=_("Ticket"),
        icon=":material/confirmation_number:",
        url_path="ticket",
        visibility="hidden",
    )


def account() -> st.Page:
    """The user's own account: password and sign-out."""
    return st.Page(
        PAGES / "account.py",
        title=_("My account"),
        icon=":material/person:",
        url_path="account",
    )


def report_incident() -> st.Page:
    """The incident report form."""
    return st.Page(
        PAGES / "report.py",
        title=_("Report an incident"),
        icon=":material/report:",
        url_path="report",
    )


def queue() -> st.Page:
    """The triage queue."""
    return st.Page(
        PAGES / "queue.py",
        title=_("Triage queue"),
        icon=":material/inbox_customize:",
        url_path="queue",
    )


def inbox(unread: int = 0) -> st.Page:
    """The user's notifications."""
    title = (
        _("Inbox ({unread})").format(unread=formats.number(unread))
        if unread
        else _("Inbox")
    )
    return st.Page(
        PAGES / "inbox.py",
        title=title,
        icon=":material/notifications:",
        url_path="inbox",
    )


def problems() -> st.Page:
    """The problem list every user may browse."""
    return st.Page(
        PAGES / "problems.py",
        title=_("Problems"),
        icon=":material/bug_report:",
        url_path="problems",
    )


def problem() -> st.Page:
    """One problem, chosen by the `key` query parameter."""
    return st.Page(
        PAGES / "problem.py",
        title=_("Problem"),
        icon=":material/bug_report:",
        url_path="problem",
        visibility="hidden",
    )


def subscriptions() -> st.Page:
    """The problems the user follows."""
    return st.Page(
        PAGES / "subscriptions.py",
        title=_("My subscriptions"),
        icon=":material/notifications_active:",
        url_path="subscriptions",
    )


def sla_admin() -> st.Page:
    """Service-level administration for SME managers."""
    return st.Page(
        PAGES / "sla_admin.py",
        title=_("Service levels"),
        icon=":material/timer:",
        url_path="sla_admin",
    )


def catalogue() -> st.Page:
    """The service catalogue."""
    return st.Page(
        PAGES / "catalogue.py",
        title=_("Service catalogue"),
        icon=":material/menu_book:",
        url_path="catalogue",
    )


def request_new() -> st.Page:
    """A service request's form, chosen by the `type` query parameter."""
    return st.Page(
        PAGES / "request_new.py",
        title=_("New service request"),
        icon=":material/add_circle:",
        url_path="request_new",
        visibility="hidden",
    )


def fulfilment() -> st.Page:
    """The fulfilment queue of service requests."""
    return st.Page(
        PAGES / "fulfilment.py",
        title=_("Fulfilment queue"),
        icon=":material/assignment_turned_in:",
        url_path="fulfilment",
    )


def account_setup() -> st.Page:
    """Where a password is set with the one-time code the desk gave."""
    return st.Page(
        PAGES / "account_setup.py",
        title=_("Set a password with a code"),
        icon=":material/key:",
        url_path="account_setup",
    )


def users_admin() -> st.Page:
    """Administration of accounts for SME managers."""
    return st.Page(
        PAGES / "users_admin.py",
        title=_("Users"),
        icon=":material/manage_accounts:",
        url_path="users_admin",
    )


def administration() -> st.Page:
    """Organizations, categories, releases, severity definitions, auto-close."""
    return st.Page(
        PAGES / "admin.py",
        title=_("Administration"),
        icon=":material/admin_panel_settings:",
        url_path="admin",
    )


def analytics() -> st.Page:
    """SLA analytics for SME managers."""
    return st.Page(
        PAGES / "analytics.py",
        title=_("SLA analytics"),
        icon=":material/monitoring:",
        url_path="analytics",
    )


def analytics_ldc() -> st.Page:
    """An LDC manager's SLA report for their own LDC."""
    return st.Page(
        PAGES / "analytics_ldc.py",
        title=_("SLA report"),
        icon=":material/monitoring:",
        url_path="analytics_ldc",
    )


def delivery_failures() -> st.Page:
    """Emails that failed for good, with Retry, for the SME desk and managers."""
    return st.Page(
        PAGES / "delivery.py",
        title=_("Delivery failures"),
        icon=":material/unsubscribe:",
        url_path="delivery",
    )


def oncall() -> st.Page:
    """The Critical Incident Managers' on-call rota."""
    return st.Page(
        PAGES / "oncall.py",
        title=_("On-call rota"),
        icon=":material/support_agent:",
        url_path="oncall",
    )


def home() -> st.Page:
    """The root address: sends a signed-in user on to their first page.

    The default page is served at the root only, so were a real page the default,
    its own address (a bookmark of /queue, say) would answer "Page not found".
    """
    return st.Page(
        PAGES / "home.py",
        title=_("Home"),
        icon=":material/home:",
        url_path="home",
        default=True,
        visibility="hidden",
    )


def landing(actor: Actor) -> st.Page:
    """The first page of a signed-in user's navigation."""
    return pages_for(actor)[1]


def pages_for(actor: Actor | None, *, unread: int = 0) -> list[st.Page]:
    """The navigation for this user: the desk's pages, then the user's own.

    One flat list: Streamlit draws a navigation with sections as headings and lists
    inside one list, which screen readers cannot follow (axe: `list`, `listitem`).
    """
    if actor is None:
        return [login(), account_setup(), *signed_out_arrivals()]
    work = [queue()] if may(actor, Action.WORK_TICKETS) else []
    if may(actor, Action.FULFIL_REQUESTS) or may(actor, Action.WORK_TICKETS):
        work.append(fulfilment())
    work += [tickets(), ticket()]
    if may(actor, Action.FILE_INCIDENT):
        work.append(report_incident())
    if may(actor, Action.FILE_REQUEST):
        work += [catalogue(), request_new()]
    if may(actor, Action.BROWSE_PROBLEMS):
        work += [problems(), problem()]
    if may(actor, Action.SEE_ANALYTICS):
        work.append(analytics())
    elif may(actor, Action.SEE_OWN_LDC_SLA_REPORT):
        work.append(analytics_ldc())
    if may(actor, Action.ADMINISTER):
        work += [sla_admin(), users_admin(), administration()]
    if may(actor, Action.SEE_ONCALL):
        work.append(oncall())
    if may(actor, Action.RETRY_EMAILS):
        work.append(delivery_failures())
    you = [inbox(unread)]
    if may(actor, Action.SUBSCRIBE):
        you.append(subscriptions())
    if may(actor, Action.MANAGE_OWN_ACCOUNT):
        you.append(account())
    granted = {page.url_path for page in (*work, *you)}
    refused = [forbidden(path) for path in ARRIVALS if path not in granted]
    return [home(), *work, *you, *refused]


# Where a signed-out visitor may arrive (a link in an email, a bookmark, a refresh after
# the session ended). Each address shows the sign-in form; once signed in, the same
# address, query included, opens its page if the user's role has it.
ARRIVALS = (
    "tickets", "ticket", "account", "report", "queue", "inbox", "problems", "problem",
    "subscriptions", "sla_admin", "catalogue", "request_new", "fulfilment",
    "users_admin", "admin", "analytics", "analytics_ldc", "delivery", "oncall",
)  # fmt: skip


def signed_out_arrivals() -> list[st.Page]:
    """The sign-in form at every address of the signed-in pages."""
    return [
        st.Page(
            PAGES / "login.py", title=_("Sign in"), url_path=path, visibility="hidden"
        )
        for path in ARRIVALS
    ]


REFUSED_TITLE = N_("Not open to you")
REFUSAL = N_("You may not open this page.")


def _refuse() -> None:
    st.title(_(REFUSED_TITLE))
    st.error(_(REFUSAL))


def forbidden(path: str) -> st.Page:
    """A desk address the user's role lacks: a refusal, not "Page not found"."""
    return st.Page(
        _refuse,
        title=_(REFUSED_TITLE),
        icon=":material/block:",
        url_path=path,
        visibility="hidden",
    )
