"""Comments, work notes and reasons written along the life cycles.

A public comment's text here is its message only: seed.letters adds the greeting
before it ("Hi Priya, ") and the author's signature after it, so each message reads
on from a greeting and starts in lower case. Work notes are neither greeted nor
signed. Placeholders: {notes} resolution notes, {reqname} the request's name, {done}
what fulfilment did; problems' placeholders are in seed.texts_problems.
"""

FIRST_RESPONSES = (
    "thank you for reporting this. I have taken the incident and am reviewing the "
    "MDM/R logs now.",
    "we are investigating. I will update this ticket as soon as we know more.",
    "thank you for the details. We have reproduced the symptom and are working on "
    "it now.",
    "acknowledged. Could you keep the affected files until we confirm the cause?",
)

UPDATES = (
    "an update: we have identified the failing job and are testing a correction in QA.",
    "an update: the analysis is ongoing; no other LDC reports this symptom so far.",
    "an update: a correction is being prepared; we expect to apply it within the "
    "target.",
    "an update: the data has been reprocessed in QA; we are validating the results.",
    "an update: we are comparing the MDM/R records with the files you sent.",
)

# MDM/R-wide outages: written by the Critical Incident Managers to every LDC.
OUTAGE_FIRST_RESPONSES = (
    "we are aware of the outage. The MDM/R Operational Service Provider is engaged "
    "and the next update follows within the hour.",
    "the outage is confirmed and a bridge call is open with the MDM/R Operational "
    "Service Provider. No action is needed from LDCs.",
)

OUTAGE_UPDATES = (
    "an update: the cause is isolated and the service is being restored; files sent "
    "meanwhile are queued, not lost.",
    "an update: recovery is under way. Please do not resend files; they will be "
    "processed in order.",
)

INTERNAL_NOTES = (
    "Checked the job scheduler: the nightly run overran by two hours.",
    "Same pattern as a known error; checking whether a problem record applies.",
    "OSP on-call paged; waiting for database access.",
    "Logs show repeated retries from the LDC's AS2 endpoint.",
    "Escalated internally; the LDC's billing deadline is this week.",
)

# An answer to each Awaiting LDC reason, in the order of REASONS["awaiting_ldc"].
LDC_REPLIES = (
    "here are the affected SDP IDs you asked for; the list is attached.",
    "we have re-sent the files; our side shows them delivered.",
    "our CIS team confirmed the expected values; please go ahead.",
)

RESOLVED_COMMENTS = (
    "this is resolved. {notes} Please confirm, or the incident closes automatically "
    "in three business days.",
    "we consider the incident resolved. {notes} Let us know if the symptom returns.",
)

WORKAROUND_COMMENTS = (
    "a workaround is available while a problem record tracks the permanent fix. "
    "Workaround: {notes}",
    "we have resolved this with a workaround while the root cause is fixed. "
    "Workaround: {notes}",
)

REQUEST_STARTED = (
    "we have started on your {reqname} request.",
    "your {reqname} request is in fulfilment; I will let you know when it is done.",
)
# A question and its answer for each reason of REASONS["awaiting_requester"].
REQUEST_QUESTIONS = (
    "could you confirm the details in the form? One value looks wrong.",
    "could you tell us the effective date you need? The form leaves it open.",
)
REQUEST_ANSWERS = (
    "the details are confirmed.",
    "the effective date is in the form now; thank you.",
)
REQUEST_DONE = ("all done. {done}", "your request is fulfilled. {done}")

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
        "Waiting for the requester to give the effective date.",
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
