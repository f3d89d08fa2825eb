"""A form's render saves once: a second use of its token files and tells nothing."""

import threading
from collections.abc import Callable

import pytest
import sqlalchemy as sa

from dashboard.incidents import incident_work
from dashboard.incidents.incident_filing import file_incident
from dashboard.incidents.incident_rules import IncidentDraft
from dashboard.kernel.rules.errors import DomainError, InvalidInput
from dashboard.kernel.submissions import AlreadySubmitted
from dashboard.kernel.uploads import Upload
from dashboard.problems import problem_work
from dashboard.requests import request_work
from dashboard.requests.request_filing import RequestDraft, file_request
from data_access import migrate
from data_access.engine import dispose_engine, get_engine
from data_access.schema import comments, notifications, submission_tokens, tickets
from tests.factories import T0, World, actor

TOKEN = "render-token-1"


def incident(world: World, **changes: object) -> IncidentDraft:
    values = {
        "title": "Billing quantity responses missing",
        "description": "Since 02:00 no BQ responses.",
        "category": "billing_quantities",
        "environment": "Production",
        "impact": 2,
        "urgency": 2,
        "org_id": world.orgs["Alpha Hydro"],
    } | changes
    return IncidentDraft(**values)  # type: ignore[arg-type]


def file_once(world: World, token: str | None = TOKEN, **changes: object) -> str:
    return file_incident(
        world.engine,
        actor(world, "alpha.user1"),
        draft=incident(world, **changes),
        files=[],
        now=T0,
        token=token,
    )


def question(
    world: World, token: str | None = TOKEN, *, who: str = "alpha.user1"
) -> str:
    draft = RequestDraft(
        request_type="question",
        org_id=world.orgs["Alpha Hydro"],
        answers={"topic": "Billing cycles", "question": "When does it close?"},
    )
    return file_request(
        world.engine, actor(world, who), draft=draft, now=T0, token=token
    )


def count(world: World, table: sa.Table, *where: sa.ColumnElement[bool]) -> int:
    with world.engine.connect() as conn:
        query = sa.select(sa.func.count()).select_from(table).where(*where)
        return int(conn.scalar(query))


def incidents(world: World) -> int:
    return count(world, tickets, tickets.c.kind == "incident")


def requests(world: World) -> int:
    return count(world, tickets, tickets.c.kind == "service_request")


def at_once(*saves: Callable[[], object]) -> list[object]:
    """Run the saves in threads released together; each one's result or error."""
    start = threading.Barrier(len(saves))
    results: list[object] = [None] * len(saves)

    def run(i: int) -> None:
        start.wait()
        try:
            results[i] = saves[i]()
        except Exception as error:
            results[i] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(saves))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


# Filing an incident ------------------------------------------------------------


def test_filing_an_incident_twice_with_one_token_files_one_incident(
    world: World,
) -> None:
    before = incidents(world)
    file_once(world)
    with pytest.raises(AlreadySubmitted):
        file_once(world)
    assert incidents(world) == before + 1


def test_the_second_filing_of_a_token_is_refused_naming_the_filed_incident(
    world: World,
) -> None:
    key = file_once(world)
    with pytest.raises(AlreadySubmitted, match=f"^{key} was filed from this form"):
        file_once(world)


def test_the_second_filing_of_a_token_tells_nobody_again(world: World) -> None:
    file_once(world)
    told = count(world, notifications)
    with pytest.raises(AlreadySubmitted):
        file_once(world)
    assert count(world, notifications) == told


def test_the_token_records_who_filed_what(world: World) -> None:
    key = file_once(world)
    with world.engine.connect() as conn:
        row = conn.execute(sa.select(submission_tokens)).one()
    assert (row.token, row.user_id, row.made, row.ticket_key, row.comment_id) == (
        TOKEN,
        world.users["alpha.user1"],
        "ticket",
        key,
        None,
    )


def test_a_refused_filing_leaves_its_token_for_the_corrected_one(
    world: World,
) -> None:
    with pytest.raises(InvalidInput):
        file_once(world, title="")
    assert file_once(world).startswith("INC-")


def test_filings_without_a_token_are_each_filed(world: World) -> None:
    before = incidents(world)
    for _ in range(2):
        file_once(world, token=None)
    assert incidents(world) == before + 2


def test_two_filings_at_once_with_one_token_file_one_incident(world: World) -> None:
    before = incidents(world)
    results = at_once(lambda: file_once(world), lambda: file_once(world))
    assert incidents(world) == before + 1
    filed = [r for r in results if isinstance(r, str)]
    refused = [r for r in results if isinstance(r, AlreadySubmitted)]
    assert (len(filed), len(refused)) == (1, 1)
    assert refused[0].ticket_key == filed[0]


def test_another_users_token_is_refused_without_naming_what_it_filed(
    world: World,
) -> None:
    key = file_once(world)
    with pytest.raises(AlreadySubmitted) as refused:
        question(world, who="alpha.manager")
    assert key not in refused.value.message
    assert refused.value.ticket_key is None


