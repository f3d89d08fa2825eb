"""French readers: each email put together in its recipient's language, the on-call
page in the paged person's, the inbox page in French."""

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa

from dashboard.delivery import emails, inbox
from dashboard.incidents import incident_work
from dashboard.incidents.incident_bulk import bulk_assign
from dashboard.kernel import reading
from dashboard.kernel.i18n import FRENCH, using
from dashboard.kernel.rules.timezones import TORONTO
from dashboard.oncall import oncall_rota
from dashboard.oncall.oncall_acknowledge import ladder_state
from dashboard.oncall.oncall_escalation import escalate_unacknowledged
from data_access.engine import UnitOfWork
from data_access.schema import notifications, users
from tests.app.conftest import app  # noqa: F401 - the AppTest fixture, for the inbox
from tests.app.grids import grid_rows
from tests.delivery_fixtures import (
    BASE_URL,
    Clock,
    SmtpServer,
    configured_smtp,
    file_severity_two,
    told,
    worker_for,
)
from tests.factories import T0, World, actor, add_user

FOOTER_FR = (
    "Centre de services du MDM/R. Choisissez un courriel immédiat, un résumé "
    f"quotidien ou l'application seulement sous Mon compte : {BASE_URL}/account"
)
FOOTER_EN = (
    "MDM/R Service Desk. Choose immediate email, a daily digest or in-app only "
    f"under My account: {BASE_URL}/account"
)


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[SmtpServer]:
    """A running SMTP server on a loopback port, configured for the desk."""
    for server in configured_smtp(monkeypatch):
        server.start()
        yield server


def speaks_french(world: World, *usernames: str) -> None:
    with UnitOfWork(world.engine) as uow:
        uow.conn.execute(
            users.update()
            .where(users.c.id.in_([world.users[u] for u in usernames]))
            .values(language=FRENCH)
        )
        uow.commit()


def test_each_email_is_put_together_in_its_recipients_language(
    world: World, smtp: SmtpServer
) -> None:
    speaks_french(world, "alpha.user1", "osp.eng1", "sme.cim1")
    key = world.tickets["alpha-inc"]
    # No contact named: a public comment tells every LDC user of Alpha Hydro.
    incident_work.comment(
        world.engine,
        actor(world, "sme.agent1"),
        key=key,
        body="Fix deployed to QA",
        internal=False,
        now=T0,
    )
    keys = [key, world.tickets["beta-inc"]]
    bulk_assign(
        world.engine,
        actor(world, "sme.agent1"),
        keys=keys,
        assignee_id=world.users["osp.eng1"],
        group_code="osp",
        now=T0,
    )
    inbox.set_preference(
        world.engine, actor(world, "sme.cim1"), choice="digest", now=T0
    )
    file_severity_two(world, "VEE rejects reads")
    worker = worker_for(world, smtp, clock=Clock(T0))
    worker.run_once()

    [french] = smtp.mailbox.to("alpha.user1@example.org")
    [english] = smtp.mailbox.to("alpha.manager@example.org")
    title = reading.get_ticket(world.engine, actor(world, "sme.agent1"), key=key)[
        "title"
    ]
    assert french["Subject"].startswith(f"[{key}] ")
    assert french["Subject"].endswith(f" : {title}")
    assert f"Ouvrir le billet : {BASE_URL}/ticket?key={key}" in french.get_content()
    assert french.get_content().rstrip().endswith(FOOTER_FR)
    assert english["Subject"].endswith(f": {title}")
    assert " : " not in english["Subject"]
    assert f"Open the ticket: {BASE_URL}/ticket?key={key}" in english.get_content()
    assert english.get_content().rstrip().endswith(FOOTER_EN)

    [bulk] = smtp.mailbox.to("osp.eng1@example.org")
    assert bulk["Subject"].startswith("[2 billets] ")
    body = bulk.get_content()
    assert body.startswith("Bonjour ")
    assert "Une seule modification dans le Centre de services a touché 2 billets :" in (
        body
    )
    assert all(k in body for k in keys)
    # What happened, read whole from French subjects ('[KEY] quoi : titre').
    items = [
        emails.Item(f"[INC-{n}] Assigné à vous : T{n}", "b", "l", f"INC-{n}")
        for n in (1, 2)
    ]
    with using(FRENCH):
        parsed = emails.for_change(items, name="Ann", settings_link="s")
    assert parsed.subject == "[2 billets] Assigné à vous"

    worker.clock = Clock(datetime(2026, 3, 3, 7, 0, tzinfo=TORONTO))
    assert worker.run_once() == 1
    [digest] = smtp.mailbox.to("sme.cim1@example.org")
    assert digest["Subject"] == (
        "Résumé quotidien du Centre de services du mardi 3 mars 2026 : 1 notification"
    )
    assert "Votre résumé quotidien compte 1 notification :" in digest.get_content()
    assert digest.get_content().rstrip().endswith(FOOTER_FR)


