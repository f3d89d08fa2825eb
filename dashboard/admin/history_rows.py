"""Checking the rows of a history import: one message per bad line, naming it."""

from dataclasses import dataclass
from datetime import datetime

from dashboard.kernel.rules.catalogue import BY_NAME
from dashboard.kernel.rules.severity import LEVELS
from dashboard.kernel.rules.workflow import Kind, parse_ticket_key, statuses, ticket_key

TICKET_COLUMNS = (
    "ticket_key",
    "kind",
    "org_code",
    "severity",
    "request_type",
    "title",
    "created_at",
    "reporter",
)
CHANGE_COLUMNS = ("ticket_key", "changed_at", "to_status", "public")
KINDS = {"incident": Kind.INCIDENT, "service_request": Kind.SERVICE_REQUEST}


@dataclass(frozen=True)
class ImportedTicket:
    """A past ticket as the import file gives it."""

    line: int
    key: str
    kind: Kind
    number: int
    org_code: str
    severity: int | None
    request_code: str | None
    title: str
    created_at: datetime
    reporter: str


@dataclass(frozen=True)
class ImportedChange:
    """A past status change as the import file gives it."""

    line: int
    key: str
    changed_at: datetime
    to_status: str
    public: bool


class RowError(ValueError):
    """A line that cannot be imported, with the reason."""


def instant(text: str) -> datetime:
    """An ISO 8601 time that carries its UTC offset."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise RowError(f"{text!r} is not an ISO 8601 time") from None
    if value.tzinfo is None:
        raise RowError(f"{text!r} has no UTC offset")
    return value


def ticket_row(line: int, row: dict[str, str]) -> ImportedTicket:
    """One line of the tickets file, checked on its own."""
    kind = KINDS.get(row["kind"].strip())
    if kind is None:
        raise RowError(f"kind {row['kind']!r} is not 'incident' or 'service_request'")
    parsed = parse_ticket_key(row["ticket_key"])
    if parsed is None or parsed[0] is not kind:
        raise RowError(f"{row['ticket_key']!r} is not a key of a {kind.value}")
    severity, code = None, None
    if kind is Kind.INCIDENT:
        text = row["severity"].strip()
        if not text.isdigit() or int(text) not in LEVELS:
            raise RowError(f"severity {text!r} is not 1, 2, 3 or 4")
        severity = int(text)
    else:
        found = BY_NAME.get(row["request_type"].strip())
        if found is None:
            raise RowError(
                f"request type {row['request_type']!r} is not in the catalogue"
            )
        code = found.code
    title = row["title"].strip()
    if not title or len(title) > 200:
        raise RowError("the title must have 1 to 200 characters")
    return ImportedTicket(
        line=line,
        key=ticket_key(kind, parsed[1]),
        kind=kind,
        number=parsed[1],
        org_code=row["org_code"].strip(),
        severity=severity,
        request_code=code,
        title=title,
        created_at=instant(row["created_at"]),
        reporter=row["reporter"].strip(),
    )


def change_row(line: int, row: dict[str, str]) -> ImportedChange:
    """One line of the status changes file, checked on its own."""
    public = row["public"].strip().lower()
    if public not in ("true", "false"):
        raise RowError(f"public {row['public']!r} is not 'true' or 'false'")
    return ImportedChange(
        line=line,
        key=row["ticket_key"].strip().upper(),
        changed_at=instant(row["changed_at"]),
        to_status=row["to_status"].strip(),
        public=public == "true",
    )


def check_change(
    change: ImportedChange, ticket: ImportedTicket, *, previous: datetime
) -> None:
    """Refuse a change of an unknown status or one that goes back in time."""
    if change.to_status not in statuses(ticket.kind):
        raise RowError(f"{change.to_status!r} is not a status of a {ticket.kind.value}")
    if change.changed_at < previous:
        raise RowError(
            f"{change.changed_at.isoformat()} goes back in time for {ticket.key}"
        )
