"""Public comments as people write them: a greeting, the message, a signature.

Staff writing to the LDC greet the ticket's reporter by first name ("Hi Priya, ..."),
or, when the desk filed it, the LDC person who follows it; an LDC user writing to the
desk greets the person working the ticket; a comment for every LDC (a problem, an
MDM/R-wide incident) greets them all. Every one ends with its author's name.
"""

from collections.abc import Sequence

import numpy as np
import pyarrow as pa

from seed import wording
from seed.clock import Ints
from seed.lifecycle import Comment
from seed.world import World

GREETINGS = ("Hi", "Hello")
STAFF_SIGN_OFFS = ("Regards,", "Best regards,", "Thank you,")
LDC_SIGN_OFFS = ("Thanks,", "Thank you,", "Regards,")
EVERYONE = -1  # addressed to no one person
EVERYONE_NAME = "all"


def letter(
    rng: np.random.Generator,
    templates: Sequence[str],
    *,
    world: World,
    to: Ints,
    author: Ints,
    fillers: wording.Fillers,
    sign_offs: Sequence[str] = STAFF_SIGN_OFFS,
    choice: Ints | None = None,
) -> Comment:
    """A public comment per row: a template's message (chosen, or drawn), greeting
    `to`, signed by `author` (both user ids per row; EVERYONE greets all)."""
    n = len(author)
    message = wording.choose(rng, len(templates), size=n) if choice is None else choice
    greeting = wording.pick(GREETINGS, wording.choose(rng, len(GREETINGS), size=n))
    sign_off = wording.pick(sign_offs, wording.choose(rng, len(sign_offs), size=n))
    everyone = len(world.first_names)
    addressed = wording.pick(
        (*world.first_names, EVERYONE_NAME),
        np.where(to == EVERYONE, everyone, world.first_name_code(to)),
    )
    signature = wording.pick(world.user_names, world.user_position[author])

    def body(rows: Ints) -> pa.Array:
        return wording.concat(
            greeting(rows),
            " ",
            addressed(rows),
            ", ",
            wording.render_rows(templates, message, rows=rows, fillers=fillers),
            " ",
            sign_off(rows),
            " ",
            signature(rows),
        )

    return Comment(body)
