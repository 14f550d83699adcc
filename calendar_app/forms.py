"""Staff forms (Flask-WTF, CSRF on): shape checks here, meaning checks in events.make_event().

`event_fields()` turns a submitted EventForm into make_event() keywords, converting a Hijri date
entry to the Gregorian truth; `translated()` puts the domain's English messages into the user's
language by msgid.
"""

import datetime as dt
import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    EmailField,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import EqualTo, InputRequired, NumberRange, Optional

from . import dates, editing, events, hijri, recurrence, staff
from .errors import EventError
from .events import Series, Venue

NEW = "__new__"
# Default zone for a venue's country; anything else is picked by hand from the full list.
COUNTRY_ZONES = {
    "QA": "Asia/Qatar", "AE": "Asia/Dubai", "SA": "Asia/Riyadh", "BH": "Asia/Bahrain",
    "KW": "Asia/Kuwait", "OM": "Asia/Muscat", "EG": "Africa/Cairo", "JO": "Asia/Amman",
    "IQ": "Asia/Baghdad", "LB": "Asia/Beirut", "TR": "Europe/Istanbul", "GB": "Europe/London",
    "FR": "Europe/Paris", "DE": "Europe/Berlin", "IN": "Asia/Kolkata", "PK": "Asia/Karachi",
    "SG": "Asia/Singapore", "MY": "Asia/Kuala_Lumpur", "US": "America/New_York",
}  # fmt: skip
FIRST_ZONES = ("Asia/Qatar", "Asia/Dubai", "Asia/Riyadh", "Asia/Bahrain", "Asia/Kuwait", "Asia/Muscat")


