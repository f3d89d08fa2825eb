"""Hostile user text: what a user could type to make a page fetch, link or lie."""

CORE = (
    "![x](http://evil.example/b.png)",
    "[x](http://evil.example)",
    "http://evil.example",
    "www.evil.example",
    "<img src=http://evil.example/x>",
    "<script>alert(1)</script>",
    "**bold**",
    "# heading",
    ":red[x]",
    ":material/bolt: :skull:",
    "$x^2$",
    "{{7*7}} {0}",
    "\u202etxt.exe",
    "null\x00byte",
    "mail evil@evil.example",
    "<http://evil.example/auto>",
    "[x]: http://evil.example/ref",
    "1. listed\n- bulleted\n> quoted",
)
# Each payload ends with a marker of its own, so that a page showing it can be told.
PAYLOADS = tuple(f"{text} zq{n:02d}" for n, text in enumerate(CORE))
MARKER = "zq"
# Every payload on a line of its own, as a description or a comment might hold them.
ALL = "\n".join(PAYLOADS)
# 200 kB of them, for the pages that show a text whole.
LONG = ("\n".join(CORE) + "\n") * (200_000 // len("\n".join(CORE)) + 1)


def payload(n: int) -> str:
    """The n-th payload, round the corpus."""
    return PAYLOADS[n % len(PAYLOADS)]
