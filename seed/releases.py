"""Quarterly MDM/R releases, deployed on a Saturday night (Toronto time).

The period gets the release in force when it starts, every release deployed during
it, and the next planned one (deployed_at after the end of the period: a planned
date), which problems with a scheduled fix can target.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pandas as pd

from seed.clock import local_to_utc

RELEASE_MONTHS = (2, 5, 8, 11)
DEPLOY_HOUR = 22  # Saturday 22:00 local: the weekend maintenance window
FIRST_MAJOR_YEAR = 2014  # MDM/R 12.x in 2026
NOTES = (
    "Quarterly release: EnergyIP platform patches, VEE rule updates and defect fixes.",
    "Quarterly release: billing quantity performance work and GUI fixes.",
    "Quarterly release: synchronization validation changes and AS2 certificate "
    "renewal.",
    "Quarterly release: web services hardening and report corrections.",
)
PLANNED_NOTE = "Planned quarterly release (deployment date is the planned window)."


@dataclass(frozen=True)
class Release:
    """One MDM/R release."""

    name: str
    deployed_at: datetime
    notes: str


def _second_saturday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(5 - first.weekday()) % 7 + 7)


def _all_releases(first_year: int, last_year: int) -> list[tuple[str, date]]:
    return [
        (f"MDM/R {year - FIRST_MAJOR_YEAR}.{q}", _second_saturday(year, month))
        for year in range(first_year, last_year + 1)
        for q, month in enumerate(RELEASE_MONTHS, start=1)
    ]


def plan_releases(start: datetime, end: datetime) -> list[Release]:
    """The releases that matter to the period, oldest first."""
    candidates = _all_releases(start.year - 1, end.year + 1)
    days = pd.DatetimeIndex([pd.Timestamp(d) for _, d in candidates])
    moments = local_to_utc(days + pd.Timedelta(hours=DEPLOY_HOUR))
    dated = [
        (name, ts.to_pydatetime().astimezone(UTC))
        for (name, _), ts in zip(candidates, moments, strict=True)
    ]
    before = [r for r in dated if r[1] < start][-1:]
    during = [r for r in dated if start <= r[1] < end]
    after = [r for r in dated if r[1] >= end][:1]
    chosen = before + during
    releases = [
        Release(name, at, NOTES[i % len(NOTES)]) for i, (name, at) in enumerate(chosen)
    ]
    releases += [Release(name, at, PLANNED_NOTE) for name, at in after]
    return releases
