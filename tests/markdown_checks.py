"""What Streamlit's Markdown renderer would make of a source, checked with markdown-it.

Streamlit renders with remark (CommonMark, GFM, directives, math, emoji). markdown-it
is CommonMark too, so its tokens say which links, images and HTML a source holds.
What remark finds in the text itself, after the escapes are undone (GFM's literal
links and emails, emoji and icons), is looked for with remark's own patterns; what
it finds in the source (directives, LaTeX) is looked for in the source.
"""

import re
from collections.abc import Iterator

from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message
from markdown_it import MarkdownIt
from markdown_it.token import Token
from streamlit.testing.v1 import AppTest

from dashboard.ui.text import visible

MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
LIVE = {"link_open", "image", "html_inline", "html_block"}
# What plain text parses to; anything else is structure.
PLAIN = {
    "paragraph_open",
    "paragraph_close",
    "inline",
    "text",
    "softbreak",
    "hardbreak",
}

# mdast-util-gfm-autolink-literal, run over text nodes.
LITERAL_LINK = re.compile(r"(https?://|www(?=\.))([-.\w]+)", re.IGNORECASE)
LITERAL_EMAIL = re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)")
# remark-emoji, for names with a letter (a time such as 14:05:30 is no emoji).
EMOJI = re.compile(r":(?=[\w+-]*[A-Za-z])[\w+-]+:")
# Streamlit turns :material/name: (or :material_name:) into an icon.
ICON = re.compile(r":material[/_]\w+:")
# remark-directive: a colon, a name, then a label or attributes.
DIRECTIVE = re.compile(r":([A-Za-z][\w-]*)(?=[\[{])")
# st.badge writes a directive of its own at the start of its body.
BADGE = re.compile(r":[a-z]+-badge\[")
# Streamlit's test for loading LaTeX, ported from its frontend.
_CODE_OR_ESCAPE = re.compile(
    r"(?:^|(?<=\n)) {0,3}(`{3,}|~{3,})[\s\S]*?(?:\n[ \t]*\1|\Z)"
    r"|(?<!`)(`+)[^`\n]+\2(?!`)|\\[\\$`]"
)
_BLOCK_MATH = re.compile(r"(?<!\$)\$\$+(?!\$)[\s\S]*?\$\$")
_INLINE_MATH = re.compile(r"(?<!\$)\$(?![\s$])[^$\n]*?[^\s$]\$(?!\d)")


def tokens(source: str) -> Iterator[Token]:
    """Every token of the source, nested ones included."""
    for token in MD.parse(source):
        yield token
        yield from token.children or []


def rendered(source: str) -> str:
    """The text a reader sees, line breaks as newlines."""
    parts = []
    for token in tokens(source):
        if token.type in {"text", "code_inline", "code_block", "fence"}:
            parts.append(token.content)
        elif token.type in {"softbreak", "hardbreak", "paragraph_close"}:
            parts.append("\n")
    return "".join(parts)


def has_math(source: str) -> bool:
    """Whether Streamlit would render LaTeX in this source."""
    if "$" not in source:
        return False
    bare = _CODE_OR_ESCAPE.sub("_", source)
    return bool(_BLOCK_MATH.search(bare) or _INLINE_MATH.search(bare))


def live_directives(source: str) -> list[str]:
    """Directives in the source whose colon is not escaped (st.badge's own aside)."""
    found = []
    for match in DIRECTIVE.finditer(source):
        slashes = len(source[: match.start()]) - len(
            source[: match.start()].rstrip("\\")
        )
        own_badge = match.start() == 0 and BADGE.match(source)
        if slashes % 2 == 0 and not own_badge:
            found.append(match.group())
    return found


