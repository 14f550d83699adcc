"""Recurrence: rules as data -> explicit occurrences over a bounded horizon.

Contract used by feeds, pages and the staff form:
- `occurrences(event, start, end)` lists the occurrences whose first day lies in [start, end];
  `overlapping(event, start, end)` those on any of its days; `upcoming(event, today, n)` the next n
  not over by today; `latest(event, before)` the most recent one over. Each expands about as many
  dates as it returns (see "expansion" below), never the series from its first day.
- `last_day(event)` is the last day the event (any occurrence) covers, for feed windows.
- `feed_plan(event, start, end)` says what the feed emits for the event (see "Feeds" below).
- `check_rule(rule, first_day)` validates a rule (called by `events.make_event`); `preview()` lists
  the next occurrences in both calendars for the staff form.
A non-recurring event has exactly one occurrence: itself. Nothing here reads the clock: callers
pass `start`/`end` (a view computes the horizon with `horizon_end(today, years)`).

The rule (Event.recurrence, a JSON dict) is one of:

    {"calendar": "gregorian", "rrule": "FREQ=YEARLY;INTERVAL=1;COUNT=5"}
        RFC 5545 RRULE text without DTSTART; DTSTART is the event's first start, which must itself be
        an occurrence. Parts: FREQ (DAILY/WEEKLY/MONTHLY/YEARLY), INTERVAL, COUNT or UNTIL (never both,
        RFC 5545 §3.3.10), BYDAY, BYMONTHDAY, BYMONTH, WKST. UNTIL is stored as a date (YYYYMMDD): the
        last day an occurrence may start on. Expanded by python-dateutil in the event's wall-clock time.
    {"calendar": "hijri", "freq": "yearly"|"monthly", "month": 9 (yearly only, else None), "day": 1,
     "interval": 1, "count": None|int, "until": None|"YYYY-MM-DD", "skip": "omit"|"backward"|"forward"}
        Umm al-Qura (via hijri.py). Day 30 of a 29-day month follows RFC 7529 SKIP: "omit" (the
        default, as in RFC 7529) drops that occurrence, "backward" uses day 29, "forward" uses day 1 of
        the next month. COUNT counts occurrences that happen (RFC 7529 §4.2: after SKIP).
Both kinds: multi-day events keep their length in days, timed events keep their local wall time;
EXDATE (Event.exdates, original start days) removes occurrences after COUNT is applied (RFC 5545);
overrides move or cancel one occurrence, matched by its original start day (an override that
matches no occurrence is ignored). Occurrences stop at the end of the Umm al-Qura table (end of
1500 AH, 2077-11-16), never raising: every date we publish must have a Hijri label, so the last
occurrence is the last one that also ends by then.

Feeds. Gregorian rules go out natively (RRULE + EXDATE + RECURRENCE-ID overrides): all five
parsers of tools/icscheck agree on that (its case f). Hijri rules go out as one VEVENT per
occurrence, each with a stable UID "<original YYYYMMDD>-<event uid>", over a bounded horizon; a
moved occurrence keeps its UID with new dates and a higher SEQUENCE, a cancelled one stays in the
feed with STATUS:CANCELLED so subscribers see it. Evidence (icscheck, all-day 3-day and timed
Asia/Qatar events, 1446-1452 AH, one moved and one cancelled occurrence):
- RRULE with RSCALE=ISLAMIC-UMALQURA: only libical expands it; ical.js and node-ical silently use
  Gregorian dates, icalendar and vobject fail (icscheck case g).
- One VEVENT with DTSTART + one RDATE per value, overrides by RECURRENCE-ID: DISAGREE. node-ical
  ignores RDATE (1 instance instead of 7); ical.js drops the DTSTART instance when there is no
  RRULE (6 of 7) unless DTSTART is repeated as an RDATE; still node-ical disagrees.
- One VEVENT per occurrence (cancelled as STATUS:CANCELLED, or left out): 5 parsers agree.
"""

import datetime as dt
import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from dateutil.rrule import rrulestr

from . import dates, hijri
from .errors import EventError
from .events import Event, Override
from .languages import N_, digits, gettext_for, pick_field
from .text import snippet

MAX_COUNT = 1000
MAX_INTERVAL = 100
# The rule is shown as written on public pages when it has BY parts; the longest sensible one (every
# weekday, month and month day listed) is about 150 characters.
RRULE_MAX = 300
# Occurrences still running on a day are all listed from this far back (`overlapping`).
RUNNING_LOOKBACK = dt.timedelta(days=366)
SKIP_MODES = ("omit", "backward", "forward")
HIJRI_FREQS = ("yearly", "monthly")
GREGORIAN_FREQS = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
NOT_A_RULE = N_("The repeat rule is not in a form this calendar understands.")
GREGORIAN_FREQ = N_("A Gregorian rule repeats DAILY, WEEKLY, MONTHLY or YEARLY (FREQ).")
RRULE_PARTS = ("FREQ", "INTERVAL", "COUNT", "UNTIL", "BYMONTH", "BYMONTHDAY", "BYDAY", "WKST")
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
HIJRI_KEYS = {"calendar", "freq", "month", "day", "interval", "count", "until", "skip"}
# Sentinel for `last_day` of a rule without COUNT or UNTIL: it runs to the end of the table.
END_OF_TABLE = hijri.LAST_DAY
_TABLE_END_DT = dt.datetime.combine(hijri.LAST_DAY, dt.time.max)
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_BYDAY_RE = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")


