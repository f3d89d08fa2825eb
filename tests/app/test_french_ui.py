"""A French-speaking user reads the desk's frame, lists and sign-in in French."""

import json
from collections.abc import Callable
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.kernel.i18n import FRENCH

DESK = "Centre de services du MDM/R"


def _in_french(at: AppTest) -> AppTest:
    at.session_state["desk_language"] = FRENCH
    return at.run()


def test_the_ticket_list_reads_in_french(
    app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    titles: list[str] = []
    page_config = st.set_page_config

    def noting(**options: Any) -> None:
        titles.append(str(options.get("page_title")))
        page_config(**options)

    monkeypatch.setattr(st, "set_page_config", noting)
    at = app("sme.agent1", page="tickets")
    titles.clear()
    _in_french(at)
    assert not at.exception
    assert titles[-1] == f"Billets · {DESK}"
    assert at.title[0].value == "Tous les billets"
    columns = json.loads(at.dataframe[0].proto.columns)
    shown = [columns[name]["label"] for name in ("Key", "Title", "Status", "Assignee")]
    assert shown == ["Clé", "Titre", "Statut", "Responsable"]
    assert any(str(m.value).endswith(" billets") for m in at.markdown)
    assert "Page suivante" in [b.label for b in at.button]


def test_the_sign_in_page_in_french_says_se_connecter(
    app: Callable[..., AppTest],
) -> None:
    at = app()
    at.segmented_control(key="login_language").set_value(FRENCH).run()
    assert not at.exception
    assert at.title[0].value == DESK
    assert "Se connecter" in [b.label for b in at.button]
    assert [t.label for t in at.text_input] == ["Nom d'utilisateur", "Mot de passe"]


def test_my_account_reads_in_french(app: Callable[..., AppTest]) -> None:
    at = _in_french(app("alpha.user1", page="account"))
    assert not at.exception
    assert at.title[0].value == "Mon compte"
    assert "Changer le mot de passe" in [h.value for h in at.header]
    assert "Mot de passe actuel" in [t.label for t in at.text_input]
