"""The catalogue, a request's form and the administration's categories, in French."""

from datetime import date

from dashboard.kernel import auth
from dashboard.kernel.i18n import FRENCH, _, using
from tests.factories import PASSWORD, T0, World


def in_french(world: World, username: str) -> None:
    """The user chose French: their screens are in French."""
    actor = auth.sign_in(
        world.engine, username=username, password=PASSWORD, now=T0
    ).actor
    auth.set_language(world.engine, actor, choice=FRENCH, now=T0)


def test_the_catalogue_reads_in_french(app, world: World) -> None:
    in_french(world, "alpha.user1")
    at = app("alpha.user1", page="catalogue")
    assert not at.exception
    assert at.title[0].value == "Catalogue de services"
    assert any("**Cible :** 10 jours ouvrables" in m.value for m in at.markdown)
    assert any("**Qui peut demander :**" in m.value for m in at.markdown)
    with using(FRENCH):
        question = _("Submit a Question")
    assert f"Demander : {question}" in [p.label for p in at.get("page_link")]


def test_a_request_form_reads_and_refuses_in_french(app, world: World) -> None:
    in_french(world, "alpha.user1")
    at = app("alpha.user1", page="request_new", type="crossed_meter")
    assert not at.exception
    assert [t.label for t in at.text_input][:2] == [
        "Identifiant du premier SDP",
        "Identifiant du second SDP",
    ]
    assert [d.label for d in at.date_input] == [
        "Date à laquelle les compteurs ont été croisés"
    ]
    at.text_input(key="req_sdp_id_1").input("12AB")
    at.text_input(key="req_sdp_id_2").input("1234567890")
    at.text_input(key="req_meter_id_1").input("M1234567")
    at.text_input(key="req_meter_id_2").input("M7654321")
    at.date_input(key="req_effective_date").set_value(date(2026, 1, 5))
    at.button[0].click().run()
    assert any(
        "Le champ « Identifiant du premier SDP » doit compter de 6 à 20 chiffres."
        in e.value
        for e in at.error
    )


def test_the_categories_tab_edits_the_french_name_beside_the_english(
    app, world: World
) -> None:
    in_french(world, "sme.manager1")
    at = app("sme.manager1", page="admin", tab="Categories")
    assert not at.exception
    # Named in French; the address keeps the tab's English name.
    assert [t.label for t in at.tabs] == [
        "Organisations",
        "Catégories",
        "Versions",
        "Définitions de gravité",
        "Fermeture automatique",
    ]
    french = at.text_input(key="admin_cat_billing_quantities_fr")
    assert french.label == "Nom français de billing\\_quantities"
    assert french.value == ""
    with using(FRENCH):
        # Empty, it reads as the catalogue's French of the English name.
        assert french.placeholder == _("Billing quantities")
    french.input("Quantités à facturer")
    save = next(
        b
        for b in at.button
        if b.label == "Enregistrer" and "billing_quantities" in str(b.form_id)
    )
    save.click().run()
    assert not at.exception
    assert at.success[0].value == "Catégorie enregistrée."
    assert at.text_input(key="admin_cat_billing_quantities_fr").value == (
        "Quantités à facturer"
    )
