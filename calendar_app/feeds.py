"""Declarative feeds: one TOML file per feed in feeds/, validated at start-up.

A feed's slug is its URL (/feeds/<slug>.ics) and a promise to subscribers: never rename one.
"""

import datetime as dt
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

from . import facets, links
from .events import Event
from .facets import FeedFilter
from .languages import pick_field

TOP_KEYS = {"slug", "title_en", "title_ar", "description_en", "description_ar", "filter", "window"}
# [filter] keys are the facets' feed keys (facets.FACETS): countries, cities, categories, series.
WINDOW_KEYS = {"past_events", "max_bytes"}
DEFAULT_PAST_EVENTS = 500
# Google Calendar stops refreshing a subscription past ~1 MB; the events of a feed stay below this.
DEFAULT_MAX_BYTES = 700_000


class FeedDefinitionError(ValueError):
    """A feeds/*.toml file is wrong; raised at start-up so a bad file never reaches subscribers."""


@dataclass(frozen=True)
class Feed:
    """A published feed: its names, its filter and its window."""

    slug: str
    title_en: str
    title_ar: str
    description_en: str = ""
    description_ar: str = ""
    filter: FeedFilter = field(default_factory=FeedFilter)
    # The window keeps every current and future event plus this many of the most recent past ones,
    # so a feed with events is never empty and stays far below Google's ~1 MB subscription limit.
    past_events: int = DEFAULT_PAST_EVENTS
    # ...and the VEVENT bytes stay within this budget: when they would not, the oldest past events
    # go first, then the farthest future ones (the nearest events matter most to a subscriber).
    max_bytes: int = DEFAULT_MAX_BYTES

    def title(self, lang: str) -> str:
        """The feed's name in `lang` (every file names it in each language; languages.pick all the same)."""
        return pick_field(self, "title", lang).text

    def description(self, lang: str) -> str:
        """The feed's description in `lang`, else in another language."""
        return pick_field(self, "description", lang).text

    def matches(self, event: Event) -> bool:
        """Whether a published event belongs in this feed."""
        return event.published and self.filter.matches(event)


