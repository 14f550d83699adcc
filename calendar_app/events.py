"""The domain event: Gregorian dates are the truth, Hijri dates are derived.

`make_event()` is the one door into an `Event`; every invariant is checked there and broken ones
raise `EventError` with a sentence staff can read. Aware datetimes are built here and nowhere else.
"""

import dataclasses
import datetime as dt
import functools
import re
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import dates, hijri
from .errors import EventError
from .text import clean_text, snippet

__all__ = ["Event", "EventError", "Override", "Series", "Venue", "make_event", "make_series", "make_venue"]

STATUSES = ("confirmed", "tentative", "cancelled")
TITLE_MAX = 200
NAME_MAX = 200
CITY_MAX = 120
SLUG_MAX = 120
ADDRESS_MAX = 500
DESCRIPTION_MAX = 20_000
URL_MAX = 500
CATEGORY_MAX = 40
CATEGORIES_MAX = 10
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CATEGORY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")


@functools.cache
def known_zones() -> frozenset[str]:
    """IANA zone names this machine's tz database knows."""
    return frozenset(zoneinfo.available_timezones())


def check_zone(tzid: str, field_name: str = "tzid") -> str:
    """Return the zone name if it exists, else raise EventError."""
    tzid = (tzid or "").strip()
    if tzid not in known_zones():
        raise EventError(f"Unknown time zone “{snippet(tzid)}”; use an IANA name such as Asia/Qatar.",
                         field_name)
    return tzid


@dataclass(frozen=True)
class Venue:
    """Where an event happens."""

    slug: str
    name_en: str
    name_ar: str
    city_en: str
    city_ar: str
    country_code: str
    tzid: str
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None

    def name(self, lang: str) -> str:
        """The venue's name in `lang`, falling back to the other language."""
        return _pick(self.name_ar, self.name_en, lang)

    def city(self, lang: str) -> str:
        """The city's name in `lang`, falling back to the other language."""
        return _pick(self.city_ar, self.city_en, lang)

    def location(self, lang: str) -> str:
        """One line for LOCATION and page headers: venue, city, country code."""
        parts = [self.name(lang), self.city(lang), self.country_code]
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class Series:
    """A run of editions; `cadence` is descriptive metadata, never a source of dates."""

    slug: str
    name_en: str
    name_ar: str = ""
    cadence: str = ""
    url: str = ""

    def name(self, lang: str) -> str:
        """The series' name in `lang`, falling back to the other language."""
        return _pick(self.name_ar, self.name_en, lang)


@dataclass(frozen=True)
class Override:
    """One occurrence of a recurring event, moved or cancelled."""

    original_on: dt.date
    original_local: dt.datetime | None = None
    cancelled: bool = False
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    starts_local: dt.datetime | None = None
    ends_local: dt.datetime | None = None
    title_en: str = ""
    title_ar: str = ""
    sequence: int = 0
    updated_at: dt.datetime | None = None


