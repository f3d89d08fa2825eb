"""The attributes of incidents: when, which LDC, how severe, about what, who.

Most incidents are severity 3 or 4 (impact and urgency drawn so that the matrix gives
few severity 1); a few are MDM/R-wide (the SME's organization, severity 1 or 2, filed
by SME or OSP staff). Reporters are mostly the LDC's users; contacts are users of the
same LDC.
"""

from dataclasses import dataclass

import numpy as np

from dashboard.kernel.rules.severity import MATRIX
from seed import texts_incidents
from seed.clock import Bools, Floats, Ints
from seed.world import World, draw, one_of

WIDE_SHARE = 0.0005
MIN_WIDE = 3
BURST = 1.5  # extra arrivals just after a release
IMPACT_WEIGHTS = (0.03, 0.12, 0.45, 0.40)
URGENCY_WEIGHTS = (0.05, 0.2, 0.45, 0.30)
WIDE_URGENCY_WEIGHTS = (0.3, 0.4, 0.3)
ENVIRONMENT_WEIGHTS = (0.86, 0.08, 0.04, 0.02)
LDC_REPORTER, AGENT_REPORTER = 0.85, 0.10  # the rest: OSP engineers
CONTACT, REPORTER_IS_CONTACT, BACKUP = 0.7, 0.6, 0.25
TO_OSP_CRITICAL, TO_OSP = 0.2, 0.25
# The newest incident came in during the last minutes: the desk is seen at work up to
# the minute its history ends.
JUST_FILED_MINUTES = (2.0, 12.0)


@dataclass(frozen=True)
class Drawn:
    """The attributes of every incident, as drawn."""

    t0: Floats
    wide: Bools
    org: Ints  # LDC index (not meaningful where wide)
    impact: Ints
    urgency: Ints
    severity: Ints
    category: Ints
    wide_kind: Ints  # which MDM/R-wide outage, where wide
    environment: Ints
    release_pos: Ints  # position of the release in force
    reporter: Ints
    reporter_is_ldc: Bools
    contact: Ints
    has_contact: Bools
    backup: Ints
    has_backup: Bools
    assignee: Ints
    answerer: Ints  # the LDC person who answers, confirms, follows

    @property
    def critical(self) -> Bools:
        """Severity 1 and 2."""
        return self.severity <= 2


def _wide(rng: np.random.Generator, count: int) -> Bools:
    wide = np.zeros(count, np.bool_)
    size = min(count, max(MIN_WIDE, round(count * WIDE_SHARE)))
    wide[rng.choice(count, size=size, replace=False)] = True
    return wide


def draw_incidents(rng: np.random.Generator, world: World, *, count: int) -> Drawn:
    """Every attribute of `count` incidents."""
    arrivals = world.arrivals
    t0 = arrivals.sample(rng, count, factor=arrivals.burst(world.release_at, BURST))
    t0[-1] = max(t0[-1], world.clock.end - rng.uniform(*JUST_FILED_MINUTES))
    wide = _wide(rng, count)
    org = world.pick_org(rng, count)
    wide_kind = rng.integers(0, len(texts_incidents.WIDE_CATEGORIES), count)
    impact = np.where(wide, 1, 1 + draw(rng, IMPACT_WEIGHTS, count=count))
    urgency = np.where(
        wide,
        1 + draw(rng, WIDE_URGENCY_WEIGHTS, count=count),
        1 + draw(rng, URGENCY_WEIGHTS, count=count),
    )
    severity = np.asarray(MATRIX, dtype=np.int64)[impact - 1, urgency - 1]
    wide_codes = [
        texts_incidents.CATEGORY_CODES.index(c) for c in texts_incidents.WIDE_CATEGORIES
    ]
    category = np.where(
        wide,
        np.asarray(wide_codes, dtype=np.int64)[wide_kind],
        draw(rng, texts_incidents.CATEGORY_WEIGHTS, count=count),
    )
    last = np.searchsorted(world.release_at, t0, side="right") - 1
    return Drawn(
        t0=t0,
        wide=wide,
        org=org,
        impact=impact,
        urgency=urgency,
        severity=severity,
        category=category,
        wide_kind=wide_kind,
        environment=np.where(wide, 0, draw(rng, ENVIRONMENT_WEIGHTS, count=count)),
        release_pos=np.clip(last, 0, None),
        **_people(rng, world, org=org, wide=wide, critical=severity <= 2),
    )


def _people(
    rng: np.random.Generator, world: World, *, org: Ints, wide: Bools, critical: Bools
) -> dict[str, np.ndarray]:
    n, staff = len(org), world.staff
    roll = rng.random(n)
    by_staff = np.where(
        roll < LDC_REPORTER + AGENT_REPORTER,
        one_of(rng, staff.agents, count=n),
        one_of(rng, staff.osp, count=n),
    )
    sme = np.concatenate((staff.cims, staff.agents, staff.osp))
    reporter = np.where(roll < LDC_REPORTER, world.ldc_user(rng, org), by_staff)
    reporter = np.where(wide, one_of(rng, sme, count=n), reporter)
    is_ldc = ~wide & (roll < LDC_REPORTER)
    has_contact = ~wide & (rng.random(n) < CONTACT)
    own = is_ldc & (rng.random(n) < REPORTER_IS_CONTACT)
    contact = np.where(own, reporter, world.ldc_user(rng, org))
    to_osp = rng.random(n) < np.where(critical, TO_OSP_CRITICAL, TO_OSP)
    owner = np.where(
        critical, one_of(rng, staff.cims, count=n), one_of(rng, staff.agents, count=n)
    )
    fallback = np.where(is_ldc, reporter, world.ldc_user(rng, org))
    return {
        "reporter": reporter,
        "reporter_is_ldc": is_ldc,
        "contact": contact,
        "has_contact": has_contact,
        "backup": world.other_ldc_user(rng, org, user=contact),
        "has_backup": has_contact & (rng.random(n) < BACKUP),
        "assignee": np.where(to_osp, one_of(rng, staff.osp, count=n), owner),
        "answerer": np.where(has_contact, contact, fallback),
    }
