"""User text goes to the page as text: never as Markdown, HTML, LaTeX or a link.

Streamlit renders Markdown in st.markdown, st.write(str), st.caption, the alerts,
st.toast, the headings, st.table cells, st.badge, and in every widget's label and
help, radio options, tab and expander labels. Whatever a user typed reaches those
only through this module: `md_escape` (or `md`, `label`, `plain`, `refuse`, `badge`).
Plain elements (st.text, st.code, st.dataframe cells, input values, selectbox
options) need none of it.
"""

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard.kernel.rules.errors import DomainError

LABEL_LIMIT = 120
# Invisible, and no word character: it breaks the patterns that Streamlit's
# renderer looks for in the text itself, after Markdown's escapes are undone.
JOINER = "\u2060"
REPLACEMENT = "\ufffd"
BadgeColor = Literal[
    "red", "orange", "yellow", "blue", "green", "violet", "gray", "grey", "primary"
]

_NEWLINES = re.compile(r"\r\n?")
# Control characters, and the bidi embeddings, overrides and isolates that would
# let a text show in another order than it was typed.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_INLINE = re.compile(
    # Markdown, GFM (tables, strikethrough), HTML, entities and LaTeX, anywhere.
    r"(?P<char>[\\`*_{}\[\]()#+|<>~$&])"
    # Directives (:red[..]), icons (:material/..:), emoji (:smile:), http:// links.
    r"|(?P<colon>:(?=[\w+\-/]))"
    # Email links (someone@example.org) and www. links, found by GFM in plain text.
    r"|(?P<at>@(?=[\w\-]))"
    r"|(?P<www>(?<=[wW]{3})\.)"
)
_REPLACE = {"colon": "\\:" + JOINER, "at": "@" + JOINER, "www": JOINER + "."}
# Markdown's block markers count only at the start of a line.
_LINE_START = re.compile(r"^([ \t]*)([-=]|\d+\.)", re.MULTILINE)
_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)


def visible(text: object) -> str:
    """The text with hidden characters (controls, bidi overrides) shown as U+FFFD."""
    return _HIDDEN.sub(REPLACEMENT, _NEWLINES.sub("\n", str(text)))


def shorten(text: object, limit: int) -> str:
    """The text cut to at most `limit` characters, an ellipsis saying so."""
    whole = str(text)
    return whole if len(whole) <= limit else whole[: limit - 1] + "…"


def md_escape(text: object) -> str:
    """Text made inert for any Markdown-rendering element, so that it shows as typed.

    Plain sentences stay as they are; every character that could start Markdown,
    HTML, LaTeX or a Streamlit directive is escaped, and an invisible word joiner
    breaks what Streamlit would turn into a link, an icon or an emoji.
    """
    escaped = _INLINE.sub(_escape_inline, visible(text))
    escaped = _LINE_START.sub(_escape_marker, escaped)
    # Leading blanks as no-break spaces: kept on screen, and never a code block.
    escaped = _INDENT.sub(_no_break, escaped)
    return escaped.replace("\n", "  \n")


def _escape_inline(match: re.Match[str]) -> str:
    kind = str(match.lastgroup)
    return "\\" + match.group() if kind == "char" else _REPLACE[kind]


def _escape_marker(match: re.Match[str]) -> str:
    indent, marker = match.groups()
    if marker in "-=":
        return f"{indent}\\{marker}"
    return f"{indent}{marker[:-1]}\\."


def _no_break(match: re.Match[str]) -> str:
    return match.group().replace("\t", "    ").replace(" ", "\u00a0")


def md(template: str, /, **values: object) -> str:
    """Our Markdown template with the user's values put in inert."""
    return template.format_map({k: md_escape(v) for k, v in values.items()})


def label(text: object, *, limit: int = LABEL_LIMIT) -> str:
    """A widget label, option, tab or expander name from user text: short, inert."""
    return md_escape(shorten(visible(text), limit))


def plain(show: Callable[..., Any], text: object, **options: Any) -> None:
    """Show text through an element that renders Markdown (st.info, st.caption…)."""
    show(md_escape(text), **options)


def refuse(error: DomainError, *, where: DeltaGenerator | None = None) -> None:
    """Show a refusal: a plain sentence that may quote what the user typed."""
    show = st.error if where is None else where.error
    show(md_escape(error.message))


def table(columns: Mapping[str, Sequence[object]]) -> None:
    """A static table of user text (st.table renders its headers and cells)."""
    st.table({md_escape(k): [md_escape(v) for v in vs] for k, vs in columns.items()})


def badge(where: DeltaGenerator, text: object, *, color: BadgeColor) -> None:
    """A badge whose label is user text (st.badge escapes only its brackets)."""
    escaped = md_escape(shorten(visible(text), LABEL_LIMIT))
    # st.badge escapes [ and ] itself; escaped twice they would show a backslash.
    where.badge(escaped.replace("\\[", "[").replace("\\]", "]"), color=color)