@dataclass(frozen=True)
class Event:
    """An event as the renderers see it; build it with make_event()."""

    uid: str
    slug: str
    title_en: str
    title_ar: str
    tzid: str
    all_day: bool
    starts_on: dt.date | None
    ends_on: dt.date | None
    starts_local: dt.datetime | None
    ends_local: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime
    description_en: str = ""
    description_ar: str = ""
    venue: Venue | None = None
    status: str = "confirmed"
    published: bool = True
    categories: tuple[str, ...] = ()
    organizer_name_en: str = ""
    organizer_name_ar: str = ""
    organizer_url: str = ""
    url: str = ""
    series: Series | None = None
    edition: int | None = None
    source_citation: str = ""
    source_url: str = ""
    source_conflict: str = ""
    recurrence: Mapping[str, Any] | None = None
    exdates: tuple[dt.date, ...] = ()
    overrides: tuple[Override, ...] = field(default=())
    sequence: int = 0
    version: int = 1

    # -- text in a language ------------------------------------------------------------------
    def title(self, lang: str) -> str:
        """The title in `lang`, falling back to the other language."""
        return _pick(self.title_ar, self.title_en, lang)

    def description(self, lang: str) -> str:
        """The description in `lang`, falling back to the other language."""
        return _pick(self.description_ar, self.description_en, lang)

    def organizer_name(self, lang: str) -> str:
        """The organiser's name in `lang`, falling back to the other language."""
        return _pick(self.organizer_name_ar, self.organizer_name_en, lang)

    # -- time ---------------------------------------------------------------------------------
    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The event's IANA zone."""
        return zoneinfo.ZoneInfo(self.tzid)

    @property
    def first_day(self) -> dt.date:
        """The first (local) calendar day of the event."""
        return self.starts_on if self.all_day else self.starts_local.date()

    @property
    def last_day(self) -> dt.date:
        """The last (local) calendar day, inclusive."""
        return self.ends_on if self.all_day else self.ends_local.date()

    @property
    def starts_at(self) -> dt.datetime | None:
        """Aware start of a timed event (None for all-day events)."""
        return None if self.all_day else self.starts_local.replace(tzinfo=self.zone)

    @property
    def ends_at(self) -> dt.datetime | None:
        """Aware end of a timed event (None for all-day events)."""
        return None if self.all_day else self.ends_local.replace(tzinfo=self.zone)

    @property
    def is_cancelled(self) -> bool:
        """Cancelled events stay published so subscribers see the cancellation."""
        return self.status == "cancelled"

    def facets(self) -> dict[str, set[str]]:
        """The values lists and feeds filter on: country, city (both languages), category, series."""
        venue = self.venue
        return {
            "country": {venue.country_code} if venue else set(),
            "city": {c for c in (venue.city_en, venue.city_ar) if c} if venue else set(),
            "category": set(self.categories),
            "series": {self.series.slug} if self.series else set(),
        }

    @property
    def is_recurring(self) -> bool:
        """Whether a recurrence rule is attached."""
        return bool(self.recurrence)

    # -- derived labels -------------------------------------------------------------------------
    @property
    def hijri_start(self) -> hijri.HijriDate:
        """Umm al-Qura date of the first day."""
        return hijri.to_hijri(self.first_day)

    @property
    def hijri_end(self) -> hijri.HijriDate:
        """Umm al-Qura date of the last day."""
        return hijri.to_hijri(self.last_day)

    def hijri_label(self, lang: str) -> str:
        """"24–26 Sha'ban 1445 AH" / "٢٤–٢٦ شعبان ١٤٤٥ هـ"."""
        return hijri.format_range(self.hijri_start, self.hijri_end, lang)

    def gregorian_label(self, lang: str) -> str:
        """"5–7 March 2024" / "٥–٧ مارس ٢٠٢٤"."""
        return dates.format_range(self.first_day, self.last_day, lang)

    def time_label(self, lang: str) -> str:
        """'09:00–17:00 (Asia/Qatar)' for timed events, '' for all-day ones."""
        if self.all_day:
            return ""
        return f"{dates.format_clock_range(self.starts_local, self.ends_local, lang)} ({self.tzid})"

    def replace(self, **changes: Any) -> "Event":
        """A copy with some fields changed, checked again by make_event()."""
        return make_event(**{**fields_of(self), **changes})


def fields_of(obj: Any) -> dict[str, Any]:
    """A dataclass's fields as a flat dict (nested values kept as they are)."""
    return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}


def _pick(arabic: str, english: str, lang: str) -> str:
    first, second = (arabic, english) if lang == "ar" else (english, arabic)
    return first or second


