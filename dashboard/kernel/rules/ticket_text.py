"""The free texts every kind of ticket carries: their limits, and what is wrong
with one."""

from dashboard.kernel.i18n import N_, _, formats

TITLE_MAX = 200
DESCRIPTION_MAX = 20_000
# A problem's public summary, written also when an incident logs the problem.
SUMMARY_MAX = 5_000
REASON_MAX = 2_000
COMMENT_MAX = 20_000

# The names callers give their fields, marked for the catalogue: text_problems puts
# the name it is given in the current language.
FIELD_NAMES = (
    N_("title"),
    N_("description"),
    N_("comment"),
    N_("reason"),
    N_("public summary"),
    N_("workaround"),
    N_("root cause"),
    N_("resolution notes"),
    N_("problem's public title"),
    N_("problem's public summary"),
    N_("view's name"),
)


def text_problems(label: str, text: str, *, limit: int, required: bool) -> list[str]:
    """What is wrong with a free-text field, if anything, in the current language;
    `label` is the field's English name (one of FIELD_NAMES)."""
    if required and not text.strip():
        return [_("The {label} is required.").format(label=_(label))]
    if len(text) > limit:
        return [
            _("The {label} is limited to {limit} characters (it has {count}).").format(
                label=_(label),
                limit=formats.number(limit),
                count=formats.number(len(text)),
            )
        ]
    return []
