"""The on-call rota: SME managers set who is primary and secondary each week, and
override single days; the desk's staff read it."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from dashboard.kernel import changes
from dashboard.kernel.i18n import _, formats
from dashboard.kernel.rules.authorization import Action, Actor, require
from dashboard.kernel.rules.errors import InvalidInput
from dashboard.oncall import oncall_paging, oncall_rules
from dashboard.oncall.oncall_rules import Step
from data_access import oncall_store
from data_access.engine import read

WEEKS_SHOWN = 8


@dataclass(frozen=True)
class Week:
    """One rota week: its Monday and who holds each role (ids and names)."""

    week_start: date
    ids: Mapping[Step, int | None]
    names: Mapping[Step, str | None]


def cims(engine: sa.Engine, actor: Actor) -> list[dict[str, Any]]:
    """The active Critical Incident Managers, who alone may be put on call."""
    require(actor, Action.SEE_ONCALL)
    with read(engine) as conn:
        return oncall_store.active_of_role(conn, oncall_paging.CIM_ROLE)


def upcoming(
    engine: sa.Engine, actor: Actor, *, now: datetime, count: int = WEEKS_SHOWN
) -> list[Week]:
    """This week and the next ones, with their primary and secondary."""
    require(actor, Action.SEE_ONCALL)
    first = oncall_rules.week_of(oncall_rules.local_day(now))
    with read(engine) as conn:
        rows = oncall_store.weeks(conn, start=first, end=first + timedelta(weeks=count))
    held = {(r["day"], r["role"]): r for r in rows}
    weeks = []
    for n in range(count):
        monday = first + timedelta(weeks=n)
        found = {role: held.get((monday, role.value)) for role in oncall_rules.ROLES}
        weeks.append(
            Week(
                monday,
                ids={k: v["user_id"] if v else None for k, v in found.items()},
                names={k: v["display_name"] if v else None for k, v in found.items()},
            )
        )
    return weeks


def overrides(
    engine: sa.Engine, actor: Actor, *, now: datetime
) -> list[dict[str, Any]]:
    """The day overrides from today on."""
    require(actor, Action.SEE_ONCALL)
    today = oncall_rules.local_day(now)
    with read(engine) as conn:
        return oncall_store.days(conn, start=today, end=today + timedelta(days=3660))


def on_call_now(
    engine: sa.Engine, actor: Actor, *, now: datetime
) -> dict[Step, str | None]:
    """The names of the primary and secondary on call now."""
    require(actor, Action.SEE_ONCALL)
    with read(engine) as conn:
        ids = oncall_paging.on_call(conn, now)
        names = {
            p["id"]: p["display_name"]
            for p in oncall_store.active_of_role(conn, oncall_paging.CIM_ROLE)
        }
    return {role: names.get(i) if i else None for role, i in ids.items()}


def _check_cim(conn: sa.Connection, user_id: int) -> None:
    person = oncall_store.user(conn, user_id)
    if person is None:
        raise InvalidInput(_("There is no such user."))
    if person["role"] != oncall_paging.CIM_ROLE or not person["active"]:
        raise InvalidInput(
            _(
                "{name} is not an active Critical Incident Manager: only they can be "
                "put on call."
            ).format(name=person["display_name"])
        )


def _check_role(role: str) -> Step:
    if role not in {r.value for r in oncall_rules.ROLES}:
        raise InvalidInput(_("Choose primary or secondary."))
    return Step(role)


def set_week(
    engine: sa.Engine,
    actor: Actor,
    *,
    week_start: date,
    primary: int | None,
    secondary: int | None,
    now: datetime,
) -> None:
    """Put people on a week's primary and secondary (None: nobody)."""
    require(actor, Action.MANAGE_ONCALL)
    if week_start.weekday() != 0:
        raise InvalidInput(_("A rota week starts on a Monday."))
    if week_start < oncall_rules.week_of(oncall_rules.local_day(now)):
        raise InvalidInput(
            _("The week of {day} is over.").format(day=formats.day(week_start))
        )
    if primary is not None and primary == secondary:
        raise InvalidInput(_("The primary and the secondary must be two people."))
    with changes.Save(engine) as uow:
        for role, user_id in ((Step.PRIMARY, primary), (Step.SECONDARY, secondary)):
            if user_id is not None:
                _check_cim(uow.conn, user_id)
            oncall_store.set_week(
                uow.conn,
                week_start,
                role=role.value,
                user_id=user_id,
                by=actor.user_id,
                now=now,
            )
        uow.commit()


def set_override(
    engine: sa.Engine,
    actor: Actor,
    *,
    day: date,
    role: str,
    user_id: int,
    now: datetime,
) -> None:
    """Put someone on call in a role for one day, over the week's rota."""
    require(actor, Action.MANAGE_ONCALL)
    step = _check_role(role)
    if day < oncall_rules.local_day(now):
        raise InvalidInput(_("{day} is past.").format(day=formats.day(day)))
    with changes.Save(engine) as uow:
        _check_cim(uow.conn, user_id)
        oncall_store.set_day(
            uow.conn, day, role=step.value, user_id=user_id, by=actor.user_id, now=now
        )
        uow.commit()


def remove_override(
    engine: sa.Engine, actor: Actor, *, day: date, role: str, now: datetime
) -> None:
    """Remove a day's override: the week's rota holds again that day."""
    require(actor, Action.MANAGE_ONCALL)
    step = _check_role(role)
    with changes.Save(engine) as uow:
        if oncall_store.day_override(uow.conn, day, role=step.value) is None:
            raise InvalidInput(
                _("{day} has no {role} override.").format(
                    day=formats.day(day), role=_(oncall_rules.STEP_LABELS[step])
                )
            )
        oncall_store.set_day(
            uow.conn, day, role=step.value, user_id=None, by=actor.user_id, now=now
        )
        uow.commit()
