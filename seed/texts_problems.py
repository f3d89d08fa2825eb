"""Problem wording by category: each problem is one story, told the same everywhere.

A story gives a problem its title, public summary, workaround and root cause, what it
is about in a few words (`subject`, used where the comments name it) and the work
note of its investigation, so that the fields, the comments and the notes of one
problem speak of the same cause. Placeholders: {release} the release in force when
the problem was logged, {count} a number of SDPs or records; in the comments, {root}
the root cause, {workaround} the workaround, {subject} the subject and {target} the
target release.
"""

from typing import NamedTuple


class Story(NamedTuple):
    """One problem's account of itself."""

    title: str
    summary: str
    workaround: str
    root: str
    subject: str
    note: str


STORIES: dict[str, tuple[Story, ...]] = {
    "billing_quantities": (
        Story(
            "Billing quantity responses delayed when request volume peaks",
            "Some billing quantity responses arrive hours late on busy days. Since "
            "{release}, LDCs have reported it for about {count} SDPs.",
            "Resubmit the billing quantity request after 30 minutes; the Service "
            "Desk can re-push the billing quantity response on request.",
            "A batch job in {release} holds a lock on the interval store while "
            "billing quantity responses are built, so queued requests wait until it "
            "ends.",
            "the lock that delays billing quantity responses",
            "Billing quantity requests of the linked incidents all queued behind the "
            "nightly batch job; lock waits on the interval store match the delays.",
        ),
        Story(
            "Intervals dropped from billing quantity responses after {release}",
            "Some billing quantity responses miss intervals that the MDM/R GUI "
            "shows. Reported since {release} for about {count} SDPs.",
            "Request the billing quantity response again once VEE has finished for "
            "the read dates; the second response is complete.",
            "The billing quantity response builder drops intervals flagged for "
            "re-estimation when a request is resubmitted during VEE.",
            "the billing quantity intervals dropped during VEE",
            "Every billing quantity response with missing intervals was built while "
            "VEE re-estimated the same read dates.",
        ),
        Story(
            "Duplicate billing quantity responses for resubmitted requests",
            "LDCs that resubmit a billing quantity request can receive two "
            "responses for it.",
            "Keep the newest billing quantity response and discard the earlier one; "
            "both carry the same request ID.",
            "A resubmitted billing quantity request is queued twice when the first "
            "attempt times out at the gateway.",
            "the duplicate billing quantity responses",
            "The duplicate billing quantity responses all follow a gateway timeout "
            "on the first attempt.",
        ),
    ),
    "synchronization": (
        Story(
            "Synchronization sequence check rejects valid resubmissions",
            "Some valid synchronization submissions are rejected with a sequence "
            "error. Reported since {release}.",
            "Ask the Service Desk for a Synchronization Sequence Reset, then "
            "resubmit the synchronization file.",
            "The synchronization sequence check compares against the last received "
            "submission instead of the last accepted one.",
            "the synchronization sequence check",
            "Each rejected synchronization file followed a rejected one with the "
            "same sequence number: the check counts rejected submissions.",
        ),
        Story(
            "SDP relationship changes lost when two synchronization submissions "
            "overlap",
            "Synchronization of SDP relationship changes can be lost for some LDCs "
            "when two submissions arrive close together.",
            "Submit overlapping synchronization changes in separate batches, an "
            "hour apart.",
            "Two synchronization submissions processed in parallel overwrite each "
            "other's SDP relationship changes.",
            "the overlapping synchronization submissions",
            "The lost SDP relationship changes were all in synchronization batches "
            "processed in the same minute.",
        ),
        Story(
            "Synchronization batches stall in Pending after {release}",
            "Some synchronization batches stay in Pending for hours since {release}; "
            "about {count} account changes were delayed.",
            "Ask the Service Desk to release the pending synchronization batch; do "
            "not resubmit it.",
            "The synchronization queue worker added in {release} stops taking "
            "batches after a database failover.",
            "the stalled synchronization queue",
            "The synchronization queue worker stopped after last night's database "
            "failover and was not restarted.",
        ),
    ),
    "vee": (
        Story(
            "VEE estimates not replaced when late actual reads arrive",
            "VEE may keep estimated intervals after the actual reads arrive (about "
            "{count} SDPs reported).",
            "Ask the Service Desk to re-run VEE for the affected read dates.",
            "VEE matches late actual reads on the wrong interval boundary after a "
            "daylight saving time change.",
            "the VEE matching of late reads",
            "Every VEE estimate that stayed is on a read date within a week of a "
            "daylight saving time change.",
        ),
        Story(
            "VEE zero-consumption rule flags valid vacant premises",
            "VEE flags zero consumption at some vacant premises as an error.",
            "Mark the premises vacant in the synchronization data; VEE then skips "
            "the zero-consumption rule.",
            "The VEE zero-consumption rule ignores the vacancy flag when it comes "
            "from a synchronization change of the same day.",
            "the VEE zero-consumption rule",
            "All flagged premises had their vacancy flag set the day VEE ran on them.",
        ),
    ),
    "meter_reads": (
        Story(
            "Partial processing of large meter read files",
            "Some large meter read files are processed only in part.",
            "Resend the meter read file split in parts of under 50,000 records.",
            "The meter read loader commits in fixed batches and stops at the first "
            "bad record of a batch.",
            "the meter read loader",
            "Each partly loaded meter read file stops right after a malformed record.",
        ),
        Story(
            "Late AMCC meter reads skipped by the nightly load",
            "Meter reads that the AMCC sends late are not loaded for some LDCs.",
            "Ask the Service Desk to run the meter read load again for the read date.",
            "The nightly meter read load picks files by their read date and skips "
            "those received after its cut-off.",
            "the nightly meter read load",
            "The missing meter reads all arrived after the nightly load's cut-off.",
        ),
    ),
    "file_transfer": (
        Story(
            "AS2 gateway rejects renewed partner certificates",
            "AS2 file transfers to the MDM/R can fail for partners who renewed their "
            "certificate.",
            "Send the AS2 files again after the Service Desk confirms the "
            "certificate mapping.",
            "The AS2 gateway caches partner certificates and ignores renewals until "
            "it restarts.",
            "the AS2 certificate cache",
            "Every failing AS2 partner renewed its certificate in the last month; "
            "the AS2 gateway still presents the old one.",
        ),
        Story(
            "AS2 messages acknowledged but not handed to processing",
            "Some files sent over AS2 are acknowledged but never processed.",
            "Resend the AS2 file with a new message ID; the Service Desk can confirm "
            "that it was received.",
            "The AS2 gateway acknowledges a message before it is stored, and loses "
            "it when the store is full.",
            "the AS2 acknowledgements sent too early",
            "The lost AS2 messages all arrived while the gateway's store was full.",
        ),
    ),
    "web_services": (
        Story(
            "Web services time out under concurrent load since {release}",
            "Web services calls can time out under load since {release}.",
            "Retry the web services call with a longer timeout and fewer "
            "concurrent calls.",
            "The web services connection pool is too small since {release}.",
            "the web services connection pool",
            "Web services timeouts begin when the connection pool reaches its limit.",
        ),
        Story(
            "Web services schema change breaks older clients",
            "Some older web services clients fail since {release}.",
            "Send the schema version header with each web services call.",
            "The web services of {release} reject requests that do not name a "
            "schema version.",
            "the web services schema version check",
            "Every failing web services client sends no schema version header.",
        ),
    ),
    "mdmr_gui": (
        Story(
            "MDM/R GUI sessions expire early after {release}",
            "MDM/R GUI sessions end after a few minutes since {release}.",
            "Log out of the MDM/R GUI and in again; save work often.",
            "The MDM/R GUI session timeout was reset by the {release} deployment.",
            "the MDM/R GUI session timeout",
            "The MDM/R GUI session timeout reads 5 minutes instead of 30 since the "
            "deployment.",
        ),
        Story(
            "MDM/R GUI search misses recently synchronized SDPs",
            "The MDM/R GUI search does not find some SDPs synchronized the same day.",
            "Open the SDP in the MDM/R GUI by its ID instead of searching for it.",
            "The MDM/R GUI search index is rebuilt nightly, not on each "
            "synchronization.",
            "the MDM/R GUI search index",
            "The SDPs the MDM/R GUI search misses were all synchronized after the "
            "last index build.",
        ),
    ),
    "reports": (
        Story(
            "Daily exception report skipped when the load job overruns",
            "The daily exception report is sometimes missing.",
            "Ask the Service Desk to regenerate the daily exception report for the "
            "date.",
            "Report jobs are scheduled at a fixed time, before the load job ends, "
            "and skip the report when its data is not ready.",
            "the report schedule",
            "Each missing exception report is on a night the load job overran.",
        ),
        Story(
            "Summary report totals exclude estimated intervals",
            "Some summary report totals do not match the billing quantities.",
            "Add the estimated intervals of the VEE statistics report to the "
            "summary report totals.",
            "The summary report query filters out intervals that VEE estimated.",
            "the summary report totals",
            "The summary report's differences equal the estimated intervals of the "
            "same period.",
        ),
    ),
    "other": (
        Story(
            "Notification emails delayed by the mail relay",
            "Notification emails from the MDM/R can be delayed.",
            "Check the MDM/R GUI for the status instead of waiting for the "
            "notification email.",
            "The mail relay throttles bursts of notification emails.",
            "the mail relay",
            "Notification emails queue at the mail relay after each burst of more "
            "than 500.",
        ),
    ),
}

PROBLEM_KNOWN = (
    "we have found the root cause: {root} Until it is fixed, the workaround is: "
    "{workaround}",
    "the root cause is identified: {root} The workaround stays valid: {workaround}",
)
PROBLEM_SCHEDULED = (
    "the fix for {subject} is scheduled for {target}. Until then, the workaround "
    "is: {workaround}",
    "the fix for {subject} is planned in {target}; the workaround remains valid "
    "until then.",
)
PROBLEM_FIXED = (
    "the fix for {subject} was deployed in {target}. Please tell us if the symptom "
    "returns.",
    "{target} includes the fix for {subject}; we are monitoring before closing the "
    "problem.",
)
