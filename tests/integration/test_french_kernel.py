"""The kernel speaks French to a French reader: its refusals, the names of the
reference data, and each recipient's copy of a notice."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from dashboard.incidents import incident_work
from dashboard.kernel import auth, directory, reading
from dashboard.kernel.i18n import FRENCH, _, using
from dashboard.kernel.rules.errors import DomainError
from dashboard.kernel.rules.reference import CATEGORIES
from data_access import user_store
from data_access.engine import UnitOfWork
from data_access.schema import categories, notifications, severity_definitions
from tests.factories import PASSWORD, T0, World, actor

# Stored French of the reference data: it wins over the catalogue's.
STORED_FRENCH = "Quantités facturables"
STORED_MEANING = "Le MDM/R est indisponible pour de nombreuses SDL"


def test_sign_in_refusals_read_french_with_a_french_clock(world: World) -> None:
    def refusal(password: str) -> str:
        with pytest.raises(DomainError) as refused:
            auth.sign_in(
                world.engine, username="alpha.user1", password=password, now=T0
            )
        return str(refused.value)

    with using(FRENCH):
        first = refusal("wrong")
        for _i in range(3):
            refusal("wrong")
        locking = refusal("wrong")
        locked = refusal(PASSWORD)
    assert first == "Nom d'utilisateur ou mot de passe erroné."
    assert locking == (
        "Nom d'utilisateur ou mot de passe erroné. Le compte est maintenant "
        "verrouillé pour 15 minutes."
    )
    # 14:15 UTC is 09:15 in Toronto, in French "09 h 15".
    assert locked == (
        "Ce compte est verrouillé après 5 tentatives de connexion échouées. "
        "Réessayez après 09 h 15 (heure de Toronto) ou demandez à un gestionnaire "
        "de la SME de le déverrouiller."
    )
    # English is as it always was.
    with pytest.raises(DomainError, match=r"^This account is locked after 5 failed"):
        auth.sign_in(world.engine, username="alpha.user1", password=PASSWORD, now=T0)


def test_reference_names_are_in_the_readers_language(world: World) -> None:
    with UnitOfWork(world.engine) as uow:
        uow.conn.execute(
            categories.update()
            .where(categories.c.code == "billing_quantities")
            .values(name_fr=STORED_FRENCH)
        )
        uow.conn.execute(
            severity_definitions.update()
            .where(
                severity_definitions.c.dimension == "impact",
                severity_definitions.c.level == 1,
            )
            .values(meaning_fr=STORED_MEANING)
        )
        uow.commit()
    english = directory.categories(world.engine)
    with using(FRENCH):
        french = directory.categories(world.engine)
        # Without stored French, the catalogue's French of the English name.
        catalogue = {code: _(name) for code, name in CATEGORIES}
        meanings = directory.severity_meanings(world.engine, "impact")
        staff = directory.staff(world.engine)
    assert english == dict(CATEGORIES)
    assert french == catalogue | {"billing_quantities": STORED_FRENCH}
    assert meanings[1] == STORED_MEANING
    assert staff[world.users["sme.cim1"]] == "Sme Cim1 (GIC)"
    assert directory.staff(world.engine)[world.users["sme.cim1"]] == "Sme Cim1 (CIM)"
    assert directory.severity_meanings(world.engine, "impact")[1].startswith(
        "The MDM/R or a core function"
    )


def test_an_assignment_notice_reads_in_each_recipients_language(
    world: World,
) -> None:
    with UnitOfWork(world.engine) as uow:
        user_store.set_language(
            uow.conn,
            world.users["osp.eng1"],
            language=FRENCH,
            by=world.users["sme.manager1"],
            now=T0,
        )
        uow.commit()
    agent = actor(world, "sme.agent1")
    for name, to, group in (
        ("alpha-inc", "osp.eng1", "osp"),
        ("beta-inc", "sme.cim1", "critical_incident_managers"),
    ):
        key = world.tickets[name]
        # The actor works in French: the English recipient still reads English.
        with using(FRENCH):
            incident_work.assign(
                world.engine,
                agent,
                key=key,
                version=reading.get_ticket(world.engine, agent, key=key)["version"],
                assignee_id=world.users[to],
                group_code=group,
                now=T0 + timedelta(minutes=5),
            )
    with world.engine.connect() as conn:
        told = dict(
            conn.execute(
                sa.select(notifications.c.recipient_id, notifications.c.subject).where(
                    notifications.c.event == "incident_assigned"
                )
            ).all()
        )
    assert told[world.users["osp.eng1"]] == (
        f"[{world.tickets['alpha-inc']}] Vous a été assigné par Sme Agent1 : "
        "Alpha billing quantities missing"
    )
    assert told[world.users["sme.cim1"]] == (
        f"[{world.tickets['beta-inc']}] Assigned to you by Sme Agent1: "
        "Beta synchronization stuck"
    )
