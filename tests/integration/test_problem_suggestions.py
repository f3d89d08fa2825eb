"""Known problems while filing, and similar incidents for staff: what is suggested,
to whom, and the reporter's "this is my issue" that the desk confirms."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from dashboard.incidents.incident_filing import file_incident
from dashboard.incidents.incident_rules import IncidentDraft
from dashboard.kernel import reading
from dashboard.kernel.rules.errors import InvalidInput, NotAllowed, NotFound
from dashboard.kernel.rules.workflow import Kind
from dashboard.problems import problem_links
from dashboard.problems.problem_suggestions import for_report, like_incident
from data_access.schema import problem_links as links
from data_access.schema import ticket_events, tickets
from tests.factories import T0, World, actor, add_ticket

NOW = T0 + timedelta(hours=1)
AS2 = "AS2 gateway rejects renewed partner certificates"
AS2_SUMMARY = (
    "AS2 file transfers fail for partners who renewed their certificate. The MDM/R "
    "reports it as error AS2-1041."
)
AS2_WORKAROUND = "Send the AS2 files again after the Service Desk confirms the mapping."


def _problem(world: World, name: str, **values: object) -> str:
    key = add_ticket(
        world, name, kind=Kind.PROBLEM, org=None, reporter="sme.agent1", severity=None
    )
    with world.engine.begin() as conn:
        conn.execute(tickets.update().where(tickets.c.ticket_key == key).values(values))
    return key


@pytest.fixture
def as2(world: World) -> str:
    return _problem(
        world,
        "as2",
        title=AS2,
        category="file_transfer",
        status="Known error",
        public_summary=AS2_SUMMARY,
        workaround=AS2_WORKAROUND,
        root_cause="Hidden cause: the gateway's keystore cache never expires.",
    )


def _suggested(world: World, who: str, *, text: str, category: str = "") -> list[str]:
    found = for_report(
        world.engine,
        actor(world, who),
        title=text,
        description="",
        category=category,
        now=NOW,
    )
    return [p.key for p in found.problems] + [i.key for i in found.incidents]


def test_an_ldc_user_typing_a_problems_symptom_sees_that_problem_first(
    world: World, as2: str
) -> None:
    _problem(world, "vee", title="VEE estimates kept", status="Under investigation")
    found = for_report(
        world.engine,
        actor(world, "alpha.user1"),
        title="Our AS2 transfers fail since we renewed our certificate",
        description="Every file is refused; we got error AS2-1041.",
        category="file_transfer",
        now=NOW,
    )
    assert found.problems[0].key == as2
    assert found.problems[0].workaround == AS2_WORKAROUND
    assert found.problems[0].status == "Known error"


def test_a_problems_internal_root_cause_is_never_searched(
    world: World, as2: str
) -> None:
    assert as2 not in _suggested(
        world, "alpha.user1", text="keystore cache never expires"
    )


def test_a_closed_problem_is_not_suggested(world: World, as2: str) -> None:
    with world.engine.begin() as conn:
        conn.execute(
            tickets.update().where(tickets.c.ticket_key == as2).values(status="Closed")
        )
    assert as2 not in _suggested(world, "alpha.user1", text="AS2 renewed certificate")


def test_an_edited_problem_is_found_by_its_new_words(world: World, as2: str) -> None:
    assert _suggested(world, "alpha.user1", text="MDN acknowledgement lost") == []
    with world.engine.begin() as conn:
        conn.execute(
            tickets.update()
            .where(tickets.c.ticket_key == as2)
            .values(title="MDN acknowledgement lost", updated_at=NOW)
        )
    assert as2 in _suggested(world, "alpha.user1", text="MDN acknowledgement lost")


def test_one_vague_word_suggests_nothing(world: World, as2: str) -> None:
    assert _suggested(world, "alpha.user1", text="AS2") == []


def test_an_ldc_user_sees_their_own_and_mdmr_wide_incidents_never_anothers(
    world: World,
) -> None:
    found = _suggested(
        world,
        "alpha.user1",
        text="Alpha billing quantities missing Beta synchronization stuck outage",
    )
    assert world.tickets["alpha-inc"] in found
    assert world.tickets["wide-inc"] in found
    assert world.tickets["beta-inc"] not in found


def test_staff_find_every_ldcs_incidents_like_one_but_not_itself(
    world: World,
) -> None:
    twin = add_ticket(
        world,
        "beta-twin",
        org="Beta Power",
        reporter="beta.user1",
        title="Alpha billing quantities missing here too",
        created=T0,
    )
    found = like_incident(
        world.engine,
        actor(world, "sme.agent1"),
        ticket_key=world.tickets["alpha-inc"],
        now=NOW,
    )
    keys = [i.key for i in found.incidents]
    assert twin in keys
    assert world.tickets["alpha-inc"] not in keys
    assert {i.organization for i in found.incidents if i.key == twin} == {"Beta Power"}


def test_an_ldc_user_may_not_search_every_ldcs_incidents(world: World) -> None:
    with pytest.raises(NotAllowed):
        like_incident(
            world.engine,
            actor(world, "alpha.user1"),
            ticket_key=world.tickets["alpha-inc"],
            now=NOW,
        )


def _draft(world: World, proposed: str | None) -> IncidentDraft:
    return IncidentDraft(
        title="AS2 transfers fail after renewal",
        description="We renewed the certificate yesterday.",
        category="file_transfer",
        environment="Production",
        impact=3,
        urgency=3,
        org_id=world.orgs["Alpha Hydro"],
        proposed_problem=proposed,
    )


def _file(world: World, proposed: str | None) -> str:
    return file_incident(
        world.engine,
        actor(world, "alpha.user1"),
        draft=_draft(world, proposed),
        files=[],
        now=NOW,
    )


def _events(world: World, key: str) -> list[tuple[str, str | None, str | None]]:
    with world.engine.connect() as conn:
        rows = conn.execute(
            sa.select(
                ticket_events.c.event_type,
                ticket_events.c.old_value,
                ticket_events.c.new_value,
            )
            .join(tickets, tickets.c.id == ticket_events.c.ticket_id)
            .where(tickets.c.ticket_key == key)
            .order_by(ticket_events.c.id)
        )
        return [tuple(r) for r in rows]


def _linked(world: World, key: str) -> bool:
    with world.engine.connect() as conn:
        found = conn.scalar(
            sa.select(sa.func.count())
            .select_from(links.join(tickets, tickets.c.id == links.c.incident_id))
            .where(tickets.c.ticket_key == key)
        )
    return bool(found)


def test_this_is_my_issue_files_the_incident_naming_the_problem_for_the_desk(
    world: World, as2: str
) -> None:
    key = _file(world, as2)
    assert ("problem_proposed", None, as2) in _events(world, key)
    assert not _linked(world, key)
    incident = reading.get_ticket(world.engine, actor(world, "sme.agent1"), key=key)
    named = problem_links.proposal(
        world.engine, actor(world, "sme.agent1"), incident_id=incident["id"]
    )
    assert named == as2


def test_the_desk_confirms_the_reporters_problem_and_the_incident_is_linked(
    world: World, as2: str
) -> None:
    key = _file(world, as2)
    agent = actor(world, "sme.agent1")
    assert (
        problem_links.confirm_proposal(world.engine, agent, incident_key=key, now=NOW)
        == as2
    )
    assert _linked(world, key)
    incident = reading.get_ticket(world.engine, agent, key=key)
    assert (
        problem_links.proposal(world.engine, agent, incident_id=incident["id"]) is None
    )


def test_the_desk_declines_the_reporters_problem_and_the_word_is_kept(
    world: World, as2: str
) -> None:
    key = _file(world, as2)
    agent = actor(world, "sme.agent1")
    problem_links.decline_proposal(world.engine, agent, incident_key=key, now=NOW)
    assert not _linked(world, key)
    assert ("problem_proposal_declined", as2, None) in _events(world, key)
    with pytest.raises(InvalidInput, match="linked or declined meanwhile"):
        problem_links.confirm_proposal(world.engine, agent, incident_key=key, now=NOW)


def test_naming_a_closed_or_unknown_problem_is_refused_and_files_nothing(
    world: World, as2: str
) -> None:
    with world.engine.begin() as conn:
        conn.execute(
            tickets.update().where(tickets.c.ticket_key == as2).values(status="Closed")
        )
        before = conn.scalar(sa.select(sa.func.count()).select_from(tickets))
    with pytest.raises(InvalidInput, match="is Closed"):
        _file(world, as2)
    with pytest.raises(NotFound):
        _file(world, "PRB-999999")
    with world.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(tickets)) == before


def test_an_ldc_user_may_not_confirm_a_link(world: World, as2: str) -> None:
    key = _file(world, as2)
    with pytest.raises(NotAllowed):
        problem_links.confirm_proposal(
            world.engine, actor(world, "alpha.user1"), incident_key=key, now=NOW
        )
