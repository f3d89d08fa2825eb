"""When each incident moves: durations drawn against its severity's default targets.

Work is measured in minutes of the severity's calendar (24x7 for severity 1 and 2,
business hours for 3 and 4), as a ratio of the default target: most incidents land
well inside it, and the lognormal tail (about one in ten) breaches it. Time in Awaiting
LDC is a pause: it is added on top, so it lengthens the wall-clock time without
counting against the target.
"""

from dataclasses import dataclass

import numpy as np

from dashboard.kernel.rules.sla_defaults import DEFAULT_TARGETS, incident_key
from seed.clock import Bools, Floats, Ints
from seed.problems import ProblemIndex
from seed.world import World, lognormal

AUTO_CLOSE_MINUTES = 3 * 540.0  # three business days in Resolved
_TARGETS = {t.key: t for t in DEFAULT_TARGETS}
FIRST_RESPONSE = np.array(
    [0.0] + [float(_TARGETS[incident_key(s)].first_response or 0) for s in (1, 2, 3, 4)]
)
RESOLUTION = np.array(
    [0.0] + [float(_TARGETS[incident_key(s)].resolution) for s in (1, 2, 3, 4)]
)
BUSINESS = np.array(
    [False] + [_TARGETS[incident_key(s)].calendar == "business" for s in (1, 2, 3, 4)]
)


@dataclass(frozen=True)
class Flow:
    """Each incident's stage instants (grid minutes) and the stages it goes through."""

    cancelled: Bools
    cancel_at: Floats
    assign_at: Floats
    respond_at: Floats
    progress_at: Floats
    note_at: Floats
    update1_at: Floats
    ldc_at: Floats
    reply_at: Floats
    vendor_at: Floats
    back_at: Floats
    update2_at: Floats
    resolve_at: Floats
    close_at: Floats
    has_note: Bools
    has_update1: Bools
    has_update2: Bools
    has_ldc: Bools
    has_vendor: Bools
    confirmed: Bools


def plan(
    rng: np.random.Generator,
    world: World,
    *,
    t0: Floats,
    org: Ints,
    severity: Ints,
    wide: Bools,
    can_confirm: Bools,
) -> Flow:
    """Draw every incident's life cycle."""
    n = len(t0)
    pace = world.pace(org, t0, wide=wide)
    business = BUSINESS[severity]
    critical = ~business
    respond = np.maximum(
        1.0, FIRST_RESPONSE[severity] * lognormal(rng, 0.35, sigma=0.6, count=n)
    )
    work = RESOLUTION[severity] * pace * lognormal(rng, 0.42, sigma=0.62, count=n)
    work = np.maximum(work, respond + 15.0)
    progress = respond + rng.random(n) * 0.2 * (work - respond)
    marks = np.sort(rng.random((n, 6)), axis=1)
    note_w, up1_w, ldc_w, ven_w, back_w, up2_w = (
        progress + marks[:, i] * (work - progress) for i in range(6)
    )
    has_ldc = ~wide & (rng.random(n) < np.where(critical, 0.05, 0.15))
    pause = np.where(
        critical,
        lognormal(rng, 90.0, sigma=0.7, count=n),
        lognormal(rng, 600.0, sigma=0.8, count=n),
    )
    pause = np.where(has_ldc, pause, 0.0)
    updates = np.where(critical, 1, 0) + (rng.random(n) < 0.45) + (rng.random(n) < 0.2)

    def wall(clock_minutes: Floats) -> Floats:
        return world.clock.add(t0, clock_minutes, business=business)

    def after_pause(w: Floats) -> Floats:
        return wall(w + np.where(w > ldc_w, pause, 0.0))

    resolve_at = after_pause(work)
    clock = world.clock
    auto = clock.from_business(clock.to_business(resolve_at) + AUTO_CLOSE_MINUTES)
    confirm_at = resolve_at + lognormal(rng, 300.0, sigma=1.0, count=n)
    confirmed = can_confirm & (rng.random(n) < 0.45) & (confirm_at < auto)
    return Flow(
        cancelled=~wide & (rng.random(n) < 0.02),
        cancel_at=t0 + lognormal(rng, 45.0, sigma=0.8, count=n),
        assign_at=wall(respond * rng.uniform(0.2, 0.9, n)),
        respond_at=wall(respond),
        progress_at=wall(progress),
        note_at=wall(note_w),
        update1_at=wall(up1_w),
        ldc_at=wall(ldc_w),
        reply_at=wall(ldc_w + pause),
        vendor_at=after_pause(ven_w),
        back_at=after_pause(back_w),
        update2_at=after_pause(up2_w),
        resolve_at=resolve_at,
        close_at=np.where(confirmed, confirm_at, auto),
        has_note=rng.random(n) < 0.2,
        has_update1=updates >= 1,
        has_update2=updates >= 2,
        has_ldc=has_ldc,
        has_vendor=rng.random(n) < np.where(critical, 0.15, 0.08),
        confirmed=confirmed,
    )


def workaround_share(world: World, t0: Floats) -> Floats:
    """The chance of a workaround resolution: higher in the weeks after a release."""
    last = np.searchsorted(world.release_at, t0, side="right") - 1
    since = t0 - world.release_at[np.clip(last, 0, None)]
    fresh = (last >= 0) & (since < 21 * 1440.0)
    return np.where(fresh, 0.35, 0.12)


def choose_problems(
    rng: np.random.Generator,
    category: Ints,
    *,
    resolve_at: Floats,
    wanted: Bools,
    problems: ProblemIndex,
) -> Ints:
    """A recent open problem of the same category for each incident (-1: none)."""
    chosen = np.full(len(category), -1, dtype=np.int64)
    back = rng.integers(0, 3, size=len(category))
    for code in np.unique(category[wanted]).tolist():
        rows = np.flatnonzero(problems.category == code)
        mine = np.flatnonzero(wanted & (category == code))
        if not len(rows):
            continue
        last = np.searchsorted(problems.t0[rows], resolve_at[mine], side="right") - 1
        j = last - back[mine]
        candidate = rows[np.clip(j, 0, None)]
        ok = (j >= 0) & (problems.done_at[candidate] > resolve_at[mine])
        chosen[mine[ok]] = candidate[ok]
    return chosen