def _choices(*pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def _line(label, limit: int) -> StringField:
    """A one-line text field; `maxlength` tells the browser the limit events.py enforces."""
    return StringField(label, render_kw={"maxlength": limit})


def _email() -> EmailField:
    return EmailField(_l("Email"), validators=[InputRequired()], render_kw={"maxlength": staff.EMAIL_MAX})


def _password(label) -> PasswordField:
    return PasswordField(label, validators=[InputRequired()], render_kw={"maxlength": staff.PASSWORD_MAX})


class LoginForm(FlaskForm):
    """Email and password; errors are generic on purpose."""

    email = _email()
    password = _password(_l("Password"))
    next = HiddenField()


class PasswordForm(FlaskForm):
    """Staff change their own password: the current one, then the new one twice."""

    current_password = _password(_l("Current password"))
    new_password = _password(_l("New password"))
    new_password_again = PasswordField(
        _l("New password again"), render_kw={"maxlength": staff.PASSWORD_MAX},
        validators=[InputRequired(), EqualTo("new_password", message=_l("The two new passwords differ."))])


class ActionForm(FlaskForm):
    """A bare CSRF-protected button (logout, cancel, delete, deactivate), with the loaded version."""

    version = HiddenField()


class OccurrenceForm(FlaskForm):
    """Cancel, move or restore one occurrence, named by its original first day."""

    version = HiddenField()
    original_on = HiddenField()
    new_on = DateField(_l("New first day"), validators=[Optional()])
    new_start = TimeField(_l("Starts at"), validators=[Optional()])
    new_end = TimeField(_l("Ends at"), validators=[Optional()])


class StaffUserForm(FlaskForm):
    """An admin adds an account."""

    email = _email()
    password = _password(_l("Password"))
    role = SelectField(_l("Role"), choices=_choices(("editor", _l("Editor")), ("admin", _l("Administrator"))))


class RoleForm(FlaskForm):
    """An admin changes an account's role."""

    role = SelectField(_l("Role"), choices=_choices(("editor", _l("Editor")), ("admin", _l("Administrator"))))


def _hijri_part(label, low, high):
    return IntegerField(label, validators=[Optional(), NumberRange(low, high)])


def _whole(label):
    # No range check here: recurrence.check_rule owns the limits and says them in one sentence.
    return IntegerField(label, validators=[Optional()])


class RepeatFields(FlaskForm):
    """The "Repeats" section: a rule built from choices (never RRULE text typed by staff)."""

    repeat = RadioField(_l("How it repeats"), default="none",
                        choices=_choices(("none", _l("Does not repeat")), ("gregorian", _l("Gregorian rule")),
                                         ("hijri", _l("Hijri rule (Umm al-Qura)"))))
    repeat_freq = SelectField(_l("Every"), default="YEARLY",
                              choices=_choices(("DAILY", _l("day")), ("WEEKLY", _l("week")),
                                               ("MONTHLY", _l("month")), ("YEARLY", _l("year"))))
    repeat_hijri_freq = SelectField(_l("Every"), default="yearly",
                                    choices=_choices(("yearly", _l("Hijri year")),
                                                     ("monthly", _l("Hijri month"))))
    repeat_hijri_month = _whole(_l("Hijri month (1–12)"))
    repeat_hijri_day = _whole(_l("Hijri day (1–30)"))
    repeat_skip = SelectField(_l("When the month has no day 30"), default="omit",
                              choices=_choices(("omit", _l("Skip that occurrence (default)")),
                                               ("backward", _l("Move back to day 29")),
                                               ("forward", _l("Move forward to the 1st of the next month"))))
    repeat_interval = _whole(_l("Interval (every how many)"))
    repeat_end = RadioField(_l("Ends"), default="never",
                            choices=_choices(("never", _l("Never")), ("count", _l("After a number of times")),
                                             ("until", _l("On a date"))))
    repeat_count = _whole(_l("Number of times"))
    repeat_until = DateField(_l("Last date"), validators=[Optional()])
    # BY parts of a stored rule the form cannot show (e.g. from seeds), carried over unchanged.
    repeat_by = HiddenField()
    exdates = TextAreaField(_l("Excluded dates (YYYY-MM-DD, one per line)"))


class RecurrencePreviewForm(RepeatFields):
    """What the live preview needs: the repeat fields and the event's first day in either calendar."""

    calendar = RadioField(default="gregorian", choices=_choices(("gregorian", ""), ("hijri", "")))
    starts_on = DateField(validators=[Optional()])
    hijri_start_year = _hijri_part("", 1, 9999)
    hijri_start_month = _hijri_part("", 1, 12)
    hijri_start_day = _hijri_part("", 1, 30)


class EventForm(RepeatFields):
    """Every field of an event; dates in either calendar, all-day or timed."""

    title_en = _line(_l("Title (English)"), events.TITLE_MAX)
    title_ar = _line(_l("Title (Arabic)"), events.TITLE_MAX)
    slug = _line(_l("URL name"), events.SLUG_MAX)
    description_en = TextAreaField(_l("Description (English)"))
    description_ar = TextAreaField(_l("Description (Arabic)"))
    calendar = RadioField(_l("Enter dates in"), default="gregorian",
                          choices=_choices(("gregorian", _l("Gregorian")),
                                           ("hijri", _l("Hijri (Umm al-Qura)"))))
    timing = RadioField(_l("Timing"), default="all_day",
                        choices=_choices(("all_day", _l("All day")), ("timed", _l("At set times"))))
    starts_on = DateField(_l("First day"), validators=[Optional()])
    ends_on = DateField(_l("Last day"), validators=[Optional()])
    hijri_start_year = _hijri_part(_l("Year"), 1, 9999)
    hijri_start_month = _hijri_part(_l("Month"), 1, 12)
    hijri_start_day = _hijri_part(_l("Day"), 1, 30)
    hijri_end_year = _hijri_part(_l("Year"), 1, 9999)
    hijri_end_month = _hijri_part(_l("Month"), 1, 12)
    hijri_end_day = _hijri_part(_l("Day"), 1, 30)
    start_time = TimeField(_l("Starts at"), validators=[Optional()])
    end_time = TimeField(_l("Ends at"), validators=[Optional()])
    tzid = SelectField(_l("Time zone"), validate_choice=False)
    venue = SelectField(_l("Venue"), validate_choice=False)
    venue_slug = _line(_l("Venue URL name"), events.SLUG_MAX)
    venue_name_en = _line(_l("Venue name (English)"), events.NAME_MAX)
    venue_name_ar = _line(_l("Venue name (Arabic)"), events.NAME_MAX)
    city_en = _line(_l("City (English)"), events.CITY_MAX)
    city_ar = _line(_l("City (Arabic)"), events.CITY_MAX)
    country_code = _line(_l("Country code"), 2)
    address = _line(_l("Address"), events.ADDRESS_MAX)
    latitude = StringField(_l("Latitude"))
    longitude = StringField(_l("Longitude"))
    categories = StringField(_l("Categories (comma-separated)"))
    series = SelectField(_l("Series"), validate_choice=False)
    series_slug = _line(_l("Series URL name"), events.SLUG_MAX)
    series_name_en = _line(_l("Series name (English)"), events.NAME_MAX)
    series_name_ar = _line(_l("Series name (Arabic)"), events.NAME_MAX)
    edition = IntegerField(_l("Edition"), validators=[Optional(), NumberRange(1, 10_000)])
    organizer_name_en = _line(_l("Organiser (English)"), events.NAME_MAX)
    organizer_name_ar = _line(_l("Organiser (Arabic)"), events.NAME_MAX)
    organizer_url = _line(_l("Organiser's website"), events.URL_MAX)
    url = _line(_l("Event website"), events.URL_MAX)
    status = SelectField(_l("Status"),
                         choices=_choices(("confirmed", _l("Confirmed")), ("tentative", _l("Tentative"))))
    source_citation = TextAreaField(_l("Source"))
    source_url = _line(_l("Source link"), events.URL_MAX)
    source_conflict = TextAreaField(_l("Conflicting sources"))
    version = HiddenField()

    def set_choices(self, venues: list[Venue], series: list[Series], lang: str) -> None:
        """Fill the pickers from the known venues, series and zones."""
        self.venue.choices = [SelectChoice("", _("No venue"))]
        self.venue.choices += [SelectChoice(v.slug, v.location(lang)) for v in venues]
        self.venue.choices.append(SelectChoice(NEW, _("Add a new venue…")))
        self.series.choices = [SelectChoice("", _("No series"))]
        self.series.choices += [SelectChoice(s.slug, s.name(lang)) for s in series]
        self.series.choices.append(SelectChoice(NEW, _("Add a new series…")))
        self.tzid.choices = zone_choices()

    def keep_cancelled(self) -> None:
        """A cancelled event's status is shown, not chosen: only restore un-cancels it."""
        self.status.choices = _choices(("cancelled", _l("Cancelled")))


def zone_choices() -> list[SelectChoice]:
    """Every known zone, the Gulf ones first."""
    others = sorted(events.known_zones() - set(FIRST_ZONES))
    return [SelectChoice(z) for z in FIRST_ZONES + tuple(others)]


class RestoreForm(FlaskForm):
    """Un-cancel an event: as confirmed or tentative, with the version it was loaded at."""

    version = HiddenField()
    status = RadioField(_l("Restore as"), default="confirmed",
                        choices=_choices(("confirmed", _l("Confirmed")), ("tentative", _l("Tentative"))))


class VenueForm(FlaskForm):
    """A shared venue's values (its URL name never changes); `version` is a digest of what was loaded."""

    venue_name_en = StringField(_l("Venue name (English)"))
    venue_name_ar = StringField(_l("Venue name (Arabic)"))
    city_en = StringField(_l("City (English)"))
    city_ar = StringField(_l("City (Arabic)"))
    country_code = StringField(_l("Country code"))
    address = StringField(_l("Address"))
    latitude = StringField(_l("Latitude"))
    longitude = StringField(_l("Longitude"))
    tzid = SelectField(_l("Time zone (the default for its events)"), validate_choice=False)
    version = HiddenField()

    def fill(self, venue: Venue) -> None:
        """Load a stored venue."""
        for name in ("city_en", "city_ar", "country_code", "address", "tzid"):
            getattr(self, name).data = getattr(venue, name)
        self.venue_name_en.data, self.venue_name_ar.data = venue.name_en, venue.name_ar
        self.latitude.data = "" if venue.latitude is None else str(venue.latitude)
        self.longitude.data = "" if venue.longitude is None else str(venue.longitude)

    def venue(self, slug: str) -> Venue:
        """The checked venue this form describes (EventError names every bad field)."""
        return events.make_venue(slug=slug, **venue_values(self))


class SeriesForm(FlaskForm):
    """A shared series' values (its URL name never changes); `version` is a digest of what was loaded."""

    series_name_en = StringField(_l("Series name (English)"))
    series_name_ar = StringField(_l("Series name (Arabic)"))
    series_cadence = StringField(_l("Cadence (for example: every two years)"))
    series_url = StringField(_l("Series website"))
    version = HiddenField()

    def fill(self, series: Series) -> None:
        """Load a stored series."""
        self.series_name_en.data, self.series_name_ar.data = series.name_en, series.name_ar
        self.series_cadence.data, self.series_url.data = series.cadence, series.url

    def series(self, slug: str) -> Series:
        """The checked series this form describes (EventError names every bad field)."""
        return events.make_series(slug=slug, name_en=self.series_name_en.data or "",
                                  name_ar=self.series_name_ar.data or "",
                                  cadence=self.series_cadence.data or "", url=self.series_url.data or "")


# -- form -> domain -------------------------------------------------------------------------------
TEXT_FIELDS = ("title_en", "title_ar", "slug", "description_en", "description_ar", "tzid", "categories",
               "organizer_name_en", "organizer_name_ar", "organizer_url", "url", "status",
               "source_citation", "source_url", "source_conflict")
WHEN_FIELDS = ("starts_on", "ends_on", "starts_local", "ends_local", "recurrence")


def build_event(form: EventForm, venues: list[Venue], series: list[Series], uid: str,
                now: dt.datetime) -> events.Event:
    """The checked Event a submitted form describes.

    Every problem is collected, the form's own (dates, venue, series, repeat) and make_event()'s,
    and raised as one EventError, so the page shows each next to its field at once. A field that
    already has an error (from its shape check or an earlier step) gets no second one about the
    same input.
    """
    problems = events.Problems()
    first, last = problems.checked(_days, form, default=(None, None))
    timed = form.timing.data == "timed"
    fields = {name: getattr(form, name).data or "" for name in TEXT_FIELDS}
    fields.update(uid=uid, all_day=not timed, created_at=now, updated_at=now, edition=form.edition.data,
                  venue=problems.checked(_venue, form, venues),
                  series=problems.checked(_series, form, series),
                  exdates=problems.checked(_exdates, form, default=()))
    if first is not None:
        fields["recurrence"] = problems.checked(recurrence_rule, form, first)
        if timed:
            fields.update(starts_local=problems.checked(_at, first, form.start_time.data, "start_time"),
                          ends_local=problems.checked(_at, last, form.end_time.data, "end_time"))
        else:
            fields.update(starts_on=first, ends_on=last)
    silenced = set(WHEN_FIELDS) if first is None else set()
    try:
        event = events.make_event(**fields)
    except EventError as exc:
        told = {field_for(form, p) for p in problems} | {name for name, f in form._fields.items() if f.errors}
        problems.extend(e for e in exc.errors if e.field not in silenced and field_for(form, e) not in told)
        if not problems:  # each problem is about input whose field already shows an error
            exc.errors = ()
            raise
    problems.raise_any()
    check_exdates(event)
    return event


def first_day(form: EventForm | RecurrencePreviewForm) -> dt.date:
    """The event's first day as entered, in either calendar."""
    if form.calendar.data == "hijri":
        return _hijri_day(form, "start")
    if form.starts_on.data is None:
        raise EventError("Give the first and last day of the event.", "starts_on")
    return form.starts_on.data


def recurrence_rule(form: RepeatFields, first: dt.date) -> dict | None:
    """The rule as recurrence.py stores it, built from the choices; None when the event does not repeat."""
    if form.repeat.data == "gregorian":
        return {"calendar": "gregorian", "rrule": _rrule(form)}
    if form.repeat.data != "hijri":
        return None
    start = hijri.to_hijri(first)
    yearly = form.repeat_hijri_freq.data == "yearly"
    month = form.repeat_hijri_month.data
    return {
        "calendar": "hijri", "freq": form.repeat_hijri_freq.data,
        "month": (start.month if month is None else month) if yearly else None,
        "day": start.day if form.repeat_hijri_day.data is None else form.repeat_hijri_day.data,
        "interval": 1 if form.repeat_interval.data is None else form.repeat_interval.data,
        "count": _count(form), "until": _until(form) and _until(form).isoformat(),
        "skip": form.repeat_skip.data or "omit",
    }


def _rrule(form: RepeatFields) -> str:
    parts = [f"FREQ={form.repeat_freq.data}"]
    if form.repeat_interval.data is not None:
        parts.append(f"INTERVAL={form.repeat_interval.data}")
    if _count(form) is not None:
        parts.append(f"COUNT={_count(form)}")
    if _until(form) is not None:
        parts.append(f"UNTIL={_until(form):%Y%m%d}")
    kept = [p for p in (form.repeat_by.data or "").split(";") if p]
    if any(not p.startswith(("BYMONTH=", "BYMONTHDAY=", "BYDAY=", "WKST=")) for p in kept):
        raise EventError("The repeat rule is not in a form this calendar understands.", "recurrence")
    return ";".join(parts + kept)


def _count(form: RepeatFields) -> int | None:
    if form.repeat_end.data != "count":
        return None
    if form.repeat_count.data is None:
        raise EventError("Give the number of times the event happens.", "repeat_count")
    return form.repeat_count.data


def _until(form: RepeatFields) -> dt.date | None:
    if form.repeat_end.data != "until":
        return None
    if form.repeat_until.data is None:
        raise EventError("Give the last date the event may happen on.", "repeat_until")
    return form.repeat_until.data


def _exdates(form: RepeatFields) -> tuple[dt.date, ...]:
    """Excluded dates, one per line (commas and spaces also separate them)."""
    if form.repeat.data not in ("gregorian", "hijri"):
        return ()
    days = []
    for text in re.split(r"[\s,;]+", form.exdates.data or ""):
        if not text:
            continue
        try:
            days.append(dt.date.fromisoformat(text))
        except ValueError as exc:
            raise EventError("Write each excluded date as YYYY-MM-DD, one per line.", "exdates") from exc
    if len(days) > 500:
        raise EventError("At most 500 excluded dates.", "exdates")
    return tuple(sorted(set(days)))


def check_exdates(event: events.Event) -> None:
    """Refuse an excluded date the rule never produces (a typo would silently exclude nothing)."""
    if not event.exdates:
        return
    plain = event.replace(exdates=(), overrides=())
    for day in event.exdates:
        if not recurrence.occurrences(plain, day, day):
            raise EventError(f"{day.isoformat()} is not a date of this repeat rule.", "exdates")


def _days(form: EventForm) -> tuple[dt.date, dt.date]:
    if form.calendar.data == "hijri":
        return _hijri_day(form, "start"), _hijri_day(form, "end")
    if form.starts_on.data is None:
        raise EventError("Give the first and last day of the event.", "starts_on")
    return form.starts_on.data, form.ends_on.data or form.starts_on.data


def _hijri_day(form: EventForm, which: str) -> dt.date:
    parts = [getattr(form, f"hijri_{which}_{p}").data for p in ("year", "month", "day")]
    target = f"hijri_{which}_day"
    if None in parts:
        raise EventError("Give the Hijri year, month and day.", target)
    try:
        return hijri.from_hijri(*parts)
    except EventError as exc:
        raise EventError(exc.message, target) from exc


def _at(day: dt.date, time: dt.time | None, field_name: str) -> dt.datetime:
    if time is None:
        raise EventError("Give the start and end time of the event.", field_name)
    return dt.datetime.combine(day, time)


def _venue(form: EventForm, venues: list[Venue]) -> Venue | None:
    choice = form.venue.data or ""
    if choice == NEW:
        problems = events.Problems()
        problems.extend(_taken(venues, form.venue_slug.data))
        venue = problems.checked(
            events.make_venue, **{"slug": form.venue_slug.data or "", **venue_values(form)})
        problems.raise_any()
        return venue
    if not choice:
        return None
    for venue in venues:
        if venue.slug == choice:
            return venue
    raise EventError("Choose a venue from the list.", "venue")


def venue_values(form: "EventForm | VenueForm") -> dict:
    """make_venue() keywords (all but the URL name) from the venue fields of a form."""
    return {"name_en": form.venue_name_en.data or "", "name_ar": form.venue_name_ar.data or "",
            "city_en": form.city_en.data or "", "city_ar": form.city_ar.data or "",
            "country_code": form.country_code.data or "", "tzid": form.tzid.data or "",
            "address": form.address.data or "", "latitude": form.latitude.data or None,
            "longitude": form.longitude.data or None}


def _series(form: EventForm, series: list[Series]) -> Series | None:
    choice = form.series.data or ""
    if choice == NEW:
        problems = events.Problems()
        problems.extend(_taken(series, form.series_slug.data))
        made = problems.checked(events.make_series, slug=form.series_slug.data or "",
                                name_en=form.series_name_en.data or "",
                                name_ar=form.series_name_ar.data or "")
        problems.raise_any()
        return made
    if not choice:
        return None
    for item in series:
        if item.slug == choice:
            return item
    raise EventError("Choose a series from the list.", "series")


def _taken(known: list[Venue] | list[Series], slug: str | None) -> list[EventError]:
    """A field error when a "new" venue or series takes a URL name that already exists."""
    slug = (slug or "").strip()
    return [editing.shared_name_taken(item) for item in known if item.slug == slug]


def fill_from_event(form: EventForm, event: events.Event) -> None:
    """Load a stored event into the form (Gregorian entry; the Hijri fields mirror it)."""
    for name in ("title_en", "title_ar", "slug", "description_en", "description_ar", "tzid",
                 "organizer_name_en", "organizer_name_ar", "organizer_url", "url", "status",
                 "source_citation", "source_url", "source_conflict", "edition"):
        getattr(form, name).data = getattr(event, name)
    form.categories.data = ", ".join(event.categories)
    form.calendar.data = "gregorian"
    form.timing.data = "all_day" if event.all_day else "timed"
    form.starts_on.data, form.ends_on.data = event.first_day, event.last_day
    for which, day in (("start", event.first_day), ("end", event.last_day)):
        h = hijri.to_hijri(day)
        for part in ("year", "month", "day"):
            getattr(form, f"hijri_{which}_{part}").data = getattr(h, part)
    if not event.all_day:
        form.start_time.data, form.end_time.data = event.starts_local.time(), event.ends_local.time()
    form.venue.data = event.venue.slug if event.venue else ""
    form.series.data = event.series.slug if event.series else ""
    form.version.data = str(event.version)
    fill_repeat(form, event)


def fill_repeat(form: RepeatFields, event: events.Event) -> None:
    """Load a stored rule into the repeat choices (BY parts the form cannot show ride along hidden)."""
    rule = event.recurrence
    form.exdates.data = "\n".join(d.isoformat() for d in event.exdates)
    if not rule:
        form.repeat.data = "none"
        return
    form.repeat.data = rule["calendar"]
    if rule["calendar"] == "hijri":
        form.repeat_hijri_freq.data, form.repeat_skip.data = rule["freq"], rule["skip"]
        form.repeat_hijri_month.data, form.repeat_hijri_day.data = rule["month"], rule["day"]
        form.repeat_interval.data, count, until = rule["interval"], rule["count"], rule["until"]
        until = until and dt.date.fromisoformat(until)
    else:
        parts = dict(p.split("=", 1) for p in rule["rrule"].split(";"))
        form.repeat_freq.data = parts.pop("FREQ")
        form.repeat_interval.data = int(parts.pop("INTERVAL", "1"))
        count = int(parts.pop("COUNT")) if "COUNT" in parts else None
        until = dt.datetime.strptime(parts.pop("UNTIL"), "%Y%m%d").date() if "UNTIL" in parts else None
        form.repeat_by.data = ";".join(f"{k}={v}" for k, v in parts.items())
    form.repeat_end.data = "count" if count else "until" if until else "never"
    form.repeat_count.data, form.repeat_until.data = count, until


# -- messages -------------------------------------------------------------------------------------
FIELD_ALIASES = {"venue_slug": "venue_slug", "hijri_day": "hijri_start_day", "uid": "slug",
                 "city_en": "city_en", "city_ar": "city_ar"}


# A rule error goes next to the choice it is about; anything else next to "Repeats".
RULE_FIELDS = (("interval", "repeat_interval"), ("number of occurrences", "repeat_count"),
               ("ends before", "repeat_until"), ("Hijri month", "repeat_hijri_month"),
               ("Hijri day", "repeat_hijri_day"))


def field_for(form: EventForm, error: EventError) -> str:
    """The form field an EventError belongs to (Hijri entry moves date errors to the Hijri inputs)."""
    name = FIELD_ALIASES.get(error.field or "", error.field or "")
    if name == "recurrence":
        found = (f for words, f in RULE_FIELDS if words in error.message)
        name = next(found, "repeat") if form.repeat.data in ("gregorian", "hijri") else "repeat"
    if form.calendar.data == "hijri" and name in ("starts_on", "ends_on"):
        name = "hijri_start_day" if name == "starts_on" else "hijri_end_day"
    if form.timing.data == "timed" and name in ("starts_local", "ends_local"):
        name = "start_time" if name == "starts_local" else "end_time"
    return name if name in form._fields else "title_en"


def N_(message: str) -> str:  # noqa: N802 - gettext's no-op marker, found by extraction
    """Mark a message for translation without translating it yet."""
    return message


_again = _  # translates a value already marked with N_ (a variable, so extraction skips it)


def _hijri_month(english: str) -> str:
    from flask_babel import get_locale

    lang = str(get_locale() or "en")
    for month in range(1, 13):
        if hijri.month_name(month, "en") == english:
            return hijri.month_name(month, lang)
    return english


# English messages of events.py / hijri.py / editing.py, listed so that extraction finds them.
FIXED_MESSAGES = frozenset((
    N_("Give the event a title in Arabic or English."),
    N_("Give the first and last day of the event."),
    N_("The event ends before it starts."),
    N_("Give the start and end time of the event."),
    N_("Times are local wall-clock times in the event's zone."),
    N_("Links must be full http:// or https:// addresses."),
    N_("The URL name may use lower-case letters, digits and single hyphens (at most 120)."),
    N_("Every event needs a UID without spaces."),
    N_("Categories are short names of lower-case letters, digits and hyphens."),
    N_("The edition is a whole number from 1."),
    N_("Coordinates are decimal degrees."),
    N_("Give the venue a name in Arabic or English."),
    N_("The country must be a two-letter ISO code such as QA or AE."),
    N_("The Hijri month must be between 1 and 12."),
    N_("Give the Hijri year, month and day."),
    N_("Choose a venue from the list."),
    N_("Choose a series from the list."),
    N_("Give the series a name in Arabic or English."),
    N_("This URL name is already used by another event."),
    N_("A published event cannot go back to draft; cancel it instead."),
    N_("Published events cannot be deleted; cancel them instead."),
    N_("Dates must lie between 1924-08-01 and 2077-11-16 (1343–1500 AH), "
       "the range of the Umm al-Qura table."),
    N_("This event was changed by someone else since you opened it. Your changes are not saved; "
       "they are still in the form below. Open the event again to see the new version."),
    N_("Enter a valid email address."),
    N_("Enter a date."),
    N_("The role must be editor or admin."),
    N_("An account with this email already exists."),
    N_("No such account."),
    N_("Latitude"),
    N_("Longitude"),
    # recurrence.check_rule and the repeat section
    N_("The repeat rule is not in a form this calendar understands."),
    N_("The repeat rule is too long."),
    N_("The Hijri day must be between 1 and 30."),
    N_("The repeat rule ends before the event's first day."),
    N_("The repeat rule gives no date before the end of the Umm al-Qura table (2077)."),
    N_("A Hijri rule repeats yearly or monthly."),
    N_("A Gregorian rule repeats DAILY, WEEKLY, MONTHLY or YEARLY (FREQ)."),
    N_("For a day the month lacks, choose omit, backward (day 29) or forward (next day 1)."),
    N_("Give the number of times the event happens."),
    N_("Give the last date the event may happen on."),
    N_("Write each excluded date as YYYY-MM-DD, one per line."),
    N_("At most 500 excluded dates."),
    N_("This date is not one of the event's occurrences."),
    N_("Give the new first day."),
    N_("The current password is not right."),
    N_("The last active administrator cannot be demoted or deactivated; "
       "make another account an administrator first."),
    # cancel/restore and shared venues and series (editing.py)
    N_("Cancel an event with its own Cancel button, so subscribers are told."),
    N_("Restore the event as confirmed or tentative."),
    N_("This was changed by someone else since you opened it. Your changes are not saved; they are still "
       "in the form below. Open the page again to see the new version."),
    N_("This URL name was just taken by another venue; give the new venue another one."),
    N_("This URL name was just taken by another series; give the new series another one."),
))
PATTERNS = (
    (re.compile(r"^At most (?P<limit>\d+) characters \(this has (?P<count>\d+)\)\.$"),
     lambda m: _("At most %(limit)s characters (this has %(count)s).", **m)),
    (re.compile(r"^Unknown time zone “(?P<zone>.*)”; use an IANA name such as Asia/Qatar\.$", re.S),
     lambda m: _("Unknown time zone “%(zone)s”; use an IANA name such as Asia/Qatar.", **m)),
    (re.compile(r"^(?P<month>.+) (?P<year>\d+) AH has (?P<length>\d+) days; there is no day (?P<day>\d+)\.$"),
     lambda m: _("%(month)s %(year)s AH has %(length)s days; there is no day %(day)s.",
                 **{**m, "month": _hijri_month(m["month"])})),
    (re.compile(r"^(?P<name>Latitude|Longitude) must be between -(?P<limit>\d+) and \d+\.$"),
     lambda m: _("%(name)s must be between -%(limit)s and %(limit)s.", name=_again(m["name"]),
                       limit=m["limit"])),
    (re.compile(r"^The password needs at least (?P<count>\d+) characters\.$"),
     lambda m: _("The password needs at least %(count)s characters.", **m)),
    (re.compile(r"^At most (?P<count>\d+) categories\.$"), lambda m: _("At most %(count)s categories.", **m)),
    (re.compile(r"^Repeat every 1 to (?P<max>\d+) periods \(the interval\)\.$"),
     lambda m: _("Repeat every 1 to %(max)s periods (the interval).", **m)),
    (re.compile(r"^The number of occurrences must be between 1 and (?P<max>\d+)\.$"),
     lambda m: _("The number of occurrences must be between 1 and %(max)s.", **m)),
    (re.compile(r"^The event's first day must be the rule's first date: "
                r"(?P<day>.+) \(.+\) is the next one\.$"),
     lambda m: _next_date(m["day"])),
    (re.compile(r"^(?P<day>\d{4}-\d{2}-\d{2}) is not a date of this repeat rule\.$"),
     lambda m: _("%(day)s is not a date of this repeat rule.", **m)),
    (re.compile(r"^(?P<time>\d\d:\d\d) does not exist in (?P<zone>\S+) on (?P<day>\d{1,2} \w+ \d{4}) "
                r"\(clocks jump from (?P<jump_from>\d\d:\d\d) to (?P<jump_to>\d\d:\d\d)\); "
                r"use (?P<before>\d\d:\d\d) or (?P<after>\d\d:\d\d)\.$"),
     lambda m: _("%(time)s does not exist in %(zone)s on %(day)s (clocks jump from %(jump_from)s to "
                 "%(jump_to)s); use %(before)s or %(after)s.", **_local_clock(m))),
    (re.compile(r"^(?P<time>\d\d:\d\d) happens twice in (?P<zone>\S+) on (?P<day>\d{1,2} \w+ \d{4}) "
                r"\(clocks go back from (?P<jump_from>\d\d:\d\d) to (?P<jump_to>\d\d:\d\d)\): "
                r"first at (?P<first>\d\d:\d\d) UTC, then at (?P<second>\d\d:\d\d) UTC\. "
                r"A time that happens twice cannot be saved yet; choose a time before \d\d:\d\d "
                r"or from \d\d:\d\d\.$"),
     lambda m: _("%(time)s happens twice in %(zone)s on %(day)s (clocks go back from %(jump_from)s to "
                 "%(jump_to)s): first at %(first)s UTC, then at %(second)s UTC. A time that happens twice "
                 "cannot be saved yet; choose a time before %(jump_to)s or from %(jump_from)s.",
                 **_local_clock(m))),
    (re.compile(r"^An occurrence of this series on (?P<day>\d{1,2} \w+ \d{4}) would (?P<edge>start|end) at "
                r"(?P<time>\d\d:\d\d), which (?P<what>does not exist|happens twice) in (?P<zone>\S+) "
                r"\(the clocks change\); calendar apps place it differently\. "
                r"Choose a time before (?P<before>\d\d:\d\d) or from (?P<after>\d\d:\d\d)\.$"),
     lambda m: _series_clock(m)),
    (re.compile(r"^The URL name “(?P<slug>[^”]*)” is already used by the venue “(?P<name>.*)”: "
                r"choose it from the list, or give the new venue another URL name\.$", re.S),
     lambda m: _("The URL name “%(slug)s” is already used by the venue “%(name)s”: choose it from the "
                 "list, or give the new venue another URL name.", **m)),
    (re.compile(r"^The URL name “(?P<slug>[^”]*)” is already used by the series “(?P<name>.*)”: "
                r"choose it from the list, or give the new series another URL name\.$", re.S),
     lambda m: _("The URL name “%(slug)s” is already used by the series “%(name)s”: choose it from the "
                 "list, or give the new series another URL name.", **m)),
)


def _series_clock(parts: dict) -> str:
    """events._series_clock_error in the request's language (one sentence per case, for translators)."""
    values = _local_clock({k: v for k, v in parts.items() if k not in ("edge", "what")})
    message = {
        ("start", "does not exist"): _(
            "An occurrence of this series on %(day)s would start at %(time)s, which does not exist in "
            "%(zone)s (the clocks change); calendar apps place it differently. Choose a time before "
            "%(before)s or from %(after)s.", **values),
        ("end", "does not exist"): _(
            "An occurrence of this series on %(day)s would end at %(time)s, which does not exist in "
            "%(zone)s (the clocks change); calendar apps place it differently. Choose a time before "
            "%(before)s or from %(after)s.", **values),
        ("start", "happens twice"): _(
            "An occurrence of this series on %(day)s would start at %(time)s, which happens twice in "
            "%(zone)s (the clocks change); calendar apps place it differently. Choose a time before "
            "%(before)s or from %(after)s.", **values),
        ("end", "happens twice"): _(
            "An occurrence of this series on %(day)s would end at %(time)s, which happens twice in "
            "%(zone)s (the clocks change); calendar apps place it differently. Choose a time before "
            "%(before)s or from %(after)s.", **values),
    }
    return message[parts["edge"], parts["what"]]


def _local_clock(parts: dict) -> dict:
    """A clock-change message's day and times in the request's language (Arabic-Indic digits in Arabic)."""
    from flask_babel import get_locale

    lang = str(get_locale() or "en")
    day = dt.datetime.strptime(parts["day"], "%d %B %Y").date()
    return {name: dates.format_day(day, lang) if name == "day" else value if name == "zone"
            else hijri.digits(value, lang) for name, value in parts.items()}


def _next_date(english_day: str) -> str:
    """Re-render recurrence.py's English dates in the request's language."""
    from flask_babel import get_locale

    day = dt.datetime.strptime(english_day, "%d %B %Y").date()
    lang = str(get_locale() or "en")
    return _("The event's first day must be the rule's first date: %(day)s (%(hijri)s) is the next one.",
             day=dates.format_day(day, lang), hijri=hijri.format_date(hijri.to_hijri(day), lang))


def translated(message: str) -> str:
    """The domain's English message in the request's language (the English text when unknown)."""
    if message in FIXED_MESSAGES:
        return _(message)
    for pattern, render in PATTERNS:
        match = pattern.match(message)
        if match:
            return render(match.groupdict())
    return message
