def test_an_sme_manager_sees_the_policy_versions_and_their_targets(app) -> None:
    at = app("sme.manager1", page="sla_admin")
    assert not at.exception
    assert at.title[0].value == "Service levels"
    versions = at.dataframe[0].value
    assert list(versions["Version"]) == [1]
    assert [s.value for s in at.subheader][:2] == [
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
