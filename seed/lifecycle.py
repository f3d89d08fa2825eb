"""Vectorized life cycles: stages of a whole kind of ticket become history rows.

A life cycle is a list of stages in chronological order. Each stage has, for every
ticket, an instant and whether the ticket goes through it; a stage may move the
status, record the assignee, and add a comment. Running the stages keeps what happens
by the end of the period (a prefix of each ticket's stages, since instants never go
back), chains each status change to the previous one, and gives each ticket's current
status and last update.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from dashboard.kernel.rules.workflow import Kind, statuses
from seed.clock import Bools, Floats, Ints

EVENT_TYPES = ("created", "status_changed", "field_changed", "comment")
CREATED, STATUS_CHANGED, FIELD_CHANGED, COMMENT = range(4)
FIELDS = ("status", "assignee")
# Statuses of every kind; user display names follow them in the value vocabulary.
STATUSES = tuple(dict.fromkeys(s for kind in Kind for s in statuses(kind)))
STATUS_CODE = {s: i for i, s in enumerate(STATUSES)}
# Position of an event within its stage: the status move, the field, the comment.
SUBSTEPS = 4


@dataclass(frozen=True)
class Comment:
    """A comment written at a stage: its text per ticket row, and who may see it."""

    body: Callable[[Ints], pa.Array]
    internal: bool = False


@dataclass(frozen=True)
class Stage:
    """One step of a life cycle, for every ticket of a kind."""

    at: Floats
    mask: Bools
    actor: Ints
    status: str | None = None
    reason: Ints | None = None  # codes into the reason vocabulary, -1 for none
    assign: bool = False
    comment: Comment | None = None


@dataclass
class History:
    """What the stages left by the end of the period."""

    events: dict[str, np.ndarray] = field(default_factory=dict)
    comments: dict[str, np.ndarray] = field(default_factory=dict)
    bodies: list[pa.Array] = field(default_factory=list)
    status: Ints = field(default_factory=lambda: np.zeros(0, np.int64))
    updated_at: Floats = field(default_factory=lambda: np.zeros(0))
    updated_by: Ints = field(default_factory=lambda: np.zeros(0, np.int64))
    reached: list[Bools] = field(default_factory=list)
    times: list[Floats] = field(default_factory=list)


class _Rows:
    """Column lists, concatenated once at the end."""

    def __init__(self, names: Sequence[str]) -> None:
        self.parts: dict[str, list[np.ndarray]] = {n: [] for n in names}

    def add(self, **columns: np.ndarray) -> None:
        for name, values in columns.items():
            self.parts[name].append(values)

    def build(self) -> dict[str, np.ndarray]:
        return {n: np.concatenate(p) for n, p in self.parts.items()}


EVENT_COLUMNS = (
    "ticket",
    "at",
    "order",
    "actor",
    "event_type",
    "field",
    "old",
    "new",
    "reason",
    "internal",
    "comment",
)
COMMENT_COLUMNS = ("ticket", "at", "order", "author", "internal")


class _Recorder:
    """Collects the events and comments of one kind's stages."""

    def __init__(self, initial: int, size: int, *, assignee_value: Ints) -> None:
        self.events = _Rows(EVENT_COLUMNS)
        self.notes = _Rows(COMMENT_COLUMNS)
        self.bodies: list[pa.Array] = []
        self.status = np.full(size, initial, dtype=np.int64)
        self.assignee_value = assignee_value
        self.comment_count = 0

    def event(self, idx: Ints, when: Floats, *, actor: Ints, **values: object) -> None:
        """Events of one type for the given rows (missing values are -1 or False)."""
        size = len(idx)
        columns: dict[str, np.ndarray] = {"ticket": idx, "at": when, "actor": actor}
        for name in EVENT_COLUMNS:
            if name in columns:
                continue
            value = values.get(name, False if name == "internal" else -1)
            dtype = np.bool_ if name == "internal" else np.int64
            array: np.ndarray = np.asarray(value, dtype=dtype)
            columns[name] = np.broadcast_to(array, (size,)).copy()
        self.events.add(**columns)

    def stage(self, number: int, stage: Stage, *, idx: Ints, when: Floats) -> None:
        """The events (and comment) of one stage for the rows that reach it."""
        who, order = stage.actor[idx], number * SUBSTEPS
        if stage.status is not None:
            code = STATUS_CODE[stage.status]
            reason = -1 if stage.reason is None else stage.reason[idx]
            self.event(
                idx,
                when,
                actor=who,
                order=order,
                event_type=STATUS_CHANGED,
                field=0,
                old=self.status[idx],
                new=code,
                reason=reason,
            )
            self.status[idx] = code
        if stage.assign:
            self.event(
                idx,
                when,
                actor=who,
                order=order + 1,
                event_type=FIELD_CHANGED,
                field=1,
                new=self.assignee_value[idx],
            )
        if stage.comment is not None:
            self.comment(stage.comment, idx, when=when, who=who, order=order + 2)

    def comment(
        self, comment: Comment, idx: Ints, *, when: Floats, who: Ints, order: int
    ) -> None:
        """A comment per row, and its history event."""
        ids = self.comment_count + np.arange(len(idx), dtype=np.int64)
        self.comment_count += len(idx)
        internal = np.full(len(idx), comment.internal)
        orders = np.full(len(idx), order, dtype=np.int64)
        self.notes.add(ticket=idx, at=when, order=orders, author=who, internal=internal)
        self.bodies.append(comment.body(idx))
        self.event(
            idx,
            when,
            actor=who,
            order=order,
            event_type=COMMENT,
            comment=ids,
            internal=internal,
        )


def run(
    t0: Floats,
    reporter: Ints,
    *,
    initial: str,
    stages: Sequence[Stage],
    end: float,
    assignee_value: Ints,
) -> History:
    """Turn stages into events and comments, cut off at `end`."""
    n = len(t0)
    recorder = _Recorder(STATUS_CODE[initial], n, assignee_value=assignee_value)
    everyone = np.arange(n, dtype=np.int64)
    recorder.event(
        everyone,
        t0,
        actor=reporter,
        order=0,
        event_type=CREATED,
        new=STATUS_CODE[initial],
    )
    history = History()
    last_at, last_by, running = t0.copy(), reporter.copy(), t0.copy()
    for number, stage in enumerate(stages, start=1):
        at = np.maximum(running, stage.at)
        running = np.where(stage.mask, at, running)
        present = stage.mask & (at <= end)
        history.reached.append(present)
        history.times.append(at)
        idx = np.flatnonzero(present)
        recorder.stage(number, stage, idx=idx, when=at[idx])
        last_at[idx], last_by[idx] = at[idx], stage.actor[idx]
    history.events, history.comments = recorder.events.build(), recorder.notes.build()
    history.bodies = recorder.bodies
    history.status, history.updated_at, history.updated_by = (
        recorder.status,
        last_at,
        last_by,
    )
    return history
