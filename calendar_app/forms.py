"""Staff forms (Flask-WTF, CSRF on): shape checks here, meaning checks in events.make_event().

`build_event()` turns a submitted EventForm into a checked Event, converting a Hijri date entry to
the Gregorian truth. A refusal (errors.MessageError) names its field; `form.show(error, lang)` puts
each problem next to that field, rendered once in the page's language.
"""

import datetime as dt
import re
from collections.abc import Mapping

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

from . import accounts, editing, events, hijri, recurrence
from .errors import EventError, MessageError
from .events import Series, Venue
from .languages import N_

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
EXDATES_MAX = 500


class ShowsErrors(FlaskForm):
    """A form that shows refusals next to their fields: each problem's `field` names one of its fields
    (through RENAMED where the form calls it otherwise), or it goes next to FALLBACK_FIELD."""

    FALLBACK_FIELD = ""
    RENAMED: Mapping[str, str] = {}

    def field_for(self, name: str | None) -> str:
        """The name of the form field that shows a refusal about `name`."""
        name = self.RENAMED.get(name or "", name or "")
        return name if name in self._fields else self.FALLBACK_FIELD

    def show(self, error: MessageError, lang: str) -> None:
        """Put each problem of `error` next to its field, written in `lang`."""
        for problem in error.errors:
            field = self[self.field_for(problem.field)]
            field.errors = [*field.errors, problem.text(lang)]