@dataclass(frozen=True)
class Occurrence:
    """One instance of an event: its own dates, and the RECURRENCE-ID it answers to."""

    event: Event
    first_day: dt.date
    last_day: dt.date
    starts_local: dt.datetime | None = None
    ends_local: dt.datetime | None = None
    # The occurrence's original start (a date for all-day events, a local time for timed ones);
    # None for a non-recurring event.
    recurrence_id: dt.date | dt.datetime | None = None
    cancelled: bool = False
    # The UID it is published under: the event's, or a per-occurrence one for Hijri rules.
    uid: str = ""
    title_en: str = ""
    title_ar: str = ""
    sequence: int = 0
    updated_at: dt.datetime | None = None

    def title(self, lang: str) -> str:
        """An override's own title when it has one (in any language), else the event's."""
        own = pick_field(self, "title", lang)
        return own.text or self.event.title(lang)

    def hijri_label(self, lang: str) -> str:
        """The occurrence's Umm al-Qura dates, e.g. "1–3 Ramadan 1446 AH"."""
        return hijri.format_range(hijri.to_hijri(self.first_day), hijri.to_hijri(self.last_day), lang)

    def gregorian_label(self, lang: str) -> str:
        """The occurrence's Gregorian dates, e.g. "1–3 March 2025"."""
        return dates.format_range(self.first_day, self.last_day, lang)

    def time_label(self, lang: str) -> str:
        """'20:00–22:00 (Asia/Riyadh)' for a timed occurrence, '' for an all-day one."""
        if self.starts_local is None:
            return ""
        return f"{dates.format_clock_range(self.starts_local, self.ends_local, lang)} ({self.event.tzid})"


@dataclass(frozen=True)
class RulePlan:
    """A Gregorian series emitted natively: RRULE, EXDATEs and RECURRENCE-ID overrides."""

    event: Event
    # Ready for icalendar.vRecur; UNTIL is a date (all-day) or a UTC datetime (timed, RFC 5545).
    rrule: dict[str, Any]
    # Original starts to exclude: dates (all-day) or local wall-clock datetimes (timed).
    exdates: tuple[dt.date | dt.datetime, ...]
    overrides: tuple[Occurrence, ...]


@dataclass(frozen=True)
class InstancePlan:
    """Explicit VEVENTs, one per occurrence, each under its own `uid` (a lone event: just one)."""

    event: Event
    instances: tuple[Occurrence, ...]


@dataclass(frozen=True)
class PreviewItem:
    """One upcoming occurrence for the staff form, in both calendars."""

    on: dt.date
    hijri: hijri.HijriDate

    def labels(self, lang: str) -> tuple[str, str]:
        """(Gregorian label, Hijri label) in `lang`."""
        return dates.format_day(self.on, lang), hijri.format_date(self.hijri, lang)


# -- the contract ---------------------------------------------------------------------------------
def occurrences(event: Event, start: dt.date, end: dt.date) -> list[Occurrence]:
    """The event's occurrences whose (possibly moved) first day lies in [start, end], in order."""
    if not event.is_recurring:
        return [single(event)] if start <= event.first_day <= end else []
    found = [o for o in _expanded(event, start, end) if start <= o.first_day <= end]
    return sorted(found, key=_order)


def single(event: Event) -> Occurrence:
    """The one occurrence of a non-recurring event."""
    return Occurrence(
        event=event, first_day=event.first_day, last_day=event.last_day,
        starts_local=event.starts_local, ends_local=event.ends_local,
        cancelled=event.is_cancelled, uid=event.uid, sequence=event.sequence,
        updated_at=event.updated_at,
    )


def last_day(event: Event) -> dt.date:
    """The last day the event covers; END_OF_TABLE for a rule without COUNT or UNTIL."""
    if not event.is_recurring:
        return event.last_day
    rule = event.recurrence
    if not (rule.get("count") or rule.get("until") or _has_end(rule.get("rrule", ""))):
        return END_OF_TABLE
    last_start = min(_until_day(rule) or hijri.LAST_DAY, _last_possible_start(event))
    last = _latest_start(rule, event.first_day, last_start)
    # The last original start bounds the series even when it was excluded or moved earlier.
    ends = [_plain(event, last).last_day] if last else []
    ends += [_overridden(event, o).last_day for o in _live_overrides(event)]
    return max(ends, default=event.last_day)


def horizon_end(today: dt.date, years: int) -> dt.date:
    """The last day a feed lists explicit occurrences for (config RECURRENCE_HORIZON_YEARS)."""
    try:
        end = today.replace(year=today.year + years)
    except ValueError:  # 29 February in a common year
        end = today.replace(year=today.year + years, day=28)
    return min(end, hijri.LAST_DAY)


def feed_plan(event: Event, start: dt.date, end: dt.date) -> RulePlan | InstancePlan:
    """What the feed emits: a native Gregorian series, or explicit instances in [start, end]."""
    rule = event.recurrence
    if not event.is_recurring:
        return InstancePlan(event=event, instances=(single(event),))
    if rule["calendar"] == "hijri":
        return InstancePlan(event=event, instances=tuple(occurrences(event, start, end)))
    return RulePlan(
        event=event, rrule=_vrecur(event, _parse_rrule(rule["rrule"])),
        exdates=tuple(_original_id(event, d) for d in event.exdates),
        overrides=tuple(_overridden(event, o) for o in _live_overrides(event)),
    )


def preview(
    rule: Mapping[str, Any], first_day: dt.date, *, from_day: dt.date | None = None, count: int = 10
) -> list[PreviewItem]:
    """The next `count` occurrences on or after `from_day` (default: the first day), for the form."""
    rule = check_rule(rule, first_day)
    since = max(first_day, from_day or first_day)
    days = (d for d in _rule_starts(rule, first_day, since=since) if d >= since)
    return [PreviewItem(on=d, hijri=hijri.to_hijri(d)) for d in itertools.islice(days, count)]


