"""SLA analytics for SME managers, and an LDC manager's view of their own LDC.

Each use case checks who asks, turns the filters into the store's scope, and returns
a small data frame of figures the store grouped (never the tickets themselves).
"""

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
import sqlalchemy as sa

from dashboard.analytics.analytics_history import current, history
from dashboard.kernel.i18n import DEFAULT, N_, _, using
from dashboard.kernel.rules.authorization import Action, Actor, may, require
from dashboard.kernel.rules.catalogue import BY_CODE
from dashboard.kernel.rules.errors import InvalidInput, NotAllowed
from dashboard.kernel.rules.sla_defaults import DEFAULT_COMPLIANCE_TARGET
from dashboard.kernel.rules.workflow import KIND_LABELS, Kind, open_statuses
from data_access import analytics_store
from data_access.engine import read

TORONTO = ZoneInfo("America/Toronto")
RELEASE_WINDOW = timedelta(days=14)
# The frames (and so the cached answers and the CSVs) hold these words in English;
# they are marked for the catalogue and translated where shown: `_(AGE_LABELS[b])`.
WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
KIND_NAMES = {"incident": N_("Incidents"), "service_request": N_("Service requests")}
AGE_LABELS = (
    N_("< 1 day"),
    N_("1–3 days"),
    N_("3–7 days"),
    N_("7–30 days"),
    N_("30+ days"),
)
OPEN = open_statuses(Kind.INCIDENT) + open_statuses(Kind.SERVICE_REQUEST)
HEATMAPS = {
    "ldc": ("month", N_("LDC")),
    "severity": ("week", N_("Severity")),
    "request_type": ("month", N_("Request type")),
}


@dataclass(frozen=True)
class Filters:
    """What a manager chose: a period of Toronto dates (both included) and filters."""

    start: date
    end: date
    org_ids: tuple[int, ...] = ()
    kinds: tuple[str, ...] = ()
    severities: tuple[int, ...] = ()
    categories: tuple[str, ...] = ()
    request_types: tuple[str, ...] = ()


def default_filters(today: date) -> Filters:
    """The last twelve months up to today."""
    return Filters(start=date(today.year - 1, today.month, 1), end=today)


def _instant(day: date) -> datetime:
    return datetime.combine(day, time(), TORONTO)


def scope_for(
    actor: Actor, filters: Filters, *, ldc_view: bool = False
) -> analytics_store.Scope:
    """The store's scope for these filters, as far as the actor may see."""
    if filters.start > filters.end:
        raise InvalidInput(_("The period must start on or before its last day."))
    scope = analytics_store.Scope(
        start=_instant(filters.start),
        end=_instant(filters.end + timedelta(days=1)),
        org_ids=filters.org_ids,
        kinds=filters.kinds,
        severities=filters.severities,
        categories=filters.categories,
        request_types=filters.request_types,
    )
    if may(actor, Action.SEE_ANALYTICS) and not ldc_view:
        return scope
    if ldc_view and may(actor, Action.SEE_OWN_LDC_SLA_REPORT):
        return replace(scope, org_ids=(actor.org_id,))
    raise NotAllowed(
        _("As {role} you may not see SLA analytics.").format(role=actor.label)
    )


def require_access(actor: Actor, *, ldc_view: bool) -> None:
    """Refuse the analytics to whoever may not see them (the LDC view: LDC managers)."""
    if ldc_view:
        require(actor, Action.SEE_OWN_LDC_SLA_REPORT)
    else:
        require(actor, Action.SEE_ANALYTICS)


def _frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


def _request_name(code: object) -> str:
    found = BY_CODE.get(str(code))
    return found.name if found else str(code)


def compliance(
    engine: sa.Engine, actor: Actor, *, filters: Filters, rows: str, ldc_view: bool
) -> pd.DataFrame:
    """Share of resolution and fulfilment clocks met, per row and month or week."""
    grain = HEATMAPS[rows][0]
    with read(history(engine)) as conn:
        found = analytics_store.compliance(
            conn, scope_for(actor, filters, ldc_view=ldc_view), rows=rows, grain=grain
        )
    frame = _frame(found, ["row_key", "row", "period", "met", "decided"])
    if rows == "request_type":
        frame["row"] = frame["row"].map(_request_name)
    frame["compliance"] = frame["met"] / frame["decided"]
    return frame


