"""The service-level administration page."""
