"""Comments, work notes and reasons written along the life cycles.

Placeholders: {first} the LDC person addressed, {agent} the author's first name,
{notes} resolution notes, {target} a release name, {root} a root cause, {reqname} the
request's name, {done} what fulfilment did.
"""

FIRST_RESPONSES = (
    "Hello {first}, thank you for reporting this. I have taken the incident and am "
    "reviewing the MDM/R logs now. {agent}",
    "Hi {first}, we are investigating. I will update this ticket as soon as we know "
    "more. {agent}",
    "Thank you {first}. The Service Desk has reproduced the symptom and engaged the "
    "MDM/R Operational Service Provider. {agent}",
    "Hello {first}, acknowledged. Could you keep the affected files until we confirm "
    "the cause? {agent}",
)

UPDATES = (
    "Update: the OSP has identified the failing job and is testing a correction in QA.",
    "Update: the analysis is ongoing; no other LDC reports this symptom so far.",
    "Update: a correction is being prepared; we expect to apply it within the target.",
    "Update: the data has been reprocessed in QA; we are validating the results.",
    "Update: we are comparing the MDM/R records with the files you sent.",
)

INTERNAL_NOTES = (
    "Checked the job scheduler: the nightly run overran by two hours.",
    "Same pattern as a known error; checking whether a problem record applies.",
    "OSP on-call paged; waiting for database access.",
    "Logs show repeated retries from the LDC's AS2 endpoint.",
    "Escalated internally; the LDC's billing deadline is this week.",
)

LDC_REPLIES = (
    "Hi {agent}, here are the SDP IDs and the files you asked for.",
    "Hello {agent}, we have re-sent the file and confirmed our side is correct.",
    "Thanks {agent}, our CIS team confirmed the details; please go ahead.",
)

RESOLVED_COMMENTS = (
    "Resolved: {notes} Please confirm, or the incident closes automatically in three "
    "business days.",
    "{notes} We consider the incident resolved; let us know if the symptom returns.",
)

WORKAROUND_COMMENTS = (
    "A workaround is available and a problem record tracks the permanent fix: {notes}",
    "Resolved with a workaround while the root cause is fixed: {notes}",
)

REQUEST_STARTED = (
    "Hello {first}, we have started on your {reqname} request. {agent}",
    "Hi {first}, your request is in fulfilment. {agent}",
)
REQUEST_QUESTIONS = (
    "Hello {first}, could you confirm the details in the form? One value looks wrong.",
    "Hi {first}, we need your manager's confirmation before we go ahead.",
)
REQUEST_ANSWERS = (
    "Hi {agent}, the details are confirmed.",
    "Hello {agent}, confirmation attached; thank you.",
)
REQUEST_DONE = ("{done} {agent}", "Done. {done} {agent}")

PROBLEM_NOTES = (
    "Collected the linked incidents; the symptoms match across LDCs.",
    "Vendor case opened with the platform supplier.",
)
PROBLEM_KNOWN = ("Root cause identified: {root}",)
PROBLEM_SCHEDULED = (
    "A fix is scheduled for {target}.",
    "The fix is planned in {target}; the workaround remains valid until then.",
)
PROBLEM_FIXED = (
    "The fix was deployed in {target}. Please tell us if the symptom returns.",
    "{target} includes the fix; we are monitoring before closing the problem.",
)

REASONS: dict[str, tuple[str, ...]] = {
    "incident_cancel": (
        "Duplicate of an incident already reported.",
        "Not an incident: filed again as a service request.",
        "Filed in error by the reporter.",
    ),
    "awaiting_ldc": (
        "Waiting for the LDC to send the affected SDP IDs.",
        "Waiting for the LDC to resend the files.",
        "Waiting for the LDC to confirm the expected values.",
    ),
    "awaiting_vendor": (
        "Fix requested from the platform vendor.",
        "Waiting for the OSP's database team.",
    ),
    "awaiting_requester": (
        "Waiting for the requester to confirm the details.",
        "Waiting for the LDC manager's approval.",
    ),
    "request_reject": (
        "Rejected: the request must come from the LDC's manager.",
        "Rejected: the SDP IDs do not belong to this ORG.",
        "Rejected: the requested environment is already in that state.",
    ),
    "request_cancel": (
        "Cancelled by the requester: no longer needed.",
        "Cancelled: filed twice by mistake.",
    ),
    "problem_close": (
        "Could not be reproduced after further analysis.",
        "Duplicate of another problem.",
        "Caused by an LDC-side configuration, not the MDM/R.",
    ),
}
REASON_VOCABULARY = tuple(text for texts in REASONS.values() for text in texts)
REASON_OFFSET = {
    key: sum(len(REASONS[k]) for k in list(REASONS)[: list(REASONS).index(key)])
    for key in REASONS
}
