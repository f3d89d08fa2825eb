"""How LDCs tell each problem's symptom when they file an incident that meets it.

One entry per story of `texts_problems.STORIES`, in the same order: the LDC's words
for what the problem does to them, never the problem's own title. Placeholders are the
incident's (see `texts_incidents`); {code} is the error reference the MDM/R gives for
that problem, which the problem's public summary names too.
"""

from typing import NamedTuple

from seed.texts_problems import STORIES


class Symptom(NamedTuple):
    """Titles and descriptions of the incidents that meet one problem."""

    titles: tuple[str, ...]
    details: tuple[str, ...]


SYMPTOMS: dict[str, tuple[Symptom, ...]] = {
    "billing_quantities": (
        Symptom(
            (
                "Billing quantity response for {req} came hours late",
                "Late billing quantity responses again on a busy day",
            ),
            (
                "Our billing quantity request {req} for cycle {cycle} was answered "
                "hours after we sent it on {date}; {count} SDPs waited to bill.",
                "On {date} the billing quantity responses came back hours late while "
                "volumes peaked; request {req} is an example.",
            ),
        ),
        Symptom(
            (
                "Intervals missing in the billing quantity response {req}",
                "Billing quantity response incomplete for {count} SDPs",
            ),
            (
                "The billing quantity response for {req} lacks intervals that the "
                "MDM/R GUI shows for SDP {sdp}. We resubmitted it while VEE ran.",
                "{count} SDPs came back with gaps in the billing quantity response of "
                "{date}, although the reads are in the MDM/R GUI.",
            ),
        ),
        Symptom(
            (
                "Two billing quantity responses for one request {req}",
                "Duplicate billing quantity response after resubmitting",
            ),
            (
                "We resubmitted billing quantity request {req} after a timeout and "
                "received two responses with the same request ID.",
                "Our CIS received the billing quantity response for {req} twice on "
                "{date}; the first attempt had timed out.",
            ),
        ),
    ),
    "synchronization": (
        Symptom(
            (
                "Valid synchronization resubmission {seq} rejected for sequence",
                "Sequence error on a corrected synchronization file",
            ),
            (
                "We corrected and resent synchronization submission {seq} on {date}; "
                "it was rejected with a sequence error although the number is right.",
                "After a rejected synchronization file, our resubmission {seq} is "
                "refused with a sequence error too.",
            ),
        ),
        Symptom(
            (
                "SDP relationship changes lost after two synchronization files",
                "Meter {meter} relationship change disappeared after sync",
            ),
            (
                "We sent two synchronization submissions minutes apart on {date}; the "
                "SDP relationship changes of the first are gone for SDP {sdp}.",
                "The relationship of meter {meter} to SDP {sdp} reverted after two "
                "synchronization files arrived close together.",
            ),
        ),
        Symptom(
            (
                "Synchronization batch {seq} pending for hours",
                "Synchronization stuck in Pending since this morning",
            ),
            (
                "Synchronization batch {seq} has stayed in Pending since {date}; "
                "{count} account changes wait and billing is blocked for them.",
                "Every synchronization batch we sent since {date} stays Pending; "
                "batch {seq} is the oldest.",
            ),
        ),
    ),
    "vee": (
        Symptom(
            (
                "Estimates kept after actual reads arrived for SDP {sdp}",
                "Actual reads not replacing VEE estimates for {date}",
            ),
            (
                "The actual reads for meter {meter} arrived late for {date}, but VEE "
                "still shows the estimated intervals for SDP {sdp}.",
                "{count} SDPs keep estimated intervals for {date} although the actual "
                "reads came in the next day.",
            ),
        ),
        Symptom(
            (
                "Vacant premises flagged for zero consumption by VEE",
                "Zero consumption errors at vacant SDP {sdp}",
            ),
            (
                "SDP {sdp} is vacant and we set the flag by synchronization on "
                "{date}, yet VEE flags its zero consumption as an error.",
                "VEE raised zero consumption errors for {count} vacant premises the "
                "day we marked them vacant.",
            ),
        ),
    ),
    "meter_reads": (
        Symptom(
            (
                "Large meter read file for {date} only partly loaded",
                "Only part of our meter read file was processed",
            ),
            (
                "Our meter read file for {date} had {count} records; the load stopped "
                "part way and the rest are missing, meter {meter} among them.",
                "The MDM/R loaded only the first part of the meter read file we sent "
                "on {date}.",
            ),
        ),
        Symptom(
            (
                "Late AMCC reads for {date} never loaded",
                "Reads the AMCC sent late are missing for meter {meter}",
            ),
            (
                "The AMCC sent reads for {date} after midnight; they were never "
                "loaded, {count} meters are without reads.",
                "Meter {meter} reads that arrived late from the AMCC on {date} do not "
                "appear in the MDM/R.",
            ),
        ),
    ),
    "file_transfer": (
        Symptom(
            (
                "AS2 transfers fail since we renewed our certificate",
                "New AS2 certificate refused by the MDM/R",
            ),
            (
                "We renewed our AS2 certificate on {date}; since then every transfer "
                "fails, message {seq} for example.",
                "Our AS2 files are refused since the certificate renewal; the MDM/R "
                "still presents the old certificate.",
            ),
        ),
        Symptom(
            (
                "AS2 file {seq} acknowledged but not processed",
                "MDN received but the file never arrived in processing",
            ),
            (
                "We received the MDN for AS2 message {seq} on {date}, but the file was "
                "never processed.",
                "{count} files sent by AS2 were acknowledged and then nothing "
                "happened; message {seq} is one.",
            ),
        ),
    ),
    "web_services": (
        Symptom(
            (
                "Web services calls time out when we run many at once",
                "Timeouts from the web services during our nightly run",
            ),
            (
                "Our integration makes concurrent web services calls; since {release} "
                "many time out, the request for SDP {sdp} among them.",
                "During the nightly run on {date} about {count} web services calls "
                "timed out under load.",
            ),
        ),
        Symptom(
            (
                "Our older web services client fails since {release}",
                "Web services reject our requests after the upgrade",
            ),
            (
                "Our web services client has not changed, but since {release} its "
                "requests are rejected; the call for SDP {sdp} is an example.",
                "Since {date} the web services refuse requests from our older client "
                "software.",
            ),
        ),
    ),
    "mdmr_gui": (
        Symptom(
            (
                "MDM/R GUI logs user {guiuser} out after a few minutes",
                "GUI session ends within minutes since {release}",
            ),
            (
                "MDM/R GUI user {guiuser} is sent back to the login page after about "
                "five minutes of work since {release}.",
                "Our staff lose their MDM/R GUI sessions every few minutes since "
                "{date} and must log in again.",
            ),
        ),
        Symptom(
            (
                "GUI search does not find SDP {sdp} synchronized today",
                "Newly synchronized SDPs not found by the MDM/R GUI search",
            ),
            (
                "SDP {sdp} was synchronized on {date} but the MDM/R GUI search does "
                "not find it; opening it by ID works.",
                "{count} SDPs we synchronized on {date} are missing from the MDM/R GUI "
                "search results.",
            ),
        ),
    ),
    "reports": (
        Symptom(
            (
                "Exception report for {date} missing again",
                "No daily exception report after a late night load",
            ),
            (
                "The daily exception report for {date} never came; the load job ran "
                "late that night.",
                "We did not receive the daily exception report for {date}; we follow "
                "up on {count} SDPs with it.",
            ),
        ),
        Symptom(
            (
                "Summary report totals lower than billing quantities for {cycle}",
                "Summary report does not add up to the billing quantities",
            ),
            (
                "The summary report for cycle {cycle} is below the billing quantity "
                "responses by about the estimated intervals.",
                "Summary report totals for {date} differ from the billing quantities "
                "we received; estimated intervals seem left out.",
            ),
        ),
    ),
    "other": (
        Symptom(
            (
                "MDM/R notification emails arrive hours late",
                "Notification emails delayed on {date}",
            ),
            (
                "Notification emails from the MDM/R reached us hours after the event "
                "on {date}.",
                "We received MDM/R notification emails in bursts, long after they "
                "were sent.",
            ),
        ),
    ),
}

# The error reference each category's problems carry, as the MDM/R shows it.
CODE_PREFIXES: dict[str, str] = {
    "billing_quantities": "BQ",
    "synchronization": "SYN",
    "vee": "VEE",
    "meter_reads": "MR",
    "file_transfer": "AS2",
    "web_services": "WS",
    "mdmr_gui": "GUI",
    "reports": "RPT",
    "other": "GEN",
}

if {k: len(v) for k, v in SYMPTOMS.items()} != {k: len(v) for k, v in STORIES.items()}:
    raise RuntimeError("every problem story needs the symptom its incidents tell")
