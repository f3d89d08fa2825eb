"""Analytics results cached for a while, and forgotten after a save.

Cached results are keyed by the store's generation (the newest ticket save, the
ticket count, the newest clock computation, the newest administration change), so
a change made anywhere (another user, a background job) shows at the next look
after at most GENERATION_SECONDS; the user's own saves clear the cache at once.

The cached frames hold no words in a language (their labels are English, translated
where shown); the cached figures do, and are kept per language.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.analytics import analytics_reading, figures
from dashboard.kernel.i18n import using
from dashboard.kernel.rules.authorization import Actor
from dashboard.ui import saves, session

TTL_SECONDS = 300
GENERATION_SECONDS = 5

USE_CASES: dict[str, Callable[..., pd.DataFrame]] = {
    "compliance": analytics_reading.compliance,
    "compliance_tickets": analytics_reading.compliance_tickets,
    "arrivals": analytics_reading.arrivals,
    "arrival_tickets": analytics_reading.arrival_tickets,
    "at_risk": analytics_reading.at_risk,
    "backlog": analytics_reading.backlog,
    "backlog_tickets": analytics_reading.backlog_tickets,
    "time_to_resolve": analytics_reading.time_to_resolve,
    "breaches": analytics_reading.breaches,
    "breach_tickets": analytics_reading.breach_tickets,
    "incidents_per_week": analytics_reading.incidents_per_week,
    "week_tickets": analytics_reading.week_tickets,
    "release_impact": analytics_reading.release_impact,
}


def load(
    use_case: str, actor: Actor, *, filters: analytics_reading.Filters, **options: Any
) -> pd.DataFrame:
    """A use case's frame, from the cache when the same question was asked lately."""
    store = str(session.engine().url.database)
    return _cached(
        store,
        _generation(store),
        use_case=use_case,
        actor=actor,
        filters=filters,
        options=options,
    )


@st.cache_data(ttl=GENERATION_SECONDS, show_spinner=False)
def _generation(store: str) -> tuple[Any, ...]:
    # Asked once per page rather than once per chart.
    return analytics_reading.store_generation(session.engine())


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=256)
def _cached(
    store: str,
    generation: tuple[Any, ...],
    *,
    use_case: str,
    actor: Actor,
    filters: analytics_reading.Filters,
    options: dict[str, Any],
) -> pd.DataFrame:
    return USE_CASES[use_case](session.engine(), actor, filters=filters, **options)


FIGURES: dict[str, Callable[..., go.Figure]] = {
    "compliance": figures.compliance_heatmap,
    "arrivals": figures.arrivals_heatmap,
}


@st.cache_resource(show_spinner=False, max_entries=64)
def figure(
    chart: str, frame: pd.DataFrame, *, language: str, **options: Any
) -> go.Figure:
    """A heatmap of a cached frame, built once: plotly checks every value it is
    given, a fifth of the analytics page's run for the LDC heatmap's 767 cells.
    The figure is shared between sessions and never changed after it is built;
    its words are in `language` (i18n.current()), a figure per language."""
    with using(language):
        return FIGURES[chart](frame, **options)


def target(now: datetime) -> float:
    """The compliance target of the policy in force."""
    return _target(
        str(session.engine().url.database), now.replace(second=0, microsecond=0)
    )


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def _target(store: str, now: datetime) -> float:
    return analytics_reading.compliance_target(session.engine(), now=now)


def forget() -> None:
    """Drop every cached result: the store has changed."""
    _generation.clear()
    _cached.clear()
    _target.clear()


# The analytics would show the store as it was before a save.
saves.after_each_save(forget)
