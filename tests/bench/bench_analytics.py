"""Benchmark: the SLA analytics on a big store, against the naive way.

    python -m tests.bench.bench_analytics --db PATH   (seeds 1,000,000 tickets when
                                                      missing; run sla_bulk for clocks)

On PostgreSQL the history figures are counted in DuckDB over a snapshot of the
store (dashboard/analytics/analytics_history.py): the queries are timed there, beside
the same queries on the live store, and the snapshot's own time is printed.

Times, as medians over repeated runs, every query of the analytics page (grouped in
DuckDB, returned as a small frame) for an SME manager and the last twelve months of
the store; each beside the naive way: the tables it reads loaded into pandas (their
needed columns only, which flatters the naive way) and grouped there. Then the whole
page: every query and every figure, cold, and the real page run by AppTest (cold,
then from the cache). Prints the process's peak memory before the naive runs. A
benchmark, not a timed test (DESIGN section 8).
"""

import os
import resource
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from time import perf_counter
from typing import Any

import pandas as pd
import sqlalchemy as sa

from dashboard.analytics import analytics_history, analytics_reading, figures
from dashboard.analytics.analytics_reading import Filters
from dashboard.kernel import settings
from dashboard.kernel.auth import actor_from_row
from data_access import user_store
from data_access.engine import get_engine, is_url
from data_access.schema import organizations, releases, sla_clocks, tickets
from tests.bench.common import arguments, bench_store, median_ms

QUERY_BUDGET_MS = 250
PAGE_BUDGET_MS = 2000
MEMORY_BUDGET_MB = 600
TZ = "America/Toronto"


def queries(
    engine: sa.Engine, who: Any, *, filters: Filters, now: datetime
) -> dict[str, Callable[[], pd.DataFrame]]:
    """Every query of the page, and two drill-downs, as the page asks them."""

    def compliance(rows: str) -> Callable[[], pd.DataFrame]:
        return lambda: analytics_reading.compliance(
            engine, who, filters=filters, rows=rows, ldc_view=False
        )

    month = filters.end.replace(day=1)
    return {
        "compliance LDC x month": compliance("ldc"),
        "compliance severity x week": compliance("severity"),
        "compliance request type x month": compliance("request_type"),
        "arrivals weekday x hour": lambda: analytics_reading.arrivals(
            engine, who, filters=filters
        ),
        "at-risk board": lambda: analytics_reading.at_risk(
            engine, who, filters=filters, now=now
        ),
        "backlog ageing": lambda: analytics_reading.backlog(
            engine, who, filters=filters, now=now
        ),
        "time to resolve": lambda: analytics_reading.time_to_resolve(
            engine, who, filters=filters
        ),
        "breaches per month": lambda: analytics_reading.breaches(
            engine, who, filters=filters
        ),
        "incidents per week": lambda: analytics_reading.incidents_per_week(
            engine, who, filters=filters
        ),
        "release impact": lambda: analytics_reading.release_impact(
            engine, who, filters=filters, now=now
        ),
        "drill: one compliance cell": lambda: analytics_reading.compliance_tickets(
            engine,
            who,
            filters=filters,
            rows="ldc",
            row_key="wide",
            period=month,
            ldc_view=False,
        ),
        "drill: one arrivals cell": lambda: analytics_reading.arrival_tickets(
            engine, who, filters=filters, weekday=2, hour=10
        ),
    }


