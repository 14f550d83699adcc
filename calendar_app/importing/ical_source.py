"""Proposing events from the bytes of an .ics file, read with icalendar 7.

Any bytes give an `ImportResult`: garbage, another encoding, several VCALENDARs, broken properties
and impossible dates become notes, never an exception. One proposal per VEVENT that is not an
override; overrides (RECURRENCE-ID) join their event (ical_recurrence). Text goes to the `_ar` or
`_en` field by its LANGUAGE parameter, else by its script. The event's UID is kept (`uid`) so a
re-import can match it. Properties the model has no field for are listed, per event, in one
"unsupported" note; so are alarms and other components.
"""

import re
import warnings

from icalendar import Calendar

from . import gazetteer
from .arabic import normalise_with_map, script
from .ical_recurrence import put_recurrence
from .ical_times import Fallback, iana, put_times, raw
from .notes import N_, Given, Note, derived, note
from .proposals import Draft, ImportResult, Proposal

MAX_BYTES = 10 * 1024 * 1024
MAX_EVENTS = 1000
HANDLED = {
    "UID",
    "SUMMARY",
    "DESCRIPTION",
    "LOCATION",
    "DTSTART",
    "DTEND",
    "DURATION",
    "STATUS",
    "URL",
    "ORGANIZER",
    "CATEGORIES",
    "GEO",
    "RRULE",
    "EXDATE",
    "RDATE",
    "RECURRENCE-ID",
    "CLASS",
}
# Bookkeeping of the source calendar: nothing staff would want on the event.
BOOKKEEPING = {"DTSTAMP", "SEQUENCE", "CREATED", "LAST-MODIFIED", "TRANSP", "PRIORITY"}
STATUSES = {"CONFIRMED": "confirmed", "TENTATIVE": "tentative", "CANCELLED": "cancelled"}
CATEGORY = re.compile(r"[^a-z0-9]+")

TOO_BIG = N_("The file has %(size)s bytes; at most %(limit)s are read.")
NOT_UTF8 = N_("The file is not UTF-8 (iCalendar's encoding): unreadable characters are shown as �.")
UNREADABLE = N_("The file is not an iCalendar file this import can read (%(reason)s).")
NO_CALENDAR = N_("The file holds no complete calendar (BEGIN:VCALENDAR … END:VCALENDAR).")
SEVERAL_CALENDARS = N_("The file holds %(count)s calendars; the events of all of them are proposed.")
LIBRARY_WARNING = N_("The iCalendar reader warned: %(warning)s")
NOT_EVENTS = N_("The calendar also holds %(count)s %(name)s components, which this import does not read.")
TOO_MANY = N_("The file holds %(count)s events; only the first %(limit)s are proposed.")
NO_EVENTS = N_("The calendar holds no events.")
ORPHAN_OVERRIDE = N_(
    "A change to one occurrence (UID %(uid)s) belongs to no event in the file: it is not imported."
)
DUPLICATE_UID = N_(
    "%(count)s events share the UID %(uid)s; the first is proposed, the others are not imported."
)
UNREADABLE_PART = N_("Part of the event cannot be read (%(reason)s): it is left out.")
BROKEN_PROPERTY = N_("%(name)s cannot be read (%(reason)s): it is left out.")
NO_UID = N_("The event has no UID: a later import of the same file cannot recognise it.")
SECOND_TEXT = N_("A second %(name)s in the same language is not imported: “%(text)s”.")
UNKNOWN_STATUS = N_("STATUS %(status)s is not one this calendar holds (confirmed, tentative, cancelled).")
PRIVATE = N_("The event is marked %(value)s (CLASS) in its calendar; everything imported here is public.")
ORGANIZER_ADDRESS = N_(
    "The organiser's address %(address)s is not imported (this calendar holds a web link)."
)
CATEGORIES_NOT_HELD = N_("Categories this calendar cannot hold as written: %(names)s.")
BAD_GEO = N_("GEO %(value)s is not a latitude and longitude.")
NOT_HELD = N_("Not imported, this calendar has no field for them: %(names)s.")
ALARMS = N_("The event has %(count)s %(name)s components, which are not imported.")
CITY_IN_LOCATION = N_("%(city)s, named in the location (gazetteer).")
COUNTRY_OF_CITY = N_("%(city)s is in %(country)s (gazetteer).")


