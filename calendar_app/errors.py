"""Refusals of bad input as data: the field, a message id and typed parameters; rendered at the edge.

Domain code raises `EventError(field, N_("... %(name)s ..."), name=value)` and never formats a
sentence. The edge (forms, views, the API) calls `error.text(lang)` once, in the reader's language;
`str(error)` is the English text, for logs, tests and the command line. Parameters stay typed until
then: a date, a time of day, a Hijri date or month is written in the reader's language by `render()`.
"""

import datetime as dt
from collections.abc import Mapping
from typing import Any, Protocol, Self, runtime_checkable

from . import dates, languages

# Logs and the command line read English (the message ids themselves).
LOG_LANGUAGE = "en"


@runtime_checkable
class Localized(Protocol):
    """A parameter that writes itself in a language (Hijri dates and months, from hijri.py)."""

    def label(self, lang: str) -> str:
        """The value as a reader of `lang` writes it."""
        ...


def format_value(value: Any, lang: str) -> str:
    """One message parameter in `lang`: dates and times localized; numbers and text as they are.

    Numbers keep Western digits, as the catalog's own numbers do ("1924-08-01", "1343–1500").
    """
    if isinstance(value, Localized):
        return value.label(lang)
    if isinstance(value, dt.time):
        return dates.format_clock(value, lang)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dates.format_day(value, lang)
    return str(value)


def render(msgid: str, params: Mapping[str, Any], lang: str) -> str:
    """A message in `lang`: its translation, with each parameter formatted for that language."""
    text = languages.gettext_for(lang)(msgid)
    if not params:
        return text
    return text % {name: format_value(value, lang) for name, value in params.items()}


class MessageError(Exception):
    """A refusal people read: `field` (the form field it is about, or None), a message id, parameters.

    `errors` holds every independent problem of one check (just this one unless combined), so a form
    can show them all at once.
    """

    def __init__(self, field: str | None, msgid: str, **params: Any):
        super().__init__(msgid)
        self.field, self.msgid, self.params = field, msgid, params
        self.errors: tuple[Self, ...] = (self,)

    def text(self, lang: str) -> str:
        """The message in `lang`, ready to show."""
        return render(self.msgid, self.params, lang)

    def __str__(self) -> str:
        return self.text(LOG_LANGUAGE)

    def moved_to(self, field: str | None) -> Self:
        """The same message about another field (a Hijri date typed in the form's Hijri inputs)."""
        return type(self)(field, self.msgid, **self.params)

    @classmethod
    def combine(cls, errors: list[Self]) -> Self:
        """One error that carries several (the first one's message is its own)."""
        first = errors[0]
        combined = cls(first.field, first.msgid, **first.params)
        combined.errors = tuple(errors)
        return combined


class EventError(MessageError, ValueError):
    """Input that breaks an invariant of an event, a venue, a series, a rule or a Hijri date."""


class StaffError(MessageError, ValueError):
    """A refused change to a staff account."""


class ConflictError(MessageError):
    """The row's version moved on since the form was loaded: nothing was saved."""
