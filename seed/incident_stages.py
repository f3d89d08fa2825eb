"""The stages of an incident's life cycle, in the order they happen."""

import numpy as np

from seed import texts_comments, wording
from seed.clock import Bools, Ints
from seed.common import reason_codes
from seed.incident_draw import Drawn
from seed.incident_flow import Flow
from seed.letters import EVERYONE, LDC_SIGN_OFFS, letter
from seed.lifecycle import Comment, Stage
from seed.texts_comments import REASON_OFFSET
from seed.world import World


def _work_note(
    rng: np.random.Generator,
    templates: tuple[str, ...],
    *,
    fillers: wording.Fillers,
    count: int,
) -> Comment:
    choice = wording.choose(rng, len(templates), size=count)
    return Comment(
        lambda rows: wording.render_rows(templates, choice, rows=rows, fillers=fillers),
        internal=True,
    )


def _either(
    rng: np.random.Generator,
    which: Bools,
    *,
    usual: tuple[str, ...],
    other: tuple[str, ...],
) -> tuple[tuple[str, ...], Ints]:
    """Templates and a choice per row: one of `other` where `which`, else `usual`."""
    n = len(which)
    choice = np.where(
        which,
        len(usual) + rng.integers(0, len(other), n),
        rng.integers(0, len(usual), n),
    )
    return (*usual, *other), choice


def stages(
    rng: np.random.Generator,
    world: World,
    *,
    flow: Flow,
    fillers: wording.Fillers,
    d: Drawn,
    workaround: Bools,
) -> list[Stage]:
    """New, Assigned, In progress, the awaits, Resolved, Closed (or Cancelled)."""
    assignee, answerer = d.assignee, d.answerer
    n = len(assignee)
    reader = np.where(
        d.wide, EVERYONE, np.where(d.reporter_is_ldc, d.reporter, answerer)
    )

    def to_ldc(usual: tuple[str, ...], *, outage: tuple[str, ...]) -> Comment:
        templates, choice = _either(rng, d.wide, usual=usual, other=outage)
        return letter(
            rng,
            templates,
            world=world,
            to=reader,
            author=assignee,
            fillers=fillers,
            choice=choice,
        )

    resolved, resolution = _either(
        rng,
        workaround,
        usual=texts_comments.RESOLVED_COMMENTS,
        other=texts_comments.WORKAROUND_COMMENTS,
    )
    asked = reason_codes(rng, "awaiting_ldc", count=n)
    live = ~flow.cancelled
    ldc = live & flow.has_ldc
    vendor = live & flow.has_vendor
    closer = np.where(flow.confirmed, answerer, world.staff.system)
    return [
        Stage(
            flow.cancel_at,
            flow.cancelled,
            assignee,
            "Cancelled",
            reason=reason_codes(rng, "incident_cancel", count=n),
        ),
        Stage(flow.assign_at, live, assignee, "Assigned", assign=True),
        Stage(
            flow.respond_at,
            live,
            assignee,
            comment=to_ldc(
                texts_comments.FIRST_RESPONSES,
                outage=texts_comments.OUTAGE_FIRST_RESPONSES,
            ),
        ),
        Stage(flow.progress_at, live, assignee, "In progress"),
        Stage(
            flow.note_at,
            live & flow.has_note,
            assignee,
            comment=_work_note(
                rng, texts_comments.INTERNAL_NOTES, fillers=fillers, count=n
            ),
        ),
        Stage(
            flow.update1_at,
            live & flow.has_update1,
            assignee,
            comment=to_ldc(
                texts_comments.UPDATES, outage=texts_comments.OUTAGE_UPDATES
            ),
        ),
        Stage(
            flow.ldc_at,
            ldc,
            assignee,
            "Awaiting LDC",
            reason=asked,
        ),
        Stage(
            flow.reply_at,
            ldc,
            answerer,
            comment=letter(
                rng,
                texts_comments.LDC_REPLIES,
                world=world,
                to=assignee,
                author=answerer,
                fillers=fillers,
                sign_offs=LDC_SIGN_OFFS,
                choice=asked - REASON_OFFSET["awaiting_ldc"],  # answers what was asked
            ),
        ),
        Stage(flow.reply_at, ldc, assignee, "In progress"),
        Stage(
            flow.vendor_at,
            vendor,
            assignee,
            "Awaiting vendor",
            reason=reason_codes(rng, "awaiting_vendor", count=n),
        ),
        Stage(flow.back_at, vendor, assignee, "In progress"),
        Stage(
            flow.update2_at,
            live & flow.has_update2,
            assignee,
            comment=to_ldc(
                texts_comments.UPDATES, outage=texts_comments.OUTAGE_UPDATES
            ),
        ),
        Stage(
            flow.resolve_at,
            live,
            assignee,
            "Resolved",
            comment=letter(
                rng,
                resolved,
                world=world,
                to=reader,
                author=assignee,
                fillers=fillers,
                choice=resolution,
            ),
        ),
        Stage(flow.close_at, live, closer, "Closed"),
    ]