# -- validation -----------------------------------------------------------------------------------
def check_rule(rule: Any, first_day: dt.date) -> dict[str, Any]:
    """The normalised rule, or EventError naming the form field of the part that is wrong ("repeat" for
    the rule as a whole and for BY parts, which the form carries hidden)."""
    if not isinstance(rule, Mapping):
        raise _error(NOT_A_RULE)
    kind = rule.get("calendar")
    if kind == "gregorian":
        normal = _check_gregorian(rule)
    elif kind == "hijri":
        normal = _check_hijri(rule, first_day)
    else:
        raise _error(N_("Choose the Gregorian or the Hijri calendar for the repeat rule."))
    _check_first_day(normal, first_day)
    return normal


def _error(message: str, **params: Any) -> EventError:
    """An error about the rule as a whole (next to "Repeats" on the form)."""
    return EventError("repeat", message, **params)


def _unknown_parts(rule: Mapping[str, Any], known: set[str]) -> None:
    unknown = set(rule) - known
    if unknown:
        raise _error(N_("Unknown part of the repeat rule: %(parts)s."),
                     parts=snippet(", ".join(sorted(map(str, unknown)))))


def _check_gregorian(rule: Mapping[str, Any]) -> dict[str, Any]:
    _unknown_parts(rule, {"calendar", "rrule"})
    parts = _parse_rrule(rule.get("rrule"))
    if parts["FREQ"] not in GREGORIAN_FREQS:
        raise EventError("repeat_freq", GREGORIAN_FREQ)
    if "COUNT" in parts and "UNTIL" in parts:
        raise EventError("repeat_count", N_(
            "Give a number of occurrences (COUNT) or an end date (UNTIL), not both (RFC 5545)."))
    _check_counts(int(parts.get("INTERVAL", "1")), int(parts.get("COUNT", "1")))
    _check_by_parts(parts)
    return {"calendar": "gregorian", "rrule": _rrule_text(parts)}


def _parse_rrule(text: Any) -> dict[str, str]:
    """RRULE text -> {PART: value}, refusing what we do not publish (RSCALE, BYHOUR, DTSTART...)."""
    if not isinstance(text, str) or not text.strip():
        raise _error(N_("Write the repeat rule, e.g. FREQ=YEARLY;COUNT=5."))
    if len(text) > RRULE_MAX:
        raise _error(N_("The repeat rule is too long."))
    body = text.strip().upper().removeprefix("RRULE:")
    parts: dict[str, str] = {}
    for item in body.split(";"):
        key, sep, value = item.partition("=")
        key, value = key.strip(), value.strip()
        if key in ("RSCALE", "SKIP"):
            raise _error(N_("RSCALE and SKIP belong to Hijri rules: choose the Hijri calendar instead."))
        if not sep or not value or key in parts:
            raise _error(N_("The repeat rule could not be read at “%(part)s”; write PART=value;PART=value."),
                         part=snippet(item))
        if key not in RRULE_PARTS:
            raise _error(N_("%(part)s is not supported; use %(parts)s."), part=snippet(key),
                         parts=", ".join(RRULE_PARTS))
        parts[key] = value
    if "FREQ" not in parts:
        raise EventError("repeat_freq", GREGORIAN_FREQ)
    return _parse_numbers(parts)


def _parse_numbers(parts: dict[str, str]) -> dict[str, str]:
    for key, field in (("INTERVAL", "repeat_interval"), ("COUNT", "repeat_count")):
        if key in parts and not (parts[key].isascii() and parts[key].isdigit()):
            raise EventError(field, N_("%(part)s must be a whole number."), part=key)
    if "UNTIL" in parts:
        until = parts["UNTIL"]
        bad_until = EventError("repeat_until", N_("UNTIL must be a date such as 20301231."))
        if not re.fullmatch(r"\d{8}(T\d{6}Z?)?", until):
            raise bad_until
        try:
            # The day as written is the last day an occurrence may start on.
            parts["UNTIL"] = dt.datetime.strptime(until[:8], "%Y%m%d").date().strftime("%Y%m%d")
        except ValueError as exc:
            raise bad_until from exc
    if parts.get("WKST", "MO") not in WEEKDAYS:
        raise _error(N_("WKST must be a day such as MO or SU."))
    return parts


def _check_counts(interval: int, count: int) -> None:
    if not 1 <= interval <= MAX_INTERVAL:
        raise _bad_interval()
    if not 1 <= count <= MAX_COUNT:
        raise _bad_count()


def _bad_interval() -> EventError:
    return EventError("repeat_interval", N_("Repeat every 1 to %(max)s periods (the interval)."),
                      max=MAX_INTERVAL)


def _bad_count() -> EventError:
    return EventError("repeat_count", N_("The number of occurrences must be between 1 and %(max)s."),
                      max=MAX_COUNT)


def _check_by_parts(parts: dict[str, str]) -> None:
    """Refuse BY* values that can never happen (dateutil would search up to year 9999 for them)."""
    months = _int_list(parts, "BYMONTH", 1, 12, N_("BYMONTH takes months 1 to 12."))
    days = _int_list(parts, "BYMONTHDAY", -31, 31, N_("BYMONTHDAY takes days 1 to 31 (or -1 to -31)."))
    ordinals = [_weekday_ordinal(v, parts["FREQ"], bool(months)) for v in _list(parts, "BYDAY")]
    if days and parts["FREQ"] == "WEEKLY":
        raise _error(N_("BYMONTHDAY cannot be used with WEEKLY (RFC 5545)."))
    if days and any(ordinals):
        raise _error(N_("Combine a numbered weekday (BYDAY=1MO) with BYMONTHDAY is not supported."))
    if months and days and not any(abs(d) <= _MONTH_DAYS[m - 1] for m in months for d in days):
        raise _error(N_("Those months never have that day (BYMONTH with BYMONTHDAY)."))


