"""Each request's form: good answers pass, bad ones get a clear message."""

import re
from datetime import date
from typing import Any

import pytest

from dashboard.kernel.rules.catalogue import CATALOGUE
from dashboard.kernel.rules.errors import InvalidInput
from dashboard.requests.request_forms import FORMS, clean, needs, title_of

TODAY = date(2026, 3, 2)
ACCOUNTS = ("alpha.user1", "alpha.manager")

GOOD: dict[str, dict[str, Any]] = {
    "crossed_meter": {
        "sdp_id_1": "1234567890",
        "sdp_id_2": "1234567891",
        "meter_id_1": "m12345678",
        "meter_id_2": "M87654321",
        "effective_date": date(2026, 2, 1),
    },
    "gui_password_reset": {"gui_user_id": "jsmith01"},
    "gui_user_deactivation": {"gui_user_id": "j.smith", "last_day": "2026-04-01"},
    "push_sync": {"from_date": "2026-03-01"},
    "sd_user_creation": {
        "first_name": "Jane",
        "last_name": "Doe",
        "email": "Jane.Doe@alpha.example",
        "manager": False,
    },
    "sd_user_deactivation": {"account": "alpha.user1"},
    "question": {"topic": "Billing cycles", "question": "When does the cycle close?"},
    "sync_sequence_reset": {"new_sequence": "1042"},
    "test_env_refresh": {"environment": "QA", "sequence_reset": True},
    "enable_test_env": {"environment": "Sandbox"},
    "disable_test_env": {"environment": "QA"},
    "org_config_update": {
        "change": "Contacts",
        "effective_date": "2026-05-01",
        "details": "New main contact: Jane Doe.",
    },
}

BAD: list[tuple[str, dict[str, Any], str]] = [
    ("crossed_meter", {"sdp_id_1": "12AB"}, "First SDP ID must be 6 to 20 digits"),
    ("crossed_meter", {"sdp_id_2": "1234567890"}, "The two SDP IDs must differ"),
    ("crossed_meter", {"meter_id_1": "M!1"}, "Meter ID installed at the first SDP"),
    ("crossed_meter", {"meter_id_2": "M12345678"}, "The two meter IDs must differ"),
    ("crossed_meter", {"effective_date": "2026-03-03"}, "cannot be in the future"),
    ("crossed_meter", {"effective_date": "March 1"}, "must be a date (YYYY-MM-DD)"),
    ("gui_password_reset", {"gui_user_id": ""}, "MDM/R GUI user ID is required"),
    ("gui_password_reset", {"gui_user_id": "a b"}, "MDM/R GUI user ID must be"),
    ("gui_user_deactivation", {"gui_user_id": "<b>x</b>"}, "MDM/R GUI user ID must"),
    ("push_sync", {"from_date": "2027-01-01"}, "cannot be in the future"),
    ("sd_user_creation", {"first_name": " "}, "First name is required"),
    ("sd_user_creation", {"last_name": "x" * 121}, "limited to 120 characters"),
    ("sd_user_creation", {"email": "jane.doe"}, "Email must be an email address"),
    ("sd_user_deactivation", {"account": "beta.user1"}, "active account of your LDC"),
    ("question", {"question": ""}, "Your question is required"),
    ("sync_sequence_reset", {"new_sequence": "-4"}, "must be a whole number"),
    ("sync_sequence_reset", {"new_sequence": "12a"}, "must be a whole number"),
    ("test_env_refresh", {"environment": "Production"}, "one of QA, Sandbox"),
    ("enable_test_env", {"environment": "DR"}, "one of QA, Sandbox"),
    ("disable_test_env", {"environment": None}, "Environment is required"),
    ("org_config_update", {"change": "Billing"}, "What changes must be one of"),
    ("org_config_update", {"effective_date": ""}, "Effective date is required"),
]


def test_every_request_of_the_catalogue_has_a_form_and_a_good_example() -> None:
    assert set(FORMS) == {r.code for r in CATALOGUE} == set(GOOD)


@pytest.mark.parametrize("code", sorted(GOOD))
def test_good_answers_are_accepted(code: str) -> None:
    assert clean(code, GOOD[code], today=TODAY, accounts=ACCOUNTS)


@pytest.mark.parametrize(("code", "change", "message"), BAD)
def test_bad_answers_are_refused_with_a_clear_message(
    code: str, change: dict[str, Any], *, message: str
) -> None:
    with pytest.raises(InvalidInput, match=re.escape(message)):
        clean(code, GOOD[code] | change, today=TODAY, accounts=ACCOUNTS)


def test_meter_ids_are_kept_in_capitals() -> None:
    answers = clean("crossed_meter", GOOD["crossed_meter"], today=TODAY)
    assert answers["meter_id_1"] == "M12345678"


def test_dates_are_kept_as_iso_text() -> None:
    answers = clean("crossed_meter", GOOD["crossed_meter"], today=TODAY)
    assert answers["effective_date"] == "2026-02-01"


def test_an_optional_sequence_reset_left_unticked_is_kept_as_no() -> None:
    answers = clean("test_env_refresh", {"environment": "QA"}, today=TODAY)
    assert answers["sequence_reset"] is False


def test_a_missing_optional_date_is_left_out() -> None:
    answers = clean("enable_test_env", {"environment": "QA"}, today=TODAY)
    assert "from_date" not in answers


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(InvalidInput) as refused:
        clean("crossed_meter", {}, today=TODAY)
    assert refused.value.message.count("is required") == 5


def test_an_unknown_request_type_is_refused() -> None:
    with pytest.raises(InvalidInput, match="not a request of the catalogue"):
        clean("coffee", {}, today=TODAY)


def test_the_title_names_the_request_and_its_key_answers() -> None:
    answers = clean("sd_user_creation", GOOD["sd_user_creation"], today=TODAY)
    assert (
        title_of("sd_user_creation", "Service Desk User Creation", answers=answers)
        == "Service Desk User Creation: Jane / Doe"
    )


def test_what_a_request_needs_lists_its_fields_and_their_kinds() -> None:
    assert needs("disable_test_env") == "Environment (QA or Sandbox)"
