"""An iCalendar event's repetition, as far as the event model holds it (README, "Recurring events").

Held: one Gregorian RRULE with FREQ DAILY/WEEKLY/MONTHLY/YEARLY, INTERVAL, COUNT or UNTIL, BYDAY,
BYMONTHDAY, BYMONTH, WKST; EXDATEs (as the original start days); RECURRENCE-ID overrides that
cancel, move or retitle one occurrence. The model's rule is `{"calendar": "gregorian", "rrule":
"FREQ=…"}` with UNTIL as a date (the last day an occurrence may start), and its first day must be
an occurrence of the rule.

Not held, and reported per event, never dropped silently: any other RRULE part (BYSETPOS, BYHOUR,
BYYEARDAY, RSCALE...), other frequencies, several RRULEs, RDATE, an EXDATE or override that names
no occurrence, RANGE=THISANDFUTURE, and override changes other than dates, title and status. A rule
the model cannot hold is not proposed at all: a partial rule would give other dates than the source.
"""

import datetime as dt
import zoneinfo

from dateutil.rrule import rrulestr

from .arabic import script
from .ical_times import Start, raw, value_of
from .notes import N_, Source, derived
from .proposals import Draft, OverrideProposal

HELD_PARTS = ("FREQ", "INTERVAL", "COUNT", "UNTIL", "BYMONTH", "BYMONTHDAY", "BYDAY", "WKST")
HELD_FREQS = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
OVERRIDE_HELD = {
    "UID",
    "RECURRENCE-ID",
    "DTSTART",
    "DTEND",
    "DURATION",
    "SUMMARY",
    "STATUS",
    "DTSTAMP",
    "SEQUENCE",
    "LAST-MODIFIED",
    "CREATED",
}
# How far past the start an occurrence is looked for (the table's end is 2077): bounds the work.
SEARCH_LIMIT = 20_000

RULE_PARTS_NOT_HELD = N_(
    "The repeat rule uses %(parts)s, which this calendar cannot hold: the rule is not "
    "imported; the event is proposed as its first occurrence only."
)
RULE_FREQ_NOT_HELD = N_(
    "The repeat rule repeats %(freq)s, which this calendar cannot hold: the rule is not "
    "imported; the event is proposed as its first occurrence only."
)
SEVERAL_RULES = N_("The event has %(count)s repeat rules; this calendar holds one: none is imported.")
COUNT_AND_UNTIL = N_(
    "The repeat rule has both COUNT and UNTIL (RFC 5545 allows one): the rule is not imported."
)
FIRST_NOT_OCCURRENCE = N_("The event's start is not a date of its repeat rule; this calendar needs it to be.")
RDATE_NOT_HELD = N_(
    "The event adds %(count)s extra dates (RDATE), which this calendar cannot hold: they are not imported."
)
EXDATE_NOT_OCCURRENCE = N_("Excluded date %(day)s is not an occurrence of the rule: it is not imported.")
EXDATE_WITHOUT_RULE = N_("The event excludes dates (EXDATE) but does not repeat: they are not imported.")
OVERRIDE_NOT_OCCURRENCE = N_(
    "A change to the occurrence of %(day)s names no occurrence of the rule: it is not imported."
)
OVERRIDE_WITHOUT_RULE = N_(
    "A change to one occurrence (%(day)s) of an event that does not repeat: it is not imported."
)
OVERRIDE_RANGE = N_(
    "A change to the occurrence of %(day)s and all later ones (RANGE=THISANDFUTURE) cannot be "
    "held: it is not imported."
)
OVERRIDE_CHANGES_NOT_HELD = N_(
    "The change to the occurrence of %(day)s also sets %(names)s, which this calendar "
    "holds only for the whole event: those are not imported."
)
RULE_UNREADABLE = N_("The repeat rule cannot be read (%(reason)s): it is not imported.")
UNTIL_AS_DAY = N_("UNTIL %(until)s read as the last day an occurrence may start.")


def put_recurrence(draft: Draft, comp, label: str, start: Start | None, overrides: list) -> None:
    """Propose the rule, excluded days and overrides the model can hold; report everything else."""
    _report_rdates(draft, comp, label)
    rule = _rule(draft, comp, label, start) if start is not None else None
    _put_exdates(draft, comp, label, start, rule)
    _put_overrides(draft, comp, label, start, rule, overrides)