# -- construction and validation ------------------------------------------------------------------
def make_venue(
    *, slug: str, name_en: str = "", name_ar: str = "", city_en: str = "", city_ar: str = "",
    country_code: str, tzid: str, address: str = "", latitude: float | None = None,
    longitude: float | None = None,
) -> Venue:
    """Check and clean a venue; raise EventError naming the bad field."""
    name_en, name_ar = _line(name_en, "venue_name_en", NAME_MAX), _line(name_ar, "venue_name_ar", NAME_MAX)
    if not (name_en or name_ar):
        raise EventError("Give the venue a name in Arabic or English.", "venue_name_en")
    country_code = (country_code or "").strip().upper()
    if not COUNTRY_RE.match(country_code):
        raise EventError("The country must be a two-letter ISO code such as QA or AE.", "country_code")
    return Venue(
        slug=_slug(slug, "venue_slug"), name_en=name_en, name_ar=name_ar,
        city_en=_line(city_en, "city_en", CITY_MAX), city_ar=_line(city_ar, "city_ar", CITY_MAX),
        country_code=country_code, tzid=check_zone(tzid), address=_line(address, "address", ADDRESS_MAX),
        latitude=_coordinate(latitude, 90, "latitude"),
        longitude=_coordinate(longitude, 180, "longitude"),
    )


def make_series(
    *, slug: str, name_en: str = "", name_ar: str = "", cadence: str = "", url: str = ""
) -> Series:
    """Check and clean a series; raise EventError naming the bad field."""
    name_en = _line(name_en, "series_name_en", NAME_MAX)
    name_ar = _line(name_ar, "series_name_ar", NAME_MAX)
    if not (name_en or name_ar):
        raise EventError("Give the series a name in Arabic or English.", "series_name_en")
    return Series(slug=_slug(slug, "series_slug"), name_en=name_en, name_ar=name_ar,
                  cadence=_line(cadence, "series_cadence", 40), url=_url(url, "series_url"))


def make_event(**fields: Any) -> Event:
    """Check every invariant, clean every text field and return an Event.

    Raises EventError (with the form field's name) for anything a person could have typed wrong;
    independent problems are all collected (`EventError.errors`), so a form can show each one.
    """
    f, problems = dict(fields), []

    def checked(check, *args, default=None):
        try:
            return check(*args)
        except EventError as exc:
            problems.append(exc)
            return default

    title_en = checked(_line, f.pop("title_en", ""), "title_en", TITLE_MAX, default="x")
    title_ar = checked(_line, f.pop("title_ar", ""), "title_ar", TITLE_MAX, default="x")
    if not (title_en or title_ar):
        problems.append(EventError("Give the event a title in Arabic or English.", "title_en"))
    all_day = bool(f.pop("all_day", True))
    times = checked(_check_times, all_day, f)
    if times and f.get("recurrence"):
        from . import recurrence  # here, not at the top: recurrence imports this module

        first_day = times["starts_on"] or times["starts_local"].date()
        f["recurrence"] = checked(recurrence.check_rule, f["recurrence"], first_day)
    values = {
        "tzid": checked(check_zone, f.pop("tzid", "")),
        "status": checked(_status, f.pop("status", "")),
        "uid": checked(_uid, f.pop("uid", "")),
        "slug": checked(_slug, f.pop("slug", ""), "slug"),
        "organizer_url": checked(_url, f.pop("organizer_url", ""), "organizer_url"),
        "url": checked(_url, f.pop("url", ""), "url"),
        "source_url": checked(_url, f.pop("source_url", ""), "source_url"),
        "categories": checked(_categories, f.pop("categories", ())),
        "edition": checked(_edition, f.pop("edition", None)),
    }
    for name in ("organizer_name_en", "organizer_name_ar"):
        values[name] = checked(_line, f.pop(name, ""), name, NAME_MAX)
    for name in ("description_en", "description_ar", "source_citation", "source_conflict"):
        values[name] = checked(_multiline, f.pop(name, ""), name)
    if problems:
        raise EventError.combine(problems)
    return Event(
        title_en=title_en, title_ar=title_ar, all_day=all_day, **times, **values,
        exdates=tuple(sorted(set(f.pop("exdates", ()) or ()))),
        overrides=tuple(f.pop("overrides", ()) or ()),
        **f,
    )


