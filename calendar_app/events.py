"""The domain event: Gregorian dates are the truth, Hijri dates are derived.

`make_event()` is the one door into an `Event`; every invariant is checked there and broken ones
raise `EventError` with the field, a message id and its parameters (errors.py), never a sentence.
Aware datetimes are built here and nowhere else.
"""

import bisect
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
from .languages import N_, pick_field
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
# Said about either end of the dates or the times, by make_event() and by an occurrence being moved.
ENDS_BEFORE_START = N_("The event ends before it starts.")
GIVE_DAYS = N_("Give the first and last day of the event.")
GIVE_TIMES = N_("Give the start and end time of the event.")
BAD_SLUG = N_("The URL name may use lower-case letters, digits and single hyphens (at most 120).")


@functools.cache
def known_zones() -> frozenset[str]:
    """IANA zone names this machine's tz database knows."""
    return frozenset(zoneinfo.available_timezones())


def check_zone(tzid: str, field_name: str = "tzid") -> str:
    """Return the zone name if it exists, else raise EventError."""
    tzid = (tzid or "").strip()
    if tzid not in known_zones():
        raise EventError(field_name,
                         N_("Unknown time zone “%(zone)s”; use an IANA name such as Asia/Qatar."),
                         zone=snippet(tzid))
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
        """The venue's name in `lang`, else in another language (languages.pick)."""
        return pick_field(self, "name", lang).text

    def city(self, lang: str) -> str:
        """The city's name in `lang`, else in another language."""
        return pick_field(self, "city", lang).text

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
        """The series' name in `lang`, else in another language."""
        return pick_field(self, "name", lang).text


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
        """The title in `lang`, else in another (pick_field(event, "title", lang) also says which)."""
        return pick_field(self, "title", lang).text

    def description(self, lang: str) -> str:
        """The description in `lang`, else in another language."""
        return pick_field(self, "description", lang).text

    def organizer_name(self, lang: str) -> str:
        """The organiser's name in `lang`, else in another language."""
        return pick_field(self, "organizer_name", lang).text

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


# -- construction and validation ------------------------------------------------------------------
class Problems(list):
    """The independent EventErrors of one check, collected so a form can show them all at once."""

    def checked(self, check, *args, default=None, **kwargs):
        """check(*args, **kwargs), or `default` after noting its EventError(s)."""
        try:
            return check(*args, **kwargs)
        except EventError as exc:
            self.extend(exc.errors)
            return default

    def raise_any(self) -> None:
        """Raise one EventError carrying every problem, if there is any."""
        if self:
            raise EventError.combine(list(self))


def make_venue(
    *, slug: str, name_en: str = "", name_ar: str = "", city_en: str = "", city_ar: str = "",
    country_code: str, tzid: str, address: str = "", latitude: float | None = None,
    longitude: float | None = None,
) -> Venue:
    """Check and clean a venue; raise EventError naming every bad field."""
    problems = Problems()
    name_en = problems.checked(_line, name_en, "venue_name_en", NAME_MAX, default="x")
    name_ar = problems.checked(_line, name_ar, "venue_name_ar", NAME_MAX, default="x")
    if not (name_en or name_ar):
        problems.append(EventError("venue_name_en", N_("Give the venue a name in Arabic or English.")))
    country_code = (country_code or "").strip().upper()
    if not COUNTRY_RE.match(country_code):
        problems.append(EventError("country_code",
                                   N_("The country must be a two-letter ISO code such as QA or AE.")))
    values = {
        "slug": problems.checked(_slug, slug, "venue_slug"),
        "city_en": problems.checked(_line, city_en, "city_en", CITY_MAX),
        "city_ar": problems.checked(_line, city_ar, "city_ar", CITY_MAX),
        "tzid": problems.checked(check_zone, tzid),
        "address": problems.checked(_line, address, "address", ADDRESS_MAX),
        "latitude": problems.checked(_coordinate, latitude, "latitude"),
        "longitude": problems.checked(_coordinate, longitude, "longitude"),
    }
    problems.raise_any()
    return Venue(name_en=name_en, name_ar=name_ar, country_code=country_code, **values)


