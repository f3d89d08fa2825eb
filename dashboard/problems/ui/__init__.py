"""The problem list, the problem page, its forms and its links."""
