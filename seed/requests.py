"""Service requests: the catalogue's twelve requests, filed by LDCs, fulfilled by SME.

Submitted, In fulfilment (sometimes Awaiting requester and back), Fulfilled, Closed;
a few are rejected or cancelled with a reason (see seed.request_flow). Requests only
an LDC manager may file come from the LDC's manager, or from SME staff.
"""

import numpy as np
import pyarrow as pa

from dashboard.kernel.rules.catalogue import CATALOGUE
from dashboard.kernel.rules.reference import ENVIRONMENTS, OSP_GROUP
from dashboard.kernel.rules.workflow import Kind
from seed import request_flow, texts_requests, wording
from seed.clock import Floats, Ints
from seed.common import Generated, ints, words
from seed.lifecycle import run
from seed.names import FIRST_NAMES, LAST_NAMES
from seed.world import World, draw, one_of

CODES = tuple(r.code for r in CATALOGUE)
TEST_ENV_TYPES = ("test_env_refresh", "enable_test_env", "disable_test_env")
BY_STAFF, CONTACT, SANDBOX = 0.08, 0.2, 0.4
ASSIGN_STAGE, RESOLVED_STAGE, CLOSED_STAGES = 1, 6, (0, 5, 7)


def _people(
    rng: np.random.Generator, world: World, *, org: Ints, rtype: Ints
) -> request_flow.People:
    n, staff = len(org), world.staff
    manager_only = np.asarray([r.manager_only for r in CATALOGUE])[rtype]
    by_staff = rng.random(n) < BY_STAFF
    reporter = np.where(manager_only, world.manager(org), world.ldc_user(rng, org))
    osp_type = np.asarray([r.group == OSP_GROUP for r in CATALOGUE])[rtype]
    return request_flow.People(
        reporter=np.where(by_staff, one_of(rng, staff.agents, count=n), reporter),
        assignee=np.where(
            osp_type,
            one_of(rng, staff.osp, count=n),
            one_of(rng, staff.agents, count=n),
        ),
        answerer=np.where(by_staff, world.ldc_user(rng, org), reporter),
    )


def generate(rng: np.random.Generator, world: World, *, count: int) -> Generated:
    """`count` service requests with their life cycles."""
    t0 = world.arrivals.sample(rng, count)
    org = world.pick_org(rng, count)
    rtype = draw(
        rng, tuple(texts_requests.REQUEST_WEIGHTS[c] for c in CODES), count=count
    )
    people = _people(rng, world, org=org, rtype=rtype)
    environment = 1 + (rng.random(count) < SANDBOX).astype(np.int64)  # QA, Sandbox
    fillers = _fillers(
        rng, world, t0=t0, org=org, rtype=rtype, environment=environment, people=people
    )
    flow = request_flow.plan(rng, world, t0=t0, org=org, rtype=rtype)
    plan = request_flow.stages(rng, world, flow=flow, fillers=fillers, people=people)
    history = run(
        t0,
        people.reporter,
        initial="Submitted",
        stages=plan,
        end=world.clock.end,
        assignee_value=world.name_value(people.assignee),
    )
    group_ids = np.asarray([world.groups[r.group] for r in CATALOGUE], np.int64)
    is_test = np.isin(rtype, [CODES.index(c) for c in TEST_ENV_TYPES])
    columns = {
        "title": wording.render(
            [texts_requests.TITLES[c] for c in CODES], rtype, fillers=fillers
        ),
        "description": wording.render(
            [texts_requests.DESCRIPTIONS[c] for c in CODES], rtype, fillers=fillers
        ),
        "org_id": ints(world.ldc_ids[org]),
        "is_mdmr_wide": pa.array(np.zeros(count, np.bool_)),
        "reporter_id": ints(people.reporter),
        "assignee_id": ints(people.assignee, history.reached[ASSIGN_STAGE]),
        "group_id": ints(group_ids[rtype]),
        "environment": words(ENVIRONMENTS, environment, valid=is_test),
        "ldc_contact_id": ints(world.ldc_user(rng, org), rng.random(count) < CONTACT),
        "request_type": words(CODES, rtype),
        "request_fields": wording.render(
            [texts_requests.FIELDS[c] for c in CODES], rtype, fillers=fillers
        ),
    }
    return Generated(
        Kind.SERVICE_REQUEST,
        t0,
        columns,
        history,
        resolved_stage=RESOLVED_STAGE,
        closed_stages=CLOSED_STAGES,
    )


def _fillers(
    rng: np.random.Generator,
    world: World,
    *,
    t0: Floats,
    org: Ints,
    rtype: Ints,
    environment: Ints,
    people: request_flow.People,
) -> wording.Fillers:
    n = len(t0)
    day = world.clock.local_day_of(t0 + rng.uniform(0, 20160.0, n))
    first = rng.integers(0, len(FIRST_NAMES), n)
    last = rng.integers(0, len(LAST_NAMES), n)
    return {
        "ldc": wording.pick(world.ldc_names, org),
        "orgcode": wording.pick(world.ldc_codes, org),
        "slug": wording.pick(world.ldc_slugs, org),
        "sdp": wording.numbered("", rng.integers(0, 10**10, n), width=10),
        "sdp2": wording.numbered("", rng.integers(0, 10**10, n), width=10),
        "meter": wording.numbered("M", rng.integers(0, 10**8, n), width=8),
        "meter2": wording.numbered("M", rng.integers(0, 10**8, n), width=8),
        "date": wording.pick(world.clock.day_names, day),
        "guiuser": wording.numbered("MDMRU", rng.integers(0, 10**5, n), width=5),
        "pfirst": wording.pick(FIRST_NAMES, first),
        "plast": wording.pick(LAST_NAMES, last),
        "pfirst_l": wording.pick([f.lower() for f in FIRST_NAMES], first),
        "plast_l": wording.pick([name.lower() for name in LAST_NAMES], last),
        "env": wording.pick(ENVIRONMENTS, environment),
        "seq": wording.numbered("", rng.integers(1, 10**6, n), width=6),
        "topic": wording.pick(
            texts_requests.TOPICS, rng.integers(0, len(texts_requests.TOPICS), n)
        ),
        "reqname": wording.pick([r.name for r in CATALOGUE], rtype),
        "done": wording.pick([texts_requests.DONE_NOTES[c] for c in CODES], rtype),
    }
