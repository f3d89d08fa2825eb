"""Importing past incidents and service requests with their status histories.

    servicedesk-import --db PATH --tickets FILE --status-changes FILE

All or nothing: every bad line is reported with its file, line and problem, and then
nothing is imported; a time later than the moment of the import is a bad line too.
Runs while the server is stopped (the store takes one process).
"""

import argparse
import csv
import sys
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import sqlalchemy as sa

from dashboard.admin.history_rows import (
    CHANGE_COLUMNS,
    TICKET_COLUMNS,
    ImportedChange,
    ImportedTicket,
    RowError,
    change_row,
    check_change,
    ticket_row,
)
from dashboard.incidents.incident_rules import route
from dashboard.kernel import changes, clocks
from dashboard.kernel.auth import actor_from_row
from dashboard.kernel.rules.catalogue import BY_CODE
from dashboard.kernel.rules.errors import DomainError
from dashboard.kernel.rules.reference import SYSTEM_USERNAME
from dashboard.kernel.rules.workflow import INITIAL_STATUS, Kind
from dashboard.kernel.store import STORE_HELP, prepare_store, shown
from data_access import history_store, sla_store
from data_access.engine import UnitOfWork, get_engine

Row = TypeVar("Row")
RESOLVED = {"Resolved", "Fulfilled"}
ENDED = {"Closed", "Cancelled", "Rejected"}


class ImportRefused(DomainError):
    """The files have problems; nothing was imported."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"Nothing was imported: {len(problems)} problem(s).")
        self.problems = problems


def _read(
    path: Path,
    columns: tuple[str, ...],
    *,
    parse: Callable[[int, dict[str, str]], Row],
    problems: list[str],
) -> list[Row]:
    rows: list[Row] = []
    try:
        handle = path.open(newline="", encoding="utf-8")
    except OSError as error:
        problems.append(f"{path}: cannot be read ({error.strerror})")
        return rows
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            problems.append(f"{path}, line 1: missing column(s) {', '.join(missing)}")
            return rows
        for row in reader:
            line = reader.line_num
            if None in row or any(v is None for v in row.values()):
                problems.append(f"{path}, line {line}: wrong number of fields")
                continue
            try:
                rows.append(parse(line, row))
            except RowError as error:
                problems.append(f"{path}, line {line}: {error}")
    return rows


def _after_now(what: str, at: datetime, *, now: datetime) -> str | None:
    """The problem of a time later than the import's now, if it is."""
    # No tolerance for clock skew: the clocks are computed at `now`, and a ticket's
    # clock cannot be read before the ticket exists.
    if at <= now:
        return None
    return f"{what} {at.isoformat()}, later than the import's now ({now.isoformat()})"


def check_files(
    conn: sa.Connection, tickets_file: Path, *, changes_file: Path, now: datetime
) -> tuple[list[ImportedTicket], dict[str, list[ImportedChange]]]:
    """Read and check both files against each other, the store and now, or refuse."""
    problems: list[str] = []
    tickets = _read(tickets_file, TICKET_COLUMNS, parse=ticket_row, problems=problems)
    status_changes = _read(
        changes_file, CHANGE_COLUMNS, parse=change_row, problems=problems
    )
    orgs, users = history_store.org_codes(conn), history_store.usernames(conn)
    taken = history_store.existing_keys(conn, [t.key for t in tickets])
    seen: set[str] = set()
    for t in tickets:
        where = f"{tickets_file}, line {t.line}"
        if t.key in seen or t.key in taken:
            problems.append(f"{where}: duplicate key {t.key}")
        seen.add(t.key)
        if t.org_code not in orgs:
            problems.append(f"{where}: unknown organization {t.org_code!r}")
        if t.reporter and t.reporter not in users:
            problems.append(f"{where}: unknown reporter {t.reporter!r}")
        if future := _after_now("created", t.created_at, now=now):
            problems.append(f"{where}: {future}")
    by_key = {t.key: t for t in tickets}
    grouped: dict[str, list[ImportedChange]] = defaultdict(list)
    for c in status_changes:
        ticket = by_key.get(c.key)
        if ticket is None:
            problems.append(
                f"{changes_file}, line {c.line}: no ticket {c.key} in {tickets_file}"
            )
            continue
        previous = (
            grouped[c.key][-1].changed_at if grouped[c.key] else ticket.created_at
        )
        try:
            check_change(c, ticket, previous=previous)
        except RowError as error:
            problems.append(f"{changes_file}, line {c.line}: {error}")
        if future := _after_now("changed", c.changed_at, now=now):
            problems.append(f"{changes_file}, line {c.line}: {future}")
        grouped[c.key].append(c)
    if problems:
        raise ImportRefused(problems)
    return tickets, grouped


