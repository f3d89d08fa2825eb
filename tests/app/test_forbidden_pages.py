"""A page opened by its address that the user's role does not have is refused."""

import pytest

REFUSAL = "You may not open this page."


@pytest.mark.parametrize("page", ["queue", "analytics", "users_admin", "fulfilment"])
def test_an_ldc_user_opening_a_staff_page_by_address_is_told_they_may_not(
    app, page: str
) -> None:
    at = app("alpha.user1", page=page)
    assert not at.exception
    assert [e.value for e in at.error] == [REFUSAL]


def test_an_sme_agent_opening_the_users_page_by_address_is_told_they_may_not(
    app,
) -> None:
    at = app("sme.agent1", page="users_admin")
    assert [e.value for e in at.error] == [REFUSAL]


def test_the_refused_page_leaves_the_users_own_pages_open(app) -> None:
    at = app("alpha.user1", page="queue")
    at.switch_page("../pages/tickets.py").run()
    assert not at.exception
    assert at.title[0].value == "Tickets of Alpha Hydro"


def test_a_page_the_role_has_is_not_refused(app) -> None:
    at = app("sme.agent1", page="queue")
    assert REFUSAL not in [e.value for e in at.error]
