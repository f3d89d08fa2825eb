"""Incidents that meet a problem tell its symptom, in their LDC's words.

Where an incident is one of a problem's, its title and description are taken from
that problem's symptom (`texts_symptoms`) instead of its category's general wording,
and its description quotes the error reference the problem's summary names. The
wording is chosen by the incident's row, so that no random draw is added and the
rest of the demo world stays as it was.
"""

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from seed import wording
from seed.clock import Ints
from seed.problems import ProblemIndex
from seed.texts_incidents import CATEGORY_CODES
from seed.texts_symptoms import SYMPTOMS, Symptom

_FLAT: list[Symptom] = [s for code in CATEGORY_CODES for s in SYMPTOMS[code]]


def _flattened(part: str) -> tuple[list[str], Ints, Ints]:
    """Every symptom's templates of one part, and where each symptom's start."""
    flat: list[str] = []
    offsets, sizes = [], []
    for symptom in _FLAT:
        templates = getattr(symptom, part)
        offsets.append(len(flat))
        sizes.append(len(templates))
        flat.extend(templates)
    return flat, np.asarray(offsets, np.int64), np.asarray(sizes, np.int64)


@dataclass(frozen=True)
class Told:
    """Which problem each incident meets (-1: none), and the problems' index."""

    problem: Ints
    problems: ProblemIndex

    @property
    def rows(self) -> Ints:
        """The incidents that meet a problem."""
        return np.flatnonzero(self.problem >= 0)

    def titles(self, general: pa.Array, *, fillers: wording.Fillers) -> pa.Array:
        """The titles, the symptom's where an incident meets a problem."""
        return self._replaced(general, self._render("titles", fillers=fillers))

    def details(self, general: pa.Array, *, fillers: wording.Fillers) -> pa.Array:
        """The descriptions' first part, the symptom's and its error reference where
        an incident meets a problem."""
        told = self._render("details", fillers=fillers)
        code = self.problems.code.take(pa.array(self.problem[self.rows]))
        quoted = wording.concat(told, " The MDM/R answered with error ", code, ".")
        return self._replaced(general, quoted)

    def _render(self, part: str, *, fillers: wording.Fillers) -> pa.Array:
        templates, offsets, sizes = _flattened(part)
        rows = self.rows
        story = self.problems.story[self.problem[rows]]
        choice = np.zeros(len(self.problem), np.int64)
        choice[rows] = offsets[story] + rows % sizes[story]
        return wording.render_rows(templates, choice, rows=rows, fillers=fillers)

    def _replaced(self, general: pa.Array, told: pa.Array) -> pa.Array:
        if not len(self.rows):
            return general
        mask = np.zeros(len(self.problem), bool)
        mask[self.rows] = True
        return pc.replace_with_mask(general, pa.array(mask), told)
