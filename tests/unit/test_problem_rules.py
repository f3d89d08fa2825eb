import pytest

from dashboard.kernel.rules.authorization import Actor, Role
from dashboard.kernel.rules.errors import InvalidInput
from dashboard.problems.problem_rules import (
    ProblemDraft,
    ProblemEdit,
    affected_label,
    check_draft,
    check_edit,
    group_by_incidents,
    headline,
    may_edit,
    next_statuses,
    public_changes,
    sees_internals,
)

RELEASES = frozenset({7})
BEFORE = {
    "status": "Under investigation",
    "public_summary": "Reads flagged as failed",
    "workaround": None,
    "target_release_id": None,
}


def edit(**changes: object) -> ProblemEdit:
    values = {
        "title": "VEE misreads DST gaps",
        "category": "vee",
        "public_summary": "Reads flagged as failed",
        "workaround": "",
        "root_cause": "",
        "target_release_id": None,
        "status": "Under investigation",
    } | changes
    return ProblemEdit(**values)  # type: ignore[arg-type]


def person(role: Role) -> Actor:
    return Actor(user_id=1, role=role, org_id=1, is_ldc_manager=False, display_name="P")


# The workflow


def test_the_status_choices_start_with_the_current_one() -> None:
    assert next_statuses("Fix scheduled") == (
        "Fix scheduled",
        "Resolved",
        "Known error",
    )


def test_a_closed_problem_offers_no_other_status() -> None:
    assert next_statuses("Closed") == ("Closed",)


def test_a_move_the_workflow_forbids_is_refused() -> None:
    with pytest.raises(InvalidInput, match="from Logged to Resolved"):
        check_edit("Logged", edit(status="Resolved"), release_ids=RELEASES)


def test_a_known_error_needs_its_root_cause() -> None:
    with pytest.raises(InvalidInput, match="needs its root cause"):
        check_edit(
            "Under investigation", edit(status="Known error"), release_ids=RELEASES
        )


def test_a_known_error_with_its_root_cause_is_accepted() -> None:
    check_edit(
        "Under investigation",
        edit(status="Known error", root_cause="DST gap rule"),
        release_ids=RELEASES,
    )


def test_a_scheduled_fix_needs_a_target_release() -> None:
    with pytest.raises(InvalidInput, match="target release that will carry"):
        check_edit("Known error", edit(status="Fix scheduled"), release_ids=RELEASES)


def test_an_unknown_target_release_is_refused() -> None:
    with pytest.raises(InvalidInput, match="among the MDM/R releases"):
        check_edit("Logged", edit(target_release_id=99), release_ids=RELEASES)


def test_closing_without_a_fix_needs_a_reason() -> None:
    with pytest.raises(InvalidInput, match="closed without a fix"):
        check_edit("Known error", edit(status="Closed"), release_ids=RELEASES)


def test_closing_after_the_fix_needs_no_reason() -> None:
    check_edit("Resolved", edit(status="Closed"), release_ids=RELEASES)


def test_an_edit_with_several_faults_names_each() -> None:
    with pytest.raises(InvalidInput) as refused:
        check_edit(
            "Logged",
            edit(title="", category="nope", public_summary=""),
            release_ids=RELEASES,
        )
    assert refused.value.message == (
        "The title is required. Choose a category. The public summary is required."
    )


def test_a_draft_needs_a_title_a_category_and_a_public_summary() -> None:
    with pytest.raises(InvalidInput, match="title is required"):
        check_draft(ProblemDraft(title=" ", category="vee", public_summary="x"))


def test_a_too_long_workaround_is_refused() -> None:
    with pytest.raises(InvalidInput, match="workaround is limited"):
        check_edit("Logged", edit(workaround="x" * 20_001), release_ids=RELEASES)


# What subscribers are told


def test_a_first_workaround_and_a_status_change_make_one_headline() -> None:
    said = public_changes(
        BEFORE, edit(status="Known error", workaround="Re-run VEE"), release_name=None
    )
    assert headline(said) == "Status changed to Known error; workaround available"


def test_a_changed_workaround_is_said_changed() -> None:
    before = BEFORE | {"workaround": "Old"}
    assert public_changes(before, edit(workaround="New"), release_name=None) == [
        "Workaround changed"
    ]


def test_a_removed_workaround_is_said_withdrawn() -> None:
    before = BEFORE | {"workaround": "Old"}
    assert public_changes(before, edit(), release_name=None) == ["Workaround withdrawn"]


def test_the_move_to_resolved_is_told_as_the_fix_deployed() -> None:
    said = public_changes(BEFORE, edit(status="Resolved"), release_name=None)
    assert said == ["Fix deployed (Resolved)"]


def test_a_target_release_is_told_by_its_name() -> None:
    said = public_changes(BEFORE, edit(target_release_id=7), release_name="2026.3")
    assert said == ["Target release 2026.3"]


def test_title_category_and_root_cause_are_not_public_updates() -> None:
    changed = edit(title="Other", category="reports", root_cause="Found it")
    assert public_changes(BEFORE, changed, release_name=None) == []


def test_people_hearing_of_a_fix_are_grouped_by_their_own_incidents() -> None:
    told = {1: {"INC-1"}, 2: {"INC-1"}, 3: {"INC-2", "INC-3"}}
    assert group_by_incidents(told) == {
        frozenset({"INC-1"}): {1, 2},
        frozenset({"INC-2", "INC-3"}): {3},
    }


# Reading


def test_the_affected_count_reads_naturally() -> None:
    assert (
        affected_label(1, mdmr_wide=False),
        affected_label(3, mdmr_wide=True),
    ) == ("1 LDC", "3 LDCs and MDM/R-wide")


@pytest.mark.parametrize(
    ("role", "edits", "internals"),
    [
        (Role.LDC_USER, False, False),
        (Role.SME_AGENT, True, True),
        (Role.CRITICAL_INCIDENT_MANAGER, True, True),
        (Role.OSP_ENGINEER, True, True),
        (Role.SME_MANAGER, False, True),
    ],
)
def test_who_edits_problems_and_who_reads_their_internal_side(
    role: Role, edits: bool, *, internals: bool
) -> None:
    assert (may_edit(person(role)), sees_internals(person(role))) == (edits, internals)
