"""When each service request moves, and the stages of its life cycle.

Fulfilment takes a lognormal share of the request type's default target, in business
hours; Awaiting requester pauses it (the pause is added on top). A few requests are
cancelled by the requester before work starts, or rejected with a reason.
"""

from dataclasses import dataclass

import numpy as np

from dashboard.kernel.rules.catalogue import CATALOGUE
from seed import texts_comments, wording
from seed.clock import Bools, Floats, Ints
from seed.common import reason_codes
from seed.letters import LDC_SIGN_OFFS, letter
from seed.lifecycle import Comment, Stage
from seed.texts_comments import REASON_OFFSET
from seed.world import World, lognormal

AUTO_CLOSE_MINUTES = 3 * 540.0
CANCELLED, ASKS, REJECTED, CONFIRMED = 0.03, 0.12, 0.04, 0.4
TARGET_MINUTES = np.asarray([r.target_business_days * 540.0 for r in CATALOGUE])


@dataclass(frozen=True)
class People:
    """Who files, fulfils and answers each request."""

    reporter: Ints
    assignee: Ints
    answerer: Ints  # the LDC person who answers questions and confirms


@dataclass(frozen=True)
class RequestFlow:
    """Each request's stage instants (grid minutes) and the stages it goes through."""

    times: dict[str, Floats]
    live: Bools  # not cancelled
    asks: Bools
    rejected: Bools
    confirmed: Bools


def plan(
    rng: np.random.Generator, world: World, *, t0: Floats, org: Ints, rtype: Ints
) -> RequestFlow:
    """Draw every request's life cycle."""
    n, clock = len(t0), world.clock
    pace = world.pace(org, t0, wide=np.zeros(n, np.bool_))
    work = np.maximum(
        30.0, TARGET_MINUTES[rtype] * pace * lognormal(rng, 0.35, sigma=0.7, count=n)
    )
    start = work * rng.uniform(0.05, 0.3, n)
    marks = np.sort(rng.random((n, 2)), axis=1)
    ask_w, reject_w = (start + marks[:, i] * (work - start) for i in range(2))
    live = rng.random(n) >= CANCELLED
    asks = live & (rng.random(n) < ASKS)
    pause = np.where(asks, lognormal(rng, 540.0, sigma=0.8, count=n), 0.0)
    base = clock.to_business(t0)

    def wall(w: Floats) -> Floats:
        return clock.from_business(base + w + np.where(w > ask_w, pause, 0.0))

    fulfil = wall(work)
    auto = clock.from_business(clock.to_business(fulfil) + AUTO_CLOSE_MINUTES)
    confirm = fulfil + lognormal(rng, 240.0, sigma=1.0, count=n)
    confirmed = (rng.random(n) < CONFIRMED) & (confirm < auto)
    times = {
        "cancel": t0 + lognormal(rng, 180.0, sigma=0.8, count=n),
        "start": wall(start),
        "ask": wall(ask_w),
        "answer": wall(ask_w + pause),
        "reject": wall(reject_w),
        "fulfil": fulfil,
        "close": np.where(confirmed, confirm, auto),
    }
    rejected = live & (rng.random(n) < REJECTED)
    return RequestFlow(times, live, asks, rejected, confirmed)


def stages(
    rng: np.random.Generator,
    world: World,
    *,
    flow: RequestFlow,
    fillers: wording.Fillers,
    people: People,
) -> list[Stage]:
    """Submitted, In fulfilment, Awaiting requester, Fulfilled, Closed (or not)."""
    n, at = len(people.reporter), flow.times
    fulfilled = flow.live & ~flow.rejected
    closer = np.where(flow.confirmed, people.answerer, world.staff.system)

    def to_ldc(templates: tuple[str, ...], choice: Ints | None = None) -> Comment:
        return letter(
            rng,
            templates,
            world=world,
            to=people.answerer,
            author=people.assignee,
            fillers=fillers,
            choice=choice,
        )

    def reasons(key: str) -> Ints:
        return reason_codes(rng, key, count=n)

    # The question says what the desk waits for, and the answer gives it.
    asked = reasons("awaiting_requester")
    question = asked - REASON_OFFSET["awaiting_requester"]

    who = people.assignee
    return [
        Stage(
            at["cancel"],
            ~flow.live,
            people.reporter,
            "Cancelled",
            reason=reasons("request_cancel"),
        ),
        Stage(
            at["start"],
            flow.live,
            who,
            "In fulfilment",
            assign=True,
            comment=to_ldc(texts_comments.REQUEST_STARTED),
        ),
        Stage(
            at["ask"],
            flow.asks,
            who,
            "Awaiting requester",
            reason=asked,
            comment=to_ldc(texts_comments.REQUEST_QUESTIONS, question),
        ),
        Stage(
            at["answer"],
            flow.asks,
            people.answerer,
            comment=letter(
                rng,
                texts_comments.REQUEST_ANSWERS,
                world=world,
                to=people.assignee,
                author=people.answerer,
                fillers=fillers,
                sign_offs=LDC_SIGN_OFFS,
                choice=question,
            ),
        ),
        Stage(at["answer"], flow.asks, who, "In fulfilment"),
        Stage(
            at["reject"],
            flow.rejected,
            who,
            "Rejected",
            reason=reasons("request_reject"),
        ),
        Stage(
            at["fulfil"],
            fulfilled,
            who,
            "Fulfilled",
            comment=to_ldc(texts_comments.REQUEST_DONE),
        ),
        Stage(at["close"], fulfilled, closer, "Closed"),
    ]
