"""Incidents: their wording, life cycle, resolution and links to problems."""

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.kernel.rules.reference import (
    CRITICAL_GROUP,
    ENVIRONMENTS,
    SERVICE_DESK_GROUP,
)
from dashboard.kernel.rules.workflow import Kind
from seed import incident_flow, incident_symptoms, texts_incidents, wording
from seed.clock import Ints
from seed.common import Generated, grouped, ints, strings, words
from seed.incident_draw import Drawn, draw_incidents
from seed.incident_stages import stages
from seed.lifecycle import History, run
from seed.problems import ProblemIndex
from seed.world import World

CANCEL_STAGE, ASSIGN_STAGE, RESOLVED_STAGE, CLOSED_STAGE = 0, 1, 12, 13
SEVERITY_KEYS = ("1", "2", "3", "4")


def generate(
    rng: np.random.Generator, world: World, *, count: int, problems: ProblemIndex
) -> Generated:
    """`count` incidents with their life cycles and problem links."""
    d = draw_incidents(rng, world, count=count)
    flow = incident_flow.plan(
        rng,
        world,
        t0=d.t0,
        org=d.org,
        severity=d.severity,
        wide=d.wide,
        can_confirm=d.reporter_is_ldc | d.has_contact,
    )
    share = incident_flow.workaround_share(world, d.t0)
    wanted = ~d.wide & (rng.random(count) < share)
    problem = incident_flow.choose_problems(
        rng, d.category, resolve_at=flow.resolve_at, wanted=wanted, problems=problems
    )
    workaround = problem >= 0
    fillers = _fillers(rng, world, d=d)
    fixed_notes = _render(
        rng, d.category, table=texts_incidents.FIXED_NOTES, fillers=fillers
    )
    known = problems.workaround.take(pa.array(np.clip(problem, 0, None)))
    resolution = pc.if_else(pa.array(workaround), known, fixed_notes)
    fillers = {**fillers, "notes": lambda rows: resolution.take(pa.array(rows))}
    plan = stages(rng, world, flow=flow, fillers=fillers, d=d, workaround=workaround)
    history = run(
        d.t0,
        d.reporter,
        initial="New",
        stages=plan,
        end=world.clock.end,
        assignee_value=world.name_value(d.assignee),
    )
    resolved = history.reached[RESOLVED_STAGE]
    columns = {
        **_columns(
            rng,
            world,
            d=d,
            fillers=fillers,
            assigned=history.reached[ASSIGN_STAGE],
            symptoms=incident_symptoms.Told(problem=problem, problems=problems),
        ),
        "resolution_type": words(
            ("fixed", "workaround"), workaround.astype(np.int64), valid=resolved
        ),
        "resolution_notes": strings(fixed_notes, resolved & ~workaround),
        "workaround": strings(known, resolved & workaround),
    }
    return Generated(
        Kind.INCIDENT,
        d.t0,
        columns,
        history,
        resolved_stage=RESOLVED_STAGE,
        closed_stages=(CANCEL_STAGE, CLOSED_STAGE),
        links=_links(d, history, problem=problem, linked=resolved & workaround),
    )


def _links(
    d: Drawn, history: History, *, problem: Ints, linked: np.ndarray
) -> dict[str, np.ndarray]:
    rows = np.flatnonzero(linked)
    return {
        "row": rows,
        "other": problem[rows],
        "at": history.times[RESOLVED_STAGE][rows],
        "by": d.assignee[rows],
        "person": d.answerer[rows],  # an LDC person who may follow the problem
    }


