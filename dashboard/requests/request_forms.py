"""Each standard request's form, declared once: its fields and their validation."""

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from dashboard.kernel.rules.errors import InvalidInput


class Kind(StrEnum):
    """What a form field holds, which decides its widget and its check; the value
    says it to people."""

    TEXT = "text"
    LONG_TEXT = "longer text"
    SDP_ID = "6 to 20 digits"
    METER_ID = "such as M12345678"
    GUI_USER_ID = "as in the MDM/R GUI"
    EMAIL = "email address"
    PAST_DATE = "date, not in the future"
    DATE = "date"
    ENVIRONMENT = "QA or Sandbox"
    CHOICE = "one of a list"
    FLAG = "yes or no"
    SEQUENCE = "whole number"
    ACCOUNT = "one of the LDC's active accounts"


@dataclass(frozen=True)
class Field:
    """One answer a request needs."""

    name: str
    label: str
    kind: Kind
    required: bool = True
    choices: tuple[str, ...] = ()
    in_title: bool = False


TEST_ENVIRONMENTS = ("QA", "Sandbox")
TEXT_MAX = 120
LONG_TEXT_MAX = 4000
SEQUENCE_MAX = 10**12

_SDP = re.compile(r"\d{6,20}")
_METER = re.compile(r"[A-Z0-9][A-Z0-9-]{3,29}")
_GUI_USER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{2,59}")
_EMAIL = re.compile(r"[^@\s]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")

_ENV = Field("environment", "Environment", Kind.ENVIRONMENT, in_title=True)
_GUI = Field("gui_user_id", "MDM/R GUI user ID", Kind.GUI_USER_ID, in_title=True)

FORMS: dict[str, tuple[Field, ...]] = {
    "crossed_meter": (
        Field("sdp_id_1", "First SDP ID", Kind.SDP_ID, in_title=True),
        Field("sdp_id_2", "Second SDP ID", Kind.SDP_ID, in_title=True),
        Field("meter_id_1", "Meter ID installed at the first SDP", Kind.METER_ID),
        Field("meter_id_2", "Meter ID installed at the second SDP", Kind.METER_ID),
        Field("effective_date", "Date the meters were crossed", Kind.PAST_DATE),
    ),
    "gui_password_reset": (_GUI,),
    "gui_user_deactivation": (
        _GUI,
        Field("last_day", "Last day of access", Kind.DATE, required=False),
    ),
    "push_sync": (
        Field("from_date", "Re-push data from", Kind.PAST_DATE, in_title=True),
    ),
    "sd_user_creation": (
        Field("first_name", "First name", Kind.TEXT, in_title=True),
        Field("last_name", "Last name", Kind.TEXT, in_title=True),
        Field("email", "Email", Kind.EMAIL),
        Field("manager", "LDC manager (delegated authority)", Kind.FLAG),
    ),
    "sd_user_deactivation": (
        Field("account", "Account to close", Kind.ACCOUNT, in_title=True),
        Field("last_day", "Last day of access", Kind.DATE, required=False),
    ),
    "question": (
        Field("topic", "Topic", Kind.TEXT, in_title=True),
        Field("question", "Your question", Kind.LONG_TEXT),
    ),
    "sync_sequence_reset": (
        Field("new_sequence", "Next expected sequence number", Kind.SEQUENCE),
    ),
    "test_env_refresh": (
        _ENV,
        Field("sequence_reset", "Also reset the synchronization sequence", Kind.FLAG),
    ),
    "enable_test_env": (
        _ENV,
        Field("from_date", "Needed from", Kind.DATE, required=False),
    ),
    "disable_test_env": (_ENV,),
    "org_config_update": (
        Field(
            "change",
            "What changes",
            Kind.CHOICE,
            choices=("Contacts", "Delegated authority", "Other set-up"),
            in_title=True,
        ),
        Field("effective_date", "Effective date", Kind.DATE),
        Field("details", "The change in detail", Kind.LONG_TEXT),
    ),
}


def fields_of(code: str) -> tuple[Field, ...]:
    """The form of a request type."""
    try:
        return FORMS[code]
    except KeyError:
        raise InvalidInput(f"{code!r} is not a request of the catalogue.") from None


def label_of(code: str, name: str) -> str:
    """The label of an answer, or its stored name when the form no longer has it."""
    return next((f.label for f in FORMS.get(code, ()) if f.name == name), name)


def needs(code: str) -> str:
    """What a request's form asks for, in words."""
    return "; ".join(_need(f) for f in fields_of(code))


def _need(field: Field) -> str:
    kind = " or ".join(field.choices) if field.choices else field.kind.value
    optional = ", optional" if not field.required else ""
    return f"{field.label} ({kind}{optional})"


