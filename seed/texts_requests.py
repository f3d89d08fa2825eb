"""Service request wording: title, description and form answers per catalogue code.

Placeholders: {ldc} LDC short name, {orgcode} its ORG ID, {slug} its mail domain
label, {sdp}/{sdp2} SDP IDs, {meter}/{meter2} meter IDs, {date} a local date,
{guiuser} an MDM/R GUI user ID, {pfirst}/{plast} a person's name and
{pfirst_l}/{plast_l} the same in lower case, {env} QA or Sandbox, {seq} a sequence
number, {topic} a question topic. Form answers are JSON objects (braces doubled for
str.format).
"""

# Relative frequency of each request type, by catalogue code.
REQUEST_WEIGHTS = {
    "crossed_meter": 7.0,
    "gui_password_reset": 20.0,
    "gui_user_deactivation": 7.0,
    "push_sync": 8.0,
    "sd_user_creation": 6.0,
    "sd_user_deactivation": 3.0,
    "question": 18.0,
    "sync_sequence_reset": 9.0,
    "test_env_refresh": 5.0,
    "enable_test_env": 4.0,
    "disable_test_env": 3.0,
    "org_config_update": 4.0,
}

TOPICS = (
    "billing cycle schedule changes",
    "the VEE standard for vacant premises",
    "retention of interval data",
    "the next MDM/R release window",
    "AS2 certificate renewal dates",
    "aggregated settlement data timing",
    "the synchronization file format",
    "adding a second AMCC",
)

TITLES: dict[str, str] = {
    "crossed_meter": "Crossed meters at SDP {sdp} and SDP {sdp2}",
    "gui_password_reset": "MDM/R GUI password reset for {guiuser}",
    "gui_user_deactivation": "Deactivate MDM/R GUI user {guiuser}",
    "push_sync": "Push synchronization for {orgcode}",
    "sd_user_creation": "Service Desk account for {pfirst} {plast}",
    "sd_user_deactivation": "Close Service Desk account of {pfirst} {plast}",
    "question": "Question about {topic}",
    "sync_sequence_reset": "Reset synchronization sequence for {orgcode} to {seq}",
    "test_env_refresh": "Refresh {env} for {orgcode}",
    "enable_test_env": "Enable {env} access for {orgcode}",
    "disable_test_env": "Disable {env} access for {orgcode}",
    "org_config_update": "Update the ORG configuration of {ldc}",
}

DESCRIPTIONS: dict[str, str] = {
    "crossed_meter": "Meters {meter} and {meter2} were installed at each other's SDPs. "
    "Please correct the meter data from {date}.",
    "gui_password_reset": "User {guiuser} at {ldc} is locked out of the MDM/R GUI.",
    "gui_user_deactivation": "User {guiuser} has left {ldc}; please remove GUI access.",
    "push_sync": "Please re-push the synchronization data of {orgcode} so that our CIS "
    "and the MDM/R agree again.",
    "sd_user_creation": "Please create a Service Desk account for {pfirst} {plast}, "
    "who joins our billing team.",
    "sd_user_deactivation": "{pfirst} {plast} has left {ldc}; please close the "
    "account.",
    "question": "We have a question about {topic}. Could the SME explain how it works "
    "for {ldc}?",
    "sync_sequence_reset": "Our synchronization submissions are rejected; please reset "
    "the expected sequence number to {seq}.",
    "test_env_refresh": "Please refresh our {env} data from Production and reset the "
    "synchronization sequence.",
    "enable_test_env": "We are testing a CIS upgrade and need {env} access from "
    "{date}.",
    "disable_test_env": "Our testing is finished; please turn off {env} access.",
    "org_config_update": "Please update the main and back-up contacts of {ldc} as of "
    "{date}.",
}

FIELDS: dict[str, str] = {
    "crossed_meter": '{{"sdp_id_1": "{sdp}", "sdp_id_2": "{sdp2}", '
    '"meter_id_1": "{meter}", "meter_id_2": "{meter2}", "effective_date": "{date}"}}',
    "gui_password_reset": '{{"gui_user_id": "{guiuser}"}}',
    "gui_user_deactivation": '{{"gui_user_id": "{guiuser}", "last_day": "{date}"}}',
    "push_sync": '{{"org_id": "{orgcode}", "from_date": "{date}"}}',
    "sd_user_creation": '{{"first_name": "{pfirst}", "last_name": "{plast}", '
    '"email": "{pfirst_l}.{plast_l}@{slug}.example", "manager": false}}',
    "sd_user_deactivation": '{{"email": "{pfirst_l}.{plast_l}@{slug}.example", '
    '"last_day": "{date}"}}',
    "question": '{{"topic": "{topic}"}}',
    "sync_sequence_reset": '{{"org_id": "{orgcode}", "new_sequence": "{seq}"}}',
    "test_env_refresh": '{{"environment": "{env}", "sequence_reset": true}}',
    "enable_test_env": '{{"environment": "{env}", "from_date": "{date}"}}',
    "disable_test_env": '{{"environment": "{env}"}}',
    "org_config_update": '{{"change": "contacts", "effective_date": "{date}", '
    '"main_contact": "{pfirst} {plast}"}}',
}

DONE_NOTES: dict[str, str] = {
    "crossed_meter": "The meter data of both SDPs has been corrected.",
    "gui_password_reset": "The password was reset; a temporary one was sent by email.",
    "gui_user_deactivation": "The GUI user has been deactivated.",
    "push_sync": "Synchronization data re-pushed; check your next reconciliation.",
    "sd_user_creation": "The account has been created; a welcome email was sent.",
    "sd_user_deactivation": "The account has been closed.",
    "question": "Answered: see the comment above; feel free to reopen a question.",
    "sync_sequence_reset": "The expected sequence number has been reset.",
    "test_env_refresh": "The test environment was refreshed and the sequence reset.",
    "enable_test_env": "Test environment access is enabled.",
    "disable_test_env": "Test environment access is disabled.",
    "org_config_update": "The ORG configuration has been updated.",
}