def import_history(
    engine: sa.Engine, tickets_file: Path, *, changes_file: Path, now: datetime
) -> int:
    """Import both files in one transaction and compute the tickets' clocks at now."""
    with UnitOfWork(engine) as uow:
        conn = uow.conn
        tickets, status_changes = check_files(
            conn, tickets_file, changes_file=changes_file, now=now
        )
        system = history_store.user_row(conn, SYSTEM_USERNAME)
        policy_id = history_store.newest_policy_id(conn)
        imported = []
        for t in tickets:
            ticket_id = _insert(
                conn, t, status_changes=status_changes[t.key], policy_id=policy_id
            )
            _history(
                conn, t, steps=status_changes[t.key], ticket_id=ticket_id, system=system
            )
            clocks.recompute(conn, ticket_id, now=now)
            imported.append(ticket_id)
        # Breaches of the previous tool's past were dealt with there: no alerts.
        sla_store.mark_alerted_as_stored(conn, now=now, ticket_ids=imported)
        history_store.advance_numbers(
            conn,
            {
                kind: max((t.number for t in tickets if t.kind is kind), default=0)
                for kind in Kind
            },
        )
        uow.commit()
    return len(tickets)


def _insert(
    conn: sa.Connection,
    t: ImportedTicket,
    *,
    status_changes: list[ImportedChange],
    policy_id: int,
) -> int:
    status = status_changes[-1].to_status if status_changes else INITIAL_STATUS[t.kind]
    resolved_at = closed_at = None
    for c in status_changes:
        if c.to_status in RESOLVED:
            resolved_at = c.changed_at
        elif c.to_status in ("In progress", "In fulfilment"):
            resolved_at = None
        if c.to_status in ENDED:
            closed_at = c.changed_at
    group = route(t.severity) if t.severity else BY_CODE[t.request_code or ""].group
    reporter = history_store.reporter_id(conn, t.reporter, org_code=t.org_code)
    last = status_changes[-1].changed_at if status_changes else t.created_at
    row = history_store.ImportedRow(
        kind=t.kind.value,
        number=t.number,
        key=t.key,
        title=t.title,
        status=status,
        org_code=t.org_code,
        reporter_id=reporter,
        group_code=group,
        severity=t.severity,
        request_type=t.request_code,
        policy_id=policy_id,
        created_at=t.created_at.astimezone(UTC),
        updated_at=last.astimezone(UTC),
        resolved_at=resolved_at.astimezone(UTC) if resolved_at else None,
        closed_at=closed_at.astimezone(UTC) if closed_at and status in ENDED else None,
    )
    return history_store.insert_ticket(conn, row)


def _history(
    conn: sa.Connection,
    t: ImportedTicket,
    *,
    steps: list[ImportedChange],
    ticket_id: int,
    system: dict[str, object],
) -> None:
    reporter = history_store.reporter_id(conn, t.reporter, org_code=t.org_code)
    created = changes.Change(
        actor=actor_from_row(history_store.user_row_by_id(conn, reporter)),
        now=t.created_at.astimezone(UTC),
    )
    created.record(
        "created",
        new_value=INITIAL_STATUS[t.kind],
        reason="Imported from the previous desk.",
    )
    changes.write_history(conn, created, ticket_id=ticket_id)
    actor, previous = actor_from_row(system), INITIAL_STATUS[t.kind]
    for c in steps:
        change = changes.Change(actor=actor, now=c.changed_at.astimezone(UTC))
        change.record(
            "status_changed",
            field="status",
            old_value=previous,
            new_value=c.to_status,
            is_internal=not c.public,
        )
        changes.write_history(conn, change, ticket_id=ticket_id)
        previous = c.to_status


def main(argv: list[str] | None = None) -> int:
    """The command line."""
    parser = argparse.ArgumentParser(
        prog="servicedesk-import", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--db", required=True, help=STORE_HELP)
    parser.add_argument("--tickets", type=Path, required=True)
    parser.add_argument("--status-changes", type=Path, required=True)
    args = parser.parse_args(argv)
    engine = get_engine(args.db)
    now = datetime.now(UTC)
    prepare_store(engine, now=now)
    try:
        count = import_history(
            engine, args.tickets, changes_file=args.status_changes, now=now
        )
    except ImportRefused as refused:
        print(refused.message, file=sys.stderr)
        for problem in refused.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    print(f"imported {count:,} tickets and their histories into {shown(args.db)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
