"""The seeded reference world that ticket generation draws from, as arrays."""

from dataclasses import dataclass

import numpy as np

from seed.arrivals import ArrivalGrid
from seed.clock import Bools, Clock, Floats, Ints
from seed.lifecycle import STATUSES


@dataclass(frozen=True)
class Staff:
    """User ids of the desk's staff, by role."""

    agents: Ints
    cims: Ints
    osp: Ints
    managers: Ints
    system: int


@dataclass(frozen=True)
class World:
    """Ids and vocabularies of the organizations, people and releases."""

    clock: Clock
    arrivals: ArrivalGrid
    ldc_ids: Ints  # organization id of each LDC, in ORG ID order
    ldc_names: tuple[str, ...]  # short names, same order
    ldc_codes: tuple[str, ...]  # ORG IDs, same order
    ldc_slugs: tuple[str, ...]  # mail domain labels, same order
    ldc_weight: Floats  # relative ticket volume of each LDC
    sme_org: int
    ldc_users: Ints  # user ids grouped by LDC, the manager first
    org_start: Ints  # where each LDC's users begin in ldc_users
    org_count: Ints
    staff: Staff
    user_names: tuple[str, ...]  # display name of each user, by position
    user_position: Ints  # position of each user id in user_names (-1: none)
    first_names: tuple[str, ...]  # first name of each user, by position
    groups: dict[str, int]
    release_ids: Ints
    release_at: Floats  # grid minutes of each deployment, ascending
    release_names: tuple[str, ...]
    policy_id: int
    # How much longer than usual work takes (log scale): some LDCs' tickets are
    # harder (their integration, their data), some months busier.
    ldc_pace: Floats
    month_pace: Floats  # by local calendar month of the clock's grid

    @property
    def values(self) -> tuple[str, ...]:
        """The vocabulary of event values: statuses, then user display names."""
        return STATUSES + self.user_names

    def name_value(self, user_ids: Ints) -> Ints:
        """The event-value code of each user's display name."""
        return len(STATUSES) + self.user_position[user_ids]

    def first_name_code(self, user_ids: Ints) -> Ints:
        """The position of each user's first name in first_names."""
        return self.user_position[user_ids]

    def pace(self, org: Ints, at: Floats, *, wide: Bools) -> Floats:
        """The factor on the work of tickets of these LDCs (none where wide) filed
        at these instants."""
        ldc = np.where(wide, 0.0, self.ldc_pace[org])
        factor: Floats = np.exp(ldc + self.month_pace[self.clock.local_month_of(at)])
        return factor

    def pick_org(self, rng: np.random.Generator, count: int) -> Ints:
        """LDC indices drawn by ticket volume."""
        cdf = np.cumsum(self.ldc_weight)
        index: Ints = np.searchsorted(cdf, rng.random(count) * cdf[-1], side="right")
        return np.clip(index, 0, len(cdf) - 1).astype(np.int64)

    def ldc_user(self, rng: np.random.Generator, org: Ints) -> Ints:
        """A user (manager included) of each LDC."""
        offset = np.floor(rng.random(len(org)) * self.org_count[org]).astype(np.int64)
        return np.asarray(self.ldc_users[self.org_start[org] + offset], np.int64)

    def other_ldc_user(
        self, rng: np.random.Generator, org: Ints, *, user: Ints
    ) -> Ints:
        """A user of each LDC other than the given one."""
        count = self.org_count[org]
        own = np.searchsorted(self.ldc_users, user)
        shift = 1 + np.floor(rng.random(len(org)) * (count - 1)).astype(np.int64)
        offset = (own - self.org_start[org] + shift) % count
        return self.ldc_users[self.org_start[org] + offset]

    def manager(self, org: Ints) -> Ints:
        """The manager of each LDC."""
        return self.ldc_users[self.org_start[org]]


def one_of(rng: np.random.Generator, pool: Ints, *, count: int) -> Ints:
    """Members of a pool, uniformly."""
    return pool[rng.integers(0, len(pool), size=count)]


def draw(rng: np.random.Generator, weights: tuple[float, ...], *, count: int) -> Ints:
    """Codes 0..k-1 drawn with the given relative weights."""
    cdf = np.cumsum(np.asarray(weights, dtype=np.float64))
    index: Ints = np.searchsorted(cdf, rng.random(count) * cdf[-1], side="right")
    return np.clip(index, 0, len(weights) - 1).astype(np.int64)


def lognormal(
    rng: np.random.Generator, median: float, *, sigma: float, count: int
) -> Floats:
    """Positive durations around a median."""
    durations: Floats = np.exp(np.log(median) + sigma * rng.standard_normal(count))
    return durations
