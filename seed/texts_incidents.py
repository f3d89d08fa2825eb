"""Incident wording by category, from the MDM/R's public vocabulary.

Placeholders: {ldc} LDC short name, {sdp} SDP ID, {meter} meter ID, {count} a number
of SDPs or records, {date} a local date, {seq} a sequence number, {req} a billing
quantity request ID, {env} environment, {release} release in force, {cycle} billing
cycle, {guiuser} an MDM/R GUI user ID.
"""

from dashboard.kernel.rules.reference import CATEGORIES

CATEGORY_CODES = tuple(code for code, _ in CATEGORIES)
# Relative frequency of each category among incidents, in CATEGORY_CODES order.
CATEGORY_WEIGHTS = (0.22, 0.2, 0.1, 0.12, 0.11, 0.08, 0.08, 0.06, 0.03)

TITLES: dict[str, tuple[str, ...]] = {
    "billing_quantities": (
        "Billing quantity request {req} returned no response",
        "Billing quantity response missing intervals for {count} SDPs",
        "Billing quantities for cycle {cycle} delayed past the agreed time",
        "Billing quantity response rejected by our CIS: unexpected UOM",
        "Duplicate billing quantity responses received for request {req}",
        "Billing determinants differ from the previous run for SDP {sdp}",
    ),
    "synchronization": (
        "SDP synchronization file rejected: sequence {seq} out of order",
        "Synchronization submission {seq} stuck in Pending",
        "SDP {sdp} missing from the MDM/R after synchronization",
        "Meter {meter} shows the wrong SDP relationship after sync",
        "Synchronization acknowledgement not received for batch {seq}",
        "Account changes for {count} SDPs not applied by synchronization",
    ),
    "vee": (
        "VEE estimated intervals for {count} SDPs without a known gap",
        "Unexpected VEE edits on meter {meter} for {date}",
        "VEE validation failures spiked for read date {date}",
        "Estimated reads not replaced by actuals for SDP {sdp}",
        "VEE rule flagging valid zero consumption as an error",
    ),
    "meter_reads": (
        "Meter reads for {date} not loaded for {count} meters",
        "Interval reads for meter {meter} missing since {date}",
        "Register reads and interval totals disagree for SDP {sdp}",
        "Late reads from the AMCC not picked up for {date}",
        "Meter read file for {date} partially processed",
    ),
    "file_transfer": (
        "AS2 transfer to the MDM/R failing with an MDN error",
        "AS2 certificate rejected by the MDM/R endpoint",
        "Outbound AS2 files not received since {date}",
        "AS2 message {seq} acknowledged but never processed",
        "File transfer to {env} timing out",
    ),
    "web_services": (
        "Web services calls returning HTTP 500 in {env}",
        "Web service request for SDP {sdp} times out",
        "Web services authentication failing for our integration account",
        "Aggregated settlement data web service returns empty results",
        "Web service schema validation error after {release}",
    ),
    "mdmr_gui": (
        "MDM/R GUI login fails for user {guiuser}",
        "MDM/R GUI search for SDP {sdp} shows no reads",
        "MDM/R GUI very slow when opening meter {meter}",
        "MDM/R GUI export of interval data fails",
        "MDM/R GUI shows an error page after {release}",
    ),
    "reports": (
        "Daily exception report for {date} not generated",
        "Billing quantity summary report shows wrong totals for cycle {cycle}",
        "Synchronization report missing {count} rejected records",
        "VEE statistics report empty for {date}",
        "Monthly report delivered with the previous month's data",
    ),
    "other": (
        "Question about an unexpected change in {env}",
        "Notification emails from the MDM/R not received",
        "Access problem for a new {ldc} team member",
        "Data discrepancy between {env} and Production",
    ),
}

