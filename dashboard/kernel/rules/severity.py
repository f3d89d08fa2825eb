"""Impact and urgency, and the matrix that turns them into a severity (1 to 4)."""

from dataclasses import dataclass

from dashboard.kernel.i18n import N_, _
from dashboard.kernel.rules.errors import InvalidInput

LEVELS = (1, 2, 3, 4)

# Names and meanings are English, marked for the catalogue: show them through `_()`
# (or impact_label, urgency_label).
IMPACT_NAMES = {
    1: N_("Extensive"),
    2: N_("Significant"),
    3: N_("Moderate"),
    4: N_("Minor"),
}
URGENCY_NAMES = {1: N_("Critical"), 2: N_("High"), 3: N_("Medium"), 4: N_("Low")}

IMPACT_MEANINGS = {
    1: N_(
        "The MDM/R or a core function (billing quantities, synchronization) is "
        "unavailable for many LDCs"
    ),
    2: N_("One LDC's meter-to-bill process is stopped or badly degraded"),
    3: N_("A function is degraded, a workaround exists, billing is not at risk"),
    4: N_("One user, a question of form, cosmetic"),
}
URGENCY_MEANINGS = {
    1: N_("Damage grows by the hour: a billing deadline today, data being lost"),
    2: N_("Must be fixed within the day"),
    3: N_("Within the week"),
    4: N_("No deadline"),
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
    if impact not in LEVELS:
        raise InvalidInput(
            _("Impact must be one of 1, 2, 3 or 4 (got {value}).").format(
                value=repr(impact)
            )
        )
    if urgency not in LEVELS:
        raise InvalidInput(
            _("Urgency must be one of 1, 2, 3 or 4 (got {value}).").format(
                value=repr(urgency)
            )
        )
    return MATRIX[impact - 1][urgency - 1]


def is_critical(severity: int) -> bool:
    """Severity 1 and 2 belong to the Critical Incident Managers."""
    return severity in (1, 2)


def impact_label(level: int) -> str:
    """An impact level as a chooser shows it, in the current language: '1 Extensive'."""
    return f"{level} {_(IMPACT_NAMES[level])}"


def urgency_label(level: int) -> str:
    """An urgency level as a chooser shows it, in the current language: '1 Critical'."""
    return f"{level} {_(URGENCY_NAMES[level])}"


def severity_label(severity: int) -> str:
    """A severity as short as a grid shows it, in the current language: 'Sev 1'."""
    return _("Sev {severity}").format(severity=severity)