def test_a_malformed_token_is_refused(world: World) -> None:
    with pytest.raises(DomainError, match="reload the page"):
        file_once(world, token="x" * 65)


# Filing a service request ----------------------------------------------------------


def test_filing_a_request_twice_with_one_token_files_one_request(
    world: World,
) -> None:
    before = requests(world)
    key = question(world)
    with pytest.raises(AlreadySubmitted, match=f"^{key} was filed from this form"):
        question(world)
    assert requests(world) == before + 1


def test_the_second_request_of_a_token_tells_nobody_again(world: World) -> None:
    question(world)
    told = count(world, notifications)
    with pytest.raises(AlreadySubmitted):
        question(world)
    assert count(world, notifications) == told


def test_two_requests_at_once_with_one_token_file_one_request(world: World) -> None:
    before = requests(world)
    results = at_once(lambda: question(world), lambda: question(world))
    assert requests(world) == before + 1
    assert sum(isinstance(r, AlreadySubmitted) for r in results) == 1


# Comments ------------------------------------------------------------------------


def on_incident(world: World, body: str = "Cycle 14 too", **extra: object) -> None:
    incident_work.comment(
        world.engine,
        actor(world, "alpha.user1"),
        key=world.tickets["alpha-inc"],
        body=body,
        internal=False,
        now=T0,
        token=TOKEN,
        **extra,  # type: ignore[arg-type]
    )


def on_request(world: World) -> None:
    request_work.comment(
        world.engine,
        actor(world, "alpha.manager"),
        key=world.tickets["alpha-sr"],
        body="Please hurry",
        internal=False,
        now=T0,
        token=TOKEN,
    )


def on_problem(world: World) -> None:
    problem_work.comment(
        world.engine,
        actor(world, "sme.agent1"),
        key=world.tickets["problem"],
        body="Vendor is on it",
        internal=False,
        now=T0,
        token=TOKEN,
    )


def test_commenting_twice_on_an_incident_with_one_token_adds_one_comment(
    world: World,
) -> None:
    before = count(world, comments)
    on_incident(world)
    key = world.tickets["alpha-inc"]
    with pytest.raises(AlreadySubmitted, match=f"added to {key} already"):
        on_incident(world)
    assert count(world, comments) == before + 1


def test_the_second_comment_of_a_token_tells_nobody_again(world: World) -> None:
    on_incident(world)
    told = count(world, notifications)
    with pytest.raises(AlreadySubmitted):
        on_incident(world)
    assert count(world, notifications) == told


def test_the_token_of_a_comment_records_the_comment(world: World) -> None:
    on_incident(world)
    with world.engine.connect() as conn:
        row = conn.execute(sa.select(submission_tokens)).one()
        newest = conn.scalar(sa.select(sa.func.max(comments.c.id)))
    assert (row.made, row.ticket_key, row.comment_id) == (
        "comment",
        world.tickets["alpha-inc"],
        newest,
    )


def test_files_sent_twice_with_one_token_are_refused_as_files(world: World) -> None:
    files = [Upload("log.txt", "text/plain", b"02:00 no response")]
    on_incident(world, body="", files=files)
    with pytest.raises(AlreadySubmitted, match=r"^These files were added"):
        on_incident(world, body="", files=files)


def test_commenting_twice_on_a_request_with_one_token_adds_one_comment(
    world: World,
) -> None:
    before = count(world, comments)
    on_request(world)
    key = world.tickets["alpha-sr"]
    with pytest.raises(AlreadySubmitted, match=f"added to {key} already"):
        on_request(world)
    assert count(world, comments) == before + 1


def test_commenting_twice_on_a_problem_with_one_token_adds_one_comment(
    world: World,
) -> None:
    before = count(world, comments)
    on_problem(world)
    key = world.tickets["problem"]
    with pytest.raises(AlreadySubmitted, match=f"added to {key} already"):
        on_problem(world)
    assert count(world, comments) == before + 1


def test_two_comments_at_once_with_one_token_add_one_comment(world: World) -> None:
    before = count(world, comments)
    results = at_once(lambda: on_incident(world), lambda: on_incident(world))
    assert count(world, comments) == before + 1
    # The second may meet the first's uncommitted change of the ticket, before its
    # token is visible: it is then told of a save at the same moment.
    assert sum(isinstance(r, DomainError) for r in results) == 1


# The store ---------------------------------------------------------------------------


def test_a_store_of_revision_0005_gets_the_token_table_when_upgraded(
    new_store: Callable[..., str],
) -> None:
    path = new_store("old")
    engine = get_engine(path)
    migrate.upgrade(engine, "0005")
    migrate.upgrade(engine)
    with engine.connect() as conn:
        columns = set(
            conn.scalars(
                sa.text(
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_name = 'submission_tokens'"
                )
            )
        )
    dispose_engine(path)
    assert columns == {
        "token",
        "user_id",
        "made",
        "ticket_key",
        "comment_id",
        "used_at",
    }