DETAILS: dict[str, tuple[str, ...]] = {
    "billing_quantities": (
        "{ldc} submitted billing quantity request {req} for cycle {cycle} on {date}. "
        "No billing quantity response has been received, and {count} SDPs are waiting "
        "to bill.",
        "The billing quantity response for request {req} is missing intervals for "
        "{count} SDPs, for example SDP {sdp}. The intervals are present in the MDM/R "
        "GUI.",
        "Billing determinants returned on {date} for SDP {sdp} differ from the run of "
        "the previous day although no reads changed. Our CIS rejected the response.",
    ),
    "synchronization": (
        "Our synchronization submission {seq} sent on {date} was rejected with a "
        "sequence error. The previous submission was accepted, so the sequence looks "
        "correct to us.",
        "SDP {sdp} was created in our CIS and synchronized on {date}, but the MDM/R "
        "does not show it. Meter {meter} is installed at that SDP.",
        "Synchronization batch {seq} has been in Pending since {date}; {count} "
        "account changes are not applied and billing for them is blocked.",
    ),
    "vee": (
        "VEE estimated intervals on {date} for {count} SDPs although the reads "
        "arrived on time. Example: SDP {sdp}, meter {meter}.",
        "Validation failures for read date {date} are far above normal ({count} "
        "SDPs). We see no problem with the meters themselves.",
        "Meter {meter} shows VEE edits for {date} that we did not expect; actual "
        "reads were received later but the estimates were not replaced.",
    ),
    "meter_reads": (
        "Interval reads for {date} were not loaded for {count} meters, including "
        "meter {meter}. The AMCC confirms the reads were sent.",
        "Meter {meter} has had no interval reads in the MDM/R since {date}; register "
        "reads are present for SDP {sdp}.",
        "The meter read file for {date} was only partially processed: {count} records "
        "were loaded and the rest are missing.",
    ),
    "file_transfer": (
        "Our AS2 transfers to the MDM/R fail since {date} with a negative MDN. "
        "Nothing changed on our side; message {seq} is an example.",
        "Files sent over AS2 on {date} were acknowledged but never processed (message "
        "{seq}). We are an AS2 Community Participant with a current certificate.",
        "File transfer to {env} times out after a few minutes; {count} files are "
        "queued.",
    ),
    "web_services": (
        "Web services calls from our integration to {env} return HTTP 500 since "
        "{date}. The request for SDP {sdp} is an example.",
        "Requests to the web services for SDP {sdp} time out after 60 seconds since "
        "{release} was deployed.",
        "Our integration account cannot authenticate to the web services since "
        "{date}; the password has not changed.",
    ),
    "mdmr_gui": (
        "MDM/R GUI user {guiuser} cannot log in since {date}; the account is not "
        "locked.",
        "Searching the MDM/R GUI for SDP {sdp} shows no reads, although billing "
        "quantities for it were produced on {date}.",
        "The MDM/R GUI takes minutes to open meter {meter}, and the interval export "
        "fails.",
    ),
    "reports": (
        "The daily exception report for {date} was not generated. We use it to follow "
        "up on {count} SDPs.",
        "The summary report for cycle {cycle} shows totals that do not match the "
        "billing quantity responses we received.",
        "The report delivered on {date} contains the previous period's data.",
    ),
    "other": (
        "We noticed an unexpected change in {env} on {date} and would like to "
        "understand whether it affects {ldc}.",
        "Notification emails from the MDM/R stopped arriving on {date}.",
        "Data for SDP {sdp} differs between {env} and Production since {date}.",
    ),
}

IMPACT_SENTENCES: dict[int, tuple[str, ...]] = {
    1: (
        "Billing for a large part of our customers is at risk today.",
        "We cannot produce bills until this is fixed; data may be lost.",
    ),
    2: (
        "Our meter-to-bill process is stopped for the affected accounts.",
        "Billing for this cycle is delayed until this is resolved.",
    ),
    3: (
        "We have a manual workaround for now, but it takes time every day.",
        "Billing is not at risk yet; please look into it this week.",
    ),
    4: (
        "No deadline; we would like to understand what happened.",
        "Low priority for us, but please let us know the cause.",
    ),
}

WIDE_TITLES = (
    "MDM/R-wide: billing quantity responses delayed for all LDCs",
    "MDM/R-wide: synchronization processing halted",
    "MDM/R-wide: AS2 gateway not accepting files",
    "MDM/R-wide: web services unavailable",
    "MDM/R-wide: MDM/R GUI unavailable after {release}",
)
WIDE_CATEGORIES = (
    "billing_quantities",
    "synchronization",
    "file_transfer",
    "web_services",
    "mdmr_gui",
)
WIDE_DETAIL = (
    "Monitoring detected the outage at {date}. The MDM/R Operational Service Provider "
    "is engaged; the SME Critical Incident Managers will post updates here until "
    "service is restored. No action is needed from LDCs."
)

FIXED_NOTES: dict[str, tuple[str, ...]] = {
    "billing_quantities": (
        "Reprocessed the billing quantity request; the response was re-sent.",
        "Corrected the billing cycle schedule and regenerated the responses.",
    ),
    "synchronization": (
        "Reset the synchronization sequence and reprocessed the pending submission.",
        "Corrected the SDP relationship and re-ran synchronization.",
    ),
    "vee": (
        "Re-ran VEE for the affected read dates; estimates replaced by actual reads.",
        "Corrected the VEE rule parameters for the LDC and re-validated the data.",
    ),
    "meter_reads": (
        "Reloaded the meter read file; all intervals are now present.",
        "Cleared the stuck load job and reprocessed the reads.",
    ),
    "file_transfer": (
        "Renewed the AS2 certificate mapping; transfers succeed again.",
        "Restarted the AS2 gateway queue and reprocessed the files.",
    ),
    "web_services": (
        "Restarted the web services node and cleared the connection pool.",
        "Unlocked the integration account and confirmed successful calls.",
    ),
    "mdmr_gui": (
        "Reset the GUI user's profile; login works again.",
        "Rebuilt the GUI search index for the affected SDPs.",
    ),
    "reports": (
        "Regenerated the report for the affected date.",
        "Corrected the report parameters and re-delivered it.",
    ),
    "other": (
        "Answered the question and confirmed no data was affected.",
        "Restored the notification settings for the LDC.",
    ),
}