def parse_ics(data: bytes, *, citation: str = "", source_url: str = "") -> ImportResult:
    """Proposed events from an .ics file's bytes (never raises on any bytes)."""
    notes: list[Note] = []
    text = _decode(data, notes)
    calendars = _calendars(text, notes) if text is not None else []
    proposals: list[Proposal] = []
    for index, calendar in enumerate(calendars):
        label = f"VCALENDAR {index + 1}" if len(calendars) > 1 else "VCALENDAR"
        proposals += _calendar_proposals(calendar, label, notes, citation, source_url)
    if len(proposals) > MAX_EVENTS:
        notes.append(note("problem", TOO_MANY, count=len(proposals), limit=MAX_EVENTS))
        proposals = proposals[:MAX_EVENTS]
    if calendars and not proposals:
        notes.append(note("problem", NO_EVENTS))
    return ImportResult(tuple(proposals), tuple(notes))


def _decode(data: bytes, notes: list[Note]) -> str | None:
    if len(data) > MAX_BYTES:
        notes.append(note("problem", TOO_BIG, size=len(data), limit=MAX_BYTES))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        notes.append(note("problem", NOT_UTF8))
        return data.decode("utf-8", "replace")


def _calendars(text: str, notes: list[Note]) -> list:
    """The VCALENDARs in the text; whatever icalendar cannot read or warns about becomes a note."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            components = Calendar.from_ical(text.replace("\x00", ""), multiple=True)
        except Exception as exc:
            notes.append(note("problem", UNREADABLE, reason=f"{type(exc).__name__}: {str(exc)[:200]}"))
            return []
    notes += [note("problem", LIBRARY_WARNING, warning=str(w.message)[:200]) for w in caught[:10]]
    calendars = [c for c in components if c.name == "VCALENDAR"]
    if not calendars:
        notes.append(note("problem", NO_CALENDAR))
    elif len(calendars) > 1:
        notes.append(note("problem", SEVERAL_CALENDARS, count=len(calendars)))
    return calendars


def _calendar_proposals(
    calendar, label: str, notes: list[Note], citation: str, source_url: str
) -> list[Proposal]:
    _report_other_components(calendar, notes)
    masters, overrides = _group(calendar, notes)
    fallback = _calendar_zone(calendar, label)
    citation_source = (Given("citation"), citation) if citation else _calendar_name(calendar, label)
    proposals = []
    for index, master in enumerate(masters[: MAX_EVENTS + 1]):
        uid = str(master.get("UID", "")).strip()
        event_label = f"VEVENT {index + 1}" + (f" (UID {uid[:80]})" if uid else "")
        draft = _event(master, overrides.pop(uid, []) if uid else [], event_label, fallback)
        draft.put("source_url", source_url, Given("source_url"))
        if citation_source:
            draft.put("source_citation", citation_source[1], citation_source[0])
        proposals.append(draft.freeze())
    notes += [note("problem", ORPHAN_OVERRIDE, uid=uid[:80]) for uid in overrides]
    return proposals


def _report_other_components(calendar, notes: list[Note]) -> None:
    counts: dict[str, int] = {}
    for comp in calendar.subcomponents:
        if comp.name not in ("VEVENT", "VTIMEZONE"):
            counts[comp.name] = counts.get(comp.name, 0) + 1
    notes += [note("unsupported", NOT_EVENTS, count=n, name=name) for name, n in sorted(counts.items())]


def _group(calendar, notes: list[Note]) -> tuple[list, dict[str, list]]:
    """Events that are not overrides, first per UID; overrides by UID."""
    masters, overrides, seen = [], {}, {}
    for comp in calendar.subcomponents:
        if comp.name != "VEVENT":
            continue
        uid = str(comp.get("UID", "")).strip()
        if comp.get("RECURRENCE-ID") is not None and uid:
            overrides.setdefault(uid, []).append(comp)
        elif uid and uid in seen:
            seen[uid] += 1
        else:
            seen[uid] = 1
            masters.append(comp)
    notes += [
        note("problem", DUPLICATE_UID, uid=uid[:80], count=n) for uid, n in seen.items() if uid and n > 1
    ]
    return masters, overrides


def _calendar_zone(calendar, label: str) -> Fallback | None:
    tzid = iana(str(calendar.get("X-WR-TIMEZONE", "")).strip())
    return Fallback(tzid, raw(calendar, "X-WR-TIMEZONE", label)) if tzid else None


def _calendar_name(calendar, label: str):
    for name in ("NAME", "X-WR-CALNAME"):
        value = calendar.get(name)
        if value is not None:
            return raw(calendar, name, label), str(value[0] if isinstance(value, list) else value)
    return None


def _event(comp, overrides: list, label: str, fallback: Fallback | None) -> Draft:
    draft = Draft("ical")
    for name, reason in comp.errors:
        name = name if isinstance(name, str) else "?"
        draft.add(
            "problem", BROKEN_PROPERTY, sources=(raw(comp, name, label),), name=name, reason=str(reason)[:200]
        )
    uid = str(comp.get("UID", "")).strip()
    if uid:
        draft.put("uid", uid, raw(comp, "UID", label))
    else:
        draft.add("problem", NO_UID, fields=("uid",))
    _guarded(draft, _put_texts, comp, label)
    place_zone = _guarded(draft, _put_place, comp, label)
    start = _guarded(draft, put_times, comp, label, fallback or place_zone)
    _guarded(draft, put_recurrence, comp, label, start, overrides)
    for step in (_put_status, _put_links, _put_categories, _put_geo):
        _guarded(draft, step, comp, label)
    _report_not_held(draft, comp)
    return draft


def _guarded(draft: Draft, step, comp, label: str, *args):
    """Run one reading step; a property icalendar cannot give back becomes a note, and the rest goes on.

    icalendar parses some values lazily (a broken RDATE or BYDAY raises when read), so any bytes
    reach here; the other steps still propose what they can.
    """
    try:
        return step(draft, comp, label, *args)
    except (ValueError, TypeError, AttributeError, KeyError, IndexError, OverflowError) as exc:
        draft.add("problem", UNREADABLE_PART, reason=f"{type(exc).__name__}: {str(exc)[:200]}")
        return None


def _texts(comp, name: str) -> list:
    value = comp.get(name)
    return [] if value is None else value if isinstance(value, list) else [value]


def _language(prop) -> str | None:
    tag = str(getattr(prop, "params", {}).get("LANGUAGE", "")).lower()
    return tag[:2] if tag[:2] in ("ar", "en") else None


def _put_texts(draft: Draft, comp, label: str) -> None:
    """SUMMARY, DESCRIPTION and LOCATION into their _ar/_en fields, by LANGUAGE or script."""
    for name, field in (("SUMMARY", "title"), ("DESCRIPTION", "description"), ("LOCATION", "venue_name")):
        for prop in _texts(comp, name):
            text = str(prop)
            lang = _language(prop) or script(text) or "en"
            if draft.has(f"{field}_{lang}"):
                draft.add(
                    "unsupported",
                    SECOND_TEXT,
                    fields=(f"{field}_{lang}",),
                    sources=(raw(comp, name, label),),
                    name=name,
                    text=text[:80],
                )
            else:
                draft.put(f"{field}_{lang}", text, raw(comp, name, label))


def _put_place(draft: Draft, comp, label: str) -> Fallback | None:
    """City and country named in LOCATION (gazetteer); returns the city's zone for floating times."""
    location = " ".join(str(p) for p in _texts(comp, "LOCATION"))
    if not location:
        return None
    source = raw(comp, "LOCATION", label)
    places = gazetteer.find(normalise_with_map(location), location)
    city = next((m.value for m in places if m.value.kind == "city"), None)
    country = city.country if city else next((m.value.key for m in places if m.value.kind == "country"), None)
    if city is not None:
        for lang, value in (("en", city.en), ("ar", city.ar)):
            draft.put(f"city_{lang}", value, derived(CITY_IN_LOCATION, (source,), city=city.en))
    if country:
        how = derived(COUNTRY_OF_CITY, (source,), city=city.en, country=country) if city else source
        draft.put("country_code", country, how)
    zone = city.zone if city else gazetteer.country_zone(country) if country else None
    return (
        Fallback(zone, derived(CITY_IN_LOCATION, (source,), city=city.en if city else country))
        if zone
        else None
    )


