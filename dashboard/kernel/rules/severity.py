"""Impact and urgency, and the matrix that turns them into a severity (1 to 4)."""

from dataclasses import dataclass

from dashboard.kernel.rules.errors import InvalidInput

LEVELS = (1, 2, 3, 4)

IMPACT_NAMES = {1: "Extensive", 2: "Significant", 3: "Moderate", 4: "Minor"}
URGENCY_NAMES = {1: "Critical", 2: "High", 3: "Medium", 4: "Low"}

IMPACT_MEANINGS = {
    1: "The MDM/R or a core function (billing quantities, synchronization) is "
    "unavailable for many LDCs",
    2: "One LDC's meter-to-bill process is stopped or badly degraded",
    3: "A function is degraded, a workaround exists, billing is not at risk",
    4: "One user, a question of form, cosmetic",
}
URGENCY_MEANINGS = {
    1: "Damage grows by the hour: a billing deadline today, data being lost",
    2: "Must be fixed within the day",
    3: "Within the week",
    4: "No deadline",
}

# Rows are impact 1..4, columns urgency 1..4 (DESIGN section 3).
MATRIX = (
    (1, 1, 2, 2),
    (1, 2, 2, 3),
    (2, 3, 3, 4),
    (3, 3, 4, 4),
)


@dataclass(frozen=True)
class Classification:
    """An impact and urgency pair, with the severity it gives."""

    impact: int
    urgency: int

    @property
    def severity(self) -> int:
        """The severity the matrix gives this pair."""
        return severity_of(self.impact, self.urgency)


def severity_of(impact: int, urgency: int) -> int:
    """The severity (1 most severe, 4 least) for an impact and an urgency."""
    for name, value in (("Impact", impact), ("Urgency", urgency)):
        if value not in LEVELS:
            raise InvalidInput(f"{name} must be one of 1, 2, 3 or 4 (got {value!r}).")
    return MATRIX[impact - 1][urgency - 1]


def is_critical(severity: int) -> bool:
    """Severity 1 and 2 belong to the Critical Incident Managers."""
    return severity in (1, 2)