def make_series(
    *, slug: str, name_en: str = "", name_ar: str = "", cadence: str = "", url: str = ""
) -> Series:
    """Check and clean a series; raise EventError naming every bad field."""
    problems = Problems()
    name_en = problems.checked(_line, name_en, "series_name_en", NAME_MAX, default="x")
    name_ar = problems.checked(_line, name_ar, "series_name_ar", NAME_MAX, default="x")
    if not (name_en or name_ar):
        problems.append(EventError("series_name_en", N_("Give the series a name in Arabic or English.")))
    values = {"slug": problems.checked(_slug, slug, "series_slug"),
              "cadence": problems.checked(_line, cadence, "series_cadence", 40),
              "url": problems.checked(_url, url, "series_url")}
    problems.raise_any()
    return Series(name_en=name_en, name_ar=name_ar, **values)


def make_event(**fields: Any) -> Event:
    """Check every invariant, clean every text field and return an Event.

    Raises EventError (with the form field's name) for anything a person could have typed wrong;
    independent problems are all collected (`EventError.errors`), so a form can show each one.
    """
    f, problems = dict(fields), Problems()
    checked = problems.checked
    title_en = checked(_line, f.pop("title_en", ""), "title_en", TITLE_MAX, default="x")
    title_ar = checked(_line, f.pop("title_ar", ""), "title_ar", TITLE_MAX, default="x")
    if not (title_en or title_ar):
        problems.append(EventError("title_en", N_("Give the event a title in Arabic or English.")))
    all_day = bool(f.pop("all_day", True))
    tzid = checked(check_zone, f.pop("tzid", ""))
    times = checked(_check_times, all_day, f)
    if times and tzid and not all_day:
        for name in ("starts_local", "ends_local"):
            checked(check_wall_time, times[name], tzid, name)
    if times and f.get("recurrence"):
        from . import recurrence  # here, not at the top: recurrence imports this module

        first_day = times["starts_on"] or times["starts_local"].date()
        f["recurrence"] = checked(recurrence.check_rule, f["recurrence"], first_day)
    values = {
        "tzid": tzid,
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
    problems.raise_any()
    event = Event(
        title_en=title_en, title_ar=title_ar, all_day=all_day, **times, **values,
        exdates=tuple(sorted(set(f.pop("exdates", ()) or ()))),
        overrides=tuple(f.pop("overrides", ()) or ()),
        **f,
    )
    if event.is_recurring and not event.all_day:
        _check_series_clock(event)
    return event


# -- local times around a clock change --------------------------------------------------------------
TIME_IN_GAP = N_(
    "%(time)s does not exist in %(zone)s on %(day)s (clocks jump from %(jump_from)s to %(jump_to)s); "
    "use %(before)s or %(after)s.")
TIME_IN_FOLD = N_(
    "%(time)s happens twice in %(zone)s on %(day)s (clocks go back from %(jump_from)s to %(jump_to)s): "
    "first at %(first)s UTC, then at %(second)s UTC. A time that happens twice cannot be saved yet; "
    "choose a time before %(jump_to)s or from %(jump_from)s.")


def check_wall_time(local: dt.datetime, tzid: str, field_name: str) -> dt.datetime:
    """Return `local` if it names exactly one instant in the zone; else raise EventError.

    A time in a spring-forward gap does not exist (RFC 5545 §3.3.5 reads it with the offset before
    the gap, so 02:30 becomes 03:30 summer time in every parser while the page would say 02:30); a
    time in a fall-back fold happens twice (RFC 5545 takes the first, but parsers split). Storing the
    fold would need a column, so for now both are refused, naming the nearest valid times.
    """
    zone = zoneinfo.ZoneInfo(tzid)
    first, second = local.replace(tzinfo=zone, fold=0), local.replace(tzinfo=zone, fold=1)
    before, after = first.utcoffset(), second.utcoffset()
    if before == after:
        return local
    change = _clock_change(local, zone, before, after)
    jump_from, jump_to = change + before, change + after
    when = {"time": local.time(), "zone": tzid, "day": local.date(), "jump_from": jump_from.time(),
            "jump_to": jump_to.time()}
    if after > before:  # a gap: the wall clock skips from jump_from to jump_to
        raise EventError(field_name, TIME_IN_GAP, before=(jump_from - dt.timedelta(minutes=1)).time(),
                         after=jump_to.time(), **when)
    raise EventError(field_name, TIME_IN_FOLD, first=(local - before).time(), second=(local - after).time(),
                     **when)


def _clock_change(local: dt.datetime, zone: zoneinfo.ZoneInfo, before: dt.timedelta,
                  after: dt.timedelta) -> dt.datetime:
    """The naive UTC instant of the offset change that makes `local` a gap or a fold time."""
    low = local - max(before, after)  # still the old offset here; the new one 0-24 h later
    return _first_change(zone, low, local - min(before, after), before)


def _offset(zone: zoneinfo.ZoneInfo, utc: dt.datetime) -> dt.timedelta:
    return utc.replace(tzinfo=dt.UTC).astimezone(zone).utcoffset()


def _first_change(zone: zoneinfo.ZoneInfo, low: dt.datetime, high: dt.datetime,
                  before: dt.timedelta) -> dt.datetime:
    """The first whole second in (low, high] (naive UTC) whose offset is no longer `before`."""
    seconds = int((high - low).total_seconds())
    found = bisect.bisect_left(range(seconds + 1), True,
                               key=lambda s: _offset(zone, low + dt.timedelta(seconds=s)) != before)
    return low + dt.timedelta(seconds=found)


def _clock_changes(zone: zoneinfo.ZoneInfo, first: dt.date, last: dt.date):
    """(naive UTC instant, offset before, offset after) of each change between two days, in order.

    Sampled weekly, then pinned to the second: zones change at most twice a year, never twice in a week.
    """
    step, moment = dt.timedelta(days=7), dt.datetime.combine(first - dt.timedelta(days=2), dt.time())
    end, before = dt.datetime.combine(last + dt.timedelta(days=2), dt.time()), _offset(zone, moment)
    while moment < end:
        after = _offset(zone, moment + step)
        if after != before:
            yield _first_change(zone, moment, moment + step, before), before, after
        moment, before = moment + step, after


def _check_series_clock(event: "Event") -> None:
    """Refuse a timed series with an occurrence that starts or ends in a gap or a fold.

    RFC 5545 §3.3.10 says an RRULE instance at a local time that does not exist is ignored (not
    counted), while §3.3.5 reads such a DATE-TIME with the offset before the gap; a repeated time is
    the first of the two. Parsers follow different rules (icscheck, Paris weekly 02:30 across both
    2027 changes: node-ical drops the spring instance, ical.js/icalendar/vobject move it to 03:30,
    libical moves it and every later instance an hour; in autumn ical.js and libical take the
    second 02:30, the others the first; an EXDATE of that day does not reconcile them), so such a
    series is refused. Only changes whose window holds the series' start or end time are checked.
    """
    from . import recurrence  # here, not at the top: recurrence imports this module

    plain, zone = dataclasses.replace(event, overrides=()), event.zone
    span = event.ends_local - event.starts_local
    for change, before, after in _clock_changes(zone, event.first_day, recurrence.last_day(plain)):
        low, high = sorted((change + before, change + after))  # local times that are odd that day
        for day in sorted({low.date(), high.date(), (low - span).date(), (high - span).date()}):
            start = dt.datetime.combine(day, event.starts_local.time())
            odd = [(name, moment) for name, moment in (("starts_local", start), ("ends_local", start + span))
                   if low <= moment < high]
            if odd and recurrence.occurrences(plain, day, day):
                name, moment = odd[0]
                raise _series_clock_error(event, moment, after > before, low, high, name)


# One whole sentence per case (start or end, gap or fold), so translators never assemble one.
SERIES_CLOCK_MESSAGES = {
    ("starts_local", True): N_(
        "An occurrence of this series on %(day)s would start at %(time)s, which does not exist in "
        "%(zone)s (the clocks change); calendar apps place it differently. Choose a time before "
        "%(before)s or from %(after)s."),
    ("ends_local", True): N_(
        "An occurrence of this series on %(day)s would end at %(time)s, which does not exist in "
        "%(zone)s (the clocks change); calendar apps place it differently. Choose a time before "
        "%(before)s or from %(after)s."),
    ("starts_local", False): N_(
        "An occurrence of this series on %(day)s would start at %(time)s, which happens twice in "
        "%(zone)s (the clocks change); calendar apps place it differently. Choose a time before "
        "%(before)s or from %(after)s."),
    ("ends_local", False): N_(
        "An occurrence of this series on %(day)s would end at %(time)s, which happens twice in "
        "%(zone)s (the clocks change); calendar apps place it differently. Choose a time before "
        "%(before)s or from %(after)s."),
}


def _series_clock_error(event: "Event", moment: dt.datetime, gap: bool, low: dt.datetime,
                        high: dt.datetime, field_name: str) -> EventError:
    return EventError(field_name, SERIES_CLOCK_MESSAGES[field_name, gap], day=moment.date(),
                      time=moment.time(), zone=event.tzid, before=low.time(), after=high.time())


def _status(value: str | None) -> str:
    status = value or "confirmed"
    if status not in STATUSES:
        raise EventError("status", N_("Status must be one of: %(statuses)s."),
                         statuses=", ".join(STATUSES))
    return status


def _check_times(all_day: bool, f: dict[str, Any]) -> dict[str, Any]:
    starts_on, ends_on = f.pop("starts_on", None), f.pop("ends_on", None)
    starts_local, ends_local = f.pop("starts_local", None), f.pop("ends_local", None)
    if all_day:
        if starts_on is None or ends_on is None:
            raise EventError("starts_on", GIVE_DAYS)
        if ends_on < starts_on:
            raise EventError("ends_on", ENDS_BEFORE_START)
        first, last = starts_on, ends_on
        starts_local = ends_local = None
    else:
        if starts_local is None or ends_local is None:
            raise EventError("starts_local", GIVE_TIMES)
        if starts_local.tzinfo is not None or ends_local.tzinfo is not None:
            raise EventError("starts_local", N_("Times are local wall-clock times in the event's zone."))
        if ends_local < starts_local:
            raise EventError("ends_local", ENDS_BEFORE_START)
        first, last = starts_local.date(), ends_local.date()
        starts_on = ends_on = None
    for day, name in ((first, "starts_on"), (last, "ends_on")):
        if not hijri.in_range(day):
            raise hijri.out_of_range(name)
    return {"starts_on": starts_on, "ends_on": ends_on,
            "starts_local": starts_local, "ends_local": ends_local}


def _line(value: str | None, field_name: str, limit: int) -> str:
    return _within(clean_text(value), field_name, limit)


def _multiline(value: str | None, field_name: str) -> str:
    return _within(clean_text(value, multiline=True), field_name, DESCRIPTION_MAX)


def _within(text: str, field_name: str, limit: int) -> str:
    """The cleaned text, or an error naming the limit and the length (DECISIONS.md: text from users)."""
    if len(text) > limit:
        raise EventError(field_name, N_("At most %(limit)s characters (this has %(count)s)."),
                         limit=limit, count=len(text))
    return text


def _url(value: str | None, field_name: str) -> str:
    url = clean_text(value)
    if not url:
        return ""
    if len(url) > URL_MAX or not re.match(r"^https?://[^\s/]+\.[^\s]+$", url):
        raise EventError(field_name, N_("Links must be full http:// or https:// addresses."))
    return url


def _slug(value: str | None, field_name: str) -> str:
    slug = (value or "").strip()
    if not slug or len(slug) > SLUG_MAX or not SLUG_RE.match(slug):
        raise EventError(field_name, BAD_SLUG)
    return slug


def _uid(value: str | None) -> str:
    uid = clean_text(value)
    if not uid or len(uid) > 255 or " " in uid:
        raise EventError("uid", N_("Every event needs a UID without spaces."))
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
            raise EventError("categories",
                             N_("Categories are short names of lower-case letters, digits and hyphens."))
        if name not in cleaned:
            cleaned.append(name)
    if len(cleaned) > CATEGORIES_MAX:
        raise EventError("categories", N_("At most %(count)s categories."), count=CATEGORIES_MAX)
    return tuple(cleaned)


def _edition(value: Any) -> int | None:
    if value in (None, ""):
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 10_000:
        raise EventError("edition", N_("The edition is a whole number from 1."))
    return value


COORDINATES = {  # field: (limit in degrees, the message when it is passed)
    "latitude": (90, N_("Latitude must be between -%(limit)s and %(limit)s.")),
    "longitude": (180, N_("Longitude must be between -%(limit)s and %(limit)s.")),
}


def _coordinate(value: Any, field_name: str) -> float | None:
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise EventError(field_name, N_("Coordinates are decimal degrees.")) from exc
    limit, message = COORDINATES[field_name]
    if not -limit <= number <= limit:
        raise EventError(field_name, message, limit=limit)
    return number