class Naive:
    """The same answers from tables loaded whole into pandas."""

    def __init__(self, engine: sa.Engine, scope: Any, *, now: datetime) -> None:
        self.engine, self.now = engine, now
        self.start, self.end = pd.Timestamp(scope.start), pd.Timestamp(scope.end)
        self.loaded: dict[str, pd.DataFrame] = {}
        self.load_ms: dict[str, float] = {}

    def table(self, name: str) -> pd.DataFrame:
        """A table loaded once; its loading time is charged to every answer."""
        if name not in self.loaded:
            start = perf_counter()
            loader = self.load_tickets if name == "tickets" else self.load_clocks
            self.loaded[name] = loader()
            self.load_ms[name] = (perf_counter() - start) * 1000
        return self.loaded[name]

    def load_tickets(self) -> pd.DataFrame:
        """Every ticket's needed columns, with its LDC's name."""
        with self.engine.connect() as conn:
            frame = pd.read_sql(
                sa.select(
                    tickets.c.id,
                    tickets.c.ticket_key,
                    tickets.c.title,
                    tickets.c.kind,
                    tickets.c.org_id,
                    tickets.c.is_mdmr_wide,
                    tickets.c.severity,
                    tickets.c.request_type,
                    tickets.c.category,
                    tickets.c.status,
                    tickets.c.created_at,
                    tickets.c.resolved_at,
                    tickets.c.sla_due_at,
                    tickets.c.sla_state,
                ),
                conn,
            )
            orgs = pd.read_sql(
                sa.select(organizations.c.id, organizations.c.short_name), conn
            )
        frame = frame[frame.kind.isin(["incident", "service_request"])]
        return frame.merge(orgs, left_on="org_id", right_on="id", suffixes=("", "_o"))

    def load_clocks(self) -> pd.DataFrame:
        """Every stored clock."""
        with self.engine.connect() as conn:
            return pd.read_sql(sa.select(sla_clocks), conn)

    def decided(self, grain: str) -> pd.DataFrame:
        """Clocks decided in the period with their ticket, bucketed in pandas."""
        clocks, ticks = self.table("clocks"), self.table("tickets")
        clocks = clocks[
            clocks.clock.isin(["resolution", "fulfilment"])
            & clocks.state.isin(["met", "breached"])
        ]
        both = clocks.merge(ticks, left_on="ticket_id", right_on="id")
        both["decided_at"] = both.stopped_at.where(both.state == "met", both.due_at)
        both = both[(both.decided_at >= self.start) & (both.decided_at < self.end)]
        local = both.decided_at.dt.tz_convert(TZ).dt.tz_localize(None)
        both["period"] = local.dt.to_period("M" if grain == "month" else "W-SUN")
        both["met"] = both.state == "met"
        return both

    def compliance(self, rows: str) -> pd.DataFrame:
        """Compliance per row and period."""
        both = self.decided("week" if rows == "severity" else "month")
        if rows == "ldc":
            both["row"] = both.short_name.where(~both.is_mdmr_wide, "MDM/R-wide")
        elif rows == "severity":
            both = both[both.kind == "incident"].assign(row=both.severity)
        else:
            both = both[both.kind == "service_request"].assign(row=both.request_type)
        return both.groupby(["row", "period"]).met.agg(["sum", "count"])

    def created(self) -> pd.DataFrame:
        """Tickets created in the period, with their Toronto time."""
        ticks = self.table("tickets")
        ticks = ticks[(ticks.created_at >= self.start) & (ticks.created_at < self.end)]
        return ticks.assign(local=ticks.created_at.dt.tz_convert(TZ))

    def arrivals(self) -> pd.DataFrame | pd.Series:
        """Per weekday and hour."""
        ticks = self.created()
        return ticks.groupby([ticks.local.dt.day_of_week, ticks.local.dt.hour]).size()

    def open_tickets(self) -> pd.DataFrame:
        """Tickets still open."""
        ticks = self.table("tickets")
        return ticks[ticks.status.isin(analytics_reading.OPEN)]

    def at_risk(self) -> pd.DataFrame:
        """Open tickets nearest their deadline."""
        ticks = self.open_tickets()
        ticks = ticks[ticks.sla_state.isin(["at_risk", "breached", "running"])]
        return ticks.sort_values("sla_due_at").head(50)

    def backlog(self) -> pd.DataFrame | pd.Series:
        """Open tickets per age bucket and kind/severity."""
        ticks = self.open_tickets()
        age = (pd.Timestamp(self.now) - ticks.created_at).dt.days
        bucket = pd.cut(age, [-1, 0, 2, 6, 29, 10**6])
        return ticks.groupby([bucket, ticks.kind, ticks.severity], observed=True).size()

    def time_to_resolve(self) -> pd.DataFrame | pd.Series:
        """Median and p90 hours per severity and month."""
        ticks = self.table("tickets")
        ticks = ticks[
            (ticks.kind == "incident")
            & (ticks.resolved_at >= self.start)
            & (ticks.resolved_at < self.end)
        ]
        hours = (ticks.resolved_at - ticks.created_at).dt.total_seconds() / 3600
        month = ticks.resolved_at.dt.tz_convert(TZ).dt.tz_localize(None)
        by = hours.groupby([ticks.severity, month.dt.to_period("M")])
        return by.quantile([0.5, 0.9])  # type: ignore[arg-type]

    def breaches(self) -> pd.DataFrame | pd.Series:
        """Breached clocks per month and kind."""
        both = self.decided("month")
        return both[~both.met].groupby(["period", "kind"]).size()

    def incidents_per_week(self) -> pd.DataFrame | pd.Series:
        """Incidents per week."""
        ticks = self.created()
        ticks = ticks[ticks.kind == "incident"]
        return ticks.groupby(ticks.local.dt.tz_localize(None).dt.to_period("W")).size()

    def release_impact(self) -> pd.DataFrame:
        """Incidents 14 days either side of each release."""
        ticks = self.table("tickets")
        ticks = ticks[ticks.kind == "incident"]
        with self.engine.connect() as conn:
            found = pd.read_sql(sa.select(releases), conn)
        window = pd.Timedelta(days=14)
        rows = []
        for name, deployed in zip(found.name, found.deployed_at, strict=True):
            near = ticks.created_at - deployed
            rows.append(
                (
                    name,
                    ((near >= -window) & (near < pd.Timedelta(0))).sum(),
                    ((near >= pd.Timedelta(0)) & (near < window)).sum(),
                )
            )
        return pd.DataFrame(rows)

    def compliance_cell(self) -> pd.DataFrame:
        """One compliance cell's tickets."""
        both = self.decided("month")
        return both[both.is_mdmr_wide].head(500)

    def arrivals_cell(self) -> pd.DataFrame:
        """One arrivals cell's tickets."""
        ticks = self.created()
        return ticks[(ticks.local.dt.day_of_week == 1) & (ticks.local.dt.hour == 10)]


