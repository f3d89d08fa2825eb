"""The default service-level targets of DESIGN section 4 (ours, not MDM/R's)."""

from dataclasses import dataclass

from dashboard.kernel.i18n import N_
from dashboard.kernel.rules.catalogue import CATALOGUE

HOUR = 60
BUSINESS_DAY = 9 * HOUR
DEFAULT_COMPLIANCE_TARGET = 0.95
# Stored as the first policy version's note; marked for the catalogue, so that the
# note read back can be shown through `_()`.
DEFAULT_POLICY_NOTE = N_(
    "The desk's default targets: our own, not published MDM/R figures."
)


@dataclass(frozen=True)
class Target:
    """What one policy row promises, in minutes of its calendar."""

    key: str
    calendar: str
    first_response: int | None
    update: int | None
    resolution: int
    # How soon an on-call page must be acknowledged (severity 1 and 2 only).
    acknowledge: int | None = None


def incident_key(severity: int) -> str:
    """The policy row of an incident severity."""
    return f"incident:{severity}"


def request_key(code: str) -> str:
    """The policy row of a service request type."""
    return f"service_request:{code}"


DEFAULT_TARGETS = (
    Target(incident_key(1), "24x7", 30, HOUR, 4 * HOUR, acknowledge=15),
    Target(incident_key(2), "24x7", HOUR, 4 * HOUR, 24 * HOUR, acknowledge=30),
    Target(incident_key(3), "business", 4 * HOUR, 2 * BUSINESS_DAY, 5 * BUSINESS_DAY),
    Target(
        incident_key(4), "business", BUSINESS_DAY, 5 * BUSINESS_DAY, 20 * BUSINESS_DAY
    ),
) + tuple(
    Target(
        request_key(r.code),
        "business",
        None,
        None,
        r.target_business_days * BUSINESS_DAY,
    )
    for r in CATALOGUE
)
