"""A version of the SLA policy: the target row that applies to each ticket."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from dashboard.kernel.i18n import _
from dashboard.kernel.rules.errors import InvalidInput
from dashboard.kernel.rules.sla_defaults import DEFAULT_TARGETS, Target


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


MAX_TARGET_MINUTES = 366 * 24 * 60
# The rows whose on-call pages must be acknowledged in time.
ACKNOWLEDGED = ("incident:1", "incident:2")


def check_targets(
    targets: Iterable[Target], *, compliance: Mapping[str, float]
) -> None:
    """Refuse a policy whose targets a clock could not run on, naming each problem
    in the current language."""
    problems = []
    for t in targets:
        minutes = [
            m
            for m in (t.first_response, t.update, t.resolution, t.acknowledge)
            if m is not None
        ]
        if any(m <= 0 or m > MAX_TARGET_MINUTES for m in minutes):
            problems.append(
                _("{key}: targets must be whole minutes from 1 to one year.").format(
                    key=t.key
                )
            )
        if t.calendar not in ("24x7", "business"):
            problems.append(
                _("{key}: the calendar must be 24x7 or business.").format(key=t.key)
            )
        if t.key.startswith("incident:") and (
            t.first_response is None or t.update is None
        ):
            problems.append(
                _("{key}: an incident needs first response and update targets.").format(
                    key=t.key
                )
            )
        if t.acknowledge is not None and t.key not in ACKNOWLEDGED:
            problems.append(
                _(
                    "{key}: only severity 1 and 2 incidents have an acknowledge time."
                ).format(key=t.key)
            )
        if t.first_response is not None and t.first_response > t.resolution:
            problems.append(
                _(
                    "{key}: the first response cannot be due after the resolution."
                ).format(key=t.key)
            )
        share = compliance.get(t.key, 0.95)
        if not 0 < share <= 1:
            problems.append(
                _(
                    "{key}: the compliance target must be above 0% and at most 100%."
                ).format(key=t.key)
            )
    if problems:
        raise InvalidInput(" ".join(problems))