def _put_status(draft: Draft, comp, label: str) -> None:
    status = str(comp.get("STATUS", "")).strip().upper()
    if status in STATUSES:
        draft.put("status", STATUSES[status], raw(comp, "STATUS", label))
    elif status:
        draft.add(
            "problem",
            UNKNOWN_STATUS,
            fields=("status",),
            sources=(raw(comp, "STATUS", label),),
            status=status[:40],
        )
    privacy = str(comp.get("CLASS", "")).strip().upper()
    if privacy and privacy != "PUBLIC":
        draft.add("problem", PRIVATE, sources=(raw(comp, "CLASS", label),), value=privacy[:40])


def _put_links(draft: Draft, comp, label: str) -> None:
    url = str(comp.get("URL", "")).strip()
    if url.lower().startswith(("http://", "https://")):
        draft.put("url", url, raw(comp, "URL", label))
    organizer = comp.get("ORGANIZER")
    if organizer is None:
        return
    organizer = organizer[0] if isinstance(organizer, list) else organizer
    source = raw(comp, "ORGANIZER", label)
    name = str(organizer.params.get("CN", "")).strip()
    if name:
        draft.put(f"organizer_name_{script(name) or 'en'}", name, source)
    address = str(organizer).strip()
    if address.lower().startswith(("http://", "https://")):
        draft.put("organizer_url", address, source)
    elif address:
        draft.add(
            "unsupported",
            ORGANIZER_ADDRESS,
            fields=("organizer_url",),
            sources=(source,),
            address=address[:80],
        )


