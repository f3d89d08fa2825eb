"""The desk's rules put their words in French for a French reader, and keep English
(and every stored value) as it was."""

from datetime import UTC, datetime, timedelta

import pytest

from dashboard.kernel.i18n import FRENCH, using
from dashboard.kernel.rules.authorization import Action, Actor, Role, refusal, require
from dashboard.kernel.rules.change_words import since_seen, what_changed
from dashboard.kernel.rules.errors import InvalidInput, NotAllowed
from dashboard.kernel.rules.list_address import shown_range
from dashboard.kernel.rules.sla_text import time_left
from dashboard.kernel.rules.target_text import target_minutes, target_text
from dashboard.kernel.rules.timezones import show
from dashboard.kernel.rules.workflow import (
    INITIAL_STATUS,
    Kind,
    check_transition,
    status_label,
)

NOW = datetime(2026, 12, 3, 20, 40, tzinfo=UTC)


def event(change: str, kind: str, **values: object) -> dict[str, object]:
    return {
        "change_id": change,
        "event_type": kind,
        "field": None,
        "old_value": None,
        "new_value": None,
        "is_internal": False,
        "actor_name": "Julia Hughes",
        "occurred_at": NOW,
    } | values


def test_a_deadline_and_an_instant_read_in_french() -> None:
    with using(FRENCH):
        paused = time_left(NOW + timedelta(minutes=125), "paused", now=NOW)
        overdue = time_left(NOW - timedelta(hours=26), "breached", now=NOW)
        met = time_left(None, "met", now=NOW)
        shown = show(NOW)
    assert (paused, overdue, met) == (
        "En pause (reste 2 h 5 min)",
        "En retard de 1 j 2 h",
        "Respecté",
    )
    assert shown == "2026-12-03 15 h 40 HNE"
    assert show(NOW) == "2026-12-03 15:40 EST"


def test_statuses_read_in_french_and_are_kept_in_english() -> None:
    with using(FRENCH):
        labels = [status_label(s) for s in ("Resolved", "Closed", "Fulfilled")]
        with pytest.raises(InvalidInput, match="« Fermé » à « Soumise »"):
            check_transition(Kind.SERVICE_REQUEST, "Closed", target="Submitted")
    assert labels == ["Résolu", "Fermé", "Traitée"]
    assert INITIAL_STATUS[Kind.SERVICE_REQUEST] == "Submitted"


def test_the_timeline_of_a_refused_save_reads_as_french_sentences() -> None:
    history = [
        event("a", "created", new_value="New"),
        event("b", "field_changed", field="assignee", new_value="Sme Agent1"),
        event("b", "status_changed", old_value="New", new_value="Assigned"),
        event("c", "comment"),
    ]
    with using(FRENCH):
        told = what_changed("INC-012001", since_seen(history, seen=1, current=2))
    assert told.startswith(
        "INC-012001 a été modifié par Julia Hughes le 2026-12-03 15 h 40 HNE "
        "(assigné à Sme Agent1, statut changé pour Assigné) et par Julia Hughes "
        "le 2026-12-03 15 h 40 HNE (a commenté) depuis que vous l'avez ouvert."
    )


def test_refusals_targets_and_ranges_read_in_french() -> None:
    with using(FRENCH), pytest.raises(NotAllowed) as refused:
        require(Actor(1, Role.LDC_USER, 1, False, "Ann"), Action.TRIAGE)
    assert refused.value.message == (
        "Votre rôle (Utilisateur de SDL) ne vous permet pas d'assigner ni de "
        "reclasser des billets."
    )
    with using(FRENCH):
        target = target_text(780, calendar="business")
        back = target_minutes("5 jours ouvrables", calendar="business", what="x")
        shown = shown_range(page=1, size=50, total=1234, noun="request")
    assert (target, back) == ("1 jour ouvrable 4 h", 2700)
    assert shown == "1–50 sur 1\xa0234 demandes"


def test_every_refusal_keeps_its_english_words() -> None:
    ldc = Actor(1, Role.LDC_USER, 1, False, "Ann")
    assert all(refusal(ldc, a) == f"As LDC user you may not {a.value}." for a in Action)
