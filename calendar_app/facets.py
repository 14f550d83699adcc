"""Facets as data: the ways events are filtered (country, city, category, series), one row each.

Feed files (`[filter]` in feeds/*.toml), the list pages' query parameters (?country=QA), the filter
form's drop-downs and their options all read FACETS; a new facet (an organiser, say) is one more row
(tests/test_facets.py adds one). Read through the module (`facets.FACETS`), never copied at import,
so that holds for a facet added at run time too.

Feed files name values exactly as stored; the list pages compare what is typed in the URL with the
facet's `fold` (case-insensitive), since people type those. Pure: no Flask.
"""

import collections
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from babel import Locale

from .events import Event
from .languages import DEFAULT, N_, gettext_for, language, pick, pick_field, texts_of

# Bounds that keep the list pages small whatever was entered (README, "Pages"): choices per drop-down
# (those with the most events, plus the chosen one), their labels, and a value read from the URL.
FILTER_CHOICES = 30
CHOICE_LABEL_MAX = 60
VALUE_MAX = 100


@dataclass(frozen=True)
class Facet:
    """One way to filter events."""

    name: str  # the list pages' query parameter and the form's field: ?country=QA
    feed_key: str  # its key under [filter] in a feed file: countries = ["QA"]
    label: str  # the drop-down's label: a message id, shown in the page's language
    # Every value an event has for this facet (a city matches in each language it is written in).
    values: Callable[[Event], Iterable[str]]
    # What the drop-down offers for an event: (value, its label in a language).
    options: Callable[[Event, str], Iterable[tuple[str, str]]]
    # How a value typed in a list page's URL compares with the event's values.
    fold: Callable[[str], str] = str.casefold


def text_facet(name: str, feed_key: str, label: str, owner: Callable[[Event], Any], field: str) -> Facet:
    """A facet on text stored per language, `<field>_<code>` of `owner(event)` (None: no value).

    It matches the text in any language; the drop-down offers it once, by its DEFAULT-language text
    (else another), labelled in the page's language.
    """

    def values(event: Event) -> list[str]:
        found = owner(event)
        return [text for text in texts_of(found, field).values() if text] if found is not None else []

    def options(event: Event, lang: str) -> list[tuple[str, str]]:
        found = owner(event)
        value = pick(texts_of(found, field), DEFAULT).text if found is not None else ""
        return [(value, pick_field(found, field, lang).text)] if value else []

    return Facet(name=name, feed_key=feed_key, label=label, values=values, options=options)


# -- labels -----------------------------------------------------------------------------------------
# Categories are stored as short English slugs (they are also feed CATEGORIES); known ones get a label
# in the page's language from the gettext catalog, others show as typed.
CATEGORY_LABELS = {
    "exhibition": N_("Exhibition"), "conference": N_("Conference"), "summit": N_("Summit"),
    "security": N_("Security"), "policing": N_("Policing"), "civil-defence": N_("Civil defence"),
    "cybersecurity": N_("Cybersecurity"),
}


def category_label(slug: str, lang: str) -> str:
    """A category's label in `lang`: translated when known, else the slug itself."""
    msgid = CATEGORY_LABELS.get(slug)
    return gettext_for(lang)(msgid) if msgid else slug


def country_name(code: str, lang: str) -> str:
    """The country's name in `lang` (CLDR via Babel), or the code when Babel does not know it."""
    return Locale.parse(language(lang).locale).territories.get(code, code)


# -- the table ------------------------------------------------------------------------------------------
def _countries(event: Event) -> list[str]:
    return [event.venue.country_code] if event.venue else []


def _series(event: Event) -> list[str]:
    return [event.series.slug] if event.series else []


FACETS: tuple[Facet, ...] = (
    Facet("country", "countries", N_("Country"), _countries,
          lambda event, lang: [(code, country_name(code, lang)) for code in _countries(event)]),
    text_facet("city", "cities", N_("City"), lambda event: event.venue, "city"),
    Facet("category", "categories", N_("Category"), lambda event: event.categories,
          lambda event, lang: [(slug, category_label(slug, lang)) for slug in event.categories]),
    Facet("series", "series", N_("Series"), _series,
          lambda event, lang: [(slug, event.series.name(lang)) for slug in _series(event)]),
)


