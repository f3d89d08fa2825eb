"""Files attached to tickets: checked, then stored with the change that adds them."""

import hashlib
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from dashboard.kernel.changes import Change
from dashboard.kernel.i18n import _, formats
from dashboard.kernel.rules.errors import InvalidInput
from data_access import change_store

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 10
NAME_MAX = 255


@dataclass(frozen=True)
class Upload:
    """A file as the user sent it."""

    filename: str
    content_type: str
    data: bytes


def check(files: list[Upload]) -> None:
    """Refuse files that are too many, too large, empty or badly named."""
    if len(files) > MAX_FILES:
        raise InvalidInput(
            _("Attach at most {count} files at a time.").format(
                count=formats.number(MAX_FILES)
            )
        )
    for f in files:
        if not f.filename.strip() or len(f.filename) > NAME_MAX:
            raise InvalidInput(
                _("A file name must have 1 to {limit} characters.").format(
                    limit=formats.number(NAME_MAX)
                )
            )
        if len(f.data) > MAX_BYTES:
            raise InvalidInput(
                _("{name} is {size} MB; files are limited to {limit} MB each.").format(
                    name=f.filename,
                    size=formats.number(len(f.data) / 1_048_576, digits=1),
                    limit=formats.number(MAX_BYTES // 1_048_576),
                )
            )
        if not f.data:
            raise InvalidInput(_("{name} is empty.").format(name=f.filename))


def store(
    conn: sa.Connection,
    change: Change,
    *,
    ticket_id: int,
    files: list[Upload],
    now: datetime,
) -> None:
    """Store the files on a ticket and record each in the change's history."""
    for f in files:
        change_store.add_attachment(
            conn,
            ticket_id,
            filename=f.filename.strip(),
            content_type=f.content_type or "application/octet-stream",
            content=f.data,
            sha256=hashlib.sha256(f.data).hexdigest(),
            by=change.actor.user_id,
            now=now,
        )
        change.record("attachment", new_value=f.filename.strip())
