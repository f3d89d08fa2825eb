"""SLA analytics: aggregates grouped in the store, and the tickets behind each one.

Every aggregate is built on a subquery of the rows it counts; the tickets behind a
cell come from the same subquery, so a drill-down always lists what was counted.
Buckets (month, week, weekday, hour) are taken in America/Toronto time.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from data_access.schema import (
    audit_log,
    organizations,
    releases,
    sla_clocks,
    sla_policies,
    sla_targets,
    tickets,
    users,
)

TZ = "America/Toronto"
SLA_KINDS = ("incident", "service_request")
DECIDING_CLOCKS = ("resolution", "fulfilment")
MDMR_WIDE_KEY = "wide"
MDMR_WIDE_LABEL = "MDM/R-wide"
AGE_BOUNDS_DAYS = (1, 3, 7, 30)
DRILL_LIMIT = 500
BOARD_STATES = ("at_risk", "breached", "running")


@dataclass(frozen=True)
class Scope:
    """Which tickets an aggregate counts: a period (UTC instants) and filters."""

    start: datetime
    end: datetime
    org_ids: tuple[int, ...] = ()
    kinds: tuple[str, ...] = ()
    severities: tuple[int, ...] = ()
    categories: tuple[str, ...] = ()
    request_types: tuple[str, ...] = ()


def _conditions(
    scope: Scope, *, any_kind: tuple[str, ...] = SLA_KINDS
) -> list[sa.ColumnElement[bool]]:
    conds: list[sa.ColumnElement[bool]] = []
    if scope.kinds or any_kind:
        conds.append(tickets.c.kind.in_(scope.kinds or any_kind))
    if scope.org_ids:
        # MDM/R-wide incidents concern every LDC: they keep their own row.
        conds.append(
            sa.or_(tickets.c.org_id.in_(scope.org_ids), tickets.c.is_mdmr_wide)
        )
    if scope.severities:
        conds.append(tickets.c.severity.in_(scope.severities))
    if scope.categories:
        conds.append(tickets.c.category.in_(scope.categories))
    if scope.request_types:
        conds.append(tickets.c.request_type.in_(scope.request_types))
    return conds


def _local(column: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
    return sa.func.timezone(TZ, column)


def _bucket(grain: str, column: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
    return sa.cast(sa.func.date_trunc(grain, _local(column)), sa.Date)


def _org_label() -> sa.ColumnElement[Any]:
    return sa.case(
        (tickets.c.is_mdmr_wide, sa.literal(MDMR_WIDE_LABEL)),
        else_=organizations.c.short_name,
    )


_ROW_KEYS: dict[str, tuple[sa.ColumnElement[Any], str | None]] = {
    "ldc": (
        sa.case(
            (tickets.c.is_mdmr_wide, sa.literal(MDMR_WIDE_KEY)),
            else_=sa.cast(tickets.c.org_id, sa.String),
        ),
        None,
    ),
    "severity": (sa.cast(tickets.c.severity, sa.String), "incident"),
    "request_type": (tickets.c.request_type, "service_request"),
    "kind": (tickets.c.kind, None),
}


def _decided(scope: Scope, *, rows: str, grain: str) -> sa.Subquery:
    """Resolution and fulfilment clocks decided in the period (DESIGN section 4)."""
    decided_at = sa.case(
        (sla_clocks.c.state == "met", sla_clocks.c.stopped_at),
        else_=sla_clocks.c.due_at,
    )
    row_key, kind = _ROW_KEYS[rows]
    # Only incidents and requests have clocks: without a kind chosen, no need to ask.
    conds = _conditions(scope, any_kind=())
    if kind is not None:
        conds.append(tickets.c.kind == kind)
    return (
        sa.select(
            sla_clocks.c.ticket_id,
            row_key.label("row_key"),
            _bucket(grain, decided_at).label("period"),
            (sla_clocks.c.state == "met").label("met"),
            decided_at.label("decided_at"),
        )
        .join_from(sla_clocks, tickets, tickets.c.id == sla_clocks.c.ticket_id)
        .where(
            sla_clocks.c.clock.in_(DECIDING_CLOCKS),
            sla_clocks.c.state.in_(("met", "breached")),
            decided_at >= scope.start,
            decided_at < scope.end,
            *conds,
        )
        .subquery()
    )


def _row_label(rows: str, key: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
    if rows == "ldc":
        return sa.case(
            (key == MDMR_WIDE_KEY, sa.literal(MDMR_WIDE_LABEL)),
            else_=organizations.c.short_name,
        )
    if rows == "severity":
        return sa.literal("Sev ") + key
    return key


def _mappings(conn: sa.Connection, query: sa.Select[Any]) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(query).mappings()]


def compliance(
    conn: sa.Connection, scope: Scope, *, rows: str, grain: str
) -> list[dict[str, Any]]:
    """Clocks met and decided per row (ldc, severity, request_type) and period."""
    d = _decided(scope, rows=rows, grain=grain)
    # Grouped on keys first; the few cells then get their names.
    cells = (
        sa.select(
            d.c.row_key,
            d.c.period,
            sa.func.count().filter(d.c.met).label("met"),
            sa.func.count().label("decided"),
        )
        .group_by(d.c.row_key, d.c.period)
        .subquery()
    )
    label = _row_label(rows, cells.c.row_key).label("row")
    query = sa.select(
        cells.c.row_key, label, cells.c.period, cells.c.met, cells.c.decided
    ).order_by(label, cells.c.period)
    if rows == "ldc":
        query = query.select_from(
            cells.outerjoin(
                organizations,
                sa.cast(organizations.c.id, sa.String) == cells.c.row_key,
            )
        )
    return _mappings(conn, query)


def breaches(conn: sa.Connection, scope: Scope) -> list[dict[str, Any]]:
    """Breached resolution and fulfilment clocks per month of their due time."""
    d = _decided(scope, rows="kind", grain="month")
    return _mappings(
        conn,
        sa.select(d.c.period, d.c.row_key.label("kind"), sa.func.count().label("n"))
        .where(sa.not_(d.c.met))
        .group_by(d.c.period, d.c.row_key)
        .order_by(d.c.period, d.c.row_key),
    )


def _listing(
    source: sa.Subquery, *extra: sa.ColumnElement[Any], order: Any = None
) -> sa.Select[Any]:
    """The tickets of a subquery with their key, title and what identifies them."""
    return (
        sa.select(
            tickets.c.ticket_key,
            tickets.c.title,
            _org_label().label("organization"),
            tickets.c.kind,
            tickets.c.severity,
            tickets.c.request_type,
            tickets.c.status,
            tickets.c.created_at,
            *extra,
        )
        .select_from(
            source.join(tickets, tickets.c.id == source.c.ticket_id).outerjoin(
                organizations, organizations.c.id == tickets.c.org_id
            )
        )
        .order_by(order if order is not None else tickets.c.created_at.desc())
        .limit(DRILL_LIMIT)
    )


def compliance_tickets(
    conn: sa.Connection,
    scope: Scope,
    *,
    rows: str,
    grain: str,
    row_key: str,
    period: date,
    breached_only: bool = False,
) -> list[dict[str, Any]]:
    """The tickets whose clocks make one compliance cell (or one month's breaches)."""
    d = _decided(scope, rows=rows, grain=grain)
    outcome = sa.case((d.c.met, "met"), else_="breached").label("outcome")
    query = _listing(d, outcome, d.c.decided_at, order=d.c.decided_at).where(
        d.c.row_key == row_key, d.c.period == period
    )
    if breached_only:
        query = query.where(sa.not_(d.c.met))
    return _mappings(conn, query)


def _created(scope: Scope, *, kind: str | None = None) -> sa.Subquery:
    conds = _conditions(scope)
    if kind is not None:
        conds.append(tickets.c.kind == kind)
    local = _local(tickets.c.created_at)
    return (
        sa.select(
            tickets.c.id.label("ticket_id"),
            sa.cast(sa.extract("isodow", local), sa.Integer).label("weekday"),
            sa.cast(sa.extract("hour", local), sa.Integer).label("hour"),
            _bucket("week", tickets.c.created_at).label("week"),
        )
        .where(
            tickets.c.created_at >= scope.start,
            tickets.c.created_at < scope.end,
            *conds,
        )
        .subquery()
    )


def arrivals(conn: sa.Connection, scope: Scope) -> list[dict[str, Any]]:
    """Tickets created per ISO weekday (1 = Monday) and hour of day."""
    c = _created(scope)
    return _mappings(
        conn,
        sa.select(c.c.weekday, c.c.hour, sa.func.count().label("n"))
        .group_by(c.c.weekday, c.c.hour)
        .order_by(c.c.weekday, c.c.hour),
    )


def arrival_tickets(
    conn: sa.Connection, scope: Scope, *, weekday: int, hour: int
) -> list[dict[str, Any]]:
    """The tickets created on this weekday at this hour."""
    c = _created(scope)
    return _mappings(conn, _listing(c).where(c.c.weekday == weekday, c.c.hour == hour))


def incidents_per_week(conn: sa.Connection, scope: Scope) -> list[dict[str, Any]]:
    """Incidents created per week (weeks start on Monday)."""
    c = _created(scope, kind="incident")
    return _mappings(
        conn,
        sa.select(c.c.week, sa.func.count().label("n"))
        .group_by(c.c.week)
        .order_by(c.c.week),
    )


def week_tickets(
    conn: sa.Connection, scope: Scope, *, week: date
) -> list[dict[str, Any]]:
    """The incidents created in one week."""
    c = _created(scope, kind="incident")
    return _mappings(conn, _listing(c).where(c.c.week == week))


def _backlog(
    scope: Scope, *, now: datetime, open_statuses: Sequence[str]
) -> sa.Subquery:
    age = sa.case(
        *(
            (tickets.c.created_at > now - timedelta(days=days), index)
            for index, days in enumerate(AGE_BOUNDS_DAYS)
        ),
        else_=len(AGE_BOUNDS_DAYS),
    )
    group = sa.case(
        (
            tickets.c.kind == "incident",
            sa.literal("incident:") + sa.cast(tickets.c.severity, sa.String),
        ),
        else_=tickets.c.kind,
    )
    return (
        sa.select(
            tickets.c.id.label("ticket_id"),
            age.label("bucket"),
            group.label("group_key"),
        )
        .where(tickets.c.status.in_(open_statuses), *_conditions(scope))
        .subquery()
    )


def backlog(
    conn: sa.Connection, scope: Scope, *, now: datetime, open_statuses: Sequence[str]
) -> list[dict[str, Any]]:
    """Open tickets per age bucket (index into AGE_BOUNDS_DAYS) and kind/severity."""
    b = _backlog(scope, now=now, open_statuses=open_statuses)
    return _mappings(
        conn,
        sa.select(b.c.bucket, b.c.group_key, sa.func.count().label("n"))
        .group_by(b.c.bucket, b.c.group_key)
        .order_by(b.c.bucket, b.c.group_key),
    )


def backlog_tickets(
    conn: sa.Connection,
    scope: Scope,
    *,
    now: datetime,
    open_statuses: Sequence[str],
    bucket: int,
    group_key: str,
) -> list[dict[str, Any]]:
    """The open tickets of one age bucket and kind/severity, oldest first."""
    b = _backlog(scope, now=now, open_statuses=open_statuses)
    return _mappings(
        conn,
        _listing(b, order=tickets.c.created_at.asc()).where(
            b.c.bucket == bucket, b.c.group_key == group_key
        ),
    )


def at_risk(
    conn: sa.Connection,
    scope: Scope,
    *,
    open_statuses: Sequence[str],
    limit: int = 50,
) -> list[dict[str, Any]]:
    """Open tickets with a running clock, nearest deadline first."""
    board = (
        sa.select(tickets.c.id.label("ticket_id"))
        .where(
            tickets.c.status.in_(open_statuses),
            tickets.c.sla_due_at.is_not(None),
            tickets.c.sla_state.in_(BOARD_STATES),
            *_conditions(scope),
        )
        .subquery()
    )
    assignee = users.alias("assignee")
    query = (
        _listing(
            board,
            tickets.c.sla_state,
            tickets.c.sla_due_at,
            assignee.c.display_name.label("assignee"),
            order=tickets.c.sla_due_at.asc(),
        )
        .outerjoin(assignee, assignee.c.id == tickets.c.assignee_id)
        .limit(limit)
    )
    return _mappings(conn, query)


def time_to_resolve(conn: sa.Connection, scope: Scope) -> list[dict[str, Any]]:
    """Hours from creation to resolution of incidents resolved per month, by severity:
    count, median and 90th percentile."""
    # Two epochs subtracted: extracting the epoch of an interval is 4x slower.
    seconds = sa.extract("epoch", tickets.c.resolved_at) - sa.extract(
        "epoch", tickets.c.created_at
    )
    hours = sa.cast(seconds, sa.Double) / sa.literal(3600.0)
    month = _bucket("month", tickets.c.resolved_at)
    query = (
        sa.select(
            tickets.c.severity,
            month.label("period"),
            sa.func.count().label("resolved"),
            sa.cast(sa.func.percentile_cont(0.5).within_group(hours), sa.Double).label(
                "median_hours"
            ),
            sa.cast(sa.func.percentile_cont(0.9).within_group(hours), sa.Double).label(
                "p90_hours"
            ),
        )
        .where(
            tickets.c.kind == "incident",
            tickets.c.severity.is_not(None),
            tickets.c.resolved_at >= scope.start,
            tickets.c.resolved_at < scope.end,
            *_conditions(scope),
        )
        .group_by(tickets.c.severity, month)
        .order_by(tickets.c.severity, month)
    )
    return _mappings(conn, query)


def release_impact(
    conn: sa.Connection, scope: Scope, *, window: timedelta, now: datetime
) -> list[dict[str, Any]]:
    """Incidents in the window before and after each release deployed in the period."""
    created = tickets.c.created_at
    nearby = sa.and_(
        created >= releases.c.deployed_at - window,
        created < releases.c.deployed_at + window,
        tickets.c.kind == "incident",
        *_conditions(scope),
    )
    query = (
        sa.select(
            releases.c.name,
            releases.c.deployed_at,
            sa.func.count(tickets.c.id)
            .filter(created < releases.c.deployed_at)
            .label("before"),
            sa.func.count(tickets.c.id)
            .filter(created >= releases.c.deployed_at)
            .label("after"),
        )
        .select_from(releases.outerjoin(tickets, nearby))
        .where(
            releases.c.deployed_at >= scope.start,
            releases.c.deployed_at < scope.end,
            releases.c.deployed_at <= now,
        )
        .group_by(releases.c.id, releases.c.name, releases.c.deployed_at)
        .order_by(releases.c.deployed_at)
    )
    return _mappings(conn, query)


def compliance_targets(conn: sa.Connection, *, now: datetime) -> list[float]:
    """The compliance targets of the newest policy version in force."""
    newest = (
        sa.select(sla_policies.c.id)
        .where(sla_policies.c.effective_from <= now)
        .order_by(sla_policies.c.version.desc())
        .limit(1)
        .scalar_subquery()
    )
    return [
        float(v)
        for v in conn.scalars(
            sa.select(sla_targets.c.compliance_target).where(
                sla_targets.c.policy_id == newest
            )
        )
    ]


def generation(conn: sa.Connection) -> tuple[Any, ...]:
    """What changes whenever anything analytics read changes: ticket saves, new
    tickets, recomputed clocks, administration (policies, closure days, releases)."""
    row = conn.execute(
        sa.select(
            sa.select(sa.func.max(tickets.c.updated_at)).scalar_subquery(),
            sa.select(sa.func.count()).select_from(tickets).scalar_subquery(),
            sa.select(sa.func.max(sla_clocks.c.computed_at)).scalar_subquery(),
            sa.select(sa.func.max(audit_log.c.id)).scalar_subquery(),
        )
    ).one()
    return tuple(row)
