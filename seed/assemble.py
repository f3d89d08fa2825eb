"""From generated kinds to store rows: ids in creation order, keys, ordered history.

Ticket ids follow creation order across kinds; numbers follow it within a kind. Event
and comment ids follow time (then ticket, then the step within a stage), so that the
history reads in id order. The events of one stage of one ticket share a change id.
"""

import itertools
from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import sqlalchemy as sa

from dashboard.kernel.rules.workflow import KEY_PREFIX
from data_access.schema import tickets
from seed.clock import Floats, Ints
from seed.common import Generated, ints, words
from seed.lifecycle import EVENT_TYPES, FIELDS, STATUSES, SUBSTEPS
from seed.texts_comments import REASON_VOCABULARY
from seed.world import World

TS = pa.timestamp("us", tz="UTC")


def _arrow_type(column: sa.Column[object]) -> pa.DataType:
    if isinstance(column.type, sa.DateTime):
        return TS
    if isinstance(column.type, sa.Boolean):
        return pa.bool_()
    if isinstance(column.type, sa.Integer):
        return pa.int64()
    return pa.string()


TICKET_SCHEMA = pa.schema([(c.name, _arrow_type(c)) for c in tickets.columns])


def ticket_ids(kinds: Sequence[Generated], first: int) -> list[Ints]:
    """Ids in creation order across kinds, split back per kind."""
    t0 = np.concatenate([g.t0 for g in kinds])
    order = np.argsort(t0, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    bounds = np.cumsum([0] + [len(g) for g in kinds])
    return [first + rank[a:b] for a, b in itertools.pairwise(bounds)]


def timestamps(
    world: World, at: Floats, *, valid: np.ndarray | None = None
) -> pa.Array:
    """Grid minutes as UTC timestamps (whole seconds), null where not valid."""
    micros = pa.array(
        world.clock.to_micros(at), pa.int64(), mask=None if valid is None else ~valid
    )
    return micros.cast(TS)


def tickets_table(
    g: Generated, ids: Ints, *, first_number: int, world: World
) -> pa.Table:
    """The kind's rows of the tickets table."""
    n, h = len(g), g.history
    numbers = first_number + np.arange(n, dtype=np.int64)
    digits = pc.utf8_lpad(pc.cast(pa.array(numbers), pa.string()), width=6, padding="0")
    resolved = (
        h.reached[g.resolved_stage]
        if g.resolved_stage is not None
        else np.zeros(n, np.bool_)
    )
    resolved_at = h.times[g.resolved_stage] if g.resolved_stage is not None else g.t0
    closed = np.zeros(n, np.bool_)
    closed_at = np.zeros(n)
    for stage in g.closed_stages:
        closed_at = np.where(h.reached[stage], h.times[stage], closed_at)
        closed |= h.reached[stage]
    columns: dict[str, pa.Array] = {
        **g.columns,
        "id": ints(ids),
        "kind": words((g.kind.value,), np.zeros(n, np.int64)),
        "number": ints(numbers),
        "ticket_key": pc.binary_join_element_wise(f"{KEY_PREFIX[g.kind]}-", digits, ""),
        "status": words(STATUSES, h.status),
        "created_at": timestamps(world, g.t0),
        "updated_at": timestamps(world, h.updated_at),
        "updated_by": ints(h.updated_by),
        "resolved_at": timestamps(world, resolved_at, valid=resolved),
        "closed_at": timestamps(world, closed_at, valid=closed),
        "sla_policy_id": ints(np.full(n, world.policy_id)),
        "version": ints(np.ones(n, np.int64)),
    }
    if "is_mdmr_wide" not in columns:
        columns["is_mdmr_wide"] = pa.array(np.zeros(n, np.bool_))
    arrays = [
        pc.cast(columns[f.name], f.type) if f.name in columns else pa.nulls(n, f.type)
        for f in TICKET_SCHEMA
    ]
    return pa.Table.from_arrays(arrays, schema=TICKET_SCHEMA)


def _time_order(seconds: Ints, ticket: Ints, *, order: Ints) -> Ints:
    """Row order by time, then ticket, then step; stable and deterministic."""
    t_bits = max(int(ticket.max(initial=0)).bit_length(), 1)
    o_bits = max(int(order.max(initial=0)).bit_length(), 1)
    s_bits = max(int(seconds.max(initial=0)).bit_length(), 1)
    if seconds.min(initial=0) >= 0 and s_bits + t_bits + o_bits <= 63:
        key = (seconds << (t_bits + o_bits)) | (ticket << o_bits) | order
        return np.argsort(key, kind="stable")
    return np.lexsort((order, ticket, seconds))


def _seconds(at: Floats) -> Ints:
    return np.rint(at * 60.0).astype(np.int64)


def history_tables(
    kinds: Sequence[Generated],
    ids: Sequence[Ints],
    *,
    first_event: int,
    first_comment: int,
    world: World,
) -> tuple[pa.Table, pa.Table]:
    """The ticket_events and comments rows of every kind."""
    notes = [g.history.comments for g in kinds]
    note_ticket = np.concatenate(
        [i[c["ticket"]] for i, c in zip(ids, notes, strict=True)]
    )
    note_at = np.concatenate([c["at"] for c in notes])
    note_order = _time_order(
        _seconds(note_at),
        note_ticket,
        order=np.concatenate([c["order"] for c in notes]),
    )
    comment_id = np.empty(len(note_order), dtype=np.int64)
    comment_id[note_order] = first_comment + np.arange(len(note_order))
    # Rows stay in generation order; only their ids follow time.
    comments = pa.table(
        {
            "id": comment_id,
            "ticket_id": note_ticket,
            "author_id": np.concatenate([c["author"] for c in notes]),
            "body": pa.chunked_array(
                [b for g in kinds for b in g.history.bodies], pa.string()
            ),
            "is_internal": np.concatenate([c["internal"] for c in notes]),
            "created_at": timestamps(world, note_at),
        }
    )
    return _events_table(
        kinds, ids, comment_id=comment_id, first=first_event, world=world
    ), comments


def _events_table(
    kinds: Sequence[Generated],
    ids: Sequence[Ints],
    *,
    comment_id: Ints,
    first: int,
    world: World,
) -> pa.Table:
    offsets = np.cumsum([0] + [len(g.history.comments["ticket"]) for g in kinds])
    parts = [g.history.events for g in kinds]

    def column(name: str) -> np.ndarray:
        return np.concatenate([p[name] for p in parts])

    ticket = np.concatenate([i[p["ticket"]] for i, p in zip(ids, parts, strict=True)])
    local_comment = np.concatenate(
        [
            np.where(p["comment"] >= 0, p["comment"] + o, -1)
            for p, o in zip(parts, offsets[:-1], strict=True)
        ]
    )
    at, step = column("at"), column("order")
    order = _time_order(_seconds(at), ticket, order=step)
    ticket, step, local_comment = ticket[order], step[order], local_comment[order]
    change = np.ones(len(order), dtype=np.bool_)
    change[1:] = (ticket[1:] != ticket[:-1]) | (
        step[1:] // SUBSTEPS != step[:-1] // SUBSTEPS
    )
    change_no = pa.array(np.cumsum(change))
    has_comment = local_comment >= 0
    values = world.values
    return pa.table(
        {
            "id": first + np.arange(len(order), dtype=np.int64),
            "ticket_id": ticket,
            "occurred_at": timestamps(world, at[order]),
            "actor_id": column("actor")[order],
            "change_id": pc.binary_join_element_wise(
                "seed-", pc.cast(change_no, pa.string()), ""
            ),
            "event_type": words(EVENT_TYPES, column("event_type")[order]),
            "field": _optional(FIELDS, column("field")[order]),
            "old_value": _optional(values, column("old")[order]),
            "new_value": _optional(values, column("new")[order]),
            "is_internal": column("internal")[order],
            "comment_id": ints(
                comment_id[np.clip(local_comment, 0, None)], has_comment
            ),
            "reason": _optional(REASON_VOCABULARY, column("reason")[order]),
        }
    )


def _optional(vocabulary: Sequence[str], codes: Ints) -> pa.Array:
    return words(vocabulary, np.clip(codes, 0, None), valid=codes >= 0)
