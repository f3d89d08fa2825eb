"""User text goes to the page as text: never as Markdown, HTML or LaTeX."""

import re

# Every character Markdown, Streamlit's directives (:red[..], :material/..:) or
# LaTeX ($) could act on.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def md_escape(text: object) -> str:
    """Text made inert for st.markdown, so that it shows exactly as typed."""
    return _SPECIAL.sub(r"\\\1", str(text)).replace("\n", "  \n")
