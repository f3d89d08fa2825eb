"""Administration by SME managers: organizations, categories, releases, severity
definitions and auto-close days; every change audited with who made it."""

import re
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from dashboard.incidents.incident_jobs import auto_close_days
from dashboard.kernel.changes import Save
from dashboard.kernel.i18n import N_, _, formats
from dashboard.kernel.rules.authorization import Action, Actor, require
from dashboard.kernel.rules.errors import InvalidInput
from data_access import admin_store, people_store, reference_store
from data_access.engine import read
from data_access.sla_admin_store import audit

ORG_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{2,15}$")
CATEGORY_CODE = re.compile(r"^[a-z][a-z0-9_]{1,31}$")
# Stored as they are; shown translated (`format_func=_`).
SIZE_CLASSES = (N_("large"), N_("medium"), N_("small"))
AUTO_CLOSE_RANGE = range(1, 31)
# The longest names and meanings the store holds (the French as the English).
CATEGORY_NAME_MAX = 80
SEVERITY_NAME_MAX = 40
SEVERITY_MEANING_MAX = 500
RELEASE_NOTES_MAX = 2000


def _text(value: str, *, limit: int, refusal: str) -> str:
    """A required text, trimmed; the refusal (marked, with {limit}) when empty or
    too long."""
    value = value.strip()
    if not value or len(value) > limit:
        raise InvalidInput(_(refusal).format(limit=formats.number(limit)))
    return value


def _french(value: str, *, limit: int, refusal: str) -> str | None:
    """A French text, trimmed; None when empty (the catalogue's French is read)."""
    value = value.strip()
    if len(value) > limit:
        raise InvalidInput(_(refusal).format(limit=formats.number(limit)))
    return value or None


def _write(
    engine: sa.Engine,
    actor: Actor,
    *,
    action: str,
    subject: str,
    detail: str,
    now: datetime,
    work: Any,
) -> None:
    require(actor, Action.ADMINISTER)
    with Save(engine) as uow:
        work(uow.conn)
        audit(
            uow.conn,
            actor_id=actor.user_id,
            action=action,
            subject=subject,
            detail=detail,
            now=now,
        )
        uow.commit()


def organizations(engine: sa.Engine, actor: Actor) -> list[dict[str, Any]]:
    """Every organization, LDCs first."""
    require(actor, Action.ADMINISTER)
    with read(engine) as conn:
        found = reference_store.list_organizations(conn)
    return sorted(found, key=lambda o: (o["kind"] != "ldc", o["name"]))


def add_ldc(
    engine: sa.Engine,
    actor: Actor,
    *,
    org_code: str,
    name: str,
    short_name: str,
    size_class: str,
    now: datetime,
) -> None:
    """Register a new LDC with its ORG ID."""
    code = org_code.strip().upper()
    if not ORG_CODE.match(code):
        raise InvalidInput(
            _("An ORG ID has 3 to 16 capital letters, digits or dashes.")
        )
    name, short = _names(name, short_name)
    if size_class not in SIZE_CLASSES:
        raise InvalidInput(_("Choose a size class: large, medium or small."))

    def work(conn: sa.Connection) -> None:
        if admin_store.org_code_taken(conn, code):
            raise InvalidInput(
                _("The ORG ID {code} is already registered.").format(code=code)
            )
        reference_store.add_organization(
            conn,
            org_code=code,
            name=name,
            short_name=short,
            kind="ldc",
            size_class=size_class,
            now=now,
        )

    _write(
        engine,
        actor,
        action="organization_added",
        subject=f"{code} {short}",
        detail=name,
        now=now,
        work=work,
    )


