"""Each standard request's form, declared once: its fields and their validation."""

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from dashboard.kernel.i18n import N_, _, formats
from dashboard.kernel.rules.errors import InvalidInput


class Kind(StrEnum):
    """What a form field holds, which decides its widget and its check; the value
    says it to people."""

    TEXT = N_("text")
    LONG_TEXT = N_("longer text")
    SDP_ID = N_("6 to 20 digits")
    METER_ID = N_("such as M12345678")
    GUI_USER_ID = N_("as in the MDM/R GUI")
    EMAIL = N_("email address")
    PAST_DATE = N_("date, not in the future")
    DATE = N_("date")
    ENVIRONMENT = N_("QA or Sandbox")
    CHOICE = N_("one of a list")
    FLAG = N_("yes or no")
    SEQUENCE = N_("whole number")
    ACCOUNT = N_("one of the LDC's active accounts")


@dataclass(frozen=True)
class Field:
    """One answer a request needs: its label and choices in English, marked for the
    catalogue (`_(field.label)` where shown); the choices are the values stored."""

    name: str
    label: str
    kind: Kind
    required: bool = True
    choices: tuple[str, ...] = ()
    in_title: bool = False


TEST_ENVIRONMENTS = (N_("QA"), N_("Sandbox"))
TEXT_MAX = 120
LONG_TEXT_MAX = 4000
SEQUENCE_MAX = 10**12

_SDP = re.compile(r"\d{6,20}")
_METER = re.compile(r"[A-Z0-9][A-Z0-9-]{3,29}")
_GUI_USER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{2,59}")
_EMAIL = re.compile(r"[^@\s]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")

_ENV = Field("environment", N_("Environment"), Kind.ENVIRONMENT, in_title=True)
_GUI = Field("gui_user_id", N_("MDM/R GUI user ID"), Kind.GUI_USER_ID, in_title=True)

FORMS: dict[str, tuple[Field, ...]] = {
    "crossed_meter": (
        Field("sdp_id_1", N_("First SDP ID"), Kind.SDP_ID, in_title=True),
        Field("sdp_id_2", N_("Second SDP ID"), Kind.SDP_ID, in_title=True),
        Field("meter_id_1", N_("Meter ID installed at the first SDP"), Kind.METER_ID),
        Field("meter_id_2", N_("Meter ID installed at the second SDP"), Kind.METER_ID),
        Field("effective_date", N_("Date the meters were crossed"), Kind.PAST_DATE),
    ),
    "gui_password_reset": (_GUI,),
    "gui_user_deactivation": (
        _GUI,
        Field("last_day", N_("Last day of access"), Kind.DATE, required=False),
    ),
    "push_sync": (
        Field("from_date", N_("Re-push data from"), Kind.PAST_DATE, in_title=True),
    ),
    "sd_user_creation": (
        Field("first_name", N_("First name"), Kind.TEXT, in_title=True),
        Field("last_name", N_("Last name"), Kind.TEXT, in_title=True),
        Field("email", N_("Email"), Kind.EMAIL),
        Field("manager", N_("LDC manager (delegated authority)"), Kind.FLAG),
    ),
    "sd_user_deactivation": (
        Field("account", N_("Account to close"), Kind.ACCOUNT, in_title=True),
        Field("last_day", N_("Last day of access"), Kind.DATE, required=False),
    ),
    "question": (
        Field("topic", N_("Topic"), Kind.TEXT, in_title=True),
        Field("question", N_("Your question"), Kind.LONG_TEXT),
    ),
    "sync_sequence_reset": (
        Field("new_sequence", N_("Next expected sequence number"), Kind.SEQUENCE),
    ),
    "test_env_refresh": (
        _ENV,
        Field(
            "sequence_reset", N_("Also reset the synchronization sequence"), Kind.FLAG
        ),
    ),
    "enable_test_env": (
        _ENV,
        Field("from_date", N_("Needed from"), Kind.DATE, required=False),
    ),
    "disable_test_env": (_ENV,),
    "org_config_update": (
        Field(
            "change",
            N_("What changes"),
            Kind.CHOICE,
            choices=(N_("Contacts"), N_("Delegated authority"), N_("Other set-up")),
            in_title=True,
        ),
        Field("effective_date", N_("Effective date"), Kind.DATE),
        Field("details", N_("The change in detail"), Kind.LONG_TEXT),
    ),
}


def fields_of(code: str) -> tuple[Field, ...]:
    """The form of a request type."""
    try:
        return FORMS[code]
    except KeyError:
        raise InvalidInput(
            _("{code} is not a request of the catalogue.").format(code=repr(code))
        ) from None