def _list(parts: dict[str, str], key: str) -> list[str]:
    return [v for v in parts.get(key, "").split(",") if v] if key in parts else []


def _int_list(parts: dict[str, str], key: str, low: int, high: int, message: str) -> list[int]:
    values = _list(parts, key)
    if key in parts and not values:
        raise _error(message)
    if not all(re.fullmatch(r"[+-]?\d{1,2}", v) and low <= int(v) <= high and int(v) for v in values):
        raise _error(message)
    return [int(v) for v in values]


def _weekday_ordinal(value: str, freq: str, has_months: bool) -> int:
    match = _BYDAY_RE.match(value)
    if not match:
        raise _error(N_("BYDAY takes days such as MO,WE or 1MO, -1FR."))
    ordinal = int(match.group(1) or 0)
    limit = 5 if freq == "MONTHLY" or has_months else 53
    if ordinal and (freq not in ("MONTHLY", "YEARLY") or not 1 <= abs(ordinal) <= limit):
        raise _error(N_("A numbered weekday (e.g. 1MO) needs MONTHLY or YEARLY and a number up to "
                        "±%(limit)s."), limit=limit)
    return ordinal


def _rrule_text(parts: dict[str, str]) -> str:
    """Canonical text: parts in a fixed order, INTERVAL=1 dropped, so equal rules compare equal."""
    ordered = {k: parts[k] for k in RRULE_PARTS if k in parts}
    if ordered.get("INTERVAL") is not None:
        ordered["INTERVAL"] = str(int(ordered["INTERVAL"]))
    if ordered.get("INTERVAL") == "1":
        del ordered["INTERVAL"]
    if "COUNT" in ordered:
        ordered["COUNT"] = str(int(ordered["COUNT"]))
    return ";".join(f"{k}={v}" for k, v in ordered.items())


def _has_end(text: str) -> bool:
    return "COUNT=" in text or "UNTIL=" in text


def _check_hijri(rule: Mapping[str, Any], first_day: dt.date) -> dict[str, Any]:
    _unknown_parts(rule, HIJRI_KEYS)
    freq = rule.get("freq")
    if freq not in HIJRI_FREQS:
        raise EventError("repeat_hijri_freq", N_("A Hijri rule repeats yearly or monthly."))
    month = rule.get("month") if freq == "yearly" else None
    if freq == "yearly" and not _whole(month, 1, 12):
        raise EventError("repeat_hijri_month", N_("The Hijri month must be between 1 and 12."))
    if not _whole(rule.get("day"), 1, 30):
        raise EventError("repeat_hijri_day", N_("The Hijri day must be between 1 and 30."))
    interval = 1 if rule.get("interval") is None else rule["interval"]
    count = rule.get("count")
    if not _whole(interval, 1, MAX_INTERVAL):
        raise _bad_interval()
    if count is not None and not _whole(count, 1, MAX_COUNT):
        raise _bad_count()
    until = _until(rule.get("until"), count)
    skip = rule.get("skip") or "omit"
    if skip not in SKIP_MODES:
        raise EventError("repeat_skip", N_(
            "For a day the month lacks, choose omit, backward (day 29) or forward (next day 1)."))
    return {"calendar": "hijri", "freq": freq, "month": month, "day": rule["day"], "interval": interval,
            "count": count, "until": until, "skip": skip}


