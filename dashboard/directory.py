"""Names of organizations, for filters and headings."""

import sqlalchemy as sa

from data_access import reference
from data_access.engine import read


def organization_names(engine: sa.Engine) -> dict[int, str]:
    """Every organization's short name by id, LDCs first in name order."""
    with read(engine) as conn:
        orgs = reference.list_organizations(conn)
    orgs.sort(key=lambda o: (o["kind"] != "ldc", o["short_name"]))
    return {int(o["id"]): str(o["short_name"]) for o in orgs}
