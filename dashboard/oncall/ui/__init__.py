"""The on-call widgets: the rota, who is on call now, a page's ladder."""
