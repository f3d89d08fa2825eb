"""A page never migrates: on a store behind the newest schema it says so, and waits."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data_access import migrate
from data_access.engine import dispose_engine, get_engine
from tests.app.conftest import APP


def test_a_page_on_a_store_not_migrated_says_so_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "not-migrated.duckdb"
    monkeypatch.setenv("SERVICEDESK_DB", str(db))
    monkeypatch.setenv("SERVICEDESK_JOBS", "off")

    at = AppTest.from_file(APP, default_timeout=30).run()

    assert not at.exception
    assert any("not at the newest schema" in e.value for e in at.error)
    assert not at.text_input  # no sign-in form on a store that cannot answer
    assert migrate.current_revision(get_engine(db)) is None
    dispose_engine(db)