def by_name() -> dict[str, Facet]:
    """Every facet by its name."""
    return {facet.name: facet for facet in FACETS}


def feed_keys() -> set[str]:
    """The keys a feed file's [filter] table may use."""
    return {facet.feed_key for facet in FACETS}


# -- filters ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FeedFilter:
    """Which events a feed holds: per facet named, values of which an event must have one (exactly as
    stored); a facet not named means "any", and every one named must match."""

    wanted: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (facet name, values)

    @classmethod
    def from_table(cls, table: Mapping[str, Iterable[str]]) -> "FeedFilter":
        """From a feed file's [filter] table, whose keys are feed keys (feeds.py refuses others)."""
        names = {facet.feed_key: facet.name for facet in FACETS}
        return cls(tuple((names[key], tuple(values)) for key, values in table.items()))

    def matches(self, event: Event) -> bool:
        """Whether the event belongs in a feed with this filter."""
        table = by_name()
        return all(not values or set(values) & set(table[name].values(event)) for name, values in self.wanted)


@dataclass(frozen=True)
class ListFilter:
    """The list pages' chosen values (query parameters), by facet name; a facet not set means "any"."""

    chosen: tuple[tuple[str, str], ...] = ()  # (facet name, value), in table order

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> "ListFilter":
        """Read the filter from query parameters, ignoring surrounding spaces and over-long junk."""
        typed = ((facet.name, (args.get(facet.name) or "").strip()[:VALUE_MAX]) for facet in FACETS)
        return cls(tuple((name, value) for name, value in typed if value))

    @property
    def active(self) -> bool:
        """Whether any filter is set."""
        return bool(self.chosen)

    def value(self, name: str) -> str:
        """The value chosen for facet `name`, '' when none."""
        return dict(self.chosen).get(name, "")

    def args(self) -> dict[str, str]:
        """The set filters as query parameters, for links that keep them (pagination)."""
        return dict(self.chosen)

    def matches(self, event: Event) -> bool:
        """Whether the event passes every set filter (compared with each facet's `fold`)."""
        table = by_name()
        return all(_has(table[name], event, value) for name, value in self.chosen)


def _has(facet: Facet, event: Event, value: str) -> bool:
    return facet.fold(value) in {facet.fold(found) for found in facet.values(event)}


# -- the filter form ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Option:
    """One choice in a filter's drop-down."""

    value: str
    label: str
    selected: bool = False


@dataclass(frozen=True)
class FilterField:
    """One drop-down of the filter form."""

    name: str
    label: str
    options: tuple[Option, ...]


def filter_form(events: list[Event], lang: str, flt: ListFilter | None = None) -> tuple[FilterField, ...]:
    """A drop-down per facet, from the published events: at most FILTER_CHOICES choices each, those with
    the most events (and the chosen one), so the form stays small however many there are. Any value
    still works typed into the URL."""
    flt = flt or ListFilter()
    _ = gettext_for(lang)
    return tuple(FilterField(facet.name, _(facet.label), _options(facet, events, lang, flt.value(facet.name)))
                 for facet in FACETS)


def _options(facet: Facet, events: list[Event], lang: str, chosen: str) -> tuple[Option, ...]:
    counts: collections.Counter[str] = collections.Counter()
    labels: dict[str, str] = {}
    for event in events:
        for value, label in facet.options(event, lang):
            counts[value] += 1
            labels[value] = label
    ranked = sorted(counts, key=lambda v: (-counts[v], labels[v], v))
    wanted = facet.fold(chosen)
    kept = ranked[:FILTER_CHOICES] + [v for v in ranked[FILTER_CHOICES:] if facet.fold(v) == wanted]
    options = (Option(v, _shortened(labels[v]), selected=facet.fold(v) == wanted) for v in kept)
    return tuple(sorted(options, key=lambda o: o.label))


def _shortened(label: str) -> str:
    return label if len(label) <= CHOICE_LABEL_MAX else label[: CHOICE_LABEL_MAX - 1].rstrip() + "…"
