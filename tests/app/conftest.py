"""AppTest runs the real entry point against the test's own store."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.kernel import auth, settings
from tests.factories import PASSWORD, T0, World
from tests.stores import store_of

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


@pytest.fixture
def app(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., AppTest]]:
    """Builds an AppTest, signed in as the named user when one is given."""
    if world.engine.dialect.name == "postgresql":
        monkeypatch.setenv("SERVICEDESK_DATABASE_URL", store_of(world.engine))
    else:
        monkeypatch.delenv("SERVICEDESK_DATABASE_URL", raising=False)
        monkeypatch.setenv("SERVICEDESK_DB", store_of(world.engine))
    # No background jobs: auto-close and the clock watch would change the world
    # under the test.
    monkeypatch.setenv("SERVICEDESK_JOBS", "off")
    # Building the world may have read the settings already: read them anew.
    settings.current.cache_clear()

    def build(
        username: str | None = None, *, page: str | None = None, **params: str
    ) -> AppTest:
        # A page's first run in a busy worker (both cores taken, a suggestion index
        # built) can pass 30 s: the wait is for a run's end, not a speed target.
        at = AppTest.from_file(APP, default_timeout=60)
        if username:
            at.session_state["token"] = auth.sign_in(
                world.engine,
                username=username,
                password=PASSWORD,
                now=T0.replace(year=2099),
            ).token
        if page:
            at.switch_page(f"../pages/{page}.py")
        for name, value in params.items():
            at.query_params[name] = value
        return at.run()

    yield build
