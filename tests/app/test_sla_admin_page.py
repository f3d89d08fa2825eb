from pathlib import Path

from dashboard.analytics.analytics_reading import compliance_target
from dashboard.sla import sla_admin
from tests.factories import T0, World, actor

TARGET_COLUMNS = ("first_response_minutes", "update_minutes", "resolution_minutes")


def test_an_sme_manager_sees_the_policy_versions_and_their_targets(app) -> None:
    at = app("sme.manager1", page="sla_admin")
    assert not at.exception
    assert at.title[0].value == "Service levels"
    versions = at.dataframe[0].value
    assert list(versions["Version"]) == [1]
    assert [s.value for s in at.header][:2] == [
        "Policy versions",
        "Targets of version 1",
    ]


def test_a_manager_adds_a_closure_day_and_sees_it_listed(app) -> None:
    from datetime import date

    at = app("sme.manager1", page="sla_admin")
    at.date_input[0].set_value(date(2026, 12, 24))
    reason = next(t for t in at.text_input if t.label == "Reason")
    reason.input("Christmas Eve: desk closed")
    next(b for b in at.button if b.label == "Add closure day").click().run()
    assert not at.exception
    assert "Closure day added" in at.success[0].value
    assert any("2026-12-24 · Christmas Eve: desk closed" in t.value for t in at.text)


def test_a_new_version_needs_a_note(app) -> None:
    at = app("sme.manager1", page="sla_admin")
    next(b for b in at.button if b.label == "Save as version 2").click().run()
    assert "Say what changes and why" in at.error[0].value


def test_the_service_levels_page_is_not_offered_to_agents_or_ldc_users(app) -> None:
    for username in ("sme.agent1", "alpha.manager"):
        at = app(username, page="sla_admin")
        assert at.title[0].value != "Service levels"


def _targets(at) -> dict[str, dict[str, object]]:
    editor = at.dataframe[1].value
    return {row["row"]: row for row in editor.to_dict("records")}


def test_targets_read_in_hours_and_business_days_not_minutes(app) -> None:
    at = app("sme.manager1", page="sla_admin")
    sev1, sev3 = (
        _targets(at)["Incident, severity 1"],
        _targets(at)["Incident, severity 3"],
    )
    assert [sev1[c] for c in TARGET_COLUMNS] == ["30 min", "1 h", "4 h"]
    assert [sev3[c] for c in TARGET_COLUMNS] == [
        "4 business hours",
        "2 business days",
        "5 business days",
    ]
    assert _targets(at)["MDM/R GUI Password Reset"]["resolution_minutes"] == (
        "1 business day"
    )


def test_saving_the_targets_as_shown_keeps_their_minutes(app, world: World) -> None:
    at = app("sme.manager1", page="sla_admin")
    next(t for t in at.text_input if t.label == "What changes, and why").input(
        "Same targets, new note"
    )
    next(b for b in at.button if b.label == "Save as version 2").click().run()
    assert not at.exception
    assert "Version 2 saved" in at.success[0].value
    manager = actor(world, "sme.manager1")
    first, second = reversed(sla_admin.versions(world.engine, manager))
    assert _minutes(world, first["id"]) == _minutes(world, second["id"])


def _minutes(world: World, policy_id: int) -> list[tuple]:
    rows = sla_admin.targets_of(
        world.engine, actor(world, "sme.manager1"), policy_id=policy_id
    )
    return sorted(
        (r["target_key"], *(r[c] for c in TARGET_COLUMNS), r["compliance_target"])
        for r in rows
    )


def test_the_compliance_target_is_the_policys_as_the_analytics_use_it(
    app, world: World
) -> None:
    at = app("sme.manager1", page="sla_admin")
    shown = {row["compliance_target"] for row in _targets(at).values()}
    assert shown == {0.95}
    assert compliance_target(world.engine, now=T0) == 0.95


def test_the_page_names_no_server_path_nor_internal_document(app, world: World) -> None:
    at = app("sme.manager1", page="sla_admin")
    next(b for b in at.button if b.label == "Export now").click().run()
    at.expander[0].open = True  # the administration history names the export
    words = [c.value for c in at.caption] + [str(t.value) for t in at.text]
    words += list(at.dataframe[0].value["Note"])
    store_folder = str(Path(str(world.engine.url.database)).parent)
    assert any("reporting export" in w for w in words)
    assert not [w for w in words if store_folder in w or "DESIGN" in w]
