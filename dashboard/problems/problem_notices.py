"""Who hears of a problem's public updates: its subscribers and, on a fix, the LDCs."""

import sqlalchemy as sa

from dashboard.kernel import changes, notify
from dashboard.kernel.access import viewer_for
from dashboard.kernel.audience import tell_ldc
from dashboard.kernel.i18n import later
from dashboard.kernel.rules.notices import Text, compose
from dashboard.problems import problem_rules
from data_access import people_store, problem_store
from data_access.ticket_store import TicketRow


def tell_subscribers(
    conn: sa.Connection,
    change: changes.Change,
    *,
    problem: TicketRow,
    what: Text,
    details: Text,
    besides: frozenset[int] = frozenset(),
) -> None:
    """Tell a problem's subscribers (but those besides) of a public update, in words
    each gets in their own language (`what` and `details` are user text, Messages or
    functions that put them in words)."""
    change.tell(
        compose(
            event="problem_updated",
            recipients=people_store.subscriber_ids(conn, problem["id"]) - besides,
            ticket_key=problem["ticket_key"],
            title=problem["title"],
            what=what,
            details=details,
            link=notify.ticket_link(problem["ticket_key"]),
        )
    )


def tell_fix_deployed(
    conn: sa.Connection,
    change: changes.Change,
    *,
    problem: TicketRow,
    what: Text,
    details: Text,
) -> None:
    """Tell the LDCs with linked incidents and the subscribers of a fix, each once,
    in their own language."""
    told = _ldc_recipients(conn, change, problem=problem)
    for keys, recipients in problem_rules.group_by_incidents(told).items():
        change.tell(
            compose(
                event="problem_fixed",
                recipients=recipients,
                ticket_key=problem["ticket_key"],
                title=problem["title"],
                what=what,
                details=later(
                    "{details}\n\nYour incidents linked to this problem: {keys}",
                    details=details,
                    keys=", ".join(sorted(keys)),
                ),
                link=notify.ticket_link(problem["ticket_key"]),
            )
        )
    tell_subscribers(
        conn,
        change,
        problem=problem,
        what=what,
        details=details,
        besides=frozenset(told),
    )


def _ldc_recipients(
    conn: sa.Connection, change: changes.Change, *, problem: TicketRow
) -> dict[int, set[str]]:
    """Each person the incidents' rules would tell, with the incidents they follow."""
    told: dict[int, set[str]] = {}
    viewer = viewer_for(change.actor)
    linked = problem_store.linked_incidents(conn, viewer, problem_id=problem["id"])
    for incident in linked:
        # The incident rules decide who hears of it; the notice itself is one per
        # person, about the problem, naming only that person's own incidents. The
        # scratch notices are never sent: they say nothing.
        scratch = changes.Change(actor=change.actor, now=change.now)
        tell_ldc(conn, scratch, ticket=incident, what="")
        for notice in scratch.notices:
            for person in notice.recipients:
                told.setdefault(person, set()).add(incident["ticket_key"])
    return told