def update_ldc(
    engine: sa.Engine,
    actor: Actor,
    *,
    org_id: int,
    name: str,
    short_name: str,
    active: bool,
    main_contact_id: int | None,
    backup_contact_id: int | None,
    now: datetime,
) -> None:
    """Change an LDC's names, status and named contacts (users of that LDC)."""
    name, short = _names(name, short_name)
    if main_contact_id and main_contact_id == backup_contact_id:
        raise InvalidInput(_("The back-up contact must differ from the main contact."))

    def work(conn: sa.Connection) -> None:
        members = people_store.ldc_user_ids(conn, org_id)
        for contact in (main_contact_id, backup_contact_id):
            if contact is not None and contact not in members:
                raise InvalidInput(_("Contacts must be active users of that LDC."))
        admin_store.update_organization(
            conn,
            org_id,
            values={
                "name": name,
                "short_name": short,
                "active": active,
                "main_contact_id": main_contact_id,
                "backup_contact_id": backup_contact_id,
            },
        )

    _write(
        engine,
        actor,
        action="organization_changed",
        subject=short,
        detail=f"{name}; {'active' if active else 'inactive'}",
        now=now,
        work=work,
    )


def _names(name: str, short_name: str) -> tuple[str, str]:
    """An LDC's legal and short names, checked."""
    return (
        _text(
            name,
            limit=200,
            refusal=N_("The legal name must have 1 to {limit} characters."),
        ),
        _text(
            short_name,
            limit=60,
            refusal=N_("The short name must have 1 to {limit} characters."),
        ),
    )


def _category_names(name: str, name_fr: str) -> tuple[str, str | None]:
    """A category's English name, and its French one (None: the catalogue's)."""
    return (
        _text(
            name,
            limit=CATEGORY_NAME_MAX,
            refusal=N_("The category name must have 1 to {limit} characters."),
        ),
        _french(
            name_fr,
            limit=CATEGORY_NAME_MAX,
            refusal=N_("The French category name is limited to {limit} characters."),
        ),
    )


def _in_french(detail: str, **french: str | None) -> str:
    """An audit's detail, with the French given (none: the catalogue's French)."""
    given = [f"French {k}: {v}" for k, v in french.items() if v]
    return "; ".join([detail, *given])


def categories(engine: sa.Engine, actor: Actor) -> list[dict[str, Any]]:
    """Every category, in use or not, with its French name (None: the catalogue's)."""
    require(actor, Action.ADMINISTER)
    with read(engine) as conn:
        return admin_store.all_categories(conn)


def add_category(
    engine: sa.Engine,
    actor: Actor,
    *,
    code: str,
    name: str,
    now: datetime,
    name_fr: str = "",
) -> None:
    """Add an incident category (an empty French name: the catalogue's French)."""
    code = code.strip().lower()
    if not CATEGORY_CODE.match(code):
        raise InvalidInput(
            _("A category code has 2 to 32 lower-case letters, digits or underscores.")
        )
    name, french = _category_names(name, name_fr)

    def work(conn: sa.Connection) -> None:
        if code in {c["code"] for c in admin_store.all_categories(conn)}:
            raise InvalidInput(
                _("The category {code} exists already.").format(code=code)
            )
        admin_store.add_category(conn, code=code, name=name, name_fr=french)

    _write(
        engine,
        actor,
        action="category_added",
        subject=code,
        detail=_in_french(name, name=french),
        now=now,
        work=work,
    )


def update_category(
    engine: sa.Engine,
    actor: Actor,
    *,
    code: str,
    name: str,
    active: bool,
    now: datetime,
    name_fr: str = "",
) -> None:
    """Rename a category, in English and French (empty: the catalogue's French of
    the English), or take it out of use (existing tickets keep it)."""
    name, french = _category_names(name, name_fr)
    _write(
        engine,
        actor,
        action="category_changed",
        subject=code,
        detail=_in_french(
            f"{name}; {'in use' if active else 'out of use'}", name=french
        ),
        now=now,
        work=lambda conn: admin_store.update_category(
            conn, code, name=name, active=active, name_fr=french
        ),
    )


