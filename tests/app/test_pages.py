import pytest

from tests.factories import PASSWORD, World

ROLES = ["alpha.user1", "alpha.manager", "sme.agent1", "osp.eng1", "sme.manager1"]


def test_a_visitor_sees_the_sign_in_form_only(app) -> None:
    at = app()
    assert not at.exception
    assert [t.label for t in at.text_input] == ["Username", "Password"]


def test_a_wrong_password_shows_a_clear_error_and_stays_on_sign_in(app) -> None:
    at = app()
    at.text_input(key="login_username").input("alpha.user1")
    at.text_input(key="login_password").input("wrong")
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert [e.value for e in at.error] == ["Wrong username or password."]
    assert "token" not in at.session_state


def test_the_right_password_opens_the_ldcs_ticket_list(app) -> None:
    at = app()
    at.text_input(key="login_username").input("alpha.user1")
    at.text_input(key="login_password").input(PASSWORD)
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert not at.exception
    assert at.title[0].value == "Tickets of Alpha Hydro"


@pytest.mark.parametrize("username", ROLES)
def test_the_ticket_list_renders_for_every_role(app, username: str) -> None:
    at = app(username)
    assert not at.exception
    assert at.title[0].value.startswith(
        "Tickets of" if username.startswith("alpha") else "All tickets"
    )


@pytest.mark.parametrize("username", ROLES)
def test_the_ticket_page_renders_for_every_role(
    app, world: World, username: str
) -> None:
    at = app(username, page="ticket", key=world.tickets["alpha-inc"])
    assert not at.exception
    assert at.title[0].value.startswith(world.tickets["alpha-inc"])


@pytest.mark.parametrize("username", ROLES)
def test_the_account_page_renders_for_every_role(app, username: str) -> None:
    at = app(username, page="account")
    assert not at.exception
    assert at.title[0].value == "My account"


def test_an_ldc_users_list_shows_none_of_another_ldcs_tickets(
    app, world: World
) -> None:
    at = app("alpha.user1")
    shown = " ".join(str(t.value) for t in at.text)
    assert "Alpha billing quantities missing" in shown
    assert "Beta synchronization stuck" not in shown


def test_an_ldc_user_opening_another_ldcs_key_is_told_not_found(
    app, world: World
) -> None:
    at = app("alpha.user1", page="ticket", key=world.tickets["beta-inc"])
    assert at.title[0].value == "Ticket not found"
    assert "Beta" not in " ".join(str(t.value) for t in at.text)


def test_an_ldc_user_sees_the_mdmr_wide_banner(app, world: World) -> None:
    at = app("beta.user1")
    assert any(world.tickets["wide-inc"] in w.value for w in at.warning)


def test_internal_notes_are_hidden_on_the_ticket_page_for_ldc_users(
    app, world: World
) -> None:
    at = app("alpha.user1", page="ticket", key=world.tickets["alpha-inc"])
    texts = [t.value for t in at.text]
    assert "We are looking into it." in texts
    assert "Internal: vendor ticket 4711 opened" not in texts


def test_markup_in_a_title_is_shown_as_text(app, world: World) -> None:
    from tests.factories import add_ticket

    add_ticket(
        world,
        "xss",
        org="Alpha Hydro",
        reporter="alpha.user1",
        title="<b>bold</b> **x**",
    )
    at = app("alpha.user1", page="ticket", key=world.tickets["xss"])
    assert at.title[0].value.endswith(r"\<b\>bold\</b\> \*\*x\*\*")


def test_changing_the_password_with_a_wrong_current_one_shows_why(app) -> None:
    at = app("alpha.user1", page="account")
    at.text_input(key="account_current").input("nope")
    at.text_input(key="account_new").input("New-Meter-2026")
    at.text_input(key="account_confirm").input("New-Meter-2026")
    next(b for b in at.button if b.label == "Change password").click().run()
    assert [e.value for e in at.error] == ["The current password is wrong."]