def field_of(code: str, name: str) -> Field | None:
    """The field of a request's form that holds an answer, if the form still has it."""
    return next((f for f in FORMS.get(code, ()) if f.name == name), None)


def label_of(code: str, name: str) -> str:
    """The label of an answer in the current language, or its stored name when the
    form no longer has it."""
    found = field_of(code, name)
    return _(found.label) if found else name


def needs(code: str) -> str:
    """What a request's form asks for, in words."""
    return "; ".join(_need(f) for f in fields_of(code))


def _either(choices: Collection[str]) -> str:
    """'A or B or C', each choice in the current language."""
    shown = [_(c) for c in choices]
    said = shown[0]
    for other in shown[1:]:
        said = _("{one} or {other}").format(one=said, other=other)
    return said


def _need(field: Field) -> str:
    kind = _either(field.choices) if field.choices else _(field.kind.value)
    if field.required:
        return _("{label} ({kind})").format(label=_(field.label), kind=kind)
    return _("{label} ({kind}, optional)").format(label=_(field.label), kind=kind)


def title_of(code: str, request_name: str, *, answers: Mapping[str, Any]) -> str:
    """A ticket title naming the request and its key answers (stored: the request's
    name as given, the answers as typed)."""
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


def _refusal(message: str, field: Field, **values: Any) -> InvalidInput:
    """A field's refusal: the message in the current language, naming the field."""
    return InvalidInput(_(message).format(label=_(field.label), **values))


def _clean_one(
    field: Field, value: Any, *, today: date, accounts: Collection[str]
) -> Any:
    if field.kind is Kind.FLAG:
        return bool(value)
    if _blank(value):
        if field.required:
            raise _refusal(N_("{label} is required."), field)
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
            raise _refusal(N_("{label} must be a date (YYYY-MM-DD)."), field) from None
    if not isinstance(value, date):
        raise _refusal(N_("{label} must be a date."), field)
    if field.kind is Kind.PAST_DATE and value > today:
        raise _refusal(N_("{label} cannot be in the future."), field)
    return value.isoformat()


def _pattern(pattern: re.Pattern[str], refusal: str, *, upper: bool = False) -> Any:
    def check(field: Field, text: str, _accounts: Collection[str]) -> str:
        text = text.upper() if upper else text
        if not pattern.fullmatch(text):
            raise _refusal(refusal, field)
        return text

    return check


def _text(limit: int) -> Any:
    def check(field: Field, text: str, _accounts: Collection[str]) -> str:
        if len(text) > limit:
            raise _refusal(
                N_("{label} is limited to {limit} characters."),
                field,
                limit=formats.number(limit),
            )
        return text

    return check


def _choice(field: Field, text: str, _accounts: Collection[str]) -> str:
    choices = field.choices or TEST_ENVIRONMENTS
    if text not in choices:
        raise _refusal(
            N_("{label} must be one of {choices}."),
            field,
            choices=", ".join(_(c) for c in choices),
        )
    return text


def _sequence(field: Field, text: str, _accounts: Collection[str]) -> int:
    if not text.isdigit() or int(text) >= SEQUENCE_MAX:
        raise _refusal(N_("{label} must be a whole number of 0 or more."), field)
    return int(text)


def _account(field: Field, text: str, accounts: Collection[str]) -> str:  # noqa: PLR0917 - a check of _CHECKS
    if text not in accounts:
        raise _refusal(N_("{label} must be an active account of your LDC."), field)
    return text


def is_email(text: str) -> bool:
    """Whether a text looks like an email address."""
    return len(text) <= 200 and bool(_EMAIL.fullmatch(text))


def _email(field: Field, text: str, _accounts: Collection[str]) -> str:
    if not is_email(text):
        raise _refusal(N_("{label} must be an email address."), field)
    return text.lower()


_CHECKS = {
    Kind.TEXT: _text(TEXT_MAX),
    Kind.LONG_TEXT: _text(LONG_TEXT_MAX),
    Kind.SDP_ID: _pattern(_SDP, N_("{label} must be 6 to 20 digits.")),
    Kind.METER_ID: _pattern(
        _METER,
        N_("{label} must be 4 to 30 letters, digits or hyphens (such as M12345678)."),
        upper=True,
    ),
    Kind.GUI_USER_ID: _pattern(
        _GUI_USER,
        N_("{label} must be 3 to 60 letters, digits, dots, hyphens or underscores."),
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
        problems.append(_("The two SDP IDs must differ."))
    if "meter_id_1" in answers and answers.get("meter_id_1") == answers.get(
        "meter_id_2"
    ):
        problems.append(_("The two meter IDs must differ."))
    return problems
