"""The Critical Incident Managers on call: the rota, paging and its ladder."""