def title_of(code: str, request_name: str, *, answers: Mapping[str, Any]) -> str:
    """A ticket title naming the request and its key answers."""
    parts = [
        str(answers[f.name])
        for f in fields_of(code)
        if f.in_title and answers.get(f.name) not in (None, "")
    ]
    return f"{request_name}: {' / '.join(parts)}" if parts else request_name


def clean(
    code: str,
    answers: Mapping[str, Any],
    *,
    today: date,
    accounts: Collection[str] = (),
) -> dict[str, Any]:
    """The answers, checked and normalized; refuses with every problem at once."""
    cleaned: dict[str, Any] = {}
    problems: list[str] = []
    for field in fields_of(code):
        try:
            value = _clean_one(
                field, answers.get(field.name), today=today, accounts=accounts
            )
        except InvalidInput as problem:
            problems.append(problem.message)
            continue
        if value is not None:
            cleaned[field.name] = value
    problems += _cross_checks(code, cleaned)
    if problems:
        raise InvalidInput(" ".join(problems))
    return cleaned


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _clean_one(
    field: Field, value: Any, *, today: date, accounts: Collection[str]
) -> Any:
    if field.kind is Kind.FLAG:
        return bool(value)
    if _blank(value):
        if field.required:
            raise InvalidInput(f"{field.label} is required.")
        return None
    if field.kind in (Kind.DATE, Kind.PAST_DATE):
        return _date(field, value, today=today)
    text = str(value).strip()
    check = _CHECKS.get(field.kind)
    return check(field, text, accounts) if check else text


def _date(field: Field, value: Any, *, today: date) -> str:
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            raise InvalidInput(f"{field.label} must be a date (YYYY-MM-DD).") from None
    if not isinstance(value, date):
        raise InvalidInput(f"{field.label} must be a date.")
    if field.kind is Kind.PAST_DATE and value > today:
        raise InvalidInput(f"{field.label} cannot be in the future.")
    return value.isoformat()


def _pattern(pattern: re.Pattern[str], rule: str, *, upper: bool = False) -> Any:
    def check(field: Field, text: str, _: Collection[str]) -> str:
        text = text.upper() if upper else text
        if not pattern.fullmatch(text):
            raise InvalidInput(f"{field.label} must be {rule}.")
        return text

    return check


def _text(limit: int) -> Any:
    def check(field: Field, text: str, _: Collection[str]) -> str:
        if len(text) > limit:
            raise InvalidInput(f"{field.label} is limited to {limit:,} characters.")
        return text

    return check


def _choice(field: Field, text: str, _: Collection[str]) -> str:
    choices = field.choices or TEST_ENVIRONMENTS
    if text not in choices:
        raise InvalidInput(f"{field.label} must be one of {', '.join(choices)}.")
    return text


def _sequence(field: Field, text: str, _: Collection[str]) -> int:
    if not text.isdigit() or int(text) >= SEQUENCE_MAX:
        raise InvalidInput(f"{field.label} must be a whole number of 0 or more.")
    return int(text)


def _account(field: Field, text: str, accounts: Collection[str]) -> str:  # noqa: PLR0917 - a check of _CHECKS
    if text not in accounts:
        raise InvalidInput(f"{field.label} must be an active account of your LDC.")
    return text


def is_email(text: str) -> bool:
    """Whether a text looks like an email address."""
    return len(text) <= 200 and bool(_EMAIL.fullmatch(text))


def _email(field: Field, text: str, _: Collection[str]) -> str:
    if not is_email(text):
        raise InvalidInput(f"{field.label} must be an email address.")
    return text.lower()


_CHECKS = {
    Kind.TEXT: _text(TEXT_MAX),
    Kind.LONG_TEXT: _text(LONG_TEXT_MAX),
    Kind.SDP_ID: _pattern(_SDP, "6 to 20 digits"),
    Kind.METER_ID: _pattern(
        _METER, "4 to 30 letters, digits or hyphens (such as M12345678)", upper=True
    ),
    Kind.GUI_USER_ID: _pattern(
        _GUI_USER, "3 to 60 letters, digits, dots, hyphens or underscores"
    ),
    Kind.EMAIL: _email,
    Kind.ENVIRONMENT: _choice,
    Kind.CHOICE: _choice,
    Kind.SEQUENCE: _sequence,
    Kind.ACCOUNT: _account,
}


def _cross_checks(code: str, answers: Mapping[str, Any]) -> list[str]:
    if code != "crossed_meter":
        return []
    problems = []
    if "sdp_id_1" in answers and answers.get("sdp_id_1") == answers.get("sdp_id_2"):
        problems.append("The two SDP IDs must differ.")
    if "meter_id_1" in answers and answers.get("meter_id_1") == answers.get(
        "meter_id_2"
    ):
        problems.append("The two meter IDs must differ.")
    return problems
