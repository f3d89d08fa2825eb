"""Names of organizations, people, groups and releases, for pickers and headings."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from dashboard.kernel.i18n import N_, _, is_french
from dashboard.kernel.rules.workflow import DONE_STATUSES, Kind
from data_access import people_store, reference_store
from data_access.engine import read

# The role of each person who works tickets, as the staff picker names it.
_STAFF_LABELS = {
    "sme_agent": N_("SME desk"),
    "critical_incident_manager": N_("CIM"),
    "osp_engineer": N_("OSP"),
}


def in_reader_language(english: str, french: str | None = None) -> str:
    """A name of the reference data in the reader's language: in French, the French
    stored beside it, else the catalogue's French of the English; in English, as is."""
    if not is_french():
        return english
    return french or _(english)


def organization_names(engine: sa.Engine) -> dict[int, str]:
    """Every organization's short name by id, LDCs first in name order."""
    with read(engine) as conn:
        orgs = reference_store.list_organizations(conn)
    orgs.sort(key=lambda o: (o["kind"] != "ldc", o["short_name"]))
    return {int(o["id"]): str(o["short_name"]) for o in orgs}


def ldc_names(engine: sa.Engine) -> dict[int, str]:
    """The LDCs' short names by id, in name order."""
    with read(engine) as conn:
        orgs = reference_store.list_organizations(conn, kind="ldc")
    return {
        int(o["id"]): str(o["short_name"])
        for o in sorted(orgs, key=lambda o: o["short_name"])
    }


def org_people(engine: sa.Engine, org_id: int) -> dict[int, str]:
    """The active users of an organization by id (for LDC contact pickers)."""
    with read(engine) as conn:
        return {
            int(p["id"]): str(p["display_name"])
            for p in people_store.org_users(conn, org_id)
        }


def staff(engine: sa.Engine) -> dict[int, str]:
    """People who work tickets, by id, with their role in brackets."""
    with read(engine) as conn:
        rows = people_store.staff(conn)
    return {int(p["id"]): _staff_name(p) for p in rows}


def _staff_name(person: dict[str, Any]) -> str:
    role = _STAFF_LABELS[person["role"]]
    return _("{name} ({role})").format(name=person["display_name"], role=_(role))


def groups(engine: sa.Engine) -> dict[str, str]:
    """Support group names by code, in the reader's language."""
    with read(engine) as conn:
        return {
            str(g["code"]): in_reader_language(str(g["name"]))
            for g in people_store.groups(conn)
        }


def group_ids(engine: sa.Engine) -> dict[int, str]:
    """Support group names by id, in the reader's language."""
    with read(engine) as conn:
        return {
            int(g["id"]): in_reader_language(str(g["name"]))
            for g in people_store.groups(conn)
        }


def releases(engine: sa.Engine) -> dict[int, str]:
    """MDM/R releases by id, newest first."""
    with read(engine) as conn:
        return {
            int(r["id"]): str(r["name"]) for r in reference_store.list_releases(conn)
        }


def release_in_production(engine: sa.Engine, *, now: datetime) -> int | None:
    """The release running in production: the newest one deployed by `now`."""
    with read(engine) as conn:
        deployed = [
            int(r["id"])
            for r in reference_store.list_releases(conn)
            if r["deployed_at"] <= now
        ]
    return deployed[0] if deployed else None


def categories(engine: sa.Engine) -> dict[str, str]:
    """Active categories' names by code, in display order, in the reader's language."""
    with read(engine) as conn:
        rows = reference_store.category_names(conn)
    return {
        str(r["code"]): in_reader_language(str(r["name"]), r["name_fr"]) for r in rows
    }


def severity_names(engine: sa.Engine, dimension: str) -> dict[int, str]:
    """The names of an impact's or urgency's levels (dimension 'impact' or
    'urgency'), by level, in the reader's language: {1: 'Extensive', ...}."""
    with read(engine) as conn:
        rows = reference_store.severity_levels(conn, dimension)
    return {
        int(r["level"]): in_reader_language(str(r["name"]), r["name_fr"]) for r in rows
    }


def severity_labels(engine: sa.Engine, dimension: str) -> dict[int, str]:
    """Each level as a picker shows it, '2 Significant', in the reader's language."""
    return {
        level: f"{level} {name}"
        for level, name in severity_names(engine, dimension).items()
    }


def severity_meanings(engine: sa.Engine, dimension: str) -> dict[int, str]:
    """What each level of an impact or urgency means, by level, in the reader's
    language."""
    with read(engine) as conn:
        rows = reference_store.severity_levels(conn, dimension)
    return {
        int(r["level"]): in_reader_language(str(r["meaning"]), r["meaning_fr"])
        for r in rows
    }


def open_problems(engine: sa.Engine) -> dict[str, str]:
    """Open problems' titles by key, newest first."""
    with read(engine) as conn:
        rows: list[dict[str, Any]] = reference_store.open_problems(
            conn, done=tuple(DONE_STATUSES[Kind.PROBLEM])
        )
    return {str(r["ticket_key"]): str(r["title"]) for r in rows}
