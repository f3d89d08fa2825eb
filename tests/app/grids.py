"""Reading the grids of a page under AppTest, and ticking their rows."""

from typing import Any

from streamlit.testing.v1 import AppTest


def grid_rows(at: AppTest) -> list[dict[str, Any]]:
    """Every row of every grid on the page, by column."""
    rows: list[dict[str, Any]] = []
    for table in at.dataframe:
        rows += [
            {str(k): v for k, v in r.items()} for r in table.value.to_dict("records")
        ]
    return rows


def grid_text(at: AppTest) -> str:
    """Every cell of every grid on the page, as one text."""
    return " ".join(str(v) for row in grid_rows(at) for v in row.values())


def grid_keys(at: AppTest) -> list[str]:
    """The ticket or problem keys the grids list (their link columns show them)."""
    return [str(row["Key"]).rsplit("key=", 1)[-1] for row in grid_rows(at)]


def tick_lines(at: AppTest, *positions: int) -> AppTest:
    """Tick rows of the page's first grid by their place, and run the page again."""
    at.session_state[str(at.dataframe[0].key)] = {
        "selection": {"rows": list(positions), "columns": [], "cells": []}
    }
    return at.run()


def tick(at: AppTest, *keys: str) -> AppTest:
    """Tick the rows of these keys in the page's grid, as a click on their boxes
    would, and run the page again."""
    listed = [str(k).rsplit("key=", 1)[-1] for k in at.dataframe[0].value["Key"]]
    return tick_lines(at, *(listed.index(k) for k in keys))


def open_filters(at: AppTest, prefix: str) -> AppTest:
    """Open a list's Filters panel (its widgets are drawn only while it is open)."""
    at.session_state[f"{prefix}_filters_shown"] = True
    return at.run()
