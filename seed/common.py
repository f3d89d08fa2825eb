"""What every kind's generator returns, and small helpers they share."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.kernel.rules.workflow import Kind
from seed.clock import Bools, Floats, Ints
from seed.lifecycle import History
from seed.texts_comments import REASON_OFFSET, REASONS

_T = TypeVar("_T")


@dataclass
class Generated:
    """One kind's tickets before they get ids: columns, history and key stages."""

    kind: Kind
    t0: Floats
    columns: dict[str, pa.Array]
    history: History
    resolved_stage: int | None = None  # the stage whose instant is resolved_at
    closed_stages: tuple[int, ...] = ()  # stages whose instant is closed_at
    # (ticket row, linked row of another kind, instant, actor) pairs, e.g. problem links
    links: dict[str, np.ndarray] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.t0)


def grouped(
    rng: np.random.Generator,
    groups: Ints,
    *,
    keys: Sequence[str],
    table: Mapping[str, Sequence[_T]],
) -> tuple[list[_T], Ints]:
    """All groups' templates, flattened, and a template of its group for each row."""
    flat: list[_T] = []
    offsets, sizes = [], []
    for key in keys:
        offsets.append(len(flat))
        sizes.append(len(table[key]))
        flat.extend(table[key])
    offset = np.asarray(offsets, dtype=np.int64)[groups]
    size = np.asarray(sizes, dtype=np.int64)[groups]
    choice = offset + np.floor(rng.random(len(groups)) * size).astype(np.int64)
    return flat, choice


def reason_codes(rng: np.random.Generator, key: str, *, count: int) -> Ints:
    """Codes of reasons of one kind (REASONS[key]) for `count` rows."""
    return REASON_OFFSET[key] + rng.integers(0, len(REASONS[key]), size=count)


def ints(values: np.ndarray, valid: Bools | None = None) -> pa.Array:
    """An Arrow int64 column, null where not valid."""
    data = np.asarray(values, dtype=np.int64)
    return pa.array(data, pa.int64(), mask=None if valid is None else ~valid)


def strings(values: pa.Array, valid: Bools) -> pa.Array:
    """A string column, null where not valid."""
    return pc.if_else(pa.array(valid), values, pa.scalar(None, pa.string()))


def words(
    vocabulary: Sequence[str], codes: Ints, *, valid: Bools | None = None
) -> pa.Array:
    """A string column taken from a small vocabulary by code."""
    mask = None if valid is None else ~valid
    indices = pa.array(np.asarray(codes, dtype=np.int32), pa.int32(), mask=mask)
    return pa.DictionaryArray.from_arrays(
        indices, pa.array(list(vocabulary), pa.string())
    )
