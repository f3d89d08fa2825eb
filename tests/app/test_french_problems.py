"""Problems in French: the list and a problem's page for a French session, and the
notices of a problem in each subscriber's own language."""

import sqlalchemy as sa

from data_access.schema import notifications, users
from tests.app.grids import grid_rows
from tests.factories import World
from tests.integration.test_problems import give_summary, save, subscribe

FRENCH = "fr_CA"


def speaks_french(world: World, username: str) -> None:
    with world.engine.begin() as conn:
        conn.execute(
            users.update()
            .where(users.c.id == world.users[username])
            .values(language=FRENCH)
        )


def in_french(at):
    """The page again, this session having chosen French."""
    at.session_state["desk_language"] = FRENCH
    return at.run()


def test_the_problem_list_reads_french_in_a_french_session(app) -> None:
    at = in_french(app("alpha.user1", page="problems"))
    assert not at.exception
    assert at.title[0].value == "Problèmes"
    assert at.text_input(key="problems_text").label == (
        "Rechercher dans les titres, les résumés et les solutions de contournement"
    )
    assert at.multiselect(key="problems_status").options[:2] == [
        "Consigné",
        "En analyse",
    ]
    [row] = grid_rows(at)
    # The cells are French; the statuses stay stored in English.
    assert (row["Title"], row["Status"], row["LDCs"]) == (
        "Known defect in VEE",
        "Consigné",
        "0 SDL",
    )


def test_a_problem_page_reads_french_for_a_user_who_chose_french(
    app, world: World
) -> None:
    give_summary(world)
    speaks_french(world, "alpha.user1")
    at = app("alpha.user1", page="problem", key=world.tickets["problem"])
    assert not at.exception
    assert at.title[0].value == "PRB-000001 · Known defect in VEE"
    headers = [h.value for h in at.header]
    assert headers[:2] == ["Résumé", "Solution de contournement"]
    assert "Historique" in headers
    assert "**Statut :** Consigné" in [m.value for m in at.markdown]
    assert "Aucune solution de contournement n'est encore connue." in [
        c.value for c in at.caption
    ]
    assert "S'abonner" in [b.label for b in at.button]


def test_a_subscriber_notice_reads_in_each_subscribers_language(world: World) -> None:
    give_summary(world)
    speaks_french(world, "alpha.user1")
    subscribe(world, "alpha.user1")
    subscribe(world, "beta.user1")
    save(world, status="Under investigation", workaround="Re-run VEE")
    with world.engine.connect() as conn:
        told = {
            recipient: (subject, body)
            for recipient, subject, body in conn.execute(
                sa.select(
                    notifications.c.recipient_id,
                    notifications.c.subject,
                    notifications.c.body,
                ).where(notifications.c.event == "problem_updated")
            )
        }
    french, english = told[world.users["alpha.user1"]], told[world.users["beta.user1"]]
    assert french[0] == (
        "[PRB-000001] Statut passé à En analyse; solution de contournement "
        "disponible : Known defect in VEE"
    )
    assert "Statut : En analyse" in french[1]
    # The workaround is the agent's text: it stays as typed.
    assert "Solution de contournement : Re-run VEE" in french[1]
    assert english[0] == (
        "[PRB-000001] Status changed to Under investigation; workaround available: "
        "Known defect in VEE"
    )
    assert "Status: Under investigation" in english[1]
