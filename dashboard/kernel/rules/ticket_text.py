"""The free texts every kind of ticket carries: their limits, and what is wrong
with one."""

TITLE_MAX = 200
DESCRIPTION_MAX = 20_000
# A problem's public summary, written also when an incident logs the problem.
SUMMARY_MAX = 5_000
REASON_MAX = 2_000
COMMENT_MAX = 20_000


def text_problems(label: str, text: str, *, limit: int, required: bool) -> list[str]:
    """What is wrong with a free-text field, if anything."""
    if required and not text.strip():
        return [f"The {label} is required."]
    if len(text) > limit:
        return [
            f"The {label} is limited to {limit:,} characters (it has {len(text):,})."
        ]
    return []