def _whole(value: Any, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _until(value: Any, count: Any) -> str | None:
    if value in (None, ""):
        return None
    if count is not None:
        raise EventError("repeat_count",
                         N_("Give a number of occurrences or an end date, not both (RFC 5545)."))
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError as exc:
        raise EventError("repeat_until", N_("The end date must be a date written YYYY-MM-DD.")) from exc


def _check_first_day(rule: dict[str, Any], first_day: dt.date) -> None:
    """RFC 5545 counts DTSTART as the first occurrence, so the first day must match the rule."""
    until = _until_day(rule)
    if until is not None and until < first_day:
        raise EventError("repeat_until", N_("The repeat rule ends before the event's first day."))
    first = next(iter(_rule_starts(rule, first_day)), None)
    if first == first_day:
        return
    nearest = next(iter(_rule_starts(rule, first_day, search=True)), None)
    if nearest is None:
        raise _error(N_("The repeat rule gives no date before the end of the Umm al-Qura table (2077)."))
    raise _error(N_(
        "The event's first day must be the rule's first date: %(day)s (%(hijri)s) is the next one."),
        day=nearest, hijri=hijri.to_hijri(nearest))


def _until_day(rule: Mapping[str, Any]) -> dt.date | None:
    if rule["calendar"] == "hijri":
        return dt.date.fromisoformat(rule["until"]) if rule["until"] else None
    until = _parse_rrule(rule["rrule"]).get("UNTIL")
    return dt.datetime.strptime(until, "%Y%m%d").date() if until else None


# -- expansion of original start days ---------------------------------------------------------------
# Expansion is bounded by what is asked for, never by the series' age: a rule without COUNT starts
# near the window it is asked about (`since`), jumping its start forward by whole periods; a COUNT
# rule is expanded from its first day, at most MAX_COUNT starts. Nothing is cached between calls
# (dateutil's own cache kept every date a rule had produced, for as long as the rule was cached).
def _rule_starts(
    rule: Mapping[str, Any], first_day: dt.date, *, search: bool = False, since: dt.date | None = None
) -> Iterator[dt.date]:
    """Original start days in order (COUNT and UNTIL applied), up to the end of the table.

    With `since`, every start on or after `since` is yielded, and perhaps a few before it (a rule
    without COUNT begins at the period that holds `since`). A Hijri rule yields nothing unless the
    first day itself is an occurrence; `search` yields the occurrences on or after the first day even
    when it is not one (for error messages).
    """
    if rule["calendar"] == "hijri":
        return _hijri_starts(rule, first_day, search, since)
    return _gregorian_starts(rule["rrule"], first_day, since)


def _gregorian_starts(text: str, first_day: dt.date, since: dt.date | None) -> Iterator[dt.date]:
    parts = _parse_rrule(text)
    count = int(parts.pop("COUNT", "0")) or None
    until = parts.pop("UNTIL", None)
    # A clamped UNTIL (never COUNT, which dateutil would pursue to year 9999) keeps searches bounded.
    end = min(_TABLE_END_DT, dt.datetime.strptime(until, "%Y%m%d").replace(hour=23, minute=59)) \
        if until else _TABLE_END_DT
    start = first_day
    if count is None and since is not None and since > first_day:
        parts = _explicit_parts(parts, first_day)
        start = max(first_day, _period_start(parts, first_day, since))
    expanded = rrulestr(f"{_rrule_text(parts)};UNTIL={end:%Y%m%dT%H%M%S}",
                        dtstart=dt.datetime.combine(start, dt.time()))
    return (d.date() for d in itertools.islice(expanded, count))


def _explicit_parts(parts: dict[str, str], first_day: dt.date) -> dict[str, str]:
    """The BY parts dateutil (and RFC 5545) take from DTSTART when none is given, written out, so the
    rule means the same from a later start."""
    if "BYMONTHDAY" in parts or "BYDAY" in parts:
        return parts
    freq, out = parts["FREQ"], dict(parts)
    if freq == "YEARLY":
        out.setdefault("BYMONTH", str(first_day.month))
    if freq in ("YEARLY", "MONTHLY"):
        out["BYMONTHDAY"] = str(first_day.day)
    if freq == "WEEKLY":
        out["BYDAY"] = WEEKDAYS[first_day.weekday()]
    return out


def _period_start(parts: dict[str, str], first_day: dt.date, since: dt.date) -> dt.date:
    """The first day of the rule's period (every INTERVAL-th day, week, month or year counted from
    the first day's) that holds `since`, or the last such period before it."""
    freq, interval = parts["FREQ"], int(parts.get("INTERVAL", "1"))
    if freq == "DAILY":
        return first_day + dt.timedelta(days=(since - first_day).days // interval * interval)
    if freq == "WEEKLY":
        # Weeks begin on WKST (RFC 5545 §3.3.10), and dateutil counts INTERVAL from DTSTART's week.
        wkst = WEEKDAYS.index(parts.get("WKST", "MO"))
        week = first_day - dt.timedelta(days=(first_day.weekday() - wkst) % 7)
        weeks = (since - week).days // 7 // interval * interval
        return week + dt.timedelta(weeks=weeks)
    if freq == "MONTHLY":
        months = ((since.year - first_day.year) * 12 + since.month - first_day.month) // interval * interval
        year, month = divmod(first_day.year * 12 + first_day.month - 1 + months, 12)
        return dt.date(year, month + 1, 1)
    years = (since.year - first_day.year) // interval * interval
    return dt.date(first_day.year + years, 1, 1)


def _hijri_starts(
    rule: Mapping[str, Any], first_day: dt.date, search: bool, since: dt.date | None
) -> Iterator[dt.date]:
    step = 12 if rule["freq"] == "yearly" else 1
    period = _hijri_anchor(rule, first_day)
    if period is None and not search:
        return
    if period is None:
        period = _hijri_period(rule, hijri.to_hijri(first_day))
    elif rule["count"] is None and since is not None and since > first_day:
        period = _hijri_jump(period, step * rule["interval"], since)
    until = dt.date.fromisoformat(rule["until"]) if rule["until"] else hijri.LAST_DAY
    produced = 0
    while period // 12 <= hijri.LAST_YEAR:
        day = _resolve(rule, period)
        period += step * rule["interval"]
        if day is None or day < first_day:
            continue
        if day > until:
            return
        yield day
        produced += 1
        if produced == rule["count"]:
            return


def _hijri_jump(anchor: int, stride: int, since: dt.date) -> int:
    """The last period of the rule at or before the month before `since`'s: with SKIP=forward a
    period's date may fall on the 1st of the next month, never later."""
    if since > hijri.LAST_DAY:
        return hijri.LAST_YEAR * 12 + 12  # past the table: nothing left
    h = hijri.to_hijri(since)
    target = h.year * 12 + h.month - 1 - 1
    return anchor + max(0, (target - anchor) // stride) * stride


def _latest_start(rule: Mapping[str, Any], first_day: dt.date, on_or_before: dt.date) -> dt.date | None:
    """The last original start on or before a day, searched backwards in windows that double."""
    if _has_count(rule):  # at most MAX_COUNT starts: one pass from the first day
        found = list(itertools.takewhile(lambda d: d <= on_or_before, _rule_starts(rule, first_day)))
        return found[-1] if found else None
    span = _period_days(rule)
    while True:
        since = max(first_day, on_or_before - dt.timedelta(days=span))
        starts = _rule_starts(rule, first_day, since=since)
        found = list(itertools.takewhile(lambda d: d <= on_or_before, starts))
        if found or since == first_day:
            return found[-1] if found else None
        span *= 2


def _has_count(rule: Mapping[str, Any]) -> bool:
    return bool(rule.get("count")) if rule["calendar"] == "hijri" else "COUNT=" in rule["rrule"]


def _period_days(rule: Mapping[str, Any]) -> int:
    """About one period of the rule in days (a starting size for searches)."""
    if rule["calendar"] == "hijri":
        return (355 if rule["freq"] == "yearly" else 30) * rule["interval"]
    parts = _parse_rrule(rule["rrule"])
    days = {"DAILY": 1, "WEEKLY": 7, "MONTHLY": 31, "YEARLY": 366}[parts["FREQ"]]
    return days * int(parts.get("INTERVAL", "1"))


def _hijri_period(rule: Mapping[str, Any], h: hijri.HijriDate) -> int:
    """A month index (year * 12 + month - 1); yearly rules sit on their own month."""
    month = rule["month"] if rule["freq"] == "yearly" else h.month
    return h.year * 12 + month - 1


def _hijri_anchor(rule: Mapping[str, Any], first_day: dt.date) -> int | None:
    """The period whose date is the first day (with SKIP=forward it may be the month before)."""
    h = hijri.to_hijri(first_day)
    here = _hijri_period(rule, h)
    for period in (here, here - (12 if rule["freq"] == "yearly" else 1)):
        if period // 12 >= hijri.FIRST_YEAR and _resolve(rule, period) == first_day:
            return period
    return None


def _resolve(rule: Mapping[str, Any], period: int) -> dt.date | None:
    """The Gregorian day of the rule's day in that Hijri month, after SKIP; None if omitted."""
    year, month = divmod(period, 12)
    month += 1
    try:
        length = hijri.month_length(year, month)
        if rule["day"] <= length:
            return hijri.from_hijri(year, month, rule["day"])
        if rule["skip"] == "backward":
            return hijri.from_hijri(year, month, length)
        if rule["skip"] == "forward":
            next_year, next_month = divmod(period + 1, 12)
            return hijri.from_hijri(next_year, next_month + 1, 1)
    except EventError:  # past the table's end (or before its start): no occurrence, never a crash
        return None
    return None


# -- occurrences from original starts ---------------------------------------------------------------
def _original_starts(event: Event, start: dt.date, end: dt.date) -> list[dt.date]:
    """Original start days in [start, end], before EXDATE and overrides."""
    found = []
    end = min(end, _last_possible_start(event))
    for day in _rule_starts(event.recurrence, event.first_day, since=start):
        if day > end:
            break
        if day >= start:
            found.append(day)
    return found


def _last_possible_start(event: Event) -> dt.date:
    """The last day an occurrence may start on and still end within the Hijri table."""
    return hijri.LAST_DAY - (event.last_day - event.first_day)


def _expanded(event: Event, start: dt.date, end: dt.date) -> list[Occurrence]:
    """Occurrences whose original start lies in [start, end], plus ones moved in from outside."""
    originals = set(_original_starts(event, start, end))
    moved_in = {o.original_on for o in event.overrides if _moved_into(o, start, end)}
    originals |= {d for d in moved_in if _is_original(event, d)}
    originals -= set(event.exdates)
    overrides = {o.original_on: o for o in event.overrides}
    return [_occurrence(event, day, overrides.get(day)) for day in sorted(originals)]


def _moved_into(override: Override, start: dt.date, end: dt.date) -> bool:
    new_first = override.starts_on or (override.starts_local and override.starts_local.date())
    return bool(new_first) and start <= new_first <= end


def _is_original(event: Event, day: dt.date) -> bool:
    return day in _original_starts(event, day, day)


def _live_overrides(event: Event) -> list[Override]:
    """Overrides that answer to a real, not excluded occurrence (others would confuse parsers)."""
    live = (o for o in event.overrides if o.original_on not in event.exdates)
    return [o for o in live if _is_original(event, o.original_on)]


def _occurrence(event: Event, original: dt.date, override: Override | None) -> Occurrence:
    plain = _plain(event, original)
    return _overridden(event, override, plain) if override else plain


def _plain(event: Event, original: dt.date) -> Occurrence:
    shift = original - event.first_day
    hijri_rule = event.recurrence["calendar"] == "hijri"
    return Occurrence(
        event=event, first_day=original, last_day=event.last_day + shift,
        starts_local=event.starts_local and event.starts_local + shift,
        ends_local=event.ends_local and event.ends_local + shift,
        recurrence_id=_original_id(event, original), cancelled=event.is_cancelled,
        uid=f"{original:%Y%m%d}-{event.uid}" if hijri_rule else event.uid,
        sequence=event.sequence, updated_at=event.updated_at,
    )


def _overridden(event: Event, override: Override, plain: Occurrence | None = None) -> Occurrence:
    """The occurrence as an override moves, retitles or cancels it."""
    base = plain or _plain(event, override.original_on)
    moved = _moved_dates(event, base, override)
    return Occurrence(
        **{**_fields(base), **moved}, cancelled=base.cancelled or override.cancelled,
        title_en=override.title_en, title_ar=override.title_ar,
        sequence=max(event.sequence, override.sequence),
        updated_at=max(filter(None, (event.updated_at, override.updated_at))),
    )


def _moved_dates(event: Event, base: Occurrence, override: Override) -> dict[str, Any]:
    if event.all_day and override.starts_on:
        return {"first_day": override.starts_on, "last_day": override.ends_on or override.starts_on}
    if not event.all_day and override.starts_local:
        ends = override.ends_local or override.starts_local + (base.ends_local - base.starts_local)
        return {"starts_local": override.starts_local, "ends_local": ends,
                "first_day": override.starts_local.date(), "last_day": ends.date()}
    return {}


def _fields(occ: Occurrence) -> dict[str, Any]:
    keep = ("event", "first_day", "last_day", "starts_local", "ends_local", "recurrence_id", "uid")
    return {name: getattr(occ, name) for name in keep}


def _original_id(event: Event, original: dt.date) -> dt.date | dt.datetime:
    """RECURRENCE-ID / EXDATE value: the day, or the local start time for timed events."""
    return original if event.all_day else dt.datetime.combine(original, event.starts_local.time())


def _order(occ: Occurrence) -> tuple:
    return occ.first_day, occ.starts_local or dt.datetime.min, occ.uid


def _vrecur(event: Event, parts: dict[str, str]) -> dict[str, Any]:
    """RRULE parts for icalendar.vRecur; UNTIL is UTC for timed events (RFC 5545 §3.3.10)."""
    out: dict[str, Any] = {"FREQ": parts["FREQ"]}
    for key in ("INTERVAL", "COUNT"):
        if key in parts:
            out[key] = int(parts[key])
    if "UNTIL" in parts:
        until = dt.datetime.strptime(parts["UNTIL"], "%Y%m%d").date()
        out["UNTIL"] = until if event.all_day else dt.datetime.combine(
            until, event.starts_local.time(), tzinfo=event.zone).astimezone(dt.UTC)
    for key in ("BYMONTH", "BYMONTHDAY", "BYDAY"):
        if key in parts:
            out[key] = parts[key].split(",")
    if "WKST" in parts:
        out["WKST"] = parts["WKST"]
    return out



# -- the feed horizon -------------------------------------------------------------------------------
# Explicit (Hijri) instances are listed from a year back: a feed keeps recent past events, and a
# bounded past keeps a long-running monthly series from filling the feed's byte budget.
FEED_PAST = dt.timedelta(days=366)


@dataclass(frozen=True)
class Horizon:
    """The days a feed lists explicit occurrences for; it moves with the clock."""

    start: dt.date
    end: dt.date


def feed_horizon(today: dt.date, years: int) -> Horizon:
    """A year back from `today` to `years` ahead (config RECURRENCE_HORIZON_YEARS)."""
    return Horizon(start=max(hijri.FIRST_DAY, today - FEED_PAST), end=horizon_end(today, years))


def instances_start(event: Event, horizon: Horizon) -> dt.date:
    """Where a series' explicit instances begin: the horizon's start, or for a series that ended
    before it, a year before its last occurrence, so a finished series never vanishes from feeds."""
    return max(hijri.FIRST_DAY, min(horizon.start, last_day(event) - FEED_PAST))


def depends_on_horizon(event: Event) -> bool:
    """Whether the event's feed bytes change as the horizon moves (Hijri rules: explicit instances)."""
    return event.is_recurring and event.recurrence["calendar"] == "hijri"


def horizon_changed_on(event: Event, today: dt.date, years: int) -> dt.date | None:
    """The last day (up to `today`) the moving horizon added or dropped one of the event's instances.

    An instance enters when the horizon's end reaches its first day, and leaves the day after its
    first day falls behind the horizon's start. Feeds count that day's midnight as a change, so
    Last-Modified moves forward with the body. None when the horizon never changed the event.
    """
    if not depends_on_horizon(event):
        return None
    horizon = feed_horizon(today, years)
    start = instances_start(event, horizon)
    days = []
    inside = occurrences(event, start, horizon.end)
    if inside:
        days.append(_horizon_reached(max(o.first_day for o in inside), years))
    behind = _last_occurrence(event, start - dt.timedelta(days=1), lambda o: True)
    if behind:
        days.append(behind.first_day + dt.timedelta(days=1) + FEED_PAST)
    return max((d for d in days if d <= today), default=None)


def _horizon_reached(day: dt.date, years: int) -> dt.date:
    """The first day whose horizon end reaches `day`."""
    reached = day - dt.timedelta(days=366 * years)
    while horizon_end(reached, years) < day:
        reached += dt.timedelta(days=1)
    return reached


# -- words ----------------------------------------------------------------------------------------
def describe(event: Event, lang: str) -> str:
    """The rule in words, e.g. "Every year on 1 Ramadan" / "كل عام في ١ رمضان"; '' when not recurring."""
    if not event.is_recurring:
        return ""
    _ = gettext_for(lang)
    rule = event.recurrence
    words = _hijri_words(rule, lang) if rule["calendar"] == "hijri" else _gregorian_words(event, lang)
    count, until = _ending(rule)
    if count:
        words += " " + _("(%(count)s times)") % {"count": digits(count, lang)}
    elif until:
        words += " " + _("until %(date)s") % {"date": dates.format_day(until, lang)}
    return words


def _hijri_words(rule: Mapping[str, Any], lang: str) -> str:
    _ = gettext_for(lang)
    values = {"day": digits(rule["day"], lang), "n": digits(rule["interval"], lang)}
    if rule["freq"] == "yearly":
        values["month"] = hijri.month_name(rule["month"], lang)
        if rule["interval"] == 1:
            return _("Every year on %(day)s %(month)s") % values
        return _("Every %(n)s years on %(day)s %(month)s") % values
    if rule["interval"] == 1:
        return _("Every Hijri month on day %(day)s") % values
    return _("Every %(n)s Hijri months on day %(day)s") % values


def _gregorian_words(event: Event, lang: str) -> str:
    """Simple rules in words; a rule with BY parts is shown as its RRULE text (readers of those know it)."""
    _ = gettext_for(lang)
    parts = _parse_rrule(event.recurrence["rrule"])
    if any(k in parts for k in ("BYMONTH", "BYMONTHDAY", "BYDAY")):
        return event.recurrence["rrule"]
    first, n = event.first_day, int(parts.get("INTERVAL", "1"))
    values = {"n": digits(n, lang), "date": dates.format_day_month(first, lang),
              "day": digits(first.day, lang), "weekday": dates.format_weekday(first, lang)}
    one, many = {
        "YEARLY": (_("Every year on %(date)s"), _("Every %(n)s years on %(date)s")),
        "MONTHLY": (_("Every month on day %(day)s"), _("Every %(n)s months on day %(day)s")),
        "WEEKLY": (_("Every week on %(weekday)s"), _("Every %(n)s weeks on %(weekday)s")),
        "DAILY": (_("Every day"), _("Every %(n)s days")),
    }[parts["FREQ"]]
    return (one if n == 1 else many) % values


def _ending(rule: Mapping[str, Any]) -> tuple[int | None, dt.date | None]:
    if rule["calendar"] == "hijri":
        return rule["count"], dt.date.fromisoformat(rule["until"]) if rule["until"] else None
    parts = _parse_rrule(rule["rrule"])
    until = parts.get("UNTIL")
    return (int(parts["COUNT"]) if "COUNT" in parts else None,
            dt.datetime.strptime(until, "%Y%m%d").date() if until else None)


def upcoming(event: Event, today: dt.date, count: int) -> list[Occurrence]:
    """The next `count` occurrences not over by `today` (a running one included), moved ones in place.

    Searched forwards in windows that double, from the earliest first day that can still be running,
    so the work follows the occurrences returned, not the series' length.
    """
    if not event.is_recurring:
        return [single(event)][:count] if event.last_day >= today else []
    start = max(hijri.FIRST_DAY, today - max(_spans(event)))
    span = dt.timedelta(days=_period_days(event.recurrence) * count)
    # No first day lies past the series' last day (one pass for a COUNT rule, then none re-expanded).
    limit = min(hijri.LAST_DAY, last_day(event))
    found: list[Occurrence] = []
    while len(found) < count and start <= limit:
        end = min(limit, start + span)
        found += [o for o in occurrences(event, start, end) if o.last_day >= today]
        start, span = end + dt.timedelta(days=1), span * 2
    return found[:count]


def overlapping(event: Event, start: dt.date, end: dt.date) -> list[Occurrence]:
    """The occurrences on any day of [start, end], including ones that began earlier and still run.

    Exact for occurrences up to RUNNING_LOOKBACK long. Of longer ones that began before that (a
    series of year-long occurrences: valid input, though hardly meant) only the one that began last
    is listed: it runs at least as long as the others of its length, so every day still shows the
    event, and a month never expands a century of starts.
    """
    longest = max(_spans(event))
    since = max(hijri.FIRST_DAY, start - min(longest, RUNNING_LOOKBACK))
    found = [o for o in occurrences(event, since, end) if o.last_day >= start]
    if longest <= RUNNING_LOOKBACK or since == hijri.FIRST_DAY:
        return found
    older = _last_occurrence(event, since - dt.timedelta(days=1), lambda o: o.last_day >= start,
                             earliest=start - longest)
    return [older, *found] if older else found


def latest(event: Event, before: dt.date) -> Occurrence | None:
    """The most recent occurrence over before `before` (its last day is earlier), or None."""
    # None that started after `before` less the shortest occurrence can be over yet.
    last_start = before - dt.timedelta(days=1) - min(_spans(event))
    return _last_occurrence(event, last_start, lambda o: o.last_day < before)


def _last_occurrence(event: Event, on_or_before: dt.date, keep, earliest: dt.date = hijri.FIRST_DAY):
    """The last occurrence (in page order) whose first day lies in [earliest, on_or_before] and that
    `keep` accepts, or None; searched backwards in windows that double, from the series' last
    possible first day."""
    if not event.is_recurring:
        occ = single(event)
        return occ if earliest <= occ.first_day <= on_or_before and keep(occ) else None
    moved = [_new_first_day(o) for o in event.overrides]
    earliest = max(earliest, min([event.first_day, *moved]))
    # A finished series, or one whose occurrences cannot start later and still end within the table:
    # start at its end, not at today.
    end = min(on_or_before, last_day(event), max([_last_possible_start(event), *moved]))
    span = _period_days(event.recurrence)
    while end >= earliest:
        start = max(earliest, end - dt.timedelta(days=span - 1))
        kept = [o for o in occurrences(event, start, end) if keep(o)]
        if kept:
            return kept[-1]
        end, span = start - dt.timedelta(days=1), span * 2
    return None


def _new_first_day(override: Override) -> dt.date:
    moved = override.starts_on or (override.starts_local and override.starts_local.date())
    return moved or override.original_on


def _spans(event: Event) -> list[dt.timedelta]:
    """First day to last day of the event's occurrences: the plain one and each moved one."""
    spans = [event.last_day - event.first_day]
    for override in event.overrides:
        if override.starts_on:
            spans.append((override.ends_on or override.starts_on) - override.starts_on)
        elif override.starts_local and override.ends_local:
            spans.append(override.ends_local.date() - override.starts_local.date())
    return spans
