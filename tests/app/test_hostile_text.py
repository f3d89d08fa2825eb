"""The guard: no page shows user text as Markdown, HTML, LaTeX, a link or an image.

Every page runs, as each role that has it, in a store where every user text is
hostile (tests/hostile_world.py), and with hostile text typed into its inputs and
its address. Every Markdown source of the page (bodies, captions, alerts, headings,
table cells, labels, help, radio options, tab and expander labels) must hold no live
construct, and every payload it shows must read as typed. New widgets are covered
as they come: the check walks the whole element tree and the protos' fields.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from dashboard.analytics.ui import analytics_view
from dashboard.kernel import auth
from data_access.engine import UnitOfWork, dispose_engine
from data_access.schema import event_id_seq, ticket_events, tickets
from tests.app.grids import tick
from tests.factories import PASSWORD, T0, World
from tests.hostile_text import MARKER, PAYLOADS, payload
from tests.hostile_world import HOSTILE_USER, hostile_world
from tests.markdown_checks import shown_markup

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "dashboard" / "app.py")
PAGES = sorted(p.stem for p in (ROOT / "pages").glob("*.py") if p.stem != "__init__")
LDC_USER, LDC_MANAGER, AGENT, MANAGER = (
    "alpha.user1",
    "alpha.manager",
    "sme.agent1",
    "sme.manager1",
)
# What fits a box that takes 20 characters: a link all the same.
SHORT = "[x](http://ev.il)"

Act = Callable[[AppTest, World], None]


@dataclass(frozen=True)
class Visit:
    """A page opened by a user (None: signed out), with what they then do there."""

    who: str | None
    page: str
    ticket: str | None = None
    params: dict[str, str] = field(default_factory=dict)
    act: Act | None = None

    @property
    def name(self) -> str:
        doing = f"-{self.act.__name__}" if self.act else ""
        # A tab or section chosen is named by its value; a hostile value is not.
        params = [
            v if v.replace(" ", "").replace("_", "").isalnum() else k
            for k, v in self.params.items()
        ]
        extra = (
            f"-{self.ticket or ''}{'-'.join(params)}"
            if (self.ticket or self.params)
            else ""
        )
        return f"{self.who or 'visitor'}-{self.page}{extra}{doing}"


def _click(at: AppTest, label: str) -> None:
    next(b for b in at.button if b.label == label).click().run()


def go_to_a_typed_key(at: AppTest, world: World) -> None:
    at.text_input(key="tickets_jump_key").input(payload(0))
    _click(at, "Open ticket")


def search_for_hostile_words(at: AppTest, world: World) -> None:
    at.text_input(key="tickets_text").input(payload(1)).run()


def link_a_typed_key(at: AppTest, world: World) -> None:
    key = world.tickets["h-problem"]
    at.text_input(key=f"problem_{key}_link_key").input(SHORT)
    _click(at, "Link the incident")


def save_over_a_newer_change(at: AppTest, world: World) -> None:
    """Someone changes the ticket after it was opened: the save is refused."""
    key = world.tickets["h-stale"]
    with UnitOfWork(world.engine) as uow:
        ticket_id = uow.conn.scalar(
            sa.select(tickets.c.id).where(tickets.c.ticket_key == key)
        )
        uow.conn.execute(
            tickets.update()
            .where(tickets.c.id == ticket_id)
            .values(version=tickets.c.version + 1, title=payload(0))
        )
        uow.conn.execute(
            ticket_events.insert().values(
                id=uow.conn.scalar(event_id_seq.next_value()),
                ticket_id=ticket_id,
                occurred_at=T0 + timedelta(days=1),
                actor_id=world.users["osp.eng1"],
                change_id="hostile-stale",
                event_type="field_changed",
                field="title",
                old_value="Billing quantities missing",
                new_value=payload(0),
            )
        )
        uow.commit()
    _click(at, "Start work")


def confirm_a_bulk_assignment(at: AppTest, world: World) -> None:
    tick(at, world.tickets["h-inc-0"])
    _click(at, "Assign selected…")


def unlock_a_hostile_account(at: AppTest, world: World) -> None:
    at.selectbox(key="users_pick").set_value(world.users[HOSTILE_USER]).run()
    _click(at, "Unlock")


def set_a_password_with_a_hostile_name(at: AppTest, world: World) -> None:
    at.text_input(key="setup_username").input(payload(6))
    at.text_input(key="setup_code").input(payload(7))
    _click(at, "Set my password")


def sign_in_with_a_hostile_name(at: AppTest, world: World) -> None:
    at.text_input(key="login_username").input(payload(8))
    at.text_input(key="login_password").input(payload(9))
    _click(at, "Sign in")


def open_an_ldc(at: AppTest, world: World) -> None:
    at.selectbox(key="admin_org").set_value(world.orgs["Alpha Hydro"]).run()


def choose_a_cell_and_read_the_table(at: AppTest, world: World) -> None:
    at.toggle(key="an_heat_ldc_table").set_value(True)
    for index in (0, 1):
        select = at.selectbox(key=f"an_heat_ldc_choose{index}")
        select.set_value(select.options[-1])
    at.run()


VISITS = [
    Visit(None, "login"),
    Visit(None, "login", params={"key": payload(2)}),
    Visit(None, "account_setup"),
    Visit(None, "account_setup", act=set_a_password_with_a_hostile_name),
    Visit(None, "login", act=sign_in_with_a_hostile_name),
    *(
        Visit(who, page)
        for who in (LDC_USER, AGENT, MANAGER)
        for page in ("home", "tickets", "problems", "subscriptions", "inbox", "account")
    ),
    *(
        Visit(who, "ticket", ticket=name)
        for who in (LDC_USER, AGENT, MANAGER)
        for name in ("h-inc-0", "h-sr", "h-wide")
    ),
    *(Visit(who, "problem", ticket="h-problem") for who in (LDC_USER, AGENT, MANAGER)),
    *(Visit(who, "report") for who in (LDC_USER, AGENT)),
    *(Visit(who, "catalogue") for who in (LDC_USER, AGENT)),
    *(
        Visit(who, "request_new", params={"type": "gui_password_reset"})
        for who in (LDC_USER, AGENT)
    ),
    Visit(LDC_USER, "request_new", params={"type": payload(5)}),
    Visit(LDC_USER, "ticket", ticket="h-long"),
    Visit(LDC_MANAGER, "analytics_ldc"),
    Visit(MANAGER, "analytics", act=choose_a_cell_and_read_the_table),
    Visit(LDC_MANAGER, "ticket", ticket="alpha-sr"),
    *(Visit(AGENT, page) for page in ("queue", "fulfilment", "delivery", "oncall")),
    *(
        Visit(MANAGER, page)
        for page in (
            "analytics",
            "sla_admin",
            "users_admin",
            "admin",
            "delivery",
            "oncall",
        )
    ),
    *(Visit(who, "ticket", params={"key": payload(0)}) for who in (LDC_USER, AGENT)),
    Visit(LDC_USER, "problem", params={"key": payload(1)}),
    *(Visit(who, "tickets", act=go_to_a_typed_key) for who in (LDC_USER, AGENT)),
    Visit(LDC_USER, "tickets", act=search_for_hostile_words),
    Visit(AGENT, "problem", ticket="h-problem", act=link_a_typed_key),
    Visit(AGENT, "ticket", ticket="h-stale", act=save_over_a_newer_change),
    Visit(AGENT, "queue", act=confirm_a_bulk_assignment),
    Visit(MANAGER, "users_admin", act=unlock_a_hostile_account),
    Visit(MANAGER, "admin", act=open_an_ldc),
    # Pages that draw only the open tab or section: each one is a visit of its own.
    *(
        Visit(MANAGER, "admin", params={"tab": tab})
        for tab in ("Categories", "Releases", "Severity definitions", "Auto-close")
    ),
    *(
        Visit(MANAGER, "analytics", params={"section": section})
        for section in analytics_view.SECTIONS
    ),
    *(
        Visit(LDC_MANAGER, "analytics_ldc", params={"section": section})
        for section in analytics_view.LDC_SECTIONS
    ),
]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """One hostile store for the whole module, served to AppTest."""
    path = tmp_path_factory.mktemp("hostile") / "store.duckdb"
    world = hostile_world(path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SERVICEDESK_DB", str(path))
        patch.setenv("SERVICEDESK_JOBS", "off")
        yield world
    dispose_engine(path)


@pytest.fixture(scope="module")
def tokens(hostile: World) -> dict[str, str]:
    """A session token per user, signed in once."""
    return {
        who: auth.sign_in(
            hostile.engine,
            username=who,
            password=PASSWORD,
            now=T0.replace(year=2099),
        ).token
        for who in (LDC_USER, LDC_MANAGER, AGENT, MANAGER)
    }


def open_page(
    visit: Visit,
    world: World,
    *,
    tokens: dict[str, str] | None = None,
    language: str | None = None,
) -> AppTest:
    """Run the visit's page as its user (signed in here unless a token is given)."""
    at = AppTest.from_file(APP, default_timeout=60)
    if language:
        at.session_state["desk_language"] = language
    if visit.who:
        at.session_state["token"] = (tokens or {}).get(visit.who) or auth.sign_in(
            world.engine,
            username=visit.who,
            password=PASSWORD,
            now=T0.replace(year=2099),
        ).token
    at.switch_page(f"../pages/{visit.page}.py")
    params = dict(visit.params)
    if visit.ticket:
        params["key"] = world.tickets[visit.ticket]
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


@pytest.mark.parametrize("visit", VISITS, ids=[v.name for v in VISITS])
def test_no_page_shows_user_text_as_markup(
    hostile: World, tokens: dict[str, str], *, visit: Visit
) -> None:
    at = open_page(visit, hostile, tokens=tokens)
    if visit.act:
        visit.act(at, hostile)
    assert not at.exception
    assert shown_markup(at, PAYLOADS, marker=MARKER) == []


def test_the_guard_opens_every_page_of_the_desk() -> None:
    assert sorted({v.page for v in VISITS}) == PAGES


def _drill_down(heading: str) -> None:
    import pandas as pd

    from dashboard.analytics.ui import analytics_drill

    frame = pd.DataFrame({"ticket_key": ["INC-000001"], "title": [heading]})
    analytics_drill.tickets(frame, heading=heading, key="hostile")


def test_a_drill_down_heading_naming_a_hostile_ldc_shows_as_text() -> None:
    # A heatmap cell is selected in the browser only; the listing it opens runs here.
    at = AppTest.from_function(_drill_down, args=(payload(0),)).run()
    assert not at.exception
    assert shown_markup(at, PAYLOADS, marker=MARKER) == []
