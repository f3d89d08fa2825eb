"""Filing a service request: checked, routed to its fulfilment group, people told."""

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from dashboard.kernel import changes, clocks, notify, submissions
from dashboard.kernel.rules import catalogue
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.errors import InvalidInput
from dashboard.kernel.rules.notices import compose
from dashboard.kernel.rules.timezones import local
from dashboard.kernel.rules.workflow import INITIAL_STATUS, Kind, ticket_key
from dashboard.requests import request_forms
from data_access import change_store, people_store, reference_store, user_admin_store
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
            f"The description is limited to {catalogue.DESCRIPTION_MAX:,} characters."
        )
    with submissions.once(engine, token, actor=actor), changes.Save(engine) as uow:
        conn = uow.conn
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
            raise InvalidInput("The LDC contact must be an active user of that LDC.")
        ticket_id, number = change_store.next_ticket_ids(conn, Kind.SERVICE_REQUEST)
        key = ticket_key(Kind.SERVICE_REQUEST, number)
        submissions.claim(
            conn, token, actor=actor, made="ticket", ticket_key=key, now=now
        )
        title = request_forms.title_of(request.code, request.name, answers=answers)[
            :200
        ]
        change_store.insert_ticket(
            conn,
            {
                "id": ticket_id,
                "kind": Kind.SERVICE_REQUEST.value,
                "number": number,
                "ticket_key": key,
                "title": title,
                "description": description,
                "status": INITIAL_STATUS[Kind.SERVICE_REQUEST],
                "org_id": draft.org_id,
                "is_mdmr_wide": False,
                "reporter_id": actor.user_id,
                "group_id": people_store.group_id(conn, request.group),
                "request_type": request.code,
                "request_fields": json.dumps(answers),
                "ldc_contact_id": contact,
                "sla_policy_id": reference_store.current_policy_id(conn, now=now),
                "created_at": now,
                "updated_at": now,
                "updated_by": actor.user_id,
            },
        )
        change = changes.Change(actor=actor, now=now)
        change.record("created", new_value=INITIAL_STATUS[Kind.SERVICE_REQUEST])
        change.tell(
            compose(
                event="request_submitted",
                recipients=people_store.group_member_ids(conn, request.group),
                ticket_key=key,
                title=title,
                what=f"New {request.name} request",
                details=f"Filed by {actor.display_name}.",
                link=notify.ticket_link(key),
            )
        )
        changes.write_history(conn, change, ticket_id=ticket_id)
        clocks.recompute(conn, ticket_id, now=now)
        uow.commit()
    return key
