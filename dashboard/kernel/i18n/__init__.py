"""One translation layer: English is the source, Canadian French its translation.

Every string a person reads goes through `_` (or `ngettext`, or a `Message` when it is
rendered later, in its reader's language); `N_` only marks a string for the catalogue.
"""

from dashboard.kernel.i18n.translate import (
    DEFAULT,
    FRENCH,
    LANGUAGES,
    N_,
    Message,
    _,
    current,
    is_french,
    later,
    ngettext,
    normalize,
    render,
    set_source,
    using,
)

__all__ = [
    "DEFAULT",
    "FRENCH",
    "LANGUAGES",
    "N_",
    "Message",
    "_",
    "current",
    "is_french",
    "later",
    "ngettext",
    "normalize",
    "render",
    "set_source",
    "using",
]
