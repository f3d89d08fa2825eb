"""The catalogue, the request form, the request page's actions, the fulfilment queue."""