def test_the_urgent_page_is_in_each_paged_persons_language(world: World) -> None:
    add_user(
        world,
        "sme.cim2",
        role="critical_incident_manager",
        org="SME",
        group="critical_incident_managers",
    )
    oncall_rota.set_week(
        world.engine,
        actor(world, "sme.manager1"),
        week_start=date(2026, 3, 2),
        primary=world.users["sme.cim1"],
        secondary=world.users["sme.cim2"],
        now=T0,
    )
    speaks_french(world, "sme.cim1")
    key = file_severity_two(world)
    escalate_unacknowledged(world.engine, now=T0 + timedelta(minutes=30))
    with world.engine.connect() as conn:
        paged = {
            r.recipient_id: r
            for r in conn.execute(
                sa.select(notifications).where(notifications.c.event == "oncall_paged")
            )
        }
    french, english = paged[world.users["sme.cim1"]], paged[world.users["sme.cim2"]]
    assert french.subject.startswith(
        f"[{key}] Urgent : incident de gravité 2, vous êtes appelé (principal) : "
    )
    assert (
        "Sans accusé de réception, l'appel passe à l'étape suivante (secondaire) "
        "le 2026-03-02 09 h 30 HNE."
    ) in french.body
    assert english.subject.startswith(
        f"[{key}] Urgent: severity 2 incident, you are paged (secondary): "
    )
    assert "Acknowledge it on the incident's page. Unacknowledged" in english.body
    # The ladder on the incident's page, for a French-speaking member of staff.
    staff = actor(world, "sme.agent1")
    ticket = reading.get_ticket(world.engine, staff, key=key)
    with using(FRENCH):
        state = ladder_state(world.engine, staff, ticket=ticket)
    assert state is not None
    assert state.lines == [
        "Appel (principal) à Sme Cim1 le 2026-03-02 09 h 00 HNE",
        "Appel (secondaire) à Sme Cim2 le 2026-03-02 09 h 30 HNE; passe à l'étape "
        "suivante (tous les gestionnaires des incidents critiques et gestionnaires "
        "de la SME) le 2026-03-02 10 h 00 HNE",
    ]


def test_the_inbox_page_reads_in_french(app, world: World) -> None:  # noqa: F811
    speaks_french(world, "sme.agent1")
    told(world, "sme.agent1", event="comment", n=55)
    at = app("sme.agent1", page="inbox")
    assert not at.exception
    assert at.title[0].value == "Boîte de réception"
    assert any(c.value == "1–50 sur 55" for c in at.caption)
    rows = grid_rows(at)
    assert {(r["Read"], r["Email"]) for r in rows} == {
        ("Non lu", "non envoyée par courriel")
    }
    assert at.button(key="inbox_mark_all").label == (
        "Marquer les 55 notifications comme lues"
    )
    assert at.button(key="inbox_next").label == "Suivant"
    assert at.segmented_control(key="inbox_about").label == "Concernant"