def _columns(
    rng: np.random.Generator,
    world: World,
    *,
    d: Drawn,
    fillers: wording.Fillers,
    assigned: np.ndarray,
    symptoms: incident_symptoms.Told,
) -> dict[str, pa.Array]:
    group = np.where(
        d.critical, world.groups[CRITICAL_GROUP], world.groups[SERVICE_DESK_GROUP]
    )
    return {
        "title": symptoms.titles(_titles(rng, d, fillers=fillers), fillers=fillers),
        "description": _descriptions(rng, d, fillers=fillers, symptoms=symptoms),
        "org_id": ints(np.where(d.wide, world.sme_org, world.ldc_ids[d.org])),
        "is_mdmr_wide": pa.array(d.wide),
        "reporter_id": ints(d.reporter),
        "assignee_id": ints(d.assignee, assigned),
        "group_id": ints(group),
        "category": words(texts_incidents.CATEGORY_CODES, d.category),
        "environment": words(ENVIRONMENTS, d.environment),
        "release_id": ints(world.release_ids[d.release_pos]),
        "impact": ints(d.impact),
        "urgency": ints(d.urgency),
        "severity": ints(d.severity),
        "ldc_contact_id": ints(d.contact, d.has_contact),
        "backup_contact_id": ints(d.backup, d.has_backup),
    }


def _fillers(rng: np.random.Generator, world: World, *, d: Drawn) -> wording.Fillers:
    n = len(d.t0)
    day = world.clock.local_day_of(d.t0 - rng.uniform(0, 2880.0, n))
    ldc = np.where(d.wide, len(world.ldc_names), d.org)
    return {
        "ldc": wording.pick((*world.ldc_names, "all LDCs"), ldc),
        "sdp": wording.numbered("", rng.integers(0, 10**10, n), width=10),
        "meter": wording.numbered("M", rng.integers(0, 10**8, n), width=8),
        "count": wording.plain(rng.integers(2, 5000, n)),
        "date": wording.pick(world.clock.day_names, day),
        "seq": wording.numbered("", rng.integers(1, 10**6, n), width=6),
        "req": wording.numbered("BQR", rng.integers(0, 10**10, n), width=10),
        "env": wording.pick(ENVIRONMENTS, d.environment),
        "release": wording.pick(world.release_names, d.release_pos),
        "cycle": wording.numbered("BC", rng.integers(1, 41, n), width=2),
        "guiuser": wording.numbered("MDMRU", rng.integers(0, 10**5, n), width=5),
    }


def _render(
    rng: np.random.Generator,
    category: Ints,
    *,
    table: dict[str, tuple[str, ...]],
    fillers: wording.Fillers,
) -> pa.Array:
    templates, choice = grouped(
        rng, category, keys=texts_incidents.CATEGORY_CODES, table=table
    )
    return wording.render(templates, choice, fillers=fillers)


def _titles(
    rng: np.random.Generator, d: Drawn, *, fillers: wording.Fillers
) -> pa.Array:
    templates, choice = grouped(
        rng,
        d.category,
        keys=texts_incidents.CATEGORY_CODES,
        table=texts_incidents.TITLES,
    )
    choice = np.where(d.wide, len(templates) + d.wide_kind, choice)
    return wording.render(
        [*templates, *texts_incidents.WIDE_TITLES], choice, fillers=fillers
    )


def _descriptions(
    rng: np.random.Generator,
    d: Drawn,
    *,
    fillers: wording.Fillers,
    symptoms: incident_symptoms.Told,
) -> pa.Array:
    templates, choice = grouped(
        rng,
        d.category,
        keys=texts_incidents.CATEGORY_CODES,
        table=texts_incidents.DETAILS,
    )
    choice = np.where(d.wide, len(templates), choice)
    detail = symptoms.details(
        wording.render(
            [*templates, texts_incidents.WIDE_DETAIL], choice, fillers=fillers
        ),
        fillers=fillers,
    )
    sentences = {str(k): v for k, v in texts_incidents.IMPACT_SENTENCES.items()}
    impact, impact_choice = grouped(
        rng, d.severity - 1, keys=SEVERITY_KEYS, table=sentences
    )
    return wording.concat(
        detail, wording.render(impact, impact_choice, fillers=fillers), sep=" "
    )
