"""What a French-speaking reader must not see: the catalogue's English phrases."""

import re
from functools import cache

from dashboard.kernel.i18n import message_catalogue

# What a French reader may see in English: the desk's proper names and codes.
KEPT = {"MDM/R", "SME", "OSP", "IESO", "LDC", "AS2", "VEE", "CSV", "English"}


@cache
def english() -> re.Pattern[str]:
    """The catalogue's English phrases that French says otherwise."""
    phrases = set()
    for message in message_catalogue.read(message_catalogue.PO):
        source = message_catalogue.first_id(message)
        strings = (
            message.string if isinstance(message.string, tuple) else (message.string,)
        )
        french = " ".join(str(s) for s in strings)
        if not source or french == source:
            continue
        pieces = re.split(r"\{[^}]*\}|\n", source)
        for piece in pieces:
            chunk = piece.strip(" .,:;()·–-*_[]\"'")
            words = re.findall(r"[A-Za-z]+", chunk)
            if chunk in KEPT or chunk in french or not words:
                continue
            # A lone word counts when it is the whole message (a label, a status),
            # not a piece of a sentence ("after" in "{n} day after").
            if len(words) >= 2 or (len(pieces) == 1 and len(chunk) >= 5):
                phrases.add(chunk)
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(
        r"(?<![\w/])(?:" + "|".join(map(re.escape, ordered)) + r")(?![\w/])"
    )


def english_in(text: str) -> list[str]:
    """The catalogue's English phrases in this text, each with where it is."""
    return [f"{m.group()!r} in {text[:90]!r}" for m in english().finditer(text)]
