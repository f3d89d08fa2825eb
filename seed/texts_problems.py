"""Problem wording by category: titles, public summaries, workarounds, root causes.

Placeholders: {release} the release in force when the problem was logged, {count} a
number of SDPs or records.
"""

PROBLEM_TITLES: dict[str, tuple[str, ...]] = {
    "billing_quantities": (
        "Billing quantity responses delayed when request volume peaks",
        "Intervals dropped from billing quantity responses after {release}",
        "Duplicate billing quantity responses for resubmitted requests",
    ),
    "synchronization": (
        "Synchronization sequence check rejects valid resubmissions",
        "SDP relationship changes lost when two submissions overlap",
        "Synchronization batches stall in Pending after {release}",
    ),
    "vee": (
        "VEE estimates not replaced when late actual reads arrive",
        "VEE zero-consumption rule flags valid vacant premises",
    ),
    "meter_reads": (
        "Partial processing of large meter read files",
        "Late AMCC reads skipped by the nightly load",
    ),
    "file_transfer": (
        "AS2 gateway rejects renewed partner certificates",
        "AS2 messages acknowledged but not handed to processing",
    ),
    "web_services": (
        "Web services time out under concurrent load since {release}",
        "Web services schema change breaks older clients",
    ),
    "mdmr_gui": (
        "MDM/R GUI sessions expire early after {release}",
        "MDM/R GUI search misses recently synchronized SDPs",
    ),
    "reports": (
        "Daily exception report skipped when the load job overruns",
        "Summary report totals exclude estimated intervals",
    ),
    "other": ("Notification emails delayed by the mail relay",),
}

SUMMARIES: dict[str, tuple[str, ...]] = {
    "billing_quantities": (
        "Some billing quantity responses arrive late or incomplete. Since {release}, "
        "LDCs have reported it for about {count} SDPs.",
        "Billing quantity processing is affected for some LDCs; responses can be "
        "delayed by several hours.",
    ),
    "synchronization": (
        "Some synchronization submissions are rejected or left pending although they "
        "are valid. Reported since {release}.",
        "Synchronization of SDP changes can be delayed for some LDCs.",
    ),
    "vee": (
        "VEE may keep estimated intervals after actual reads arrive (about {count} "
        "SDPs reported).",
    ),
    "meter_reads": ("Some meter read files are processed only in part.",),
    "file_transfer": ("AS2 file transfers to the MDM/R can fail for some partners.",),
    "web_services": ("Web services calls can time out or fail since {release}.",),
    "mdmr_gui": ("Some MDM/R GUI functions misbehave since {release}.",),
    "reports": ("Some scheduled reports are late, missing or wrong.",),
    "other": ("Notification emails from the MDM/R can be delayed.",),
}

WORKAROUNDS: dict[str, tuple[str, ...]] = {
    "billing_quantities": (
        "Resubmit the billing quantity request after 30 minutes; the Service Desk can "
        "re-push the response on request.",
        "Request the response again through the web services instead of the batch "
        "file.",
    ),
    "synchronization": (
        "Ask the Service Desk for a Synchronization Sequence Reset, then resubmit.",
        "Submit overlapping changes in separate batches, an hour apart.",
    ),
    "vee": ("Ask the Service Desk to re-run VEE for the affected read dates.",),
    "meter_reads": ("Resend the file split in parts of under 50,000 records.",),
    "file_transfer": (
        "Send the files again after the Service Desk confirms the certificate mapping.",
    ),
    "web_services": ("Retry with a longer timeout and fewer concurrent calls.",),
    "mdmr_gui": ("Log out and in again; use the interval export for large meters.",),
    "reports": ("Ask the Service Desk to regenerate the report for the date.",),
    "other": ("Check the MDM/R GUI for the status instead of waiting for the email.",),
}

ROOT_CAUSES: dict[str, tuple[str, ...]] = {
    "billing_quantities": (
        "A batch job in {release} holds a lock on the interval store while responses "
        "are built, so queued requests wait until it ends.",
        "The response builder drops intervals flagged for re-estimation when a "
        "request is resubmitted during VEE.",
    ),
    "synchronization": (
        "The sequence check compares against the last received submission instead of "
        "the last accepted one.",
        "Two submissions processed in parallel overwrite each other's relationship "
        "changes.",
    ),
    "vee": ("Late actual reads are matched on the wrong interval boundary after DST.",),
    "meter_reads": (
        "The loader commits in fixed batches and stops at the first bad record.",
    ),
    "file_transfer": ("The gateway caches partner certificates and ignores renewals.",),
    "web_services": (
        "The connection pool of the service tier is too small since {release}.",
    ),
    "mdmr_gui": ("A session timeout setting was reset by the {release} deployment.",),
    "reports": (
        "Report jobs are scheduled at a fixed time, before the load job ends.",
    ),
    "other": ("The mail relay throttles bursts of notifications.",),
}