def _report_rdates(draft: Draft, comp, label: str) -> None:
    rdates = comp.get("RDATE")
    if rdates is None:
        return
    count = sum(len(getattr(r, "dts", ())) for r in (rdates if isinstance(rdates, list) else [rdates]))
    draft.add(
        "unsupported",
        RDATE_NOT_HELD,
        fields=("recurrence",),
        sources=(raw(comp, "RDATE", label),),
        count=count,
    )


def _rule(draft: Draft, comp, label: str, start: Start):
    """The dateutil rule of a rule the model holds (after proposing it), or None."""
    rrules = comp.get("RRULE")
    if rrules is None:
        return None
    source = raw(comp, "RRULE", label)
    if isinstance(rrules, list):
        draft.add("unsupported", SEVERAL_RULES, fields=("recurrence",), sources=(source,), count=len(rrules))
        return None
    try:
        text = _held_text(draft, rrules, start, source)
    except (ValueError, TypeError, AttributeError) as exc:  # icalendar parses a rule's parts lazily
        draft.add(
            "problem", RULE_UNREADABLE, fields=("recurrence",), sources=(source,), reason=str(exc)[:200]
        )
        return None
    rule = _expander(draft, text, start, source) if text is not None else None
    if rule is None:
        return None
    draft.put("recurrence", {"calendar": "gregorian", "rrule": text}, _rule_source(rrules, text, source))
    if not _first(rule, _as_datetime(start.local)):
        draft.add(
            "problem",
            FIRST_NOT_OCCURRENCE,
            fields=("recurrence", "starts_on", "starts_local"),
            sources=(source,),
        )
    return rule


def _held_text(draft: Draft, rrule, start: Start, source: Source) -> str | None:
    """The RRULE as the model stores it, or None (reported) when it cannot be held."""
    parts = {k.upper(): v for k, v in rrule.items()}
    extra = sorted(set(parts) - set(HELD_PARTS))
    freq = str(parts.get("FREQ", [""])[0]).upper()
    if extra:
        draft.add(
            "unsupported",
            RULE_PARTS_NOT_HELD,
            fields=("recurrence",),
            sources=(source,),
            parts=", ".join(extra),
        )
        return None
    if freq not in HELD_FREQS:
        draft.add(
            "unsupported", RULE_FREQ_NOT_HELD, fields=("recurrence",), sources=(source,), freq=freq or "?"
        )
        return None
    if "COUNT" in parts and "UNTIL" in parts:
        draft.add("problem", COUNT_AND_UNTIL, fields=("recurrence",), sources=(source,))
        return None
    return ";".join(f"{k}={_part(k, parts[k], start)}" for k in HELD_PARTS if k in parts)


def _expander(draft: Draft, text: str, start: Start, source: Source):
    """dateutil's reading of the held rule, with UNTIL as the end of its day (the model's meaning)."""
    until = text.split("UNTIL=")[1].split(";")[0] if "UNTIL=" in text else None
    checked = text.replace(f"UNTIL={until}", f"UNTIL={until}T235959") if until else text
    try:
        return rrulestr(checked, dtstart=_as_datetime(start.local))
    except (ValueError, TypeError, OverflowError) as exc:
        draft.add(
            "problem", RULE_UNREADABLE, fields=("recurrence",), sources=(source,), reason=str(exc)[:200]
        )
        return None


def _part(name: str, values: list, start: Start) -> str:
    if name == "UNTIL":
        return _until_day(values[0], start).strftime("%Y%m%d")
    return ",".join(str(v).upper() if isinstance(v, str) else str(v) for v in values)


def _until_day(until, start: Start) -> dt.date:
    """UNTIL as a day in the event's zone (a UTC UNTIL of 20240430T000000Z in Doha is 30 April)."""
    if isinstance(until, dt.datetime):
        if until.tzinfo is not None and start.tzid:
            until = until.astimezone(zoneinfo.ZoneInfo(start.tzid))
        return until.date()
    return until


def _rule_source(rrule, text: str, source: Source) -> Source:
    until = rrule.get("UNTIL")
    if until and isinstance(until[0], dt.datetime):
        return derived(UNTIL_AS_DAY, (source,), until=text.split("UNTIL=")[1].split(";")[0])
    return source


def _as_datetime(value: dt.date | dt.datetime) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())


def _first(rule, start: dt.datetime) -> bool:
    first = next(iter(rule), None)
    return first == start


def _occurs(rule, when: dt.datetime) -> bool:
    """Whether `when` is an occurrence, looking no further than SEARCH_LIMIT occurrences."""
    for i, occurrence in enumerate(rule):
        if occurrence >= when or i >= SEARCH_LIMIT:
            return occurrence == when
    return False