def compliance_tickets(
    engine: sa.Engine,
    actor: Actor,
    *,
    filters: Filters,
    rows: str,
    row_key: str,
    period: date,
    ldc_view: bool,
) -> pd.DataFrame:
    """The tickets whose clocks make one compliance cell."""
    with read(history(engine)) as conn:
        found = analytics_store.compliance_tickets(
            conn,
            scope_for(actor, filters, ldc_view=ldc_view),
            rows=rows,
            grain=HEATMAPS[rows][0],
            row_key=row_key,
            period=period,
        )
    return _listing(found)


def store_generation(engine: sa.Engine) -> tuple[Any, ...]:
    """A value that changes whenever the figures could: the key of cached results
    (the live store's, and the snapshot's when the history is read from one)."""
    with read(engine) as conn:
        live = analytics_store.generation(conn)
    taken = current(engine)
    return (*live, None if taken is None else taken.stamp)


def figures_as_of(engine: sa.Engine) -> datetime | None:
    """When the history figures were taken, when they are not live."""
    taken = current(engine)
    return None if taken is None else taken.taken_at


def compliance_target(engine: sa.Engine, *, now: datetime) -> float:
    """The compliance target of the policy in force (the most common row's)."""
    with read(engine) as conn:
        targets = analytics_store.compliance_targets(conn, now=now)
    if not targets:
        return DEFAULT_COMPLIANCE_TARGET
    return Counter(targets).most_common(1)[0][0]


def arrivals(engine: sa.Engine, actor: Actor, *, filters: Filters) -> pd.DataFrame:
    """Tickets created per weekday and hour, Toronto time."""
    with read(history(engine)) as conn:
        found = analytics_store.arrivals(conn, scope_for(actor, filters))
    frame = _frame(found, ["weekday", "hour", "n"])
    frame["day"] = frame["weekday"].map(lambda d: WEEKDAYS[int(d) - 1])
    return frame


def arrival_tickets(
    engine: sa.Engine, actor: Actor, *, filters: Filters, weekday: int, hour: int
) -> pd.DataFrame:
    """The tickets created on one weekday at one hour."""
    with read(history(engine)) as conn:
        found = analytics_store.arrival_tickets(
            conn, scope_for(actor, filters), weekday=weekday, hour=hour
        )
    return _listing(found)


def at_risk(
    engine: sa.Engine, actor: Actor, *, filters: Filters, now: datetime
) -> pd.DataFrame:
    """Open tickets nearest to breaching first, with the hours left (negative: late)."""
    with read(engine) as conn:
        found = analytics_store.at_risk(
            conn, scope_for(actor, filters), open_statuses=OPEN
        )
    frame = _listing(found, extra=["sla_state", "sla_due_at", "assignee"])
    due = pd.to_datetime(frame["sla_due_at"], utc=True)
    frame["hours_left"] = ((due - now).dt.total_seconds() / 3600).round(1)
    return frame


def backlog(
    engine: sa.Engine, actor: Actor, *, filters: Filters, now: datetime
) -> pd.DataFrame:
    """Open tickets per age bucket and kind/severity."""
    with read(engine) as conn:
        found = analytics_store.backlog(
            conn, scope_for(actor, filters), now=now, open_statuses=OPEN
        )
    frame = _frame(found, ["bucket", "group_key", "n"])
    frame["age"] = frame["bucket"].map(lambda b: AGE_LABELS[int(b)])
    frame["group"] = frame["group_key"].map(group_label)
    return frame


def group_label(key: object) -> str:
    """'incident:2' as 'Incident Sev 2'; 'service_request' as 'Service request', in
    English: the frame's words (group_words puts them in the reader's language)."""
    with using(DEFAULT):
        return group_words(key)


def group_words(key: object) -> str:
    """A backlog group as the reader reads it: 'Incident Sev 2' (French: Gravité)."""
    text = str(key)
    if text.startswith("incident:"):
        return _("Incident Sev {severity}").format(severity=text.split(":", 1)[1])
    return _("Service request")


def ldc_words(name: object) -> object:
    """A ticket's LDC as the reader reads it: the MDM/R-wide label translated, an
    LDC's name as it is."""
    return _("MDM/R-wide") if name == analytics_store.MDMR_WIDE_LABEL else name


