import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.ui.text import REPLACEMENT, label, md, md_escape, visible
from tests.hostile_text import CORE, LONG
from tests.markdown_checks import live_constructs, rendered, seen, structure


def _inert_and_as_typed(text: str) -> None:
    source = md_escape(text)
    assert live_constructs(source) == [], source
    assert structure(source) == [], source
    assert seen(rendered(source)) == seen(visible(text))


@pytest.mark.parametrize("hostile", CORE)
def test_hostile_text_shows_as_typed_and_as_nothing_else(hostile: str) -> None:
    _inert_and_as_typed(hostile)


FRAGMENTS = [
    "http://",
    "https://",
    "www.",
    "WWW.",
    "evil.example",
    "a@b.example",
    ":red[",
    ":material/bolt:",
    ":smile:",
    ":+1:",
    "![",
    "](",
    "<img ",
    "<!--",
    "&amp;",
    "&#x26;",
    "$x$",
    "$$",
    "1. ",
    "- ",
    "    ",
    "\n",
    "\n\n",
    "===",
    "---",
    "```",
    "~~",
    "| a |",
    "\\",
    "[^1]: ",
]
TEXT = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.text(alphabet="\\`*_{}[]()#+-.!|<>~$&:@=^\"' \t\nwhtp/01a", max_size=4),
    ),
    max_size=12,
).map("".join)


@given(TEXT)
def test_any_mix_of_markup_shows_as_typed_and_as_nothing_else(text: str) -> None:
    _inert_and_as_typed(text)


def test_a_plain_sentence_is_left_as_it_is() -> None:
    sentence = "INC-000012 was changed by Osp Eng1: status to In progress."
    assert md_escape(sentence) == sentence


def test_bidi_overrides_and_null_bytes_show_as_replacement_characters() -> None:
    assert (
        md_escape("a\u202eb\x00c\u2066d")
        == f"a{REPLACEMENT}b{REPLACEMENT}c{REPLACEMENT}d"
    )


def test_line_breaks_typed_are_kept_on_screen() -> None:
    assert md_escape("one\r\ntwo") == "one  \ntwo"


def test_a_long_text_is_escaped_whole() -> None:
    source = md_escape(LONG)
    assert len(LONG) >= 200_000
    assert live_constructs(source) == []


def test_a_label_is_cut_before_it_is_escaped() -> None:
    cut = label("[" * 500, limit=10)
    assert cut == "\\[" * 9 + "…"


def test_a_template_keeps_its_markdown_and_its_values_stay_inert() -> None:
    assert md("**{who}** wrote", who="{0} *x*") == r"**\{0\} \*x\*** wrote"


@pytest.mark.parametrize("hostile", [c for c in CORE if "{" not in c])
def test_the_checks_see_each_payload_when_it_is_not_escaped(hostile: str) -> None:
    found = live_constructs(hostile) + structure(hostile)
    assert (
        found or seen(rendered(hostile)) != seen(hostile) or visible(hostile) != hostile
    )
