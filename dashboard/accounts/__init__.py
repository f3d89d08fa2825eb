"""Accounts: administered by SME managers, opened with a one-time code, deactivated
(signing in itself is the kernel's: every page needs it)."""
