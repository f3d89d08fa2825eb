"""Administering service levels: policy versions, re-applying them, closure days."""

import math
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa

from dashboard.kernel import changes, clocks
from dashboard.kernel.i18n import _, formats
from dashboard.kernel.rules.authorization import Action, Actor, require
from dashboard.kernel.rules.errors import InvalidInput
from dashboard.kernel.rules.sla_defaults import Target
from dashboard.kernel.rules.sla_policy import check_targets
from dashboard.kernel.rules.timezones import TORONTO
from dashboard.kernel.rules.workflow import Kind, open_statuses
from dashboard.sla.sla_batches import in_batches
from data_access import reference_store, sla_admin_store
from data_access.engine import read

REASON_MAX = 200
_OPEN = tuple(
    sorted(set(open_statuses(Kind.INCIDENT)) | set(open_statuses(Kind.SERVICE_REQUEST)))
)


def versions(engine: sa.Engine, actor: Actor) -> list[dict[str, Any]]:
    """Every policy version with how many tickets run on it."""
    require(actor, Action.ADMINISTER)
    with read(engine) as conn:
        return sla_admin_store.policy_versions(conn, open_statuses=_OPEN)


def targets_of(
    engine: sa.Engine, actor: Actor, *, policy_id: int
) -> list[dict[str, Any]]:
    """A version's target rows."""
    require(actor, Action.ADMINISTER)
    with read(engine) as conn:
        return sla_admin_store.targets(conn, policy_id)


def save_version(
    engine: sa.Engine,
    actor: Actor,
    *,
    rows: Sequence[dict[str, Any]],
    note: str,
    now: datetime,
) -> int:
    """Save edited targets as a new version for new tickets; returns its number."""
    require(actor, Action.ADMINISTER)
    if not note.strip() or len(note) > REASON_MAX:
        raise InvalidInput(
            _("Say what changes and why, in 1 to {max} characters.").format(
                max=REASON_MAX
            )
        )
    parsed = [_target(r) for r in rows]
    check_targets(
        parsed,
        compliance={r["target_key"]: float(r["compliance_target"]) for r in rows},
    )
    with changes.Save(engine) as uow:
        conn = uow.conn
        current = sla_admin_store.policy_versions(conn, open_statuses=_OPEN)[0]
        if {t.key for t in parsed} != {
            r["target_key"] for r in sla_admin_store.targets(conn, current["id"])
        }:
            raise InvalidInput(
                _("A new version must keep every row of the current one.")
            )
        version = int(current["version"]) + 1
        reference_store.add_policy(
            conn,
            version=version,
            effective_from=now,
            note=note.strip(),
            by=actor.user_id,
            targets=[
                {
                    "target_key": t.key,
                    "calendar_code": t.calendar,
                    "first_response_minutes": t.first_response,
                    "update_minutes": t.update,
                    "resolution_minutes": t.resolution,
                    "acknowledge_minutes": t.acknowledge,
                    "compliance_target": float(r["compliance_target"]),
                }
                for t, r in zip(parsed, rows, strict=True)
            ],
        )
        sla_admin_store.audit(
            conn,
            actor_id=actor.user_id,
            action="sla_policy_saved",
            subject=f"SLA policy version {version}",
            detail=note.strip(),
            now=now,
        )
        uow.commit()
    return version


def _target(row: dict[str, Any]) -> Target:
    def minutes(name: str) -> int | None:
        value = row.get(name)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return None  # an emptied editor cell
        try:
            return int(value)
        except (TypeError, ValueError):
            raise InvalidInput(
                _("{row}: {value} is not a number of minutes.").format(
                    row=row["target_key"], value=repr(value)
                )
            ) from None

    resolution = minutes("resolution_minutes")
    if resolution is None:
        raise InvalidInput(
            _("{row}: the resolution target is required.").format(row=row["target_key"])
        )
    return Target(
        key=str(row["target_key"]),
        calendar=str(row["calendar_code"]),
        first_response=minutes("first_response_minutes"),
        update=minutes("update_minutes"),
        resolution=resolution,
        acknowledge=minutes("acknowledge_minutes"),
    )


