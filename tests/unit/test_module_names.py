"""The tree reads as the architecture: every module of the desk has a name of its own,
so that no import needs an alias to tell two modules apart."""

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("dashboard", "data_access", "seed")
OURS = (*PACKAGES, "pages", "tests")
# The data libraries' own conventions are aliases everybody reads the same way.
CONVENTIONS = {
    "numpy": "np",
    "pandas": "pd",
    "sqlalchemy": "sa",
    "streamlit": "st",
    "pyarrow": "pa",
    "pyarrow.compute": "pc",
    "plotly.graph_objects": "go",
    "numpy.typing": "npt",
}


def _modules() -> list[Path]:
    return [
        path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if path.name != "__init__.py" and "migrations" not in path.parts
    ]


def test_no_two_modules_of_the_desk_share_a_name() -> None:
    by_name: dict[str, list[str]] = defaultdict(list)
    for path in _modules():
        by_name[path.stem].append(str(path.relative_to(ROOT)))
    assert {name: paths for name, paths in by_name.items() if len(paths) > 1} == {}


def test_no_import_renames_a_module_of_ours_nor_breaks_a_convention() -> None:
    aliased = []
    for package in OURS:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    where = f"{path.relative_to(ROOT)}:{node.lineno}"
                    aliased += [f"{where} {alias}" for alias in _aliases(node)]
    assert aliased == []


def _is_module(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _aliases(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(OURS):
        return [
            f"{node.module}.{a.name} as {a.asname}"
            for a in node.names
            if a.asname and _is_module(f"{node.module}.{a.name}")
        ]
    if isinstance(node, ast.Import):
        return [
            f"{a.name} as {a.asname}"
            for a in node.names
            if a.asname and CONVENTIONS.get(a.name) != a.asname
        ]
    return []
