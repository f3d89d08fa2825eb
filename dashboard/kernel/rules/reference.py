"""The desk's fixed vocabulary: categories, environments and support groups.

Codes and names are stored in English; the names are marked for the catalogue, so
show them through `_()` (or category_name).
"""

from dashboard.kernel.i18n import N_, _

CATEGORIES = (
    ("billing_quantities", N_("Billing quantities")),
    ("synchronization", N_("Synchronization")),
    ("vee", N_("VEE")),
    ("meter_reads", N_("Meter reads")),
    ("file_transfer", N_("File transfer / AS2")),
    ("web_services", N_("Web services")),
    ("mdmr_gui", N_("MDM/R GUI")),
    ("reports", N_("Reports")),
    ("other", N_("Other")),
)
CATEGORY_NAMES = dict(CATEGORIES)

# Stored and compared as they are: offer them with `format_func=_`.
ENVIRONMENTS = (N_("Production"), N_("QA"), N_("Sandbox"), N_("DR"))

CRITICAL_GROUP = "critical_incident_managers"
SERVICE_DESK_GROUP = "service_desk"
OSP_GROUP = "osp"

SUPPORT_GROUPS = (
    (
        CRITICAL_GROUP,
        N_("SME Critical Incident Managers"),
        N_("On-call managers who own severity 1 and 2 incidents."),
    ),
    (
        SERVICE_DESK_GROUP,
        N_("SME Service Desk"),
        N_("Triage of severity 3 and 4 incidents and most service requests."),
    ),
    (
        OSP_GROUP,
        N_("MDM/R Operational Service Provider"),
        N_("Engineers who run the MDM/R and its test environments."),
    ),
)

SME_ORG_CODE = "SME"
OSP_ORG_CODE = "OSP"
SYSTEM_USERNAME = "system"


def category_name(code: str | None, *, missing: str = "—") -> str:
    """A category as people read it, in the current language; `missing` for none,
    the code itself for one the desk does not know."""
    if not code:
        return missing
    return _(CATEGORY_NAMES.get(code, code))