def reapply(engine: sa.Engine, actor: Actor, *, policy_id: int, now: datetime) -> int:
    """Put every open ticket on a version and recompute its clocks; returns how many."""
    require(actor, Action.ADMINISTER)
    with read(engine) as conn:
        known = {
            int(v["id"]): int(v["version"])
            for v in sla_admin_store.policy_versions(conn, open_statuses=_OPEN)
        }
        if policy_id not in known:
            raise InvalidInput(_("There is no such policy version."))
        ticket_ids = sla_admin_store.open_ticket_ids(conn, open_statuses=_OPEN)
    change_id = changes.new_change_id()

    def move(conn: sa.Connection, batch: list[int]) -> int:
        # A ticket closed since the list was read stays on the version it closed on.
        still_open = sla_admin_store.open_ticket_ids(
            conn, open_statuses=_OPEN, among=batch
        )
        sla_admin_store.move_to_policy(conn, still_open, policy_id=policy_id)
        for ticket_id in still_open:
            change = changes.Change(actor=actor, now=now, change_id=change_id)
            change.record(
                "field_changed",
                field="SLA policy",
                new_value=f"version {known[policy_id]}",
                is_internal=True,
            )
            changes.write_history(conn, change, ticket_id=ticket_id)
            clocks.recompute(conn, ticket_id, now=now)
        return len(still_open)

    moved = in_batches(engine, ticket_ids, apply=move)
    with changes.Save(engine) as uow:
        sla_admin_store.audit(
            uow.conn,
            actor_id=actor.user_id,
            action="sla_policy_reapplied",
            subject=f"SLA policy version {known[policy_id]}",
            detail=f"Re-applied to {moved} open tickets.",
            now=now,
        )
        uow.commit()
    return moved


def closure_days(engine: sa.Engine, actor: Actor) -> list[dict[str, Any]]:
    """The business calendar's closure days."""
    require(actor, Action.ADMINISTER)
    with read(engine) as conn:
        return sla_admin_store.list_closure_days(conn, "business")


def _day_span(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(), TORONTO)
    return start, datetime.combine(day + timedelta(days=1), time(), TORONTO)


def add_closure_day(
    engine: sa.Engine, actor: Actor, *, day: date, reason: str, now: datetime
) -> int:
    """Close the business calendar on a day and recompute the clocks it touches."""
    require(actor, Action.ADMINISTER)
    if not reason.strip() or len(reason) > REASON_MAX:
        raise InvalidInput(
            _("Give the closure a reason of 1 to {max} characters.").format(
                max=REASON_MAX
            )
        )
    with changes.Save(engine) as uow:
        if not sla_admin_store.add_closure_day(
            uow.conn,
            "business",
            day=day,
            reason=reason.strip(),
            by=actor.user_id,
            now=now,
        ):
            raise InvalidInput(
                _("{day} is already a closure day.").format(day=formats.day(day))
            )
        sla_admin_store.audit(
            uow.conn,
            actor_id=actor.user_id,
            action="closure_day_added",
            subject=f"{day:%Y-%m-%d}",
            detail=reason.strip(),
            now=now,
        )
        uow.commit()
    return _recompute_around(engine, day, now=now)


def remove_closure_day(
    engine: sa.Engine, actor: Actor, *, day: date, now: datetime
) -> int:
    """Open the business calendar again on a day and recompute the clocks it touches."""
    require(actor, Action.ADMINISTER)
    with changes.Save(engine) as uow:
        if not sla_admin_store.remove_closure_day(uow.conn, "business", day=day):
            raise InvalidInput(
                _("{day} is not a closure day.").format(day=formats.day(day))
            )
        sla_admin_store.audit(
            uow.conn,
            actor_id=actor.user_id,
            action="closure_day_removed",
            subject=f"{day:%Y-%m-%d}",
            detail="",
            now=now,
        )
        uow.commit()
    return _recompute_around(engine, day, now=now)


def _recompute_around(engine: sa.Engine, day: date, *, now: datetime) -> int:
    """Recompute the clocks a day touches, a batch of tickets per transaction (the
    day itself is committed first: a clock computed after it counts it)."""
    start, end = _day_span(day)
    with read(engine) as conn:
        ticket_ids = sla_admin_store.tickets_with_business_clocks_on(
            conn, start, end=end
        )

    def recompute(conn: sa.Connection, batch: list[int]) -> int:
        for ticket_id in batch:
            clocks.recompute(conn, ticket_id, now=now)
        return len(batch)

    return in_batches(engine, ticket_ids, apply=recompute)


def audit_trail(engine: sa.Engine, actor: Actor) -> list[dict[str, Any]]:
    """The newest administration changes."""
    require(actor, Action.ADMINISTER)
    with read(engine) as conn:
        return sla_admin_store.audit_entries(conn)
