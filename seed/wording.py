"""Filling text templates for a million rows at once, with Arrow compute.

A template is a str.format pattern such as "SDP {sdp} rejected on {date}". Each row
picks a template by index; rows that share a template are filled together by joining
the template's literal parts with the rows' values, so that the cost is a few Arrow
kernels per template rather than one f-string per row.
"""

import string
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from seed.clock import Ints

Filler = Callable[[Ints], pa.Array]
Fillers = Mapping[str, Filler]

_FORMATTER = string.Formatter()


def render(templates: Sequence[str], choice: Ints, *, fillers: Fillers) -> pa.Array:
    """Row i gets templates[choice[i]] filled with row i's values."""
    choice = np.asarray(choice, dtype=np.int64)
    if len(choice) == 0:
        return pa.array([], pa.string())
    order = np.argsort(choice, kind="stable")
    counts = np.bincount(choice, minlength=len(templates))
    chunks: list[pa.Array] = []
    start = 0
    for index, count in enumerate(counts.tolist()):
        if count:
            rows = order[start : start + count]
            chunks.append(_fill(templates[index], rows, fillers=fillers))
            start += count
    inverse = np.empty_like(order)
    inverse[order] = np.arange(len(order))
    return pa.concat_arrays(chunks).take(pa.array(inverse))


def render_rows(
    templates: Sequence[str], choice: Ints, *, rows: Ints, fillers: Fillers
) -> pa.Array:
    """The rendering of some rows only: row r gets templates[choice[r]] filled with
    row r's values (fillers are asked for rows, never for positions among them)."""
    if len(rows) == 0:
        return pa.array([], pa.string())
    of_rows = {name: _at(fill, rows) for name, fill in fillers.items()}
    return render(templates, choice[rows], fillers=of_rows)


def _at(fill: Filler, rows: Ints) -> Filler:
    return lambda positions: fill(rows[positions])


def _fill(template: str, rows: Ints, *, fillers: Fillers) -> pa.Array:
    pieces: list[pa.Array | str] = []
    for literal, field, _spec, _conv in _FORMATTER.parse(template):
        if literal:
            pieces.append(literal)
        if field is not None:
            pieces.append(fillers[field](rows))
    if not any(isinstance(p, pa.Array) for p in pieces):
        return constant(template, len(rows))
    return pc.binary_join_element_wise(*pieces, "")


def concat(*parts: pa.Array | str, sep: str = "") -> pa.Array:
    """Row-wise concatenation of string arrays (and constant strings)."""
    return pc.binary_join_element_wise(*parts, sep)


def constant(text: str, count: int) -> pa.Array:
    """The same string `count` times."""
    return pa.array([text], pa.string()).take(pa.array(np.zeros(count, np.int64)))


def pick(vocabulary: Sequence[str], codes: Ints) -> Filler:
    """A filler taking row values from a vocabulary by code."""
    words = pa.array(list(vocabulary), pa.string())
    return lambda rows: words.take(pa.array(codes[rows]))


def numbered(prefix: str, numbers: Ints, *, width: int) -> Filler:
    """A filler of zero-padded identifiers such as SDP000123456."""

    def fill(rows: Ints) -> pa.Array:
        digits = pc.cast(pa.array(numbers[rows]), pa.string())
        return pc.binary_join_element_wise(
            prefix, pc.utf8_lpad(digits, width=width, padding="0"), ""
        )

    return fill


def plain(numbers: Ints) -> Filler:
    """A filler of integers as text."""
    return lambda rows: pc.cast(pa.array(numbers[rows]), pa.string())


def choose(rng: np.random.Generator, count: int, *, size: int) -> Ints:
    """Uniform template choices for `size` rows among `count` templates."""
    return rng.integers(0, count, size=size, dtype=np.int64)
