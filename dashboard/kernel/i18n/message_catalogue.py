"""The French catalogue's upkeep: extract the code's messages, merge, compile, check.

`servicedesk-i18n update` (`make i18n`) folds the code's messages into `messages.po`
(keeping every translation made, taking new ones from `parts/*.po`);
`compile` writes the `.mo` that the desk reads; `missing` lists what has no French.
"""

import argparse
import ast
import sys
from collections.abc import Collection, Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from dashboard.kernel.i18n.translate import DOMAIN, FRENCH, LOCALE_DIR

ROOT = LOCALE_DIR.parents[3]
SOURCES = ("dashboard", "pages")
# The functions whose first argument (and ngettext's second) is a message.
KEYWORDS = {"_": None, "N_": None, "later": None, "ngettext": (1, 2)}
PO = LOCALE_DIR / FRENCH / "LC_MESSAGES" / f"{DOMAIN}.po"
PARTS = LOCALE_DIR / "parts"

# Fixed, so that an update changes the file only where messages change.
STAMP = datetime(2026, 12, 3, tzinfo=UTC)
Key = str | tuple[str, str]


def code_files(paths: Iterable[Path] | None = None) -> list[Path]:
    """The Python files whose messages the catalogue holds."""
    if paths is not None:
        return sorted(Path(p).resolve() for p in paths)
    return sorted(f for s in SOURCES for f in (ROOT / s).rglob("*.py"))


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def direct_arguments(  # noqa: PLR0917 - Babel calls extraction methods so
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str, tuple[str | None, ...], list[str]]]:
    """Babel's extraction method for the desk: only literal arguments of the keyword
    calls (Babel's own Python method also takes strings nested in them, such as the
    "status" of `_(row["status"])`)."""
    tree = ast.parse(fileobj.read())
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in keywords or not node.args:
            continue
        found = tuple(_literal(arg) for arg in node.args)
        if found[0] is not None:
            yield node.lineno, name, found, []


def messages(paths: Iterable[Path] | None = None) -> Iterator[tuple[Key, Path, int]]:
    """Every message in the code: its id (a pair for plurals), file and line."""
    for path in code_files(paths):
        for line, found, _comments, _context in extract_from_file(
            direct_arguments,  # type: ignore[arg-type] # Babel's stub names another tuple
            str(path),
            keywords=KEYWORDS,
            comment_tags=(),
        ):
            key: Key = str(found) if isinstance(found, str) else found[0]
            if not isinstance(found, str) and len(found) > 1 and found[1]:
                key = (found[0], found[1])
            if key:
                yield key, path, line


def read(path: Path) -> Catalog:
    """A .po file as a catalog (an empty French one where there is none)."""
    if not path.exists():
        return Catalog(locale=FRENCH, domain=DOMAIN)
    with path.open("rb") as source:
        return read_po(source, locale=FRENCH, domain=DOMAIN)


def first_id(message: Message) -> str:
    """A message's id (a plural's singular)."""
    return str(message.id if isinstance(message.id, str) else message.id[0])


def _translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return bool(strings) and all(strings) and not message.fuzzy


def known() -> dict[str, Any]:
    """Every translation made: messages.po first, then the parts."""
    found: dict[str, Any] = {}
    for path in [PO, *sorted(PARTS.glob("*.po"))]:
        for message in read(path):
            key = first_id(message)
            if key and key not in found and _translated(message):
                found[key] = message.string
    return found


def build(paths: Iterable[Path] | None = None) -> Catalog:
    """The catalog of the code's messages with every translation known."""
    translations = known()
    catalog = Catalog(
        locale=FRENCH,
        domain=DOMAIN,
        project="MDM/R Service Desk",
        version="1",
        creation_date=STAMP,
        revision_date=STAMP,
        last_translator="MDM/R Service Desk",
        language_team="fr_CA",
    )
    for key, path, line in messages(paths):
        first = key[0] if isinstance(key, tuple) else key
        where = (str(path.relative_to(ROOT)), line)
        existing = catalog.get(key)
        if existing is not None:
            existing.locations.append(where)
            continue
        string = translations.get(first, ("", "") if isinstance(key, tuple) else "")
        catalog.add(key, string, locations=[where])
    return catalog


def missing(catalog: Catalog) -> list[str]:
    """The messages of the catalog that have no French."""
    return [first_id(m) for m in catalog if m.id and not _translated(m)]


def write(catalog: Catalog, path: Path) -> None:
    """Write a catalog as a .po file, sorted, without line numbers that churn."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as target:
        write_po(target, catalog, width=88, sort_output=True, include_lineno=False)


def compile_mo() -> Path:
    """Compile messages.po into the messages.mo the desk reads."""
    mo = PO.with_suffix(".mo")
    with mo.open("wb") as target:
        write_mo(target, read(PO))
    return mo


def main(argv: list[str] | None = None) -> int:
    """The catalogue's commands: update, todo FILE…, compile, missing."""
    parser = argparse.ArgumentParser(prog="servicedesk-i18n")
    parser.add_argument("command", choices=["update", "todo", "compile", "missing"])
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    if args.command == "compile":
        print(compile_mo())
        return 0
    catalog = build(args.files or None)
    if args.command == "update":
        write(catalog, PO)
        compile_mo()
    elif args.command == "todo":
        todo = Catalog(locale=FRENCH, domain=DOMAIN)
        for message in catalog:
            if message.id and not _translated(message):
                todo.add(message.id, message.string, locations=message.locations)
        write_po(sys.stdout.buffer, todo, width=88, include_lineno=False)
        return 0
    left = missing(catalog)
    print("\n".join(left) or "every message has its French", file=sys.stderr)
    return 1 if left and args.command == "missing" else 0


if __name__ == "__main__":
    raise SystemExit(main())