def row_words(rows: str, *, row_key: str, row: str) -> str:
    """A compliance heatmap's row as the reader reads it (the frame holds English):
    the MDM/R-wide row, a severity, a request type; an LDC's name as it is."""
    if row_key == analytics_store.MDMR_WIDE_KEY:
        return _("MDM/R-wide")
    if rows == "severity":
        return _("Sev {severity}").format(severity=row_key)
    if rows == "request_type":
        return _(row)
    return row


def backlog_tickets(
    engine: sa.Engine,
    actor: Actor,
    *,
    filters: Filters,
    now: datetime,
    bucket: int,
    group_key: str,
) -> pd.DataFrame:
    """The open tickets of one age bucket and kind/severity."""
    with read(engine) as conn:
        found = analytics_store.backlog_tickets(
            conn,
            scope_for(actor, filters),
            now=now,
            open_statuses=OPEN,
            bucket=bucket,
            group_key=group_key,
        )
    return _listing(found)


def time_to_resolve(
    engine: sa.Engine, actor: Actor, *, filters: Filters
) -> pd.DataFrame:
    """Median and 90th percentile hours to resolve incidents, by severity and month."""
    with read(history(engine)) as conn:
        found = analytics_store.time_to_resolve(conn, scope_for(actor, filters))
    return _frame(
        found, ["severity", "period", "resolved", "median_hours", "p90_hours"]
    ).round({"median_hours": 1, "p90_hours": 1})


def breaches(engine: sa.Engine, actor: Actor, *, filters: Filters) -> pd.DataFrame:
    """Breached resolution and fulfilment clocks per month and kind."""
    with read(history(engine)) as conn:
        found = analytics_store.breaches(conn, scope_for(actor, filters))
    frame = _frame(found, ["period", "kind", "n"])
    frame["kind_name"] = frame["kind"].map(KIND_NAMES)
    return frame


def breach_tickets(
    engine: sa.Engine, actor: Actor, *, filters: Filters, period: date, kind: str
) -> pd.DataFrame:
    """The tickets whose clocks breached in one month."""
    with read(history(engine)) as conn:
        found = analytics_store.compliance_tickets(
            conn,
            scope_for(actor, filters),
            rows="kind",
            grain="month",
            row_key=kind,
            period=period,
            breached_only=True,
        )
    return _listing(found)


def incidents_per_week(
    engine: sa.Engine, actor: Actor, *, filters: Filters
) -> pd.DataFrame:
    """Incidents created per week."""
    with read(history(engine)) as conn:
        found = analytics_store.incidents_per_week(conn, scope_for(actor, filters))
    return _frame(found, ["week", "n"])


def week_tickets(
    engine: sa.Engine, actor: Actor, *, filters: Filters, week: date
) -> pd.DataFrame:
    """The incidents created in one week."""
    with read(history(engine)) as conn:
        found = analytics_store.week_tickets(conn, scope_for(actor, filters), week=week)
    return _listing(found)


def release_impact(
    engine: sa.Engine, actor: Actor, *, filters: Filters, now: datetime
) -> pd.DataFrame:
    """Incidents in the 14 days before and after each release, and the change."""
    with read(history(engine)) as conn:
        found = analytics_store.release_impact(
            conn, scope_for(actor, filters), window=RELEASE_WINDOW, now=now
        )
    frame = _frame(found, ["name", "deployed_at", "before", "after"])
    frame["change_pct"] = (
        (
            (frame["after"] - frame["before"])
            / frame["before"].where(frame["before"] > 0)
        )
        .mul(100)
        .round(1)
    )
    # A release less than 14 days old has an after-window still filling.
    frame["complete"] = pd.to_datetime(frame["deployed_at"], utc=True) <= (
        now - RELEASE_WINDOW
    )
    return frame


LISTING = [
    "ticket_key",
    "title",
    "organization",
    "kind",
    "severity",
    "request_type",
    "status",
    "created_at",
]


def _listing(
    rows: list[dict[str, Any]], *, extra: list[str] | None = None
) -> pd.DataFrame:
    """Tickets as a table, each with the address of its page."""
    extras = extra or [c for c in (rows[0] if rows else {}) if c not in LISTING]
    frame = _frame(rows, LISTING + extras)
    frame["request_type"] = frame["request_type"].map(
        lambda c: _request_name(c) if pd.notna(c) else None
    )
    frame["kind"] = frame["kind"].map(lambda k: KIND_LABELS.get(Kind(k), k))
    frame.insert(0, "link", "/ticket?key=" + frame["ticket_key"].astype(str))
    return frame
