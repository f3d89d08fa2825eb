"""Errors a user can cause, each with a message written for that user."""


class DomainError(Exception):
    """A user-facing refusal; its message is shown as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotAllowed(DomainError):
    """The acting user may not do this."""


class InvalidInput(DomainError):
    """What was entered cannot be accepted."""


class NotFound(DomainError):
    """Nothing the acting user may see answers to this."""


class StaleVersion(DomainError):
    """Someone else changed the record since it was read."""
