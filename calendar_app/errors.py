"""The one error type that domain code raises for bad input."""


class EventError(ValueError):
    """Shown to staff verbatim; keep it human.

    `field` names the form field the message belongs to, when there is one.
    """

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.errors: tuple[EventError, ...] = (self,)

    @classmethod
    def combine(cls, errors: list["EventError"]) -> "EventError":
        """One error that carries several, so a form can show every problem at once."""
        first = errors[0]
        combined = cls(first.message, first.field)
        combined.errors = tuple(errors)
        return combined
