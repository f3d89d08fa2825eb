"""The stages of an incident's life cycle, in the order they happen."""

import numpy as np

from seed import texts_comments, wording
from seed.clock import Bools
from seed.common import reason_codes
from seed.incident_draw import Drawn
from seed.incident_flow import Flow
from seed.lifecycle import Comment, Stage
from seed.world import World


def _comment(
    rng: np.random.Generator,
    templates: tuple[str, ...],
    *,
    fillers: wording.Fillers,
    count: int,
    internal: bool = False,
) -> Comment:
    choice = wording.choose(rng, len(templates), size=count)
    return Comment(
        lambda rows: wording.render(templates, choice[rows], fillers=fillers), internal
    )


def _resolution_comment(
    rng: np.random.Generator, workaround: Bools, *, fillers: wording.Fillers
) -> Comment:
    fixed, worked = texts_comments.RESOLVED_COMMENTS, texts_comments.WORKAROUND_COMMENTS
    n = len(workaround)
    choice = np.where(
        workaround,
        len(fixed) + rng.integers(0, len(worked), n),
        rng.integers(0, len(fixed), n),
    )
    templates = (*fixed, *worked)
    return Comment(
        lambda rows: wording.render(templates, choice[rows], fillers=fillers)
    )


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
            comment=_comment(
                rng, texts_comments.FIRST_RESPONSES, fillers=fillers, count=n
            ),
        ),
        Stage(flow.progress_at, live, assignee, "In progress"),
        Stage(
            flow.note_at,
            live & flow.has_note,
            assignee,
            comment=_comment(
                rng,
                texts_comments.INTERNAL_NOTES,
                fillers=fillers,
                count=n,
                internal=True,
            ),
        ),
        Stage(
            flow.update1_at,
            live & flow.has_update1,
            assignee,
            comment=_comment(rng, texts_comments.UPDATES, fillers=fillers, count=n),
        ),
        Stage(
            flow.ldc_at,
            ldc,
            assignee,
            "Awaiting LDC",
            reason=reason_codes(rng, "awaiting_ldc", count=n),
        ),
        Stage(
            flow.reply_at,
            ldc,
            answerer,
            comment=_comment(rng, texts_comments.LDC_REPLIES, fillers=fillers, count=n),
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
            comment=_comment(rng, texts_comments.UPDATES, fillers=fillers, count=n),
        ),
        Stage(
            flow.resolve_at,
            live,
            assignee,
            "Resolved",
            comment=_resolution_comment(rng, workaround, fillers=fillers),
        ),
        Stage(flow.close_at, live, closer, "Closed"),
    ]
