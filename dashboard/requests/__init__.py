"""Service requests: the twelve standard requests, filed on their own forms,
fulfilled by their group (with what the desk itself does for some), under their SLA."""
