"""The one error type that domain code raises for bad input."""


class EventError(ValueError):
    """Shown to staff verbatim; keep it human.

    `field` names the form field the message belongs to, when there is one.
    """

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
