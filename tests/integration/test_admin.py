from datetime import UTC, datetime, timedelta

import pytest

from dashboard.admin import reference_admin
from dashboard.kernel import auth
from dashboard.kernel.directory import categories, releases
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.errors import InvalidInput, NotAllowed
from dashboard.sla import sla_admin
from tests.factories import PASSWORD, T0, World

LATER = T0 + timedelta(hours=1)


def manager(world: World) -> Actor:
    return auth.sign_in(
        world.engine, username="sme.manager1", password=PASSWORD, now=T0
    ).actor


def last_audit(world: World) -> tuple[str, str]:
    entry = sla_admin.audit_trail(world.engine, manager(world))[0]
    return entry["action"], entry["actor_name"]


def test_a_new_ldc_is_registered_with_its_org_id_and_audited(world: World) -> None:
    reference_admin.add_ldc(
        world.engine,
        manager(world),
        org_code="org1099",
        name="Gamma Distribution Inc.",
        short_name="Gamma",
        size_class="small",
        now=LATER,
    )
    codes = {
        o["org_code"]
        for o in reference_admin.organizations(world.engine, manager(world))
    }
    assert "ORG1099" in codes
    assert last_audit(world) == ("organization_added", "Sme Manager1")


def test_an_org_id_already_registered_is_refused(world: World) -> None:
    with pytest.raises(InvalidInput, match="ORG0001 is already registered"):
        reference_admin.add_ldc(
            world.engine,
            manager(world),
            org_code="ORG0001",
            name="Copy",
            short_name="Copy",
            size_class="small",
            now=LATER,
        )


def test_an_ldcs_contacts_must_be_its_own_users(world: World) -> None:
    with pytest.raises(InvalidInput, match="active users of that LDC"):
        reference_admin.update_ldc(
            world.engine,
            manager(world),
            org_id=world.orgs["Alpha Hydro"],
            name="Alpha Hydro",
            short_name="Alpha Hydro",
            active=True,
            main_contact_id=world.users["beta.user1"],
            backup_contact_id=None,
            now=LATER,
        )
    reference_admin.update_ldc(
        world.engine,
        manager(world),
        org_id=world.orgs["Alpha Hydro"],
        name="Alpha Hydro Inc.",
        short_name="Alpha Hydro",
        active=True,
        main_contact_id=world.users["alpha.manager"],
        backup_contact_id=world.users["alpha.user1"],
        now=LATER,
    )
    alpha = next(
        o
        for o in reference_admin.organizations(world.engine, manager(world))
        if o["id"] == world.orgs["Alpha Hydro"]
    )
    assert (alpha["name"], alpha["main_contact_id"]) == (
        "Alpha Hydro Inc.",
        world.users["alpha.manager"],
    )


def test_a_category_added_is_offered_and_one_out_of_use_is_not(world: World) -> None:
    reference_admin.add_category(
        world.engine,
        manager(world),
        code="sandbox_access",
        name="Sandbox access",
        now=LATER,
    )
    reference_admin.update_category(
        world.engine, manager(world), code="vee", name="VEE", active=False, now=LATER
    )
    offered = categories(world.engine)
    assert "sandbox_access" in offered
    assert "vee" not in offered


def test_a_bad_category_code_is_refused(world: World) -> None:
    with pytest.raises(InvalidInput, match="category code"):
        reference_admin.add_category(
            world.engine, manager(world), code="Bad Code!", name="x", now=LATER
        )


def test_a_release_is_recorded_once(world: World) -> None:
    deployed = datetime(2026, 3, 7, 6, tzinfo=UTC)
    reference_admin.add_release(
        world.engine,
        manager(world),
        name="MDM/R 13.1",
        deployed_at=deployed,
        notes="",
        now=LATER,
    )
    assert "MDM/R 13.1" in releases(world.engine).values()
    with pytest.raises(InvalidInput, match="exists already"):
        reference_admin.add_release(
            world.engine,
            manager(world),
            name="MDM/R 13.1",
            deployed_at=deployed,
            notes="",
            now=LATER,
        )


def test_a_severity_definition_is_reworded_and_the_change_is_kept(world: World) -> None:
    reference_admin.update_severity_definition(
        world.engine,
        manager(world),
        dimension="impact",
        level=1,
        name="Extensive",
        meaning="Many LDCs cannot bill",
        now=LATER,
    )
    found = {
        (d["dimension"], d["level"]): d
        for d in reference_admin.severity_definitions(world.engine, manager(world))
    }
    assert (found[("impact", 1)]["meaning"], found[("impact", 1)]["updated_by"]) == (
        "Many LDCs cannot bill",
        world.users["sme.manager1"],
    )
    assert last_audit(world)[0] == "severity_definition_changed"


def test_auto_close_days_change_within_bounds(world: World) -> None:
    reference_admin.set_auto_close(world.engine, manager(world), days=5, now=LATER)
    assert reference_admin.auto_close(world.engine, manager(world)) == 5
    with pytest.raises(InvalidInput, match="1 to 30"):
        reference_admin.set_auto_close(world.engine, manager(world), days=0, now=LATER)


def test_only_sme_managers_administer(world: World) -> None:
    agent = auth.sign_in(
        world.engine, username="sme.agent1", password=PASSWORD, now=T0
    ).actor
    with pytest.raises(NotAllowed):
        reference_admin.add_category(
            world.engine, agent, code="x_y", name="X", now=LATER
        )


def test_a_french_category_name_and_meaning_are_saved_and_audited(
    world: World,
) -> None:
    reference_admin.update_category(
        world.engine,
        manager(world),
        code="vee",
        name="VEE",
        name_fr="VEE (validation, estimation, édition)",
        active=True,
        now=LATER,
    )
    category = next(
        c
        for c in reference_admin.categories(world.engine, manager(world))
        if c["code"] == "vee"
    )
    assert (category["name"], category["name_fr"]) == (
        "VEE",
        "VEE (validation, estimation, édition)",
    )
    reference_admin.update_severity_definition(
        world.engine,
        manager(world),
        dimension="impact",
        level=2,
        name="Significant",
        meaning="One LDC cannot bill",
        name_fr="",
        meaning_fr="  Une SDL ne peut pas facturer ",
        now=LATER,
    )
    found = next(
        d
        for d in reference_admin.severity_definitions(world.engine, manager(world))
        if (d["dimension"], d["level"]) == ("impact", 2)
    )
    # An empty French name is the catalogue's French of the English: none stored.
    assert (found["name_fr"], found["meaning_fr"], found["updated_by"]) == (
        None,
        "Une SDL ne peut pas facturer",
        world.users["sme.manager1"],
    )
    entry = sla_admin.audit_trail(world.engine, manager(world))[0]
    assert (entry["action"], entry["detail"]) == (
        "severity_definition_changed",
        "Significant: One LDC cannot bill; "
        "French meaning: Une SDL ne peut pas facturer",
    )
    with pytest.raises(InvalidInput, match="limited to 80 characters"):
        reference_admin.update_category(
            world.engine,
            manager(world),
            code="vee",
            name="VEE",
            name_fr="é" * 81,
            active=True,
            now=LATER,
        )