def add_release(
    engine: sa.Engine,
    actor: Actor,
    *,
    name: str,
    deployed_at: datetime,
    notes: str,
    now: datetime,
) -> None:
    """Record an MDM/R release (for incident reports and release-impact analysis)."""
    name = _text(
        name,
        limit=60,
        refusal=N_("The release name must have 1 to {limit} characters."),
    )
    if len(notes) > RELEASE_NOTES_MAX:
        raise InvalidInput(
            _("Release notes are limited to {limit} characters.").format(
                limit=formats.number(RELEASE_NOTES_MAX)
            )
        )

    def work(conn: sa.Connection) -> None:
        if admin_store.release_name_taken(conn, name):
            raise InvalidInput(
                _("The release {name} exists already.").format(name=name)
            )
        admin_store.add_release(
            conn, name=name, deployed_at=deployed_at, notes=notes.strip()
        )

    _write(
        engine,
        actor,
        action="release_added",
        subject=name,
        detail=f"deployed {deployed_at:%Y-%m-%d %H:%M} UTC",
        now=now,
        work=work,
    )


def severity_definitions(engine: sa.Engine, actor: Actor) -> list[dict[str, Any]]:
    """The impact and urgency definitions, with their French (None: the
    catalogue's)."""
    require(actor, Action.ADMINISTER)
    with read(engine) as conn:
        return admin_store.severity_definitions_all(conn)


def update_severity_definition(
    engine: sa.Engine,
    actor: Actor,
    *,
    dimension: str,
    level: int,
    name: str,
    meaning: str,
    now: datetime,
    name_fr: str = "",
    meaning_fr: str = "",
) -> None:
    """Reword an impact or urgency level, in English and French (empty: the
    catalogue's French of the English); the matrix itself does not change."""
    if dimension not in ("impact", "urgency") or level not in (1, 2, 3, 4):
        raise InvalidInput(_("There is no such impact or urgency level."))
    name = _text(
        name,
        limit=SEVERITY_NAME_MAX,
        refusal=N_("The name must have 1 to {limit} characters."),
    )
    meaning = _text(
        meaning,
        limit=SEVERITY_MEANING_MAX,
        refusal=N_("The meaning must have 1 to {limit} characters."),
    )
    french_name = _french(
        name_fr,
        limit=SEVERITY_NAME_MAX,
        refusal=N_("The French name is limited to {limit} characters."),
    )
    french_meaning = _french(
        meaning_fr,
        limit=SEVERITY_MEANING_MAX,
        refusal=N_("The French meaning is limited to {limit} characters."),
    )
    _write(
        engine,
        actor,
        action="severity_definition_changed",
        subject=f"{dimension} {level}",
        detail=_in_french(
            f"{name}: {meaning}", name=french_name, meaning=french_meaning
        ),
        now=now,
        work=lambda conn: admin_store.update_severity_definition(
            conn,
            dimension,
            level=level,
            name=name,
            meaning=meaning,
            name_fr=french_name,
            meaning_fr=french_meaning,
            by=actor.user_id,
            now=now,
        ),
    )


def auto_close(engine: sa.Engine, actor: Actor) -> int:
    """Business days a resolved incident waits for its reporter's confirmation."""
    require(actor, Action.ADMINISTER)
    with read(engine) as conn:
        return auto_close_days(conn)


def set_auto_close(
    engine: sa.Engine, actor: Actor, *, days: int, now: datetime
) -> None:
    """Change how many business days a resolved incident waits before closing."""
    if days not in AUTO_CLOSE_RANGE:
        raise InvalidInput(_("Auto-close waits 1 to 30 business days."))
    _write(
        engine,
        actor,
        action="auto_close_changed",
        subject="auto_close_business_days",
        detail=str(days),
        now=now,
        work=lambda conn: reference_store.set_setting(
            conn,
            "auto_close_business_days",
            value=str(days),
            by=actor.user_id,
            now=now,
        ),
    )
