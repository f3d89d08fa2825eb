"""The desk's fixed vocabulary: categories, environments and support groups."""

CATEGORIES = (
    ("billing_quantities", "Billing quantities"),
    ("synchronization", "Synchronization"),
    ("vee", "VEE"),
    ("meter_reads", "Meter reads"),
    ("file_transfer", "File transfer / AS2"),
    ("web_services", "Web services"),
    ("mdmr_gui", "MDM/R GUI"),
    ("reports", "Reports"),
    ("other", "Other"),
)
CATEGORY_NAMES = dict(CATEGORIES)

ENVIRONMENTS = ("Production", "QA", "Sandbox", "DR")

CRITICAL_GROUP = "critical_incident_managers"
SERVICE_DESK_GROUP = "service_desk"
OSP_GROUP = "osp"

SUPPORT_GROUPS = (
    (
        CRITICAL_GROUP,
        "SME Critical Incident Managers",
        "On-call managers who own severity 1 and 2 incidents.",
    ),
    (
        SERVICE_DESK_GROUP,
        "SME Service Desk",
        "Triage of severity 3 and 4 incidents and most service requests.",
    ),
    (
        OSP_GROUP,
        "MDM/R Operational Service Provider",
        "Engineers who run the MDM/R and its test environments.",
    ),
)

SME_ORG_CODE = "SME"
OSP_ORG_CODE = "OSP"
SYSTEM_USERNAME = "system"
