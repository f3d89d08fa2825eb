import pytest

from dashboard.kernel.rules.authorization import (
    Action,
    Actor,
    Role,
    may,
    may_see_ticket,
    require,
)
from dashboard.kernel.rules.errors import NotAllowed


def actor(role: Role, *, org: int = 10, manager: bool = False) -> Actor:
    return Actor(
        user_id=1, role=role, org_id=org, is_ldc_manager=manager, display_name="X"
    )


def test_an_ldc_user_may_file_incidents_but_not_triage() -> None:
    user = actor(Role.LDC_USER)
    assert may(user, Action.FILE_INCIDENT)
    assert not may(user, Action.TRIAGE)


def test_only_an_ldc_manager_may_request_user_creation_among_ldc_users() -> None:
    assert not may(actor(Role.LDC_USER), Action.FILE_MANAGER_REQUEST)
    assert may(actor(Role.LDC_USER, manager=True), Action.FILE_MANAGER_REQUEST)


def test_an_ldc_manager_sees_the_ldc_sla_report_but_not_desk_analytics() -> None:
    manager = actor(Role.LDC_USER, manager=True)
    assert may(manager, Action.SEE_OWN_LDC_SLA_REPORT)
    assert not may(manager, Action.SEE_ANALYTICS)


def test_the_manager_flag_gives_nothing_to_staff_roles() -> None:
    assert not may(
        actor(Role.OSP_ENGINEER, manager=True), Action.SEE_OWN_LDC_SLA_REPORT
    )


def test_an_osp_engineer_works_tickets_but_no_bulk_changes_or_administration() -> None:
    engineer = actor(Role.OSP_ENGINEER)
    assert may(engineer, Action.WORK_TICKETS)
    assert may(engineer, Action.EDIT_PROBLEMS)
    assert not may(engineer, Action.BULK_CHANGE)
    assert not may(engineer, Action.ADMINISTER)


def test_an_sme_manager_reads_everything_but_works_no_ticket() -> None:
    manager = actor(Role.SME_MANAGER)
    assert may(manager, Action.SEE_ALL_TICKETS)
    assert may(manager, Action.ADMINISTER)
    assert not may(manager, Action.WORK_TICKETS)


def test_only_critical_incident_managers_own_severity_one_and_two() -> None:
    owners = [r for r in Role if may(actor(r), Action.OWN_CRITICAL_INCIDENTS)]
    assert owners == [Role.CRITICAL_INCIDENT_MANAGER]


def test_a_refusal_names_the_role_and_the_action() -> None:
    with pytest.raises(
        NotAllowed, match="As LDC user you may not assign and re-classify"
    ):
        require(actor(Role.LDC_USER), Action.TRIAGE)


def test_an_ldc_user_sees_their_own_ldcs_tickets_and_mdmr_wide_ones_only() -> None:
    user = actor(Role.LDC_USER, org=10)
    assert may_see_ticket(user, org_id=10, is_mdmr_wide=False)
    assert may_see_ticket(user, org_id=1, is_mdmr_wide=True)
    assert not may_see_ticket(user, org_id=11, is_mdmr_wide=False)


def test_staff_see_every_organizations_tickets() -> None:
    for role in (Role.SME_AGENT, Role.OSP_ENGINEER, Role.SME_MANAGER):
        assert may_see_ticket(actor(role, org=1), org_id=11, is_mdmr_wide=False)


def test_an_sme_manager_may_not_comment() -> None:
    assert not may(actor(Role.SME_MANAGER), Action.COMMENT)


def test_the_sme_manager_is_the_only_role_that_may_not_comment() -> None:
    silent = [r for r in Role if not may(actor(r), Action.COMMENT)]
    assert silent == [Role.SME_MANAGER]
