"""The twelve standard service requests: name, fulfilment group, who may ask."""

from dataclasses import dataclass

from dashboard.kernel.i18n import N_, _
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
    """One standard request of the catalogue; its name (stored in English) and
    purpose are marked for the catalogue: show them through `_()`."""

    code: str
    name: str
    purpose: str
    group: str
    target_business_days: int
    manager_only: bool = False


CATALOGUE = (
    RequestType(
        "crossed_meter",
        N_("Crossed Meter Data Change"),
        N_("Correct data where two meters were installed at each other's SDPs."),
        SERVICE_DESK_GROUP,
        10,
    ),
    RequestType(
        "gui_password_reset",
        N_("MDM/R GUI Password Reset"),
        N_("Reset a user's password for the MDM/R web GUI."),
        SERVICE_DESK_GROUP,
        1,
    ),
    RequestType(
        "gui_user_deactivation",
        N_("MDM/R GUI User Deactivation"),
        N_("Remove a user's access to the MDM/R web GUI."),
        SERVICE_DESK_GROUP,
        1,
    ),
    RequestType(
        "push_sync",
        N_("Push Synchronization"),
        N_("Re-push the organization's synchronization data."),
        OSP_GROUP,
        3,
    ),
    RequestType(
        "sd_user_creation",
        N_("Service Desk User Creation"),
        N_("Create an account in this service desk for a person of the LDC."),
        SERVICE_DESK_GROUP,
        2,
        manager_only=True,
    ),
    RequestType(
        "sd_user_deactivation",
        N_("Service Desk User Deactivation"),
        N_("Close one of the LDC's accounts in this service desk."),
        SERVICE_DESK_GROUP,
        1,
        manager_only=True,
    ),
    RequestType(
        "question",
        N_("Submit a Question"),
        N_("Ask the SME a general question."),
        SERVICE_DESK_GROUP,
        3,
    ),
    RequestType(
        "sync_sequence_reset",
        N_("Synchronization Sequence Reset"),
        N_(
            "Reset the expected sequence number of the ORG's synchronization "
            "submissions."
        ),
        OSP_GROUP,
        2,
    ),
    RequestType(
        "test_env_refresh",
        N_("Test Environment Refresh & Synchronization Sequence Reset (Optional)"),
        N_("Refresh the ORG's QA or Sandbox data, optionally with a sequence reset."),
        OSP_GROUP,
        10,
    ),
    RequestType(
        "enable_test_env",
        N_("Enable Test Environment"),
        N_("Turn on the ORG's access to QA or Sandbox."),
        OSP_GROUP,
        5,
    ),
    RequestType(
        "disable_test_env",
        N_("Disable Test Environment"),
        N_("Turn off the ORG's access to QA or Sandbox."),
        OSP_GROUP,
        5,
    ),
    RequestType(
        "org_config_update",
        N_("ORG Configuration Update"),
        N_("Change the LDC's organization set-up: contacts, delegated authority."),
        SERVICE_DESK_GROUP,
        5,
        manager_only=True,
    ),
)

BY_CODE = {r.code: r for r in CATALOGUE}
BY_NAME = {r.name: r for r in CATALOGUE}


def who_may_ask(request: RequestType) -> str:
    """Who may file a request, in words of the current language."""
    if request.manager_only:
        return _("LDC managers, and SME staff for any LDC")
    return _("Any LDC user for their LDC, and SME staff for any LDC")


def check_may_file(actor: Actor, request_code: str, *, org_id: int) -> RequestType:
    """Refuse a filing this actor may not make; the request type when allowed."""
    require(actor, Action.FILE_REQUEST)
    request = BY_CODE.get(request_code)
    if request is None:
        raise InvalidInput(_("Choose a request of the catalogue."))
    if request.manager_only and not may(actor, Action.FILE_MANAGER_REQUEST):
        raise NotAllowed(
            _(
                "Only your LDC's manager may request a {request}. Ask them to file it."
            ).format(request=_(request.name))
        )
    if not may_file_for(actor, org_id=org_id):
        raise NotAllowed(_("You may file requests for your own LDC only."))
    return request
