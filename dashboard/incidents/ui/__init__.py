"""The report form, the incident page's actions, the triage queue, and the problem
page's reach into its incidents."""