def live_constructs(source: str) -> list[str]:
    """Links, images, HTML, directives, LaTeX, icons and emoji the source would show."""
    found = [
        f"{t.type} {t.attrs or t.content!r}" for t in tokens(source) if t.type in LIVE
    ]
    text = rendered(source)
    for name, pattern in (
        ("literal link", LITERAL_LINK),
        ("literal email", LITERAL_EMAIL),
        ("emoji", EMOJI),
        ("icon", ICON),
    ):
        found += [f"{name} {m.group()!r}" for m in pattern.finditer(text)]
    if ICON.search(source.replace(":material/", ":material_")):
        found.append("icon in the source")
    found += [f"directive {d!r}" for d in live_directives(source)]
    if has_math(source):
        found.append("LaTeX")
    return found


def structure(source: str) -> list[str]:
    """Tokens other than plain paragraphs of text (emphasis, headings, lists…)."""
    return [t.type for t in tokens(source) if t.type not in PLAIN]


HIDDEN = re.compile("[\x00\u202a-\u202e\u2066-\u2069]")
# Fields whose text Streamlit renders as Markdown, in every element that has them.
MARKDOWN_FIELDS = {"label", "help", "body", "title", "captions", "content"}
# Elements that show their text as it is (st.text, st.code, st.json); st.html is HTML.
PLAIN_ELEMENTS = {"Text", "Code", "Json", "Html"}
# Options that render Markdown (selectbox and multiselect options are plain).
MARKDOWN_OPTIONS = {"Radio"}


def _fields(message: Message, where: str) -> Iterator[tuple[str, str]]:
    kind = message.DESCRIPTOR.name
    if kind in PLAIN_ELEMENTS:
        return
    for field, value in message.ListFields():
        values = list(value) if field.is_repeated else [value]
        if field.message_type is not None:
            for item in values:
                yield from _fields(item, f"{where}.{field.name}")
        elif field.type == FieldDescriptor.TYPE_STRING and (
            field.name in MARKDOWN_FIELDS
            or (field.name == "options" and kind in MARKDOWN_OPTIONS)
        ):
            yield from ((f"{where}.{field.name}", str(v)) for v in values)


def markdown_sources(at: AppTest) -> Iterator[tuple[str, str]]:
    """Every Markdown source on the page: bodies, labels, help, options, cells."""
    for node in at._tree:
        if node.type == "table":
            frame = node.value  # type: ignore[union-attr]
            cells = [*frame.columns, *frame.to_numpy().ravel()]
            yield from (("table cell", str(cell)) for cell in cells)
        proto = getattr(node, "proto", None)
        if isinstance(proto, Message):
            yield from _fields(proto, node.type)


def html_sources(at: AppTest) -> Iterator[str]:
    """The bodies of st.html elements, which are HTML."""
    for node in at._tree:
        proto = getattr(node, "proto", None)
        if isinstance(proto, Message) and proto.DESCRIPTOR.name == "Html":
            yield str(getattr(proto, "body", ""))


def seen(text: str) -> str:
    """What a reader sees, blanks collapsed (Markdown folds them) and joiners gone."""
    return re.sub(r"\s+", " ", text.replace("\u2060", "")).strip()


def misshown(source: str, payloads: tuple[str, ...], *, marker: str) -> list[str]:
    """Payloads whose marker is on screen but which do not show as typed."""
    shown = seen(rendered(source))
    wrong = []
    for match in re.finditer(rf"{marker}(\d\d)", shown):
        typed = payloads[int(match.group(1))]
        if seen(visible(typed)) not in shown:
            wrong.append(f"not as typed: {typed!r}")
    return wrong


def shown_markup(at: AppTest, payloads: tuple[str, ...], *, marker: str) -> list[str]:
    """Everything user text made of the page beyond text, each with where it is."""
    found = []
    for where, source in markdown_sources(at):
        problems = live_constructs(source) + misshown(source, payloads, marker=marker)
        if HIDDEN.search(source):
            problems.append("a control or bidi character left as it is")
        found += [f"{where}: {p} in {source[:100]!r}" for p in problems]
    for body in html_sources(at):
        if marker in body:
            found.append(f"html: user text in {body[:100]!r}")
    return found