def _put_categories(draft: Draft, comp, label: str) -> None:
    names = [str(c) for prop in _texts(comp, "CATEGORIES") for c in getattr(prop, "cats", [prop])]
    slugs = [CATEGORY.sub("-", n.lower()).strip("-") for n in names]
    held = tuple(dict.fromkeys(s for s in slugs if s and s.isascii()))
    if held:
        draft.put("categories", held, raw(comp, "CATEGORIES", label))
    dropped = [n for n, s in zip(names, slugs, strict=True) if not (s and s.isascii())]
    if dropped:
        draft.add(
            "unsupported",
            CATEGORIES_NOT_HELD,
            fields=("categories",),
            sources=(raw(comp, "CATEGORIES", label),),
            names=", ".join(dropped)[:200],
        )


def _put_geo(draft: Draft, comp, label: str) -> None:
    geo = comp.get("GEO")
    if geo is None:
        return
    try:
        lat, lon = float(geo.latitude), float(geo.longitude)
    except (AttributeError, TypeError, ValueError):
        return  # reported from comp.errors
    source = raw(comp, "GEO", label)
    if -90 <= lat <= 90 and -180 <= lon <= 180:
        draft.put("latitude", lat, source)
        draft.put("longitude", lon, source)
    else:
        draft.add(
            "problem", BAD_GEO, fields=("latitude", "longitude"), sources=(source,), value=f"{lat};{lon}"
        )


def _report_not_held(draft: Draft, comp) -> None:
    names = sorted({str(k).upper() for k in comp} - HANDLED - BOOKKEEPING)
    if names:
        draft.add("unsupported", NOT_HELD, names=", ".join(names)[:300])
    counts: dict[str, int] = {}
    for sub in comp.subcomponents:
        counts[sub.name] = counts.get(sub.name, 0) + 1
    for name, count in sorted(counts.items()):
        draft.add("unsupported", ALARMS, count=count, name=name)
