"""Filing a service request: checked, routed to its fulfilment group, people told."""

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from dashboard.kernel import filing
from dashboard.kernel.i18n import _, formats, later
from dashboard.kernel.rules import catalogue
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.errors import InvalidInput
from dashboard.kernel.rules.timezones import local
from dashboard.kernel.rules.workflow import Kind
from dashboard.requests import request_forms
from data_access import people_store, user_admin_store
from data_access.engine import read


@dataclass(frozen=True)
class RequestDraft:
    """What a requester entered on a request's form."""

    request_type: str
    org_id: int
    answers: dict[str, Any] = field(default_factory=dict)
    description: str = ""
    ldc_contact_id: int | None = None


def accounts(engine: sa.Engine, actor: Actor, *, org_id: int) -> dict[str, str]:
    """The accounts a deactivation may name: the LDC's active ones."""
    catalogue.check_may_file(actor, "sd_user_deactivation", org_id=org_id)
    with read(engine) as conn:
        return user_admin_store.org_accounts(conn, org_id)


def file_request(
    engine: sa.Engine,
    actor: Actor,
    *,
    draft: RequestDraft,
    now: datetime,
    token: str | None = None,
) -> str:
    """File a service request and return its key; refuse, changing nothing, when
    invalid or when the form's token filed already."""
    request = catalogue.check_may_file(actor, draft.request_type, org_id=draft.org_id)
    description = draft.description.strip()
    if len(description) > catalogue.DESCRIPTION_MAX:
        raise InvalidInput(
            _("The description is limited to {limit} characters.").format(
                limit=formats.number(catalogue.DESCRIPTION_MAX)
            )
        )
    return filing.file_ticket(
        engine,
        actor,
        kind=Kind.SERVICE_REQUEST,
        prepare=lambda conn: _checked(
            conn, actor, request=request, draft=draft, description=description, now=now
        ),
        files=[],
        now=now,
        token=token,
    )


def _checked(
    conn: sa.Connection,
    actor: Actor,
    *,
    request: catalogue.RequestType,
    draft: RequestDraft,
    description: str,
    now: datetime,
) -> filing.NewTicket:
    """The draft's answers and contact checked against its LDC, titled by them."""
    answers = request_forms.clean(
        request.code,
        draft.answers,
        today=local(now).date(),
        accounts=user_admin_store.org_accounts(conn, draft.org_id),
    )
    contact = draft.ldc_contact_id
    if contact is not None and contact not in people_store.ldc_user_ids(
        conn, draft.org_id
    ):
        raise InvalidInput(_("The LDC contact must be an active user of that LDC."))
    title = request_forms.title_of(request.code, request.name, answers=answers)
    return filing.NewTicket(
        title=title[:200],
        description=description,
        org_id=draft.org_id,
        group=request.group,
        event="request_submitted",
        # Put in words in each recipient's language, the request's name too.
        what=later("New {name} request", name=later(request.name)),
        details=later("Filed by {name}.", name=actor.display_name),
        fields={
            "request_type": request.code,
            "request_fields": json.dumps(answers),
            "ldc_contact_id": contact,
        },
    )
