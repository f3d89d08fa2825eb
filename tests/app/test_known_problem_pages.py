"""The report form's known problems, and the desk's answer on the incident page."""

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from dashboard.kernel.rules.workflow import Kind
from data_access.schema import problem_links, subscriptions, ticket_events, tickets
from tests.factories import World, add_ticket

SUMMARY = "AS2 transfers fail after a certificate renewal: error AS2-1041."


@pytest.fixture
def as2(world: World) -> str:
    """A known error with a public summary; the tests reach the world through it."""
    key = add_ticket(
        world,
        "as2",
        kind=Kind.PROBLEM,
        org=None,
        reporter="sme.agent1",
        severity=None,
        title="AS2 gateway rejects renewed partner certificates",
        status="Known error",
    )
    with world.engine.begin() as conn:
        conn.execute(
            tickets.update()
            .where(tickets.c.ticket_key == key)
            .values(
                category="file_transfer",
                public_summary=SUMMARY,
                workaround="Resend once the desk confirms the mapping.",
            )
        )
    return key


def _typed(at: AppTest) -> AppTest:
    at.text_input(key="report_title").input("AS2 transfers fail since renewal")
    at.text_area(key="report_description").input("Our renewed certificate is refused.")
    at.selectbox(key="report_category").set_value("file_transfer")
    return at.run()


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def test_the_report_form_names_the_known_problem_that_reads_like_it(
    app, as2: str
) -> None:
    at = _typed(app("alpha.user1", page="report"))
    assert not at.exception
    assert "Is this a known problem?" in [h.value for h in at.subheader]
    assert any(as2 in m.value for m in at.markdown)
    assert SUMMARY in [t.value for t in at.text]


def test_a_report_with_no_known_problem_shows_no_panel(app, as2: str) -> None:
    at = app("alpha.user1", page="report")
    assert "Is this a known problem?" not in [h.value for h in at.subheader]


def test_this_is_my_issue_files_the_incident_naming_the_problem(  # noqa: PLR0917 - fixtures
    app, world: World, as2: str
) -> None:
    at = _typed(app("alpha.user1", page="report"))
    _button(at, "This is my issue").click().run()
    assert any(s.value == "Yours: filed linked to it" for s in at.success)
    at.button(key="report_submit").click().run()
    assert not at.exception
    filed = at.success[0].value.split()[0]
    with world.engine.connect() as conn:
        said = conn.scalar(
            sa.select(ticket_events.c.new_value)
            .join(tickets, tickets.c.id == ticket_events.c.ticket_id)
            .where(
                tickets.c.ticket_key == filed,
                ticket_events.c.event_type == "problem_proposed",
            )
        )
    assert said == as2
    # The next report starts with no problem chosen.
    assert "report_known_problem" not in at.session_state


def test_follow_subscribes_the_reporter_to_the_problem(  # noqa: PLR0917 - fixtures
    app, world: World, as2: str
) -> None:
    at = _typed(app("alpha.user1", page="report"))
    _button(at, "Follow").click().run()
    assert not at.exception
    with world.engine.connect() as conn:
        followed = conn.scalar(
            sa.select(sa.func.count())
            .select_from(subscriptions)
            .where(subscriptions.c.user_id == world.users["alpha.user1"])
        )
    assert followed == 1


def test_the_desk_links_the_incident_to_the_problem_its_reporter_named(  # noqa: PLR0917 - fixtures
    app, world: World, as2: str
) -> None:
    at = _typed(app("alpha.user1", page="report"))
    _button(at, "This is my issue").click().run()
    at.button(key="report_submit").click().run()
    filed = at.success[0].value.split()[0]
    desk = app("sme.agent1", page="ticket", key=filed)
    assert any(as2 in i.value for i in desk.info)
    _button(desk, f"Link to {as2}").click().run()
    assert not desk.exception
    assert any(s.value == f"{filed} is linked to {as2}." for s in desk.success)
    with world.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(problem_links)) == 1


def test_an_ldc_user_sees_no_similar_incidents_of_other_ldcs(app, world: World) -> None:
    at = app("alpha.user1", page="ticket", key=world.tickets["alpha-inc"])
    assert "Similar incidents" not in [h.value for h in at.header]
    desk = app("sme.agent1", page="ticket", key=world.tickets["alpha-inc"])
    assert "Similar incidents" in [h.value for h in desk.header]
