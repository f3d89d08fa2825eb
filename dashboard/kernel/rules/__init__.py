"""The pure shared rules: who may do what, workflows, severity, the catalogue, the
business calendar and the SLA clock, the words of notices. No database, no UI."""
