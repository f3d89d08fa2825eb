"""The analytics page's CSV downloads, as the browser would receive them."""

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from dashboard.analytics.ui import analytics_view
from dashboard.kernel.csv_files import FORMULA_STARTS
from data_access.engine import UnitOfWork, dispose_engine
from data_access.schema import organizations, tickets
from tests.factories import World
from tests.integration.analytics_world import analytics_world

HOSTILE = '=HYPERLINK("http://evil.example")'


def _numeric(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    """The analytics world, every title and LDC name a spreadsheet formula."""
    path = tmp_path / "analytics.duckdb"
    built = analytics_world(path)
    with UnitOfWork(built.engine) as uow:
        uow.conn.execute(tickets.update().values(title=HOSTILE))
        uow.conn.execute(organizations.update().values(name="@SUM(1)"))
        uow.commit()
    yield built
    dispose_engine(path)


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The files the page hands the browser, by file name."""
    files: dict[str, bytes] = {}
    keep = MemoryMediaFileStorage.load_and_get_id

    def load(self: Any, data: Any, mimetype: str, kind: Any, filename: Any = None):  # noqa: PLR0917 - stands in for Streamlit's method
        if mimetype == "text/csv":
            files[str(filename)] = bytes(data)
        return keep(self, data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", load)
    return files


def test_no_csv_of_the_analytics_page_holds_a_live_formula(
    app, downloads: dict[str, bytes]
) -> None:
    for section in analytics_view.SECTIONS:
        at = app("sme.manager1", page="analytics", section=section)
        assert not at.exception
    cells = {
        name: [c for row in csv.reader(io.StringIO(data.decode())) for c in row]
        for name, data in downloads.items()
    }
    assert len(cells) >= 9
    live = {
        name: [c for c in found if c.startswith(FORMULA_STARTS) and not _numeric(c)]
        for name, found in cells.items()
    }
    assert all(not found for found in live.values()), live
    assert f"'{HOSTILE}" in cells["board_tickets.csv"]