READ_CLOCKS = {
    "compliance LDC x month",
    "compliance severity x week",
    "compliance request type x month",
    "breaches per month",
    "drill: one compliance cell",
}


def naive_answers(naive: Naive) -> dict[str, Callable[[], object]]:
    """The naive way of each query, by the same names."""
    return {
        "compliance LDC x month": lambda: naive.compliance("ldc"),
        "compliance severity x week": lambda: naive.compliance("severity"),
        "compliance request type x month": lambda: naive.compliance("request_type"),
        "arrivals weekday x hour": naive.arrivals,
        "at-risk board": naive.at_risk,
        "backlog ageing": naive.backlog,
        "time to resolve": naive.time_to_resolve,
        "breaches per month": naive.breaches,
        "incidents per week": naive.incidents_per_week,
        "release impact": naive.release_impact,
        "drill: one compliance cell": naive.compliance_cell,
        "drill: one arrivals cell": naive.arrivals_cell,
    }


def whole_page(engine: sa.Engine, who: Any, *, filters: Filters, now: datetime) -> None:
    """Every query and figure of the SME analytics page, without a cache."""
    target = analytics_reading.compliance_target(engine, now=now)
    for rows, (grain, _) in analytics_reading.HEATMAPS.items():
        frame = analytics_reading.compliance(
            engine, who, filters=filters, rows=rows, ldc_view=False
        )
        figures.compliance_heatmap(frame, target=target, grain=grain)
    figures.arrivals_heatmap(analytics_reading.arrivals(engine, who, filters=filters))
    analytics_reading.at_risk(engine, who, filters=filters, now=now)
    figures.backlog_bars(
        analytics_reading.backlog(engine, who, filters=filters, now=now),
        ages=analytics_reading.AGE_LABELS,
    )
    figures.resolve_times(
        analytics_reading.time_to_resolve(engine, who, filters=filters)
    )
    figures.breaches_bars(analytics_reading.breaches(engine, who, filters=filters))
    impact = analytics_reading.release_impact(engine, who, filters=filters, now=now)
    weeks = analytics_reading.incidents_per_week(engine, who, filters=filters)
    figures.incidents_with_releases(weeks, impact)
    figures.release_impact_bars(impact, days=14)


def app_page(db: str, username: str, *, signed_in: datetime) -> tuple[float, float]:
    """The real page run by AppTest: seconds cold, then from the cache."""
    from streamlit.testing.v1 import AppTest

    from dashboard.analytics.ui import analytics_cache
    from dashboard.kernel import auth

    os.environ["SERVICEDESK_DATABASE_URL" if is_url(db) else "SERVICEDESK_DB"] = db
    os.environ["SERVICEDESK_JOBS"] = "off"
    settings.current.cache_clear()  # read again, with the store named above
    token = auth.sign_in(
        get_engine(db), username=username, password="MdmrDemo!2026", now=signed_in
    ).token
    app = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
    at = AppTest.from_file(str(app), default_timeout=120)
    at.session_state["token"] = token
    at.switch_page("../pages/analytics.py")
    at.run()  # the first run of the process also opens and checks the store
    analytics_cache.forget()
    times = []
    for _ in range(2):
        start = perf_counter()
        at.run()
        times.append(perf_counter() - start)
        assert not at.exception, at.exception
        assert [t.value for t in at.title] == ["SLA analytics"], at.error
    return times[0], times[1]