def _choices(*pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def _line(label, limit: int) -> StringField:
    """A one-line text field; `maxlength` tells the browser the limit events.py enforces."""
    return StringField(label, render_kw={"maxlength": limit})


def _email() -> EmailField:
    return EmailField(_l("Email"), validators=[InputRequired()], render_kw={"maxlength": accounts.EMAIL_MAX})


def _password(label) -> PasswordField:
    return PasswordField(label, validators=[InputRequired()], render_kw={"maxlength": accounts.PASSWORD_MAX})


class LoginForm(FlaskForm):
    """Email and password; errors are generic on purpose."""

    email = _email()
    password = _password(_l("Password"))
    next = HiddenField()


class PasswordForm(ShowsErrors):
    """Staff change their own password: the current one, then the new one twice."""

    FALLBACK_FIELD = "new_password"
    RENAMED = {"password": "new_password"}

    current_password = _password(_l("Current password"))
    new_password = _password(_l("New password"))
    new_password_again = PasswordField(
        _l("New password again"), render_kw={"maxlength": accounts.PASSWORD_MAX},
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


class StaffUserForm(ShowsErrors):
    """An admin adds an account."""

    FALLBACK_FIELD = "email"

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


class EventForm(ShowsErrors, RepeatFields):
    """Every field of an event; dates in either calendar, all-day or timed."""

    FALLBACK_FIELD = "title_en"
    RENAMED = {"uid": "slug"}

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

    def field_for(self, name: str | None) -> str:
        """As ShowsErrors, and a date goes where it was typed: the Hijri inputs, a timed event's times."""
        if self.calendar.data == "hijri":
            name = HIJRI_ENTRY.get(name or "", name)
        if self.timing.data == "timed":
            name = TIMED_ENTRY.get(name or "", name)
        return super().field_for(name)

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


class VenueForm(ShowsErrors):
    """A shared venue's values (its URL name never changes); `version` is a digest of what was loaded."""

    FALLBACK_FIELD = "venue_name_en"

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.tzid.choices = zone_choices()

    def fill(self, venue: Venue) -> None:
        """Load a stored venue."""
        for name in ("city_en", "city_ar", "country_code", "address", "tzid"):
            getattr(self, name).data = getattr(venue, name)
        self.venue_name_en.data, self.venue_name_ar.data = venue.name_en, venue.name_ar
        self.latitude.data = "" if venue.latitude is None else str(venue.latitude)
        self.longitude.data = "" if venue.longitude is None else str(venue.longitude)

    def value(self, slug: str) -> Venue:
        """The checked venue this form describes (EventError names every bad field)."""
        return events.make_venue(slug=slug, **venue_values(self))


class SeriesForm(ShowsErrors):
    """A shared series' values (its URL name never changes); `version` is a digest of what was loaded."""

    FALLBACK_FIELD = "series_name_en"

    series_name_en = StringField(_l("Series name (English)"))
    series_name_ar = StringField(_l("Series name (Arabic)"))
    series_cadence = StringField(_l("Cadence (for example: every two years)"))
    series_url = StringField(_l("Series website"))
    version = HiddenField()

    def fill(self, series: Series) -> None:
        """Load a stored series."""
        self.series_name_en.data, self.series_name_ar.data = series.name_en, series.name_ar
        self.series_cadence.data, self.series_url.data = series.cadence, series.url

    def value(self, slug: str) -> Series:
        """The checked series this form describes (EventError names every bad field)."""
        return events.make_series(slug=slug, name_en=self.series_name_en.data or "",
                                  name_ar=self.series_name_ar.data or "",
                                  cadence=self.series_cadence.data or "", url=self.series_url.data or "")


# -- form -> domain -------------------------------------------------------------------------------
TEXT_FIELDS = ("title_en", "title_ar", "slug", "description_en", "description_ar", "tzid", "categories",
               "organizer_name_en", "organizer_name_ar", "organizer_url", "url", "status",
               "source_citation", "source_url", "source_conflict")
WHEN_FIELDS = ("starts_on", "ends_on", "starts_local", "ends_local")
# Domain fields the event form asks for under another name, by how the dates were entered.
HIJRI_ENTRY = {"starts_on": "hijri_start_day", "ends_on": "hijri_end_day"}
TIMED_ENTRY = {"starts_local": "start_time", "ends_local": "end_time"}


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
        problems.extend(_untold(form, problems, exc.errors, silenced))
        if not problems:  # each problem is about input whose field already shows an error
            exc.errors = ()
            raise
    problems.raise_any()
    check_exdates(event)
    return event


def _untold(form: EventForm, problems: list[EventError], found: tuple[EventError, ...],
            silenced: set[str]) -> list[EventError]:
    """make_event()'s problems about fields that show no error yet (nor one about the same input)."""
    told = {form.field_for(p.field) for p in problems}
    told |= {name for name, field in form._fields.items() if field.errors}
    return [e for e in found if e.field not in silenced and form.field_for(e.field) not in told]


def first_day(form: EventForm | RecurrencePreviewForm) -> dt.date:
    """The event's first day as entered, in either calendar."""
    if form.calendar.data == "hijri":
        return _hijri_day(form, "start")
    if form.starts_on.data is None:
        raise EventError("starts_on", events.GIVE_DAYS)
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
        raise EventError("repeat", recurrence.NOT_A_RULE)
    return ";".join(parts + kept)


def _count(form: RepeatFields) -> int | None:
    if form.repeat_end.data != "count":
        return None
    if form.repeat_count.data is None:
        raise EventError("repeat_count", N_("Give the number of times the event happens."))
    return form.repeat_count.data


def _until(form: RepeatFields) -> dt.date | None:
    if form.repeat_end.data != "until":
        return None
    if form.repeat_until.data is None:
        raise EventError("repeat_until", N_("Give the last date the event may happen on."))
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
            raise EventError("exdates", N_("Write each excluded date as YYYY-MM-DD, one per line.")) from exc
    if len(days) > EXDATES_MAX:
        raise EventError("exdates", N_("At most %(count)s excluded dates."), count=EXDATES_MAX)
    return tuple(sorted(set(days)))


def check_exdates(event: events.Event) -> None:
    """Refuse an excluded date the rule never produces (a typo would silently exclude nothing)."""
    if not event.exdates:
        return
    plain = event.replace(exdates=(), overrides=())
    for day in event.exdates:
        if not recurrence.occurrences(plain, day, day):
            # Quoted as typed (ISO), so the line in the field is easy to find.
            raise EventError("exdates", N_("%(day)s is not a date of this repeat rule."), day=day.isoformat())


def _days(form: EventForm) -> tuple[dt.date, dt.date]:
    if form.calendar.data == "hijri":
        return _hijri_day(form, "start"), _hijri_day(form, "end")
    if form.starts_on.data is None:
        raise EventError("starts_on", events.GIVE_DAYS)
    return form.starts_on.data, form.ends_on.data or form.starts_on.data


def _hijri_day(form: EventForm, which: str) -> dt.date:
    parts = [getattr(form, f"hijri_{which}_{p}").data for p in ("year", "month", "day")]
    target = f"hijri_{which}_day"
    if None in parts:
        raise EventError(target, N_("Give the Hijri year, month and day."))
    try:
        return hijri.from_hijri(*parts)
    except EventError as exc:
        raise exc.moved_to(target) from exc


def _at(day: dt.date, time: dt.time | None, field_name: str) -> dt.datetime:
    if time is None:
        raise EventError(field_name, events.GIVE_TIMES)
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
    raise EventError("venue", N_("Choose a venue from the list."))


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
    raise EventError("series", N_("Choose a series from the list."))


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
