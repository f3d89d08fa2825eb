"""Administration by SME managers: organizations, categories, releases, severity
definitions, auto-close days, the history import and the reporting export."""
