"""When tickets arrive: weighted by weekday and hour of day in Toronto, with bursts.

Each hour of the period gets a weight from its local weekday and hour (and a low one
on Ontario statutory holidays); arrival instants are drawn hour by hour from those
weights, then uniformly within the hour. Incidents and problems get more weight in
the weeks after each MDM/R release, when defects show up.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.kernel.rules.calendar import statutory_holidays
from seed.clock import ZONE, Clock, Floats

# Monday .. Sunday
WEEKDAY_WEIGHT = np.array([1.05, 1.0, 1.0, 0.95, 0.85, 0.16, 0.12])
# Local hour 0 .. 23: a working day with a dip at lunch.
HOUR_WEIGHT = np.array(
    [0.05, 0.04, 0.03, 0.03, 0.04, 0.08, 0.2, 0.5, 1.2, 1.6, 1.7, 1.5]
    + [1.0, 1.3, 1.5, 1.4, 1.1, 0.6, 0.35, 0.25, 0.2, 0.15, 0.1, 0.07]
)
HOLIDAY_WEIGHT = 0.25
BURST_DAYS = 21.0
BURST_DECAY_DAYS = 7.0


@dataclass(frozen=True)
class ArrivalGrid:
    """The clock hours of the period, each with its base arrival weight.

    The hours are whole hours of the wall clock; the first and the last are cut to
    the part inside the period (which starts and ends at any minute), and weigh
    accordingly."""

    hour_start: Floats  # grid minutes at which each hour's part in the period begins
    width: Floats  # minutes of that part
    base: Floats

    @classmethod
    def build(cls, clock: Clock) -> "ArrivalGrid":
        """Weights for every hour from the period's start to its end."""
        begin = pd.Timestamp(clock.origin) + pd.Timedelta(minutes=clock.start)
        first = begin.floor("h")
        before = (begin - first).total_seconds() / 60.0
        count = int(np.ceil((clock.end - clock.start + before) / 60.0))
        hours = pd.date_range(first, periods=count, freq="h")
        local = hours.tz_convert(ZONE)
        years = range(local[0].year, local[-1].year + 1)
        holidays = {d for y in years for d in statutory_holidays(y)}
        local_dates = pd.Series(local.date)
        is_holiday = local_dates.isin(holidays).to_numpy()
        whole = clock.start - before + 60.0 * np.arange(count, dtype=np.float64)
        low = np.maximum(whole, clock.start)
        width = np.minimum(whole + 60.0, clock.end) - low
        weight = (
            WEEKDAY_WEIGHT[np.asarray(local.day_of_week)]
            * HOUR_WEIGHT[np.asarray(local.hour)]
            * np.where(is_holiday, HOLIDAY_WEIGHT, 1.0)
            * (width / 60.0)
        )
        return cls(hour_start=low, width=width, base=weight)

    def burst(self, release_at: Floats, strength: float) -> Floats:
        """A multiplier that rises after each release and fades within three weeks."""
        last = np.searchsorted(release_at, self.hour_start, side="right") - 1
        since = self.hour_start - release_at[np.clip(last, 0, None)]
        days = since / 1440.0
        fresh = (last >= 0) & (days < BURST_DAYS)
        return 1.0 + np.where(fresh, strength * np.exp(-days / BURST_DECAY_DAYS), 0.0)

    def sample(
        self, rng: np.random.Generator, count: int, *, factor: Floats | None = None
    ) -> Floats:
        """`count` arrival instants (grid minutes), in ascending order."""
        weight = self.base if factor is None else self.base * factor
        cdf = np.cumsum(weight)
        hour = np.searchsorted(cdf, rng.random(count) * cdf[-1], side="right")
        hour = np.clip(hour, 0, len(cdf) - 1)
        at = self.hour_start[hour] + rng.random(count) * self.width[hour]
        return np.sort(at)
