def test_a_manager_sees_every_administration_tab(app) -> None:
    at = app("sme.manager1", page="admin")
    assert not at.exception
    assert [t.label for t in at.tabs] == [
        "Organizations",
        "Categories",
        "Releases",
        "Severity definitions",
        "Auto-close",
    ]
    assert "ORG0001" in list(at.dataframe[0].value["ORG ID"])


def test_only_the_open_tab_is_drawn_and_the_address_names_it(app) -> None:
    at = app("sme.manager1", page="admin", tab="Releases")
    assert not at.exception
    assert [b.label for b in at.button if b.label == "Add release"] == ["Add release"]
    # The organizations' table and forms belong to a closed tab: not drawn.
    assert not at.dataframe
    assert "Register" not in [b.label for b in at.button]


def test_a_manager_registers_an_ldc_from_the_page(app) -> None:
    at = app("sme.manager1", page="admin")
    next(t for t in at.text_input if t.label == "ORG ID").input("ORG1234")
    next(t for t in at.text_input if t.label == "Legal name ").input("Delta Power Inc.")
    next(t for t in at.text_input if t.label == "Short name ").input("Delta Power")
    next(b for b in at.button if b.label == "Register").click().run()
    assert not at.exception
    assert at.success[0].value == "ORG1234 registered."
    assert "ORG1234" in list(at.dataframe[0].value["ORG ID"])


def test_a_manager_changes_the_auto_close_days_on_the_page(app) -> None:
    at = app("sme.manager1", page="admin", tab="Auto-close")
    at.number_input[0].set_value(7)
    next(
        b for b in at.button if b.label == "Save" and "autoclose" in str(b.form_id)
    ).click().run()
    assert at.success[0].value == "Auto-close saved."


def test_administration_is_not_offered_to_an_agent(app) -> None:
    at = app("sme.agent1", page="admin")
    assert at.title[0].value != "Administration"
