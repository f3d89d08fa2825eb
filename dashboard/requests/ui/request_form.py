"""A service request's form, rendered from its declaration in the catalogue, and
filed once per render."""

from typing import Any

import streamlit as st

from dashboard.kernel import directory
from dashboard.kernel.i18n import _
from dashboard.kernel.rules.authorization import Action, Actor, may
from dashboard.kernel.rules.catalogue import DESCRIPTION_MAX, RequestType
from dashboard.requests import request_filing
from dashboard.requests.request_forms import (
    LONG_TEXT_MAX,
    TEST_ENVIRONMENTS,
    TEXT_MAX,
    Field,
    Kind,
    fields_of,
)
from dashboard.ui import session
from dashboard.ui.once import Once

P = "req_"
FORM = Once("req")


def organization(actor: Actor) -> int | None:
    """The LDC the request is for: staff choose one; LDC users ask for their own."""
    if not may(actor, Action.FILE_FOR_ANY_LDC):
        return actor.org_id
    ldcs = directory.ldc_names(session.engine())
    chosen = st.selectbox(
        _("LDC concerned"),
        list(ldcs),
        format_func=ldcs.__getitem__,
        index=None,
        placeholder=_("Choose the LDC"),
        key=P + "org",
    )
    return None if chosen is None else int(chosen)


def draft(
    actor: Actor, request: RequestType, *, org_id: int
) -> request_filing.RequestDraft | None:
    """The form of the request; the draft once submitted, else None."""
    accounts = (
        request_filing.accounts(session.engine(), actor, org_id=org_id)
        if any(f.kind is Kind.ACCOUNT for f in fields_of(request.code))
        else {}
    )
    people = directory.org_people(session.engine(), org_id)
    with st.form(FORM.key("form")):
        answers = {f.name: _widget(f, accounts) for f in fields_of(request.code)}
        description = st.text_area(
            _("Anything else the desk should know (optional)"),
            max_chars=DESCRIPTION_MAX,
            key=FORM.key("description"),
        )
        contact = st.selectbox(
            _("LDC contact for this request (optional)"),
            list(people),
            format_func=people.__getitem__,
            index=None,
            placeholder=_("Nobody besides the requester"),
            key=FORM.key("contact"),
        )
        sent = st.form_submit_button(_("Submit the request"), type="primary")
    if not sent:
        return None
    return request_filing.RequestDraft(
        request_type=request.code,
        org_id=org_id,
        answers=answers,
        description=description,
        ldc_contact_id=contact,
    )


def _widget(field: Field, accounts: dict[str, str]) -> Any:
    name = _(field.label)
    label = name if field.required else _("{label} (optional)").format(label=name)
    key = FORM.key(field.name)
    if field.kind is Kind.FLAG:
        return st.checkbox(name, key=key)
    if field.kind in (Kind.DATE, Kind.PAST_DATE):
        return st.date_input(label, value=None, format="YYYY-MM-DD", key=key)
    if field.kind is Kind.ACCOUNT:
        return st.selectbox(
            label,
            list(accounts),
            format_func=lambda v: f"{accounts[v]} ({v})" if accounts[v] != v else v,
            index=None,
            placeholder=_("Choose"),
            key=key,
        )
    if field.kind in (Kind.ENVIRONMENT, Kind.CHOICE):
        # The choices are stored in English; each is shown in the reader's language.
        return st.selectbox(
            label,
            list(field.choices or TEST_ENVIRONMENTS),
            format_func=_,
            index=None,
            placeholder=_("Choose"),
            key=key,
        )
    if field.kind is Kind.LONG_TEXT:
        return st.text_area(label, max_chars=LONG_TEXT_MAX, key=key)
    return st.text_input(label, max_chars=TEXT_MAX, key=key)


def submit(actor: Actor, draft: request_filing.RequestDraft) -> None:
    """File the request once: say why not, or start an empty form naming its key."""
    FORM.file(
        lambda token: request_filing.file_request(
            session.engine(), actor, draft=draft, now=session.now(), token=token
        )
    )
