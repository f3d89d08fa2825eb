"""Working the grids (st.dataframe) in the browser: they draw on a canvas, with an
accessible table of their cells beside it."""

import re

from playwright.sync_api import Locator, Page, expect

ROW_HEIGHT = 35  # Streamlit's grid rows and header, in CSS pixels


def grid_cells(page: Page) -> list[str]:
    """The text of every cell of the page's first grid, as a screen reader has it."""
    cells = page.locator("[data-testid='stDataFrame'] [role='gridcell']")
    return [str(t) for t in cells.all_text_contents()]


def grid_cell(page: Page, text: str, *, exact: bool = True) -> Locator:
    """The cells of the page's grids that read this text (exactly, or holding it)."""
    wanted = f"^{re.escape(text)}$" if exact else re.escape(text)
    return page.locator("[data-testid='stDataFrame'] [role='gridcell']").filter(
        has_text=re.compile(wanted)
    )


def tick_row(page: Page, row: int = 0) -> None:
    """Tick a row of the first grid by its box in the row-marker column."""
    canvas = page.locator("[data-testid='stDataFrame'] canvas").first
    expect(canvas).to_be_visible()
    box = canvas.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 18, box["y"] + ROW_HEIGHT * (row + 1) + ROW_HEIGHT / 2)
