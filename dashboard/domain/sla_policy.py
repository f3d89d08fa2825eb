"""A version of the SLA policy: the target row that applies to each ticket."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from dashboard.domain.sla_defaults import DEFAULT_TARGETS, Target


@dataclass(frozen=True)
class SlaPolicy:
    """One policy version: its Target rows by key, e.g. "incident:3"."""

    version: int
    rows: Mapping[str, Target]

    @classmethod
    def of(cls, version: int, targets: Iterable[Target]) -> SlaPolicy:
        """Build a policy version from its rows."""
        return cls(
            version, MappingProxyType({target.key: target for target in targets})
        )

    def row(self, key: str) -> Target:
        """Return the row for a policy key; a missing row is a configuration error."""
        try:
            return self.rows[key]
        except KeyError:
            raise LookupError(
                f"SLA policy version {self.version} has no row {key!r}"
            ) from None


DEFAULT_POLICY = SlaPolicy.of(1, DEFAULT_TARGETS)