def load_feed(path: Path) -> Feed:
    """Read and validate one feed file; FeedDefinitionError names the file and the problem."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise FeedDefinitionError(f"{path.name}: {exc}") from exc
    _no_unknown(path, data, TOP_KEYS, "")
    _no_unknown(path, data.get("filter", {}), facets.feed_keys(), "filter.")
    _no_unknown(path, data.get("window", {}), WINDOW_KEYS, "window.")
    if data.get("slug") != path.stem:
        raise FeedDefinitionError(f"{path.name}: slug must equal the file name ({path.stem!r})")
    if not data.get("title_en") or not data.get("title_ar"):
        raise FeedDefinitionError(f"{path.name}: title_en and title_ar are required")
    past = data.get("window", {}).get("past_events", DEFAULT_PAST_EVENTS)
    if not isinstance(past, int) or past < 0:
        raise FeedDefinitionError(f"{path.name}: window.past_events must be a whole number ≥ 0")
    max_bytes = data.get("window", {}).get("max_bytes", DEFAULT_MAX_BYTES)
    if not isinstance(max_bytes, int) or not 10_000 <= max_bytes <= 900_000:
        raise FeedDefinitionError(f"{path.name}: window.max_bytes must be between 10000 and 900000")
    return Feed(
        slug=data["slug"], title_en=data["title_en"], title_ar=data["title_ar"],
        description_en=data.get("description_en", ""), description_ar=data.get("description_ar", ""),
        filter=FeedFilter.from_table(data.get("filter", {})), past_events=past, max_bytes=max_bytes,
    )


def load_feeds(directory: Path) -> dict[str, Feed]:
    """Every feed in the directory, by slug, in file-name order."""
    return {f.slug: f for f in (load_feed(p) for p in sorted(Path(directory).glob("*.toml")))}


def select_events(feed: Feed, events: list[Event], today: dt.date) -> list[Event]:
    """The feed's window: every event not yet over, plus the most recent past ones.

    `today` is passed in (nothing below the view reads the clock). Order follows `events`.
    """
    mine = [e for e in events if feed.matches(e)]
    ends = _last_days(mine)
    past = sorted((e for e in mine if ends[id(e)] < today), key=lambda e: ends[id(e)])
    recent = past[max(0, len(past) - feed.past_events):] if feed.past_events else []
    keep_past = {id(e) for e in recent}
    return [e for e in mine if ends[id(e)] >= today or id(e) in keep_past]


def window(
    feed: Feed, events: list[Event], today: dt.date, size_of: Callable[[Event], int]
) -> list[Event]:
    """What a feed shows today: its date window, then trimmed to its byte budget."""
    return fit_budget(feed, select_events(feed, events, today), today, size_of)


def fit_budget(
    feed: Feed, events: list[Event], today: dt.date, size_of: Callable[[Event], int]
) -> list[Event]:
    """The window's events whose bytes fit `feed.max_bytes`, keeping the nearest ones.

    Priority: current and future events from the soonest, then past events from the most recent.
    Order of the result follows `events`.
    """
    ends = _last_days(events)
    upcoming = sorted((e for e in events if ends[id(e)] >= today), key=lambda e: e.first_day)
    past = sorted((e for e in events if ends[id(e)] < today), key=lambda e: ends[id(e)], reverse=True)
    kept, used = set(), 0
    for event in upcoming + past:
        used += size_of(event)
        if used > feed.max_bytes:
            break
        kept.add(id(event))
    return [e for e in events if id(e) in kept]


def feeds_containing(feeds: dict[str, Feed], event: Event) -> list[Feed]:
    """The feeds an event appears in (for "subscribe" links on its page)."""
    return [f for f in feeds.values() if f.matches(event)]


def last_changed(
    feed: Feed, events: list[Event], today: dt.date, horizon_years: int | None = None
) -> dt.datetime | None:
    """When the feed's body last changed as far as the data can tell; it only ever moves forward.

    `events` must include drafts: unpublishing an event changes the body too. The body changes when
    an event that is or was in the feed is saved (its `updated_at` only grows), or when the window
    moves, which happens only when an event ends (the midnight, UTC, after its last day; `today` is
    a UTC date). A Hijri series also changes when the recurrence horizon (`horizon_years`) adds or
    drops one of its instances, at the midnight of that day (recurrence.horizon_changed_on). All
    of these only grow as time passes, so their maximum never goes backwards, whichever event drops
    out of the window. None when the feed never held anything.
    """
    from . import recurrence

    mine = [e for e in events if feed.filter.matches(e)]
    stamps = [e.updated_at for e in mine]
    ended = [day for day in _last_days(mine).values() if day < today]
    if ended:
        stamps.append(_midnight(max(ended) + dt.timedelta(days=1)))
    if horizon_years is not None:
        moved = (recurrence.horizon_changed_on(e, today, horizon_years) for e in mine if feed.matches(e))
        stamps.extend(_midnight(day) for day in moved if day is not None)
    return max(stamps, default=None)


def event_changed_at(event: Event, today: dt.date, horizon_years: int) -> dt.datetime:
    """When a one-event download last changed: its last save, or the horizon moving its instances."""
    from . import recurrence

    moved = recurrence.horizon_changed_on(event, today, horizon_years)
    return max(event.updated_at, _midnight(moved)) if moved else event.updated_at


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), dt.UTC)


@dataclass(frozen=True)
class SubscribeLinks:
    """Every way to subscribe to one feed in one language, as absolute URLs."""

    https: str
    webcal: str
    google: str
    outlook: str
    office365: str


def subscribe_links(feed: Feed, base_url: str, lang: str) -> SubscribeLinks:
    """A feed's links for the subscribe page and event pages (BASE_URL, never the Host header)."""
    https = links.feed_ics_url(base_url, feed.slug, lang)
    webcal = links.webcal_url(https)
    outlook_query = urlencode({"url": https, "name": feed.title(lang)}, quote_via=quote)
    return SubscribeLinks(
        https=https,
        webcal=webcal,
        google="https://calendar.google.com/calendar/r?" + urlencode({"cid": webcal}, quote_via=quote),
        outlook="https://outlook.live.com/calendar/0/addfromweb?" + outlook_query,
        office365="https://outlook.office.com/calendar/0/addfromweb?" + outlook_query,
    )


def _last_days(events: list[Event]) -> dict[int, dt.date]:
    """Each event's last day (a series may be expanded to find it), computed once per event."""
    from . import recurrence

    return {id(e): recurrence.last_day(e) for e in events}


def _no_unknown(path: Path, data: dict, allowed: set[str], prefix: str) -> None:
    unknown = set(data) - allowed
    if unknown:
        names = ", ".join(prefix + k for k in sorted(unknown))
        raise FeedDefinitionError(f"{path.name}: unknown key(s) {names}")
