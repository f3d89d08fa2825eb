"""Telling people: the in-app inbox, email from the outbox (claimed, sent, retried),
daily digests, and the failures the desk retries by hand."""
