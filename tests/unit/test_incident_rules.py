import pytest

from dashboard.incidents import incident_rules
from dashboard.incidents.incident_rules import (
    IncidentDraft,
    IncidentFacts,
    Step,
    check_draft,
    require_step,
    route,
    steps_for,
)
from dashboard.kernel.rules.authorization import Actor, Role
from dashboard.kernel.rules.errors import InvalidInput, NotAllowed
from dashboard.kernel.rules.notices import update_recipients

LDC, OTHER_LDC = 10, 11


def actor(role: Role, *, user: int = 1, org: int = LDC, manager: bool = False) -> Actor:
    return Actor(
        user_id=user, role=role, org_id=org, is_ldc_manager=manager, display_name="X"
    )


def incident(
    status: str = "New", *, reporter: int = 1, assignee: int | None = None
) -> IncidentFacts:
    return IncidentFacts(
        status=status,
        org_id=LDC,
        is_mdmr_wide=False,
        reporter_id=reporter,
        assignee_id=assignee,
        severity=3,
    )


def draft(**changes: object) -> IncidentDraft:
    values = {
        "title": "BQ missing",
        "description": "since 02:00",
        "category": "vee",
        "environment": "QA",
        "impact": 3,
        "urgency": 3,
        "org_id": LDC,
    } | changes
    return IncidentDraft(**values)  # type: ignore[arg-type]


def test_severity_one_and_two_route_to_the_critical_incident_managers() -> None:
    assert [route(s) for s in (1, 2, 3, 4)] == ["critical_incident_managers"] * 2 + [
        "service_desk"
    ] * 2


def test_an_ldc_reporter_may_only_comment_and_attach_on_a_new_incident() -> None:
    assert steps_for(actor(Role.LDC_USER), incident()) == [Step.COMMENT, Step.ATTACH]


def test_an_ldc_user_of_another_ldc_may_do_nothing() -> None:
    assert steps_for(actor(Role.LDC_USER, org=OTHER_LDC), incident()) == []


def test_an_agent_may_triage_a_new_incident() -> None:
    steps = steps_for(actor(Role.SME_AGENT, org=1), incident())
    assert {
        Step.ASSIGN,
        Step.START,
        Step.RECLASSIFY,
        Step.CANCEL,
        Step.INTERNAL_NOTE,
    } <= set(steps)
    assert Step.RESOLVE not in steps


def test_an_osp_engineer_may_work_but_not_cancel_or_reclassify() -> None:
    steps = steps_for(actor(Role.OSP_ENGINEER, org=2), incident("In progress"))
    assert {Step.RESOLVE, Step.AWAIT_LDC, Step.AWAIT_VENDOR} <= set(steps)
    assert not {Step.CANCEL, Step.RECLASSIFY} & set(steps)


def test_an_osp_engineer_already_assigned_has_nothing_to_take() -> None:
    engineer = actor(Role.OSP_ENGINEER, user=7, org=2)
    assert Step.ASSIGN not in steps_for(engineer, incident("Assigned", assignee=7))


def test_an_sme_manager_reads_but_neither_works_nor_comments() -> None:
    steps = steps_for(actor(Role.SME_MANAGER, org=1), incident("In progress"))
    assert steps == []


def test_only_the_reporter_or_the_desk_confirms_a_resolved_incident() -> None:
    resolved = incident("Resolved", reporter=1)
    assert Step.CLOSE in steps_for(actor(Role.LDC_USER, user=1), resolved)
    assert Step.CLOSE not in steps_for(actor(Role.LDC_USER, user=2), resolved)
    assert Step.CLOSE in steps_for(actor(Role.SME_AGENT, user=3, org=1), resolved)


def test_a_closed_incident_takes_only_internal_notes() -> None:
    assert steps_for(actor(Role.SME_AGENT, org=1), incident("Closed")) == [
        Step.INTERNAL_NOTE
    ]
    assert steps_for(actor(Role.LDC_USER), incident("Closed")) == []


def test_a_refused_step_names_the_step_and_the_status() -> None:
    with pytest.raises(
        NotAllowed, match="“Resolve” is not possible for you on an incident that is New"
    ):
        require_step(actor(Role.SME_AGENT, org=1), incident(), step=Step.RESOLVE)


def test_named_contacts_hear_of_updates_instead_of_every_ldc_user() -> None:
    assert update_recipients(
        contact_id=5, backup_id=6, ldc_user_ids=frozenset({5, 6, 7}), actor_id=99
    ) == {5, 6}


def test_without_contacts_every_ldc_user_but_the_actor_hears() -> None:
    assert update_recipients(
        contact_id=None, backup_id=None, ldc_user_ids=frozenset({5, 6, 7}), actor_id=6
    ) == {5, 7}


def test_a_good_draft_passes() -> None:
    check_draft(actor(Role.LDC_USER), draft(), ldc_user_ids=frozenset({1, 2}))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "The title is required."),
        ({"title": "x" * 201}, "The title is limited to 200 characters"),
        ({"description": "  "}, "The description is required."),
        ({"environment": "Staging"}, "Choose an environment."),
        ({"impact": 7}, "Choose an impact and an urgency."),
        ({"org_id": OTHER_LDC}, "your own LDC only"),
        ({"org_id": None}, "Only SME and OSP staff may file an MDM/R-wide incident."),
        ({"ldc_contact_id": 99}, "must be users of the incident's LDC"),
        ({"ldc_contact_id": 1, "backup_contact_id": 1}, "must differ"),
        ({"backup_contact_id": 2}, "Name an LDC contact before a back-up contact."),
    ],
)
def test_each_bad_draft_is_refused_with_its_reason(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message.replace("(", r"\(")):
        check_draft(
            actor(Role.LDC_USER), draft(**changes), ldc_user_ids=frozenset({1, 2})
        )


def test_the_workaround_comment_names_its_problem() -> None:
    assert incident_rules.workaround_comment("PRB-000045", " Resend \n") == (
        "Workaround from problem PRB-000045:\n\nResend"
    )