def _original(value, start: Start) -> dt.datetime | None:
    """An EXDATE or RECURRENCE-ID as a naive local start in the event's zone (midnight for days)."""
    if not isinstance(value, dt.date):  # absent, or a TIME or PERIOD where a date belongs
        return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None and start.tzid:
            value = value.astimezone(zoneinfo.ZoneInfo(start.tzid))
        return value.replace(tzinfo=None)
    return dt.datetime.combine(value, dt.time())


def _put_exdates(draft: Draft, comp, label: str, start: Start | None, rule) -> None:
    props = comp.get("EXDATE")
    if props is None:
        return
    source = raw(comp, "EXDATE", label)
    if rule is None:
        draft.add("unsupported", EXDATE_WITHOUT_RULE, fields=("exdates",), sources=(source,))
        return
    days = []
    for prop in props if isinstance(props, list) else [props]:
        for item in getattr(prop, "dts", ()):
            original = _original(item.dt, start)
            if original is not None and _occurs(rule, original):
                days.append(original.date())
            else:
                day = original.date() if original is not None else str(item.dt)[:40]
                draft.add("problem", EXDATE_NOT_OCCURRENCE, fields=("exdates",), sources=(source,), day=day)
    if days:
        draft.put("exdates", tuple(sorted(set(days))), source)


def _put_overrides(draft: Draft, master, label: str, start: Start | None, rule, overrides: list) -> None:
    held = []
    for comp in overrides:
        override = _override(draft, master, comp, label, start, rule)
        if override is not None:
            held.append(override)
    if held:
        draft.put(
            "overrides",
            tuple(sorted(held, key=lambda o: o.original_on)),
            raw(overrides[0], "RECURRENCE-ID", label),
        )


def _override(draft: Draft, master, comp, label: str, start: Start | None, rule) -> OverrideProposal | None:
    source = raw(comp, "RECURRENCE-ID", label)
    original = _original(value_of(comp, "RECURRENCE-ID"), start) if start else None
    if original is None:
        return None
    day = original.date()
    if rule is None:
        draft.add("unsupported", OVERRIDE_WITHOUT_RULE, fields=("overrides",), sources=(source,), day=day)
        return None
    if str(comp["RECURRENCE-ID"].params.get("RANGE", "")).upper() == "THISANDFUTURE":
        draft.add("unsupported", OVERRIDE_RANGE, fields=("overrides",), sources=(source,), day=day)
        return None
    if not _occurs(rule, original):
        draft.add("problem", OVERRIDE_NOT_OCCURRENCE, fields=("overrides",), sources=(source,), day=day)
        return None
    _report_override_extras(draft, master, comp, source, day)
    return _override_values(master, comp, start, original)


def _report_override_extras(draft: Draft, master, comp, source: Source, day: dt.date) -> None:
    names = sorted(
        n for n in {str(k).upper() for k in comp} - OVERRIDE_HELD if str(comp.get(n)) != str(master.get(n))
    )
    if names:
        draft.add(
            "unsupported",
            OVERRIDE_CHANGES_NOT_HELD,
            fields=("overrides",),
            sources=(source,),
            day=day,
            names=", ".join(names),
        )


def _override_values(master, comp, start: Start, original: dt.datetime) -> OverrideProposal:
    cancelled = str(comp.get("STATUS", "")).upper() == "CANCELLED"
    title = (
        str(comp.get("SUMMARY", "")) if str(comp.get("SUMMARY", "")) != str(master.get("SUMMARY", "")) else ""
    )
    lang = script(title) or "en"
    new_start, new_end = value_of(comp, "DTSTART"), value_of(comp, "DTEND")
    moved = {}
    if new_start is not None and _original(new_start, start) != original:
        moved = _moved(new_start, new_end, start)
    return OverrideProposal(
        original_on=original.date(),
        original_local=None if start.all_day else original,
        cancelled=cancelled,
        title_en=title if lang == "en" else "",
        title_ar=title if lang == "ar" else "",
        **moved,
    )


def _moved(new_start, new_end, start: Start) -> dict:
    first = _original(new_start, start)
    last = _original(new_end, start) if new_end is not None else None
    if start.all_day:
        end_day = (last.date() - dt.timedelta(days=1)) if last else first.date()
        return {"starts_on": first.date(), "ends_on": max(end_day, first.date())}
    return {"starts_local": first, "ends_local": last or first}
