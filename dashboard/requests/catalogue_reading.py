"""Reading the service catalogue, with each request's target from the store's policy."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from dashboard.kernel.i18n import _, formats, ngettext
from dashboard.kernel.rules.authorization import Action, Actor, may
from dashboard.kernel.rules.catalogue import CATALOGUE, who_may_ask
from dashboard.kernel.rules.reference import SUPPORT_GROUPS
from dashboard.kernel.rules.sla_defaults import BUSINESS_DAY, request_key
from dashboard.requests import request_forms
from data_access import reference_store, sla_admin_store
from data_access.engine import read

_GROUP_NAMES = {code: name for code, name, _purpose in SUPPORT_GROUPS}


def catalogue(
    engine: sa.Engine, actor: Actor, *, now: datetime
) -> list[dict[str, Any]]:
    """The twelve requests: purpose, needs, who may ask, group, current target, in
    the current language."""
    with read(engine) as conn:
        policy_id = reference_store.current_policy_id(conn, now=now)
        rows = sla_admin_store.targets(conn, policy_id) if policy_id is not None else []
    targets = {r["target_key"]: r for r in rows}
    entries = []
    for request in CATALOGUE:
        target = targets.get(request_key(request.code), {})
        entries.append(
            {
                "code": request.code,
                "name": _(request.name),
                "purpose": _(request.purpose),
                "needs": request_forms.needs(request.code),
                "who": who_may_ask(request),
                "group": _(_GROUP_NAMES.get(request.group, request.group)),
                "target": target_text(
                    target.get("resolution_minutes"), target.get("calendar_code")
                ),
                "may_file": may(actor, Action.FILE_REQUEST)
                and (
                    not request.manager_only or may(actor, Action.FILE_MANAGER_REQUEST)
                ),
            }
        )
    return entries


def target_text(minutes: int | None, calendar: str | None) -> str:
    """A fulfilment target as people say it: '2 business days'."""
    if minutes is None:
        return _("No target in the current policy")
    if calendar == "business" and minutes % BUSINESS_DAY == 0:
        days = minutes // BUSINESS_DAY
        return ngettext("{n} business day", "{n} business days", days).format(
            n=formats.number(days)
        )
    if calendar == "business":
        return _("{span} (business hours)").format(span=formats.span(minutes))
    return _("{span} (24x7)").format(span=formats.span(minutes))
