"""One proposed event: each field's value with where it came from, plus what the source leaves out.

Parsers (articles, iCalendar, event pages) return `ImportResult`s of `Proposal`s; the review page
shows every field beside its source and lets staff keep what they checked. Nothing here touches the
database or builds an `Event`: the proposal is what the source says, not yet what we publish.

Field names follow `events.Event` where there is one (`title_en`, `starts_on`, `organizer_url`...),
so the review page can map them to the staff form one to one. Values are plain: str, int, bool,
float, `datetime.date`, naive local `datetime.datetime` (with `tzid`), tuples, and for `recurrence`
the model's rule dict (`{"calendar": "gregorian", "rrule": "FREQ=..."}`).
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from ..events import ADDRESS_MAX, CITY_MAX, DESCRIPTION_MAX, NAME_MAX, TITLE_MAX, URL_MAX
from ..text import clean_text
from .notes import N_, Note, NoteKind, Source, note

# Every field a proposal can carry, in the order the review page lists them.
FIELDS = (
    "title_en",
    "title_ar",
    "all_day",
    "starts_on",
    "ends_on",
    "starts_local",
    "ends_local",
    "tzid",
    "status",
    "venue",
    "venue_name_en",
    "venue_name_ar",
    "address",
    "city_en",
    "city_ar",
    "country_code",
    "latitude",
    "longitude",
    "organizer_name_en",
    "organizer_name_ar",
    "organizer_url",
    "series",
    "series_name_en",
    "series_name_ar",
    "edition",
    "url",
    "description_en",
    "description_ar",
    "categories",
    "source_citation",
    "source_url",
    "uid",
    "recurrence",
    "exdates",
    "overrides",
)
DAY_FIELDS = ("starts_on", "ends_on")
TIME_FIELDS = ("starts_local", "ends_local")
# Absent means "does not repeat", not "the source leaves it out".
REPEAT_FIELDS = ("recurrence", "exdates", "overrides")
# The same limits as typed text (events.py); an over-long value is reported, never cut.
LIMITS = {
    "title_en": TITLE_MAX,
    "title_ar": TITLE_MAX,
    "venue_name_en": NAME_MAX,
    "venue_name_ar": NAME_MAX,
    "organizer_name_en": NAME_MAX,
    "organizer_name_ar": NAME_MAX,
    "series_name_en": NAME_MAX,
    "series_name_ar": NAME_MAX,
    "city_en": CITY_MAX,
    "city_ar": CITY_MAX,
    "address": ADDRESS_MAX,
    "description_en": DESCRIPTION_MAX,
    "description_ar": DESCRIPTION_MAX,
    "url": URL_MAX,
    "organizer_url": URL_MAX,
    "source_url": URL_MAX,
    "source_citation": DESCRIPTION_MAX,
}
MULTILINE = ("description_en", "description_ar", "source_citation")


@dataclass(frozen=True)
class Proposed:
    """One proposed value and the source it was read from."""

    value: Any
    source: Source


@dataclass(frozen=True)
class OverrideProposal:
    """One occurrence of a recurring source event moved, retitled or cancelled (RECURRENCE-ID).

    `original_on` (and `original_local` for timed events) names the occurrence; the other fields
    are its new values, None or "" when unchanged. Mirrors `events.Override`.
    """

    original_on: dt.date
    original_local: dt.datetime | None = None
    cancelled: bool = False
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    starts_local: dt.datetime | None = None
    ends_local: dt.datetime | None = None
    title_en: str = ""
    title_ar: str = ""


@dataclass(frozen=True)
class Proposal:
    """What one source says about one event: proposed fields, and notes on what is wrong or left out."""

    origin: str  # "article" | "ical" | "page"
    fields: Mapping[str, Proposed]
    notes: tuple[Note, ...] = ()

    def value(self, name: str, default: Any = None) -> Any:
        """The proposed value of a field, or `default` when the source does not give it."""
        item = self.fields.get(name)
        return default if item is None else item.value

    def missing(self) -> tuple[str, ...]:
        """Fields the source does not give (left empty, never guessed), in FIELDS order.

        Only the date fields of the proposal's kind count (days for all-day or unknown, local
        times for timed events), and no rule simply means the event does not repeat.
        """
        skip = set(REPEAT_FIELDS) | set(DAY_FIELDS if self.value("all_day") is False else TIME_FIELDS)
        return tuple(n for n in FIELDS if n not in self.fields and n not in skip)

    def notes_of(self, *kinds: NoteKind) -> tuple[Note, ...]:
        """The notes of the given kinds (e.g. "conflict", "problem")."""
        return tuple(n for n in self.notes if n.kind in kinds)


@dataclass(frozen=True)
class ImportResult:
    """Proposals read from one source, notes about the source as a whole, and (articles) its text."""

    proposals: tuple[Proposal, ...]
    notes: tuple[Note, ...] = ()
    text: str = ""


class Draft:
    """Collects a proposal's fields and notes while a parser reads; `freeze()` makes the Proposal.

    Text values are cleaned like typed text (`clean_text`), and empty ones are not proposed.
    """

    def __init__(self, origin: str):
        self.origin = origin
        self.fields: dict[str, Proposed] = {}
        self.notes: list[Note] = []

    def put(self, name: str, value: Any, source: Source) -> None:
        """Propose `value` for field `name` (a known field), read from `source`."""
        if name not in FIELDS:
            raise KeyError(name)
        if isinstance(value, str):
            value = clean_text(value, multiline=name in MULTILINE)
            if not value:
                return
            self._check_length(name, value, source)
        self.fields[name] = Proposed(value, source)

    def has(self, name: str) -> bool:
        """Whether field `name` already has a proposed value."""
        return name in self.fields

    def add(
        self,
        kind: NoteKind,
        msgid: str,
        *,
        fields: tuple[str, ...] = (),
        sources: tuple[Source, ...] = (),
        **params: Any,
    ) -> None:
        """Record a note (see `notes.NoteKind`)."""
        self.notes.append(note(kind, msgid, fields=fields, sources=sources, **params))

    def freeze(self) -> Proposal:
        """The finished, read-only proposal."""
        return Proposal(self.origin, MappingProxyType(dict(self.fields)), tuple(self.notes))

    def _check_length(self, name: str, value: str, source: Source) -> None:
        limit = LIMITS.get(name)
        if limit is not None and len(value) > limit:
            self.add(
                "problem",
                N_("%(field)s has %(length)s characters; at most %(limit)s are allowed."),
                fields=(name,),
                sources=(source,),
                field=name,
                length=len(value),
                limit=limit,
            )