def _status(value: str | None) -> str:
    status = value or "confirmed"
    if status not in STATUSES:
        raise EventError(f"Status must be one of: {', '.join(STATUSES)}.", "status")
    return status


def _check_times(all_day: bool, f: dict[str, Any]) -> dict[str, Any]:
    starts_on, ends_on = f.pop("starts_on", None), f.pop("ends_on", None)
    starts_local, ends_local = f.pop("starts_local", None), f.pop("ends_local", None)
    if all_day:
        if starts_on is None or ends_on is None:
            raise EventError("Give the first and last day of the event.", "starts_on")
        if ends_on < starts_on:
            raise EventError("The event ends before it starts.", "ends_on")
        first, last = starts_on, ends_on
        starts_local = ends_local = None
    else:
        if starts_local is None or ends_local is None:
            raise EventError("Give the start and end time of the event.", "starts_local")
        if starts_local.tzinfo is not None or ends_local.tzinfo is not None:
            raise EventError("Times are local wall-clock times in the event's zone.", "starts_local")
        if ends_local < starts_local:
            raise EventError("The event ends before it starts.", "ends_local")
        first, last = starts_local.date(), ends_local.date()
        starts_on = ends_on = None
    for day, name in ((first, "starts_on"), (last, "ends_on")):
        if not hijri.in_range(day):
            raise EventError(hijri.RANGE_MESSAGE, name)
    return {"starts_on": starts_on, "ends_on": ends_on,
            "starts_local": starts_local, "ends_local": ends_local}


def _line(value: str | None, field_name: str, limit: int) -> str:
    text = clean_text(value)
    if len(text) > limit:
        raise EventError(f"At most {limit} characters (this has {len(text)}).", field_name)
    return text


def _multiline(value: str | None, field_name: str) -> str:
    text = clean_text(value, multiline=True)
    if len(text) > DESCRIPTION_MAX:
        raise EventError(
            f"At most {DESCRIPTION_MAX} characters (this has {len(text)}).", field_name
        )
    return text


def _url(value: str | None, field_name: str) -> str:
    url = clean_text(value)
    if not url:
        return ""
    if len(url) > URL_MAX or not re.match(r"^https?://[^\s/]+\.[^\s]+$", url):
        raise EventError("Links must be full http:// or https:// addresses.", field_name)
    return url


def _slug(value: str | None, field_name: str) -> str:
    slug = (value or "").strip()
    if not slug or len(slug) > SLUG_MAX or not SLUG_RE.match(slug):
        raise EventError(
            "The URL name may use lower-case letters, digits and single hyphens (at most 120).",
            field_name,
        )
    return slug


def _uid(value: str | None) -> str:
    uid = clean_text(value)
    if not uid or len(uid) > 255 or " " in uid:
        raise EventError("Every event needs a UID without spaces.", "uid")
    return uid


def _categories(values: Any) -> tuple[str, ...]:
    if isinstance(values, str):
        values = values.split(",")
    cleaned = []
    for value in values or ():
        name = clean_text(value).strip().lower()
        if not name:
            continue
        if len(name) > CATEGORY_MAX or not CATEGORY_RE.match(name):
            raise EventError(
                "Categories are short names of lower-case letters, digits and hyphens.",
                "categories",
            )
        if name not in cleaned:
            cleaned.append(name)
    if len(cleaned) > CATEGORIES_MAX:
        raise EventError(f"At most {CATEGORIES_MAX} categories.", "categories")
    return tuple(cleaned)


def _edition(value: Any) -> int | None:
    if value in (None, ""):
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 10_000:
        raise EventError("The edition is a whole number from 1.", "edition")
    return value


def _coordinate(value: Any, limit: int, field_name: str) -> float | None:
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise EventError("Coordinates are decimal degrees.", field_name) from exc
    if not -limit <= number <= limit:
        raise EventError(f"{field_name.capitalize()} must be between -{limit} and {limit}.", field_name)
    return number
