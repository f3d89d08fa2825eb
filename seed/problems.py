"""Problems: logged after releases, worked by the OSP, fixed in a later release.

A problem moves Logged, Under investigation, Known error (root cause found), Fix
scheduled (a target release), Resolved (when that release is deployed), Closed; a few
are closed early with a reason, and some stay known errors with no fix yet. Where a
problem stands is decided by its age: stages after the end of the period never happen.
"""

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from dashboard.kernel.rules.reference import OSP_GROUP, SERVICE_DESK_GROUP
from dashboard.kernel.rules.workflow import Kind
from seed import problem_flow, texts_problems, texts_symptoms, wording
from seed.clock import Floats, Ints
from seed.common import Generated, grouped, ints, strings, words
from seed.lifecycle import run
from seed.texts_incidents import CATEGORY_CODES, CATEGORY_WEIGHTS
from seed.world import World, draw, one_of

BURST = 4.0  # problems cluster in the weeks after a release
BY_OSP = 0.7


@dataclass(frozen=True)
class ProblemIndex:
    """What incidents need to link to problems: when each is open, and its category."""

    t0: Floats
    done_at: Floats  # when it is resolved or closed (inf if never)
    category: Ints
    workaround: pa.Array
    story: Ints  # which story of texts_problems, flattened in category order
    code: pa.Array  # the error reference the MDM/R gives for the problem


def generate(
    rng: np.random.Generator, world: World, *, count: int
) -> tuple[Generated, ProblemIndex]:
    """`count` problems with their life cycles, and the index incidents link by."""
    arrivals, staff = world.arrivals, world.staff
    t0 = arrivals.sample(rng, count, factor=arrivals.burst(world.release_at, BURST))
    category = draw(rng, CATEGORY_WEIGHTS, count=count)
    reporters = np.concatenate((staff.agents, staff.cims, staff.osp))
    reporter = one_of(rng, reporters, count=count)
    by_osp = rng.random(count) < BY_OSP
    agent = one_of(rng, staff.agents, count=count)
    assignee = np.where(by_osp, one_of(rng, staff.osp, count=count), agent)
    group = np.where(by_osp, world.groups[OSP_GROUP], world.groups[SERVICE_DESK_GROUP])
    release_pos = np.clip(np.searchsorted(world.release_at, t0, "right") - 1, 0, None)
    flow = problem_flow.plan(rng, world, t0=t0)
    texts = _texts(
        rng,
        world,
        category=category,
        release_pos=release_pos,
        target_pos=flow.target_pos,
    )
    plan = problem_flow.stages(
        rng,
        flow,
        world=world,
        fillers=texts.fillers,
        assignee=assignee,
        note=texts.note,
    )
    history = run(
        t0,
        reporter,
        initial="Logged",
        stages=plan,
        end=world.clock.end,
        assignee_value=world.name_value(assignee),
    )
    reached = history.reached
    columns = {
        "title": texts.title,
        "description": wording.concat(
            "Symptoms: ", texts.summary, " Workaround: ", texts.workaround
        ),
        "reporter_id": ints(reporter),
        "assignee_id": ints(assignee, reached[problem_flow.ASSIGN_STAGE]),
        "group_id": ints(group),
        "category": words(CATEGORY_CODES, category),
        "release_id": ints(world.release_ids[release_pos]),
        "public_summary": texts.summary,
        "workaround": texts.workaround,
        "root_cause": strings(texts.root, reached[problem_flow.KNOWN_STAGE]),
        "target_release_id": ints(
            world.release_ids[flow.target_pos], reached[problem_flow.SCHEDULED_STAGE]
        ),
    }
    generated = Generated(
        Kind.PROBLEM,
        t0,
        columns,
        history,
        resolved_stage=problem_flow.RESOLVED_STAGE,
        closed_stages=(problem_flow.EARLY_STAGE, problem_flow.CLOSED_STAGE),
    )
    return generated, ProblemIndex(
        t0, flow.done_at, category, texts.workaround, texts.story, texts.code
    )


@dataclass(frozen=True)
class _Texts:
    title: pa.Array
    summary: pa.Array
    workaround: pa.Array
    root: pa.Array
    note: pa.Array
    story: Ints
    code: pa.Array
    fillers: wording.Fillers


def _texts(
    rng: np.random.Generator,
    world: World,
    *,
    category: Ints,
    release_pos: Ints,
    target_pos: Ints,
) -> _Texts:
    """One story of its category per problem, and every text of it."""
    count = len(category)
    base: wording.Fillers = {
        "release": wording.pick(world.release_names, release_pos),
        "count": wording.plain(rng.integers(3, 4000, count)),
        "target": wording.pick(world.release_names, target_pos),
    }
    stories, choice = grouped(
        rng, category, keys=CATEGORY_CODES, table=texts_problems.STORIES
    )

    def told(part: str) -> pa.Array:
        templates = [getattr(story, part) for story in stories]
        return wording.render(templates, choice, fillers=base)

    texts = {part: told(part) for part in texts_problems.Story._fields}
    code = _codes(category)
    texts["summary"] = wording.concat(
        texts["summary"], " The MDM/R reports it as error ", code, "."
    )

    def taken(part: str) -> wording.Filler:
        return lambda rows: texts[part].take(pa.array(rows))

    told_in_comments = ("root", "workaround", "subject")
    return _Texts(
        title=texts["title"],
        summary=texts["summary"],
        workaround=texts["workaround"],
        root=texts["root"],
        note=texts["note"],
        story=choice,
        code=code,
        fillers={**base, **{part: taken(part) for part in told_in_comments}},
    )


def _codes(category: Ints) -> pa.Array:
    """A reference of its own for each problem, prefixed by its category's."""
    prefixes = [texts_symptoms.CODE_PREFIXES[code] for code in CATEGORY_CODES]
    numbers = wording.numbered("-", 1000 + np.arange(len(category)), width=4)
    return wording.concat(
        wording.pick(prefixes, category)(np.arange(len(category))),
        numbers(np.arange(len(category))),
    )
