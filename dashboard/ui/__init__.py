"""The frame every page shares: navigation by role, the signed-in session, saving on a
record page, user text shown as text, forms that save once, and the ticket widgets
both kinds of ticket use (list, page, queue filters)."""