TAKE_SNAPSHOT = """
import sys
from datetime import datetime
from dashboard.analytics.analytics_history import take_snapshot
from data_access.engine import get_engine
take_snapshot(get_engine(sys.argv[1]), now=datetime.fromisoformat(sys.argv[2]))
"""


def snapshot_first(
    engine: sa.Engine, who: Any, *, filters: Filters, now: datetime, runs: int
) -> dict[str, float]:
    """On PostgreSQL: every query on the live store (indexes only), then the
    snapshot the page's history figures are counted from, timed as the worker takes
    it. The live medians by query name; none on DuckDB."""
    if engine.dialect.name != "postgresql":
        return {}
    folder = Path(tempfile.mkdtemp(prefix="bench-analytics-"))
    os.environ["SERVICEDESK_EXPORTS"] = str(folder)
    settings.current.cache_clear()
    live = {
        name: median_ms(query, runs)
        for name, query in queries(engine, who, filters=filters, now=now).items()
    }
    # Taken in a process of its own, as the worker does: the memory this process
    # reports is the web process's, which only reads the snapshot.
    start = perf_counter()
    subprocess.run(
        [sys.executable, "-c", TAKE_SNAPSHOT, engine.url.render_as_string(False)]
        + [now.isoformat()],
        check=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    seconds = perf_counter() - start
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    taken = analytics_history.current(engine)
    assert taken is not None
    size = taken.path.stat().st_size / 2**20
    print(
        f"analytics snapshot ({taken.rows['tickets']:,} tickets, "
        f"{taken.rows['sla_clocks']:,} clocks, {size:,.0f} MB of DuckDB file): "
        f"{seconds:.1f} s and {worker_mb:,.0f} MB peak in the process taking it; "
        f"the worker takes one every "
        f"{analytics_history.SNAPSHOT_EVERY_SECONDS // 60} minutes"
    )
    return live


def main() -> None:
    """Run the benchmark and print the figures."""
    args = arguments(__doc__, runs=10)
    engine = bench_store(args.db, tickets=args.tickets)
    with engine.connect() as conn:
        count = conn.scalar(sa.select(sa.func.count()).select_from(tickets))
        clocks = conn.scalar(sa.select(sa.func.count()).select_from(sla_clocks))
        newest = conn.scalar(sa.select(sa.func.max(tickets.c.created_at)))
        row = user_store.find_by_username(conn, "sme.manager1")
    assert row is not None and newest is not None
    who = actor_from_row(row)
    now = newest + timedelta(minutes=1)
    last = newest.date()
    filters = Filters(start=date(last.year - 1, last.month, 1), end=last)
    print(
        f"store: {args.db} ({count:,} tickets, {clocks:,} clocks); "
        f"period {filters.start} to {filters.end}"
    )

    live = snapshot_first(engine, who, filters=filters, now=now, runs=args.runs)
    timed = {
        name: median_ms(query, args.runs)
        for name, query in queries(engine, who, filters=filters, now=now).items()
    }
    page = median_ms(lambda: whole_page(engine, who, filters=filters, now=now), 3)
    cold, warm = app_page(args.db, "sme.manager1", signed_in=datetime.now(UTC))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    naive = Naive(engine, analytics_reading.scope_for(who, filters), now=now)
    naive.table("tickets"), naive.table("clocks")
    print(
        "naive way: loading into pandas takes "
        + ", ".join(f"{t} {ms:,.0f} ms" for t, ms in naive.load_ms.items())
        + "; each answer is charged the loading of the tables it reads"
    )
    for name, way in naive_answers(naive).items():
        reads = ("tickets", "clocks") if name in READ_CLOCKS else ("tickets",)
        naive_ms = median_ms(way, 1) + sum(naive.load_ms[t] for t in reads)
        ms = timed[name]
        flag = "" if ms < QUERY_BUDGET_MS else "  OVER BUDGET"
        without = f"; live PostgreSQL {live[name]:7.1f} ms" if live else ""
        print(
            f"{name:32} {ms:7.1f} ms median (budget {QUERY_BUDGET_MS}); "
            f"pandas {naive_ms:9.1f} ms; ratio {naive_ms / ms:7.1f}x{without}{flag}"
        )
    print(
        f"whole page, every query and figure, no cache: {page:7.1f} ms median "
        f"(budget {PAGE_BUDGET_MS} ms)"
    )
    print(
        f"the page run by AppTest: {cold * 1000:7.1f} ms cold, "
        f"{warm * 1000:7.1f} ms from the cache"
    )
    print(
        f"peak resident memory before the naive runs: {peak:,.0f} MB "
        f"(budget {MEMORY_BUDGET_MB} MB)"
    )


if __name__ == "__main__":
    main()
