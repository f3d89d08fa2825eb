"""The incidents' screens and notices read in French for a person who chose French:
the report form with its live severity, the triage queue and its bulk bar, and the
notices each recipient gets in their own language."""

from datetime import timedelta

import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from dashboard.incidents import incident_work
from dashboard.incidents.incident_rules import Step
from dashboard.kernel import reading
from dashboard.kernel.i18n import FRENCH, using
from data_access import user_store
from data_access.engine import UnitOfWork
from data_access.schema import notifications, severity_definitions
from tests.app.grids import tick
from tests.factories import T0, World, actor

LATER = T0 + timedelta(hours=2)


def speaks_french(world: World, username: str) -> None:
    user_id = world.users[username]
    with UnitOfWork(world.engine) as uow:
        user_store.set_language(uow.conn, user_id, language=FRENCH, by=user_id, now=T0)
        uow.commit()


def _click(at: AppTest, label: str) -> AppTest:
    return next(b for b in at.button if b.label == label).click().run()


def test_the_report_form_reads_french_with_its_severity_live(app, world: World) -> None:
    speaks_french(world, "alpha.user1")
    at = app("alpha.user1", page="report")
    assert not at.exception
    assert at.title[0].value == "Signaler un incident"
    assert [t.label for t in at.text_input] == ["Titre"]
    assert [t.label for t in at.text_area] == ["Description"]
    assert {
        "Catégorie",
        "Environnement",
        "Version du MDM/R",
        "Impact",
        "Urgence",
        "Personne-ressource de la SDL pour les mises à jour",
        "Personne-ressource substitut",
    } <= {s.label for s in at.selectbox}
    assert (at.metric[0].label, at.metric[0].value) == ("Gravité", "Gravité 3")
    with using(FRENCH):  # the test's thread formats the options as the app shows them
        at.selectbox(key="report_impact").set_value(1).run()
        assert at.metric[0].value == "Gravité 2"
        assert any(
            "gestionnaires des incidents critiques" in c.value for c in at.caption
        )
        at.button(key="report_submit").click().run()
    assert at.button(key="report_submit").label == "Soumettre l'incident"
    assert "Choisissez une catégorie." in at.error[0].value


def test_the_triage_queue_and_its_bulk_bar_read_french(app, world: World) -> None:
    speaks_french(world, "sme.agent1")
    keys = [world.tickets["alpha-inc"], world.tickets["beta-inc"]]
    at = app("sme.agent1", page="queue")
    assert not at.exception
    assert at.title[0].value == "File de triage"
    # AppTest calls the widgets' format_func in the test's own thread, which must
    # read French too to find the options it shows (the app's run reads the user's).
    with using(FRENCH):
        tick(at, *keys)
        assert any("2 incidents sélectionnés" in str(m.value) for m in at.markdown)
        assert [t.label for t in at.tabs][-3:] == ["Assigner", "Reclassifier", "Fermer"]
        assert {
            "Assigner la sélection…",
            "Reclassifier la sélection…",
            "Annuler la sélection…",
        } <= {b.label for b in at.button}
        at.text_input(key="queue_b_close_reason").input("Doublons de la panne")
        _click(at, "Annuler la sélection…")
        assert any("Annuler 2 incidents?" in str(m.value) for m in at.markdown)
        _click(at, "Oui, les modifier tous")
    assert not at.exception
    assert "2 incidents modifiés." in [s.value for s in at.success]


def _notices(world: World, username: str) -> list[tuple[str, str]]:
    with world.engine.connect() as conn:
        rows = conn.execute(
            sa.select(notifications.c.subject, notifications.c.body)
            .where(notifications.c.recipient_id == world.users[username])
            .order_by(notifications.c.id)
        )
        return [(r.subject, r.body) for r in rows]


def test_an_incident_notice_reads_french_for_a_french_ldc_user(world: World) -> None:
    speaks_french(world, "alpha.user1")
    agent, key = actor(world, "sme.agent1"), world.tickets["alpha-inc"]
    title = "Alpha billing quantities missing"

    def version() -> int:
        return int(reading.get_ticket(world.engine, agent, key=key)["version"])

    incident_work.reclassify(
        world.engine,
        agent,
        key=key,
        version=version(),
        impact=4,
        urgency=4,
        reason="Un seul SDP touché",
        now=LATER,
    )
    incident_work.change_status(
        world.engine, agent, key=key, version=version(), step=Step.START, now=LATER
    )
    incident_work.change_status(
        world.engine,
        agent,
        key=key,
        version=version(),
        step=Step.AWAIT_LDC,
        reason="Send the AS2 logs",
        now=LATER,
    )
    french = _notices(world, "alpha.user1")
    assert french[0][0] == f"[{key}] Gravité passée à 4 : {title}"
    assert "Motif : Un seul SDP touché" in french[0][1]
    assert french[-1][0] == f"[{key}] Statut passé à En attente de la SDL : {title}"
    assert "Statut passé à En attente de la SDL." in french[-1][1]
    assert "Send the AS2 logs" in french[-1][1]
    # The same change reads English for the LDC's manager, who chose no language.
    english = _notices(world, "alpha.manager")
    assert english[0][0] == f"[{key}] Severity changed to 4: {title}"
    assert english[-1][0] == f"[{key}] Status changed to Awaiting LDC: {title}"


def test_the_report_form_and_the_incident_show_the_smes_own_french_levels(
    app, world: World
) -> None:
    speaks_french(world, "alpha.user1")
    with UnitOfWork(world.engine) as uow:
        for level in (1, 2, 3, 4):
            uow.conn.execute(
                severity_definitions.update()
                .where(
                    severity_definitions.c.dimension == "impact",
                    severity_definitions.c.level == level,
                )
                .values(name_fr=f"Portée {level} de la SME", meaning_fr="Selon la SME.")
            )
        uow.commit()
    at = app("alpha.user1", page="report")
    with using(FRENCH):
        impact = at.selectbox(key="report_impact")
        assert impact.options[1] == "2 Portée 2 de la SME"
        assert "Selon la SME." in (impact.help or "")
    shown = app("alpha.user1", page="ticket", key=world.tickets["alpha-inc"])
    assert not shown.exception
    assert any("de la SME" in str(m.value) for m in shown.markdown)
