"""The twelve standard service requests: name, fulfilment group, who may ask."""

from dataclasses import dataclass

from dashboard.kernel.rules.authorization import (
    Action,
    Actor,
    may,
    may_file_for,
    require,
)
from dashboard.kernel.rules.errors import InvalidInput, NotAllowed
from dashboard.kernel.rules.reference import OSP_GROUP, SERVICE_DESK_GROUP

DESCRIPTION_MAX = 4_000


@dataclass(frozen=True)
class RequestType:
    """One standard request of the catalogue."""

    code: str
    name: str
    purpose: str
    group: str
    target_business_days: int
    manager_only: bool = False


CATALOGUE = (
    RequestType(
        "crossed_meter",
        "Crossed Meter Data Change",
        "Correct data where two meters were installed at each other's SDPs.",
        SERVICE_DESK_GROUP,
        10,
    ),
    RequestType(
        "gui_password_reset",
        "MDM/R GUI Password Reset",
        "Reset a user's password for the MDM/R web GUI.",
        SERVICE_DESK_GROUP,
        1,
    ),
    RequestType(
        "gui_user_deactivation",
        "MDM/R GUI User Deactivation",
        "Remove a user's access to the MDM/R web GUI.",
        SERVICE_DESK_GROUP,
        1,
    ),
    RequestType(
        "push_sync",
        "Push Synchronization",
        "Re-push the organization's synchronization data.",
        OSP_GROUP,
        3,
    ),
    RequestType(
        "sd_user_creation",
        "Service Desk User Creation",
        "Create an account in this service desk for a person of the LDC.",
        SERVICE_DESK_GROUP,
        2,
        manager_only=True,
    ),
    RequestType(
        "sd_user_deactivation",
        "Service Desk User Deactivation",
        "Close one of the LDC's accounts in this service desk.",
        SERVICE_DESK_GROUP,
        1,
        manager_only=True,
    ),
    RequestType(
        "question",
        "Submit a Question",
        "Ask the SME a general question.",
        SERVICE_DESK_GROUP,
        3,
    ),
    RequestType(
        "sync_sequence_reset",
        "Synchronization Sequence Reset",
        "Reset the expected sequence number of the ORG's synchronization submissions.",
        OSP_GROUP,
        2,
    ),
    RequestType(
        "test_env_refresh",
        "Test Environment Refresh & Synchronization Sequence Reset (Optional)",
        "Refresh the ORG's QA or Sandbox data, optionally with a sequence reset.",
        OSP_GROUP,
        10,
    ),
    RequestType(
        "enable_test_env",
        "Enable Test Environment",
        "Turn on the ORG's access to QA or Sandbox.",
        OSP_GROUP,
        5,
    ),
    RequestType(
        "disable_test_env",
        "Disable Test Environment",
        "Turn off the ORG's access to QA or Sandbox.",
        OSP_GROUP,
        5,
    ),
    RequestType(
        "org_config_update",
        "ORG Configuration Update",
        "Change the LDC's organization set-up: contacts, delegated authority.",
        SERVICE_DESK_GROUP,
        5,
        manager_only=True,
    ),
)

BY_CODE = {r.code: r for r in CATALOGUE}
BY_NAME = {r.name: r for r in CATALOGUE}


def who_may_ask(request: RequestType) -> str:
    """Who may file a request, in words."""
    if request.manager_only:
        return "LDC managers, and SME staff for any LDC"
    return "Any LDC user for their LDC, and SME staff for any LDC"


def check_may_file(actor: Actor, request_code: str, *, org_id: int) -> RequestType:
    """Refuse a filing this actor may not make; the request type when allowed."""
    require(actor, Action.FILE_REQUEST)
    request = BY_CODE.get(request_code)
    if request is None:
        raise InvalidInput("Choose a request of the catalogue.")
    if request.manager_only and not may(actor, Action.FILE_MANAGER_REQUEST):
        raise NotAllowed(
            f"Only your LDC's manager may request a {request.name}. Ask them to "
            "file it."
        )
    if not may_file_for(actor, org_id=org_id):
        raise NotAllowed("You may file requests for your own LDC only.")
    return request
