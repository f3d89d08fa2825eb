"""The inbox, notification settings and delivery failures widgets."""
