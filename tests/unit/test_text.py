import pytest

from dashboard.ui.text import md_escape


@pytest.mark.parametrize(
    "markup",
    [
        "<script>alert(1)</script>",
        "**bold**",
        "[link](http://x)",
        "$x^2$",
        ":red[alarm]",
        "# Title",
        "`code`",
    ],
)
def test_every_markup_character_of_user_text_is_escaped(markup: str) -> None:
    escaped = md_escape(markup)
    specials = set("\\`*_{}[]()#+-.!|<>~$:&")
    for i, char in enumerate(escaped):
        if char in specials and char != "\\":
            assert escaped[i - 1] == "\\", f"{char!r} left live in {escaped!r}"


def test_plain_words_are_left_as_they_are() -> None:
    assert md_escape("Billing quantities missing") == "Billing quantities missing"
