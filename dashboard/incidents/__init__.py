"""Incidents: filed, routed by severity, worked, resolved (fixed or with a workaround
that logs or links a problem), closed, and reached from their problem."""
