"""Names of organizations, people, groups and releases, for pickers and headings."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from dashboard.kernel.rules.workflow import DONE_STATUSES, Kind
from data_access import people_store, reference_store
from data_access.engine import read


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
    labels = {
        "sme_agent": "SME desk",
        "critical_incident_manager": "CIM",
        "osp_engineer": "OSP",
    }
    with read(engine) as conn:
        rows = people_store.staff(conn)
    return {int(p["id"]): f"{p['display_name']} ({labels[p['role']]})" for p in rows}


def groups(engine: sa.Engine) -> dict[str, str]:
    """Support group names by code."""
    with read(engine) as conn:
        return {str(g["code"]): str(g["name"]) for g in people_store.groups(conn)}


def group_ids(engine: sa.Engine) -> dict[int, str]:
    """Support group names by id."""
    with read(engine) as conn:
        return {int(g["id"]): str(g["name"]) for g in people_store.groups(conn)}


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
    """Active categories by code, in display order."""
    with read(engine) as conn:
        return dict(reference_store.list_categories(conn))


def open_problems(engine: sa.Engine) -> dict[str, str]:
    """Open problems' titles by key, newest first."""
    with read(engine) as conn:
        rows: list[dict[str, Any]] = reference_store.open_problems(
            conn, done=tuple(DONE_STATUSES[Kind.PROBLEM])
        )
    return {str(r["ticket_key"]): str(r["title"]) for r in rows}
