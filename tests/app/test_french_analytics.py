"""The analytics page, the service-levels page and the clock watch's alerts read in
French for a person who chose French."""

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.kernel.i18n import FRENCH
from dashboard.sla.sla_watch import watch_clocks
from data_access.engine import UnitOfWork, dispose_engine
from data_access.schema import users
from tests.factories import T0, World
from tests.integration.analytics_world import MARCH_APRIL, analytics_world
from tests.integration.test_sla_watch import file_sev1, sla_notices


@pytest.fixture
def world(
    world: World, tmp_path: Path, *, request: pytest.FixtureRequest
) -> Iterator[World]:
    """The plain two-LDC world; the hand-built analytics one when asked for."""
    if getattr(request, "param", None) != "analytics":
        yield world
        return
    path = tmp_path / "analytics.duckdb"
    yield analytics_world(path)
    dispose_engine(path)


def in_french(world: World, *usernames: str) -> None:
    """These people chose French (under My account)."""
    with UnitOfWork(world.engine) as uow:
        uow.conn.execute(
            users.update()
            .where(users.c.username.in_(usernames))
            .values(language=FRENCH)
        )
        uow.commit()


def heatmap(at: AppTest) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)["data"]


@pytest.mark.parametrize("world", ["analytics"], indirect=True)
def test_the_analytics_page_reads_in_french(app, world: World) -> None:
    in_french(world, "sme.manager1")
    at = app("sme.manager1", page="analytics")
    at.date_input(key="an_period").set_value((MARCH_APRIL.start, MARCH_APRIL.end))
    at.run()
    assert not at.exception
    assert at.title[0].value == "Analytique des ENS"
    assert [h.value for h in at.main.header] == ["Conformité par SDL et par mois"]
    heat, cells = heatmap(at)
    # The rows and the hover are French; the months and the address stay as they are.
    assert heat["y"] == ["Tout le MDM/R", "Alpha Hydro", "Beta Power"]
    assert heat["x"] == ["2026-03", "2026-04"]
    assert "respectés (1 sur 2 délais)" in " ".join(cells["hovertext"])
    assert [t.label for t in at.toggle] == [
        "Afficher les données sous forme de tableau"
    ]
    # A bar chosen in French lists its tickets under a French heading.
    # (Chosen by its French label, as the browser sends it.)
    at.segmented_control(key="analytics_section").set_value("Résolution").run()
    assert [h.value for h in at.main.header] == [
        "Délai de résolution",
        "Dépassements par mois",
    ]
    at.toggle(key="an_breaches_table").set_value(True).run()
    table = next(d.value for d in at.dataframe if "Délais dépassés" in d.value)
    assert table.to_dict("records") == [
        {"Mois": "2026-03", "Type": "Incidents", "Délais dépassés": 2}
    ]
    at.selectbox(key="an_breaches_choose0").set_value("2026-03 · Incidents").run()
    assert "**Incidents : délais dépassés en 2026-03**" in [
        m.value for m in at.markdown
    ]
    assert any(
        b.label == "Télécharger ces billets (CSV)" for b in at.get("download_button")
    )


def test_the_service_levels_page_reads_in_french(app, world: World) -> None:
    in_french(world, "sme.manager1")
    at = app("sme.manager1", page="sla_admin")
    assert not at.exception
    assert at.title[0].value == "Niveaux de service"
    assert [h.value for h in at.header][:3] == [
        "Versions de la politique",
        "Cibles de la version 1",
        "Jours de fermeture",
    ]
    assert "En vigueur depuis" in at.dataframe[0].value.columns
    assert "Incident, gravité 1" in list(at.dataframe[1].value["row"])
    at.date_input[0].set_value(date(2026, 12, 24))
    next(t for t in at.text_input if t.label == "Raison").input("Veille de Noël")
    next(
        b for b in at.button if b.label == "Ajouter un jour de fermeture"
    ).click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Jour de fermeture ajouté; les échéances de")
    assert any(
        str(t.value).startswith("jeudi 2026-12-24 · Veille de Noël · ajouté par ")
        for t in at.text
    )
    assert next(b for b in at.button if b.label == "Enregistrer comme version 2")


def test_sla_alerts_read_in_each_recipients_language(world: World) -> None:
    in_french(world, "sme.cim1")
    first = file_sev1(world)
    second = file_sev1(world, at=T0 + timedelta(minutes=8))
    # One ticket's clock at risk, then one breached and another at risk.
    watch_clocks(world.engine, now=T0 + timedelta(minutes=23))
    watch_clocks(world.engine, now=T0 + timedelta(minutes=31))
    french = sla_notices(world, "sme.cim1")
    english = sla_notices(world, "sme.manager1")
    assert [n["subject"] for n in french] == [
        f"[{first}] Première réponse – délai à risque : No billing quantities at all",
        "ENS : délai dépassé pour 1 billet, 1 à risque",
    ]
    assert [n["subject"] for n in english] == [
        f"[{first}] First response SLA at risk: No billing quantities at all",
        "SLA: 1 ticket breached, 1 at risk",
    ]
    lines = str(french[1]["body"]).splitlines()
    assert "Délais dont l'état a changé lors de ce passage :" in lines
    assert any(
        line.startswith(f"{second} · Première réponse – délai à risque, échéance ")
        for line in lines
    )
