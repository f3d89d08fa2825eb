"""Who follows which problem: LDC people whose incidents link to it, and others."""

import numpy as np

from seed.clock import Floats, Ints
from seed.world import World

FOLLOW_LINKED = 0.35  # chance that the LDC person of a linked incident subscribes
EXTRA_PER_PROBLEM = 0.4  # mean number of other LDC users following a problem
EXTRA_DELAY_DAYS = 30.0


def subscriptions(
    rng: np.random.Generator,
    world: World,
    *,
    links: dict[str, np.ndarray],
    problem_t0: Floats,
) -> tuple[Ints, Ints, Floats]:
    """(problem row, user id, instant) of each subscription, one per pair."""
    follow = rng.random(len(links["row"])) < FOLLOW_LINKED
    extra = rng.poisson(EXTRA_PER_PROBLEM, len(problem_t0))
    extra_problem = np.repeat(np.arange(len(problem_t0), dtype=np.int64), extra)
    extra_org = world.pick_org(rng, len(extra_problem))
    extra_user = world.ldc_user(rng, extra_org)
    delay = rng.random(len(extra_problem)) * EXTRA_DELAY_DAYS * 1440.0
    problem = np.concatenate((links["other"][follow], extra_problem))
    user = np.concatenate((links["person"][follow], extra_user))
    at = np.concatenate((links["at"][follow], problem_t0[extra_problem] + delay))
    keep = at <= world.clock.end
    problem, user, at = problem[keep], user[keep], at[keep]
    order = np.lexsort((at, user, problem))
    problem, user, at = problem[order], user[order], at[order]
    first = np.ones(len(problem), dtype=np.bool_)
    first[1:] = (problem[1:] != problem[:-1]) | (user[1:] != user[:-1])
    return problem[first], user[first], at[first]
