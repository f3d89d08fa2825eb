"""The CSV of every download, with no cell a spreadsheet would run as a formula."""

import csv

import pandas as pd

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP's CSV
# injection rule); a leading single quote makes it text again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(value: object) -> object:
    """A text cell no spreadsheet runs as a formula; numbers and dates as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as UTF-8 CSV for a download, every text cell made inert.

    Only text is touched: a numeric column keeps its negative numbers (hours left,
    a change in per cent), which a spreadsheet reads as numbers, not formulas. Text
    is quoted, so that a line break typed in a title stays inside its cell.
    """
    inert = frame.rename(columns=inert_cell)
    for column in inert.columns:
        if _holds_text(inert[column]):
            inert[column] = inert[column].map(inert_cell)
    return inert.to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC).encode("utf-8")


def _holds_text(column: pd.Series) -> bool:
    types = pd.api.types
    categories = isinstance(column.dtype, pd.CategoricalDtype)
    return types.is_object_dtype(column) or types.is_string_dtype(column) or categories
