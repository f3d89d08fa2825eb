"""The catalogue look-up, and whose language a string is put in."""

import gettext
import io
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

DEFAULT = "en"
FRENCH = "fr_CA"
# Each language's name in itself, as a chooser shows it.
LANGUAGES = {DEFAULT: "English", FRENCH: "Français"}
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"

_chosen: ContextVar[str | None] = ContextVar("desk_language", default=None)
_source: list[Callable[[], str | None]] = []


def normalize(tag: str | None) -> str:
    """The desk's language for a browser's or a user's tag: 'fr-CA', 'fr' → fr_CA."""
    if tag and tag.replace("-", "_").lower().split("_")[0] == "fr":
        return FRENCH
    return DEFAULT


def set_source(source: Callable[[], str | None]) -> None:
    """Where the language of the person being served comes from (the UI's session)."""
    _source[:] = [source]


def current() -> str:
    """The language strings are put in now."""
    chosen = _chosen.get()
    if chosen is None and _source:
        chosen = _source[0]()
    return normalize(chosen)


def is_french() -> bool:
    """Whether strings are put in French now."""
    return current() == FRENCH


@contextmanager
def using(language: str | None) -> Iterator[None]:
    """Put strings in this language inside the block (an email's recipient's)."""
    token = _chosen.set(normalize(language))
    try:
        yield
    finally:
        _chosen.reset(token)


@lru_cache(maxsize=4)
def _catalogue(language: str) -> gettext.NullTranslations:
    if language == DEFAULT:
        return gettext.NullTranslations()
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as compiled:
            return Translations(compiled, domain=DOMAIN)
    # Not compiled since the last edit (a checkout before `make setup`): compile here.
    with po.open("rb") as source:
        catalog = read_po(source, locale=language, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def _(message: str) -> str:
    """The message in the current language."""
    # gettext's "" is the catalogue's header, never a message.
    return _catalogue(current()).gettext(message) if message else message


def ngettext(singular: str, plural: str, n: int) -> str:  # noqa: PLR0917 - gettext's own
    """The singular or plural message, as the current language counts n."""
    return _catalogue(current()).ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - gettext's name for the marker
    """Mark a message for the catalogue; it is translated where it is shown."""
    return message


@dataclass(frozen=True)
class Message:
    """A message put in words later, in its reader's language: a notice's text."""

    msgid: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def render(self) -> str:
        """The message in the current language, its values filled in."""
        values = {name: render(value) for name, value in self.params.items()}
        return _(self.msgid).format(**values) if values else _(self.msgid)


def later(msgid: str, **params: Any) -> Message:
    """A message to put in words later, with its values (themselves messages or not)."""
    return Message(msgid, params)


def render(value: Any) -> Any:
    """A Message (or a function of no arguments) put in words; anything else as is."""
    if isinstance(value, Message):
        return value.render()
    return value() if callable(value) else value
