"""Messages for staff as ids plus parameters, and where in a source a value was read.

Nothing here formats a sentence for people: a note carries a message id (marked with `N_` so the
catalog extraction finds it once the import UI exists) and its parameters; the UI translates it in
the request's language, like `EventError` messages (STYLE.md, "Where validation lives").
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal


def N_(msgid: str) -> str:
    """Mark a message id for extraction; translation happens at the edge."""
    return msgid


# conflict: the source contradicts itself or gives only part of a value (becomes the event's recorded
#   source conflict); problem: the source is broken or unreadable here; unsupported: the source says
#   something the event model cannot hold (reported, never dropped silently); derived: how a value
#   was worked out from others (a year from the article's date, a country from a city).
NoteKind = Literal["conflict", "problem", "unsupported", "derived"]


@dataclass(frozen=True)
class TextSpan:
    """Where in an article's text a value was read: its sentence and the characters to highlight.

    Offsets index the article text the parser returns (`ImportResult.text`, cleaned like typed text).
    """

    sentence: str
    sentence_start: int
    start: int
    end: int

    def parts(self) -> tuple[str, str, str]:
        """The sentence cut as (before, highlighted, after), ready to show with a <mark>."""
        a, b = self.start - self.sentence_start, self.end - self.sentence_start
        return self.sentence[:a], self.sentence[a:b], self.sentence[b:]

    @property
    def quoted(self) -> str:
        """The highlighted characters themselves."""
        return self.parts()[1]


@dataclass(frozen=True)
class Property:
    """An iCalendar property a value was read from: its name and its text as written (cut to 300)."""

    component: str
    name: str
    raw: str


@dataclass(frozen=True)
class DataPath:
    """A schema.org value on a page: the syntax (json-ld, microdata), its path and its text."""

    syntax: str
    path: str
    raw: str


@dataclass(frozen=True)
class Given:
    """A value the caller passed in (the article's date, the citation staff typed, the URL fetched)."""

    name: str


@dataclass(frozen=True)
class Derived:
    """A value worked out from others: how (a message id and parameters) and from which sources."""

    msgid: str
    params: Mapping[str, Any]
    sources: tuple["Source", ...]


Source = TextSpan | Property | DataPath | Given | Derived


def derived(msgid: str, sources: tuple[Source, ...], **params: Any) -> Derived:
    """A `Derived` source with read-only parameters."""
    return Derived(msgid, MappingProxyType(params), sources)


@dataclass(frozen=True)
class Note:
    """Something staff must know about a proposal or a source: a message id and its parameters.

    `fields` names the proposed fields it concerns; `sources` where it was seen.
    """

    kind: NoteKind
    msgid: str
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    fields: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()

    def english(self) -> str:
        """The message in English, for logs and test failures (the UI translates `msgid`)."""
        return self.msgid % {k: _plain(v) for k, v in self.params.items()}


def note(
    kind: NoteKind,
    msgid: str,
    *,
    fields: tuple[str, ...] = (),
    sources: tuple[Source, ...] = (),
    **params: Any,
) -> Note:
    """A `Note` with read-only parameters."""
    return Note(kind, msgid, MappingProxyType(params), fields, sources)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value
