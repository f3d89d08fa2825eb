"""When each problem moves, and the stages of its life cycle.

Under investigation about a day after logging, Known error about a week later, a fix
scheduled for the first release at least two weeks away, Resolved when that release
is deployed, Closed a couple of weeks after. Some are closed early with a reason;
some stay known errors without a fix.
"""

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from seed import texts_problems, wording
from seed.clock import Bools, Floats, Ints
from seed.common import reason_codes
from seed.letters import EVERYONE, letter
from seed.lifecycle import Comment, Stage
from seed.world import World, lognormal

DAY = 1440.0
EARLY_CLOSE, FIX_SCHEDULED, NOTE = 0.08, 0.75, 0.5
LEAD_DAYS = 14.0  # a fix is scheduled for a release at least this far away
ASSIGN_STAGE, EARLY_STAGE, KNOWN_STAGE = 0, 2, 3
SCHEDULED_STAGE, RESOLVED_STAGE, CLOSED_STAGE = 4, 5, 6


@dataclass(frozen=True)
class ProblemFlow:
    """Each problem's stage instants (grid minutes) and the stages it goes through."""

    investigate: Floats
    early_at: Floats
    known: Floats
    scheduled: Floats
    resolved: Floats
    closed: Floats
    early: Bools
    fix: Bools
    note: Bools
    target_pos: Ints  # position of the target release

    @property
    def done_at(self) -> Floats:
        """When the problem stops accepting links (inf: never in this world)."""
        later = np.where(self.fix, self.resolved, np.inf)
        return np.where(self.early, self.early_at, later)


def plan(rng: np.random.Generator, world: World, *, t0: Floats) -> ProblemFlow:
    """Draw every problem's life cycle."""
    n = len(t0)
    investigate = t0 + lognormal(rng, DAY, sigma=0.8, count=n)
    known = investigate + lognormal(rng, 7 * DAY, sigma=0.7, count=n)
    scheduled = known + lognormal(rng, 10 * DAY, sigma=0.7, count=n)
    last = len(world.release_at) - 1
    target = np.searchsorted(world.release_at, scheduled + LEAD_DAYS * DAY)
    target_pos = np.clip(target, 0, last)
    deployed = np.maximum(world.release_at[target_pos], scheduled)
    resolved = deployed + rng.uniform(120.0, 720.0, n)
    early = rng.random(n) < EARLY_CLOSE
    return ProblemFlow(
        investigate=investigate,
        early_at=investigate + lognormal(rng, 10 * DAY, sigma=0.6, count=n),
        known=known,
        scheduled=scheduled,
        resolved=resolved,
        closed=resolved + lognormal(rng, 14 * DAY, sigma=0.5, count=n),
        early=early,
        fix=~early & (rng.random(n) < FIX_SCHEDULED),
        note=rng.random(n) < NOTE,
        target_pos=target_pos,
    )


def stages(
    rng: np.random.Generator,
    flow: ProblemFlow,
    *,
    world: World,
    fillers: wording.Fillers,
    assignee: Ints,
    note: pa.Array,
) -> list[Stage]:
    """Logged, Under investigation, Known error, Fix scheduled, Resolved, Closed.

    The investigation's work note and the public comments (to every LDC, signed by
    the assignee) tell the problem's own story: its root cause, workaround and
    subject."""
    n = len(assignee)

    def comment(templates: tuple[str, ...]) -> Comment:
        return letter(
            rng,
            templates,
            world=world,
            to=np.full(n, EVERYONE),
            author=assignee,
            fillers=fillers,
        )

    every = np.ones(n, np.bool_)
    reason = reason_codes(rng, "problem_close", count=n)
    return [
        Stage(flow.investigate, every, assignee, "Under investigation", assign=True),
        Stage(
            flow.investigate + 30.0,
            flow.note,
            assignee,
            comment=Comment(lambda rows: note.take(pa.array(rows)), internal=True),
        ),
        Stage(flow.early_at, flow.early, assignee, "Closed", reason=reason),
        Stage(
            flow.known,
            ~flow.early,
            assignee,
            "Known error",
            comment=comment(texts_problems.PROBLEM_KNOWN),
        ),
        Stage(
            flow.scheduled,
            flow.fix,
            assignee,
            "Fix scheduled",
            comment=comment(texts_problems.PROBLEM_SCHEDULED),
        ),
        Stage(
            flow.resolved,
            flow.fix,
            assignee,
            "Resolved",
            comment=comment(texts_problems.PROBLEM_FIXED),
        ),
        Stage(flow.closed, flow.fix, assignee, "Closed"),
    ]
