"""The French catalogue holds every message of the code, each with its French, and no
string a person reads escapes it."""

import ast
import re
import string
from pathlib import Path

import pytest

from dashboard.kernel.i18n import message_catalogue
from dashboard.kernel.i18n.translate import FRENCH, _, using

ROOT = message_catalogue.ROOT
I18N = ROOT / "dashboard" / "kernel" / "i18n"
# Streamlit calls whose first argument, or these keywords, a person reads.
SHOWN = {
    "title", "header", "subheader", "caption", "markdown", "write", "text", "info",
    "warning", "error", "success", "toast", "exception", "button", "form_submit_button",
    "download_button", "link_button", "page_link", "text_input", "text_area",
    "number_input", "selectbox", "multiselect", "radio", "checkbox", "toggle",
    "date_input", "time_input", "slider", "select_slider", "segmented_control",
    "pills", "file_uploader", "expander", "popover", "metric", "spinner", "status",
    "badge", "dialog", "Page", "TextColumn", "NumberColumn", "LinkColumn",
    "DatetimeColumn", "DateColumn", "CheckboxColumn", "SelectboxColumn",
    "ProgressColumn", "ListColumn", "Column", "md", "plain", "label",
}  # fmt: skip
SHOWN_KEYWORDS = {"label", "help", "placeholder", "title", "caption", "body", "text"}
LOGGERS = {"log", "logger", "logging", "LOG"}
# Errors a person reads: their message is a message of the catalogue.
REFUSALS = {
    "DomainError", "InvalidInput", "NotAllowed", "NotFound", "StaleVersion",
    "ImportRefused", "AlreadySubmitted",
}  # fmt: skip


def _code() -> list[Path]:
    return [p for p in message_catalogue.code_files() if I18N not in p.parents]


def _words(node: ast.AST) -> bool:
    """A literal (or an f-string's literal part) with a word a person reads."""
    parts = (
        [v for v in node.values if isinstance(v, ast.Constant)]
        if isinstance(node, ast.JoinedStr)
        else [node]
    )
    for part in parts:
        if isinstance(part, ast.Constant) and isinstance(part.value, str):
            text = part.value
            if text.startswith(":material/") or text.startswith("../pages/"):
                continue
            # Words, beyond placeholders and codes such as INC-000123 or MDM/R.
            if re.search(r"[a-z]", re.sub(r"\{[^}]*\}", "", text)):
                return True
    return False


def _escapes(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = (
                func.attr
                if isinstance(func, ast.Attribute)
                else getattr(func, "id", "")
            )
            owner = getattr(func, "value", None)
            if isinstance(owner, ast.Name) and owner.id in LOGGERS:
                continue  # logs are for operators, in English
            shown = list(node.args[:1]) if name in SHOWN else []
            if name in SHOWN or name in REFUSALS:
                shown += [k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS]
            if name in REFUSALS:
                shown += list(node.args[:1])
            lines += [node.lineno for arg in shown if _words(arg)]
    return lines


def test_every_string_a_person_reads_goes_through_the_catalogue() -> None:
    escaped = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in _code()
        for line in _escapes(ast.parse(path.read_text(), str(path)))
    ]
    assert escaped == []


def test_every_message_of_the_code_has_its_french() -> None:
    assert message_catalogue.missing(message_catalogue.build()) == []


def test_the_catalogue_file_holds_exactly_the_codes_messages(tmp_path: Path) -> None:
    fresh = tmp_path / "messages.po"
    message_catalogue.write(message_catalogue.build(), fresh)
    assert fresh.read_text() == message_catalogue.PO.read_text(), (
        "run `make i18n` and commit the .po"
    )


def _fields(text: str) -> set[str]:
    return {f for _l, f, _s, _c in string.Formatter().parse(text) if f is not None}


@pytest.mark.parametrize("language", [FRENCH])
def test_every_french_message_keeps_the_englishs_placeholders(language: str) -> None:
    wrong = []
    for message in message_catalogue.read(message_catalogue.PO):
        if not message.id:
            continue
        english = message_catalogue.first_id(message)
        strings = (
            message.string if isinstance(message.string, tuple) else (message.string,)
        )
        if any(_fields(str(s)) != _fields(english) for s in strings if s):
            wrong.append(english)
    assert wrong == []


def test_a_module_that_translates_never_rebinds_the_underscore() -> None:
    rebinding = []
    for path in _code():
        tree = ast.parse(path.read_text(), str(path))
        imports = any(
            isinstance(n, ast.ImportFrom) and any(a.name == "_" for a in n.names)
            for n in ast.walk(tree)
        )
        stores = [
            n.lineno
            for n in ast.walk(tree)
            if isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store)
        ]
        if imports and stores:
            rebinding.append(f"{path.relative_to(ROOT)}:{stores[0]}")
    assert rebinding == []


def test_french_is_read_from_the_catalogue_and_english_is_the_source() -> None:
    with using(FRENCH):
        french = _("Sign in")
    assert (french, _("Sign in")) == ("Se connecter", "Sign in")
