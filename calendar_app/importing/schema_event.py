"""One schema.org Event node (JSON-LD, or microdata made uniform by extruct) → one Proposal.

Dates: a date is a day (endDate is the last day, inclusive); a date-time with an offset becomes the
local wall time plus the zone of the venue's city or country (gazetteer) when that zone has that
offset at that moment; otherwise the wall time is kept and the mismatch reported. A date-time
without an offset is placed in the venue's zone, or reported. eventStatus: EventScheduled →
confirmed, EventCancelled → cancelled; EventPostponed, EventRescheduled and EventMovedOnline are
reported. inLanguage decides whether text goes to _ar or _en; without it, the script does.
"""

import datetime as dt
import zoneinfo
from urllib.parse import urljoin

from .. import hijri
from . import gazetteer
from .arabic import normalise_with_map, script
from .notes import N_, DataPath, Given, Source, derived
from .proposals import Draft, Proposal

# Keys read here; any other key of the node is listed as not held.
READ = {
    "@context",
    "@type",
    "@id",
    "name",
    "description",
    "startDate",
    "endDate",
    "location",
    "organizer",
    "eventStatus",
    "inLanguage",
    "url",
    "superEvent",
    "previousStartDate",
    "eventAttendanceMode",
}
TYPE_CATEGORIES = {
    "ExhibitionEvent": "exhibition",
    "BusinessEvent": "business",
    "EducationEvent": "education",
    "SportsEvent": "sports",
    "Festival": "festival",
    "Hackathon": "hackathon",
    "SocialEvent": "social",
    "MusicEvent": "music",
    "TheaterEvent": "theatre",
}

UNREADABLE_DATE = N_("%(name)s “%(value)s” is not an ISO 8601 date or date-time.")
OUT_OF_RANGE = N_("%(day)s is outside 1924-08-01..2077-11-16, the dates this calendar can hold.")
MIXED_TYPES = N_("startDate is a %(start_kind)s but endDate is a %(end_kind)s: the end is left empty.")
END_BEFORE_START = N_("endDate (%(end)s) is before startDate (%(start)s): the end is left empty.")
OFFSET_MATCHES = N_("UTC offset %(offset)s is that of %(zone)s, the zone of %(place)s.")
OFFSET_MISMATCH = N_(
    "UTC offset %(offset)s is not that of %(zone)s (%(zone_offset)s), the zone of %(place)s: "
    "the local time is kept as written and the zone left empty."
)
NO_ZONE_FOR_OFFSET = N_(
    "A time with UTC offset %(offset)s, but the page names no place whose zone is known: "
    "the local time is kept as written and the zone left empty."
)
FLOATING_PLACED = N_("A time without offset, placed in %(zone)s, the zone of %(place)s.")
FLOATING = N_("A time without offset and no place whose zone is known: the zone is left empty.")
POSTPONED = N_("eventStatus says the event is postponed: its dates may no longer hold.")
RESCHEDULED = N_("eventStatus says the event was rescheduled (previous start: %(previous)s).")
ONLINE = N_("The event is (also) online (%(value)s); this calendar holds a physical venue only.")
UNKNOWN_STATUS = N_("eventStatus %(value)s is not one this calendar reads.")
SEVERAL = N_("%(name)s has %(count)s values; the first is proposed.")
NOT_HELD = N_("Not imported, this calendar has no field for them: %(names)s.")
CITY_OF_ADDRESS = N_("%(city)s, named in the address (gazetteer).")
COUNTRY_OF_CITY = N_("%(city)s is in %(country)s (gazetteer).")
CATEGORY_OF_TYPE = N_("The page says the event is a schema.org %(type)s.")
RELATIVE_ID = N_("The event's @id, made absolute with the page's URL.")
STATUS = {"EventScheduled": "confirmed", "EventCancelled": "cancelled"}


def type_names(node: dict) -> set[str]:
    """The node's types without their vocabulary ("https://schema.org/Event" → "Event")."""
    types = node.get("@type", [])
    types = types if isinstance(types, list) else [types]
    return {str(t).rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1] for t in types}


class _Reader:
    """Reads one node into a Draft; `at(key)` gives the provenance of a value at a path under the node."""

    def __init__(self, node: dict, syntax: str, path: str, page_url: str):
        self.node, self.syntax, self.path, self.page_url = node, syntax, path, page_url
        self.draft = Draft("page")
        self.lang = _language(node.get("inLanguage"))

    def at(self, key: str, value) -> DataPath:
        """The provenance of `value`, found at `key` under this node."""
        return DataPath(self.syntax, f"{self.path}.{key}", str(value)[:300])

    def put_text(self, field: str, key: str, value) -> None:
        """Propose text into `field`_ar/_en by its @language, the node's inLanguage, or its script."""
        texts = _texts(value)
        for text, lang in texts[:2]:
            name = f"{field}_{lang or self.lang or script(text) or 'en'}"
            if not self.draft.has(name):
                self.draft.put(name, text, self.at(key, text))


def event_proposal(node: dict, syntax: str, path: str, page_url: str) -> Proposal:
    """The proposal for one Event node found at `path` on the page at `page_url`."""
    r = _Reader(node, syntax, path, page_url)
    _put_identity(r)
    r.put_text("title", "name", node.get("name"))
    r.put_text("description", "description", node.get("description"))
    zone = _put_location(r, node.get("location"))
    _put_dates(r, zone)
    _put_organizer(r, node.get("organizer"))
    _put_status(r)
    _put_series(r, node.get("superEvent"))
    _report_not_held(r)
    r.draft.put("source_url", page_url, Given("source_url"))
    return r.draft.freeze()


def _first(r: _Reader, key: str, value):
    if isinstance(value, list):
        if len(value) > 1:
            r.draft.add("unsupported", SEVERAL, sources=(r.at(key, value),), name=key, count=len(value))
        return value[0] if value else None
    return value


def _put_identity(r: _Reader) -> None:
    node_id = node_url = None
    if isinstance(r.node.get("@id"), str) and r.node["@id"].strip():
        node_id = urljoin(r.page_url, r.node["@id"].strip())
        how = r.at("@id", r.node["@id"])
        r.draft.put("uid", node_id, how if node_id == r.node["@id"].strip() else derived(RELATIVE_ID, (how,)))
    url = _first(r, "url", r.node.get("url"))
    if isinstance(url, str) and url.strip():
        node_url = urljoin(r.page_url, url.strip())
        if node_url.lower().startswith(("http://", "https://")):
            r.draft.put("url", node_url, r.at("url", url))
    names = type_names(r.node)
    category = next((TYPE_CATEGORIES[t] for t in sorted(names) if t in TYPE_CATEGORIES), None)
    if category:
        r.draft.put(
            "categories",
            (category,),
            derived(CATEGORY_OF_TYPE, (r.at("@type", r.node.get("@type")),), type=category),
        )


# ---------------------------------------------------------------------------------------------- place
def _put_location(r: _Reader, value) -> tuple[str, str, Source] | None:
    """Venue, address, city, country and geo; returns (zone, place name, source) for the dates."""
    value = _first(r, "location", value)
    if isinstance(value, str):
        place = gazetteer.lookup(value)
        if place is None or place.kind != "city":  # "Doha" alone is where, not a venue
            r.put_text("venue_name", "location", value)
        return _city_in(r, value, "location")
    if not isinstance(value, dict):
        return None
    if type_names(value) & {"VirtualLocation"}:
        r.draft.add("unsupported", ONLINE, sources=(r.at("location", value),), value="VirtualLocation")
        return None
    r.put_text("venue_name", "location.name", value.get("name"))
    _put_geo(r, value.get("geo"))
    return _put_address(r, value.get("address"))


def _put_address(r: _Reader, address) -> tuple[str, str, Source] | None:
    address = _first(r, "location.address", address)
    if isinstance(address, str):
        r.draft.put("address", address, r.at("location.address", address))
        return _city_in(r, address, "location.address")
    if not isinstance(address, dict):
        return None
    parts = [address.get(k) for k in ("streetAddress", "addressLocality", "addressRegion")]
    line = ", ".join(str(p) for p in parts if isinstance(p, str) and p.strip())
    if line:
        r.draft.put("address", line, r.at("location.address", line))
    country = _country(r, address.get("addressCountry"))
    locality = address.get("addressLocality")
    found = _city_in(r, locality, "location.address.addressLocality") if isinstance(locality, str) else None
    if found is None and isinstance(locality, str):
        r.put_text("city", "location.address.addressLocality", locality)
    return found or _country_zone(r, country)


def _city_in(r: _Reader, text: str, key: str) -> tuple[str, str, Source] | None:
    city = gazetteer.lookup(text)
    if city is None:
        found = gazetteer.find(*_norm(text))
        city = next((m.value for m in found if m.value.kind == "city"), None)
    if city is None or city.kind != "city":
        return None
    source = derived(CITY_OF_ADDRESS, (r.at(key, text),), city=city.en)
    r.draft.put("city_en", city.en, source)
    r.draft.put("city_ar", city.ar, source)
    if not r.draft.has("country_code"):
        r.draft.put(
            "country_code",
            city.country,
            derived(COUNTRY_OF_CITY, (source,), city=city.en, country=city.country),
        )
    return _place_zone(r, city, key, text)


def _norm(text: str):
    return normalise_with_map(text), text


def _country(r: _Reader, value) -> str | None:
    if isinstance(value, dict):
        value = value.get("name") or value.get("identifier")
    if not isinstance(value, str) or not value.strip():
        return None
    place = gazetteer.lookup(value)
    code = place.country if place else value.strip().upper() if len(value.strip()) == 2 else None
    if code:
        r.draft.put("country_code", code, r.at("location.address.addressCountry", value))
    return code


def _country_zone(r: _Reader, code: str | None):
    place = gazetteer.country(code) if code else None
    return _place_zone(r, place, "location.address.addressCountry", code) if place else None


def _place_zone(r: _Reader, place, key: str, text) -> tuple[str, str, Source] | None:
    if place is None or not place.zone:
        return None
    return place.zone, place.en, r.at(key, text)


def _put_geo(r: _Reader, geo) -> None:
    if not isinstance(geo, dict):
        return
    try:
        lat, lon = float(geo.get("latitude")), float(geo.get("longitude"))
    except (TypeError, ValueError):
        return
    if -90 <= lat <= 90 and -180 <= lon <= 180:
        r.draft.put("latitude", lat, r.at("location.geo.latitude", geo.get("latitude")))
        r.draft.put("longitude", lon, r.at("location.geo.longitude", geo.get("longitude")))


# ---------------------------------------------------------------------------------------------- dates
def _parse(r: _Reader, key: str):
    value = _first(r, key, r.node.get(key))
    if value is None:
        return None
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else dt.datetime.fromisoformat(text)
    except ValueError:
        r.draft.add(
            "problem",
            UNREADABLE_DATE,
            fields=("starts_on", "ends_on"),
            sources=(r.at(key, text),),
            name=key,
            value=text[:60],
        )
        return None


def _put_dates(r: _Reader, zone) -> None:
    start, end = _parse(r, "startDate"), _parse(r, "endDate")
    if start is None:
        return
    timed = isinstance(start, dt.datetime)
    if end is not None and isinstance(end, dt.datetime) != timed:
        kinds = ("date-time", "date") if timed else ("date", "date-time")
        r.draft.add(
            "problem",
            MIXED_TYPES,
            fields=("ends_on", "ends_local"),
            sources=(r.at("endDate", end),),
            start_kind=kinds[0],
            end_kind=kinds[1],
        )
        end = None
    if timed:
        _put_times(r, start, end, zone)
    else:
        _put_days(r, start, end)


def _in_table(r: _Reader, day: dt.date, key: str) -> bool:
    if hijri.in_range(day):
        return True
    r.draft.add("problem", OUT_OF_RANGE, sources=(r.at(key, day),), day=day)
    return False


def _put_days(r: _Reader, start: dt.date, end: dt.date | None) -> None:
    if not _in_table(r, start, "startDate"):
        return
    r.draft.put("all_day", True, r.at("startDate", start))
    r.draft.put("starts_on", start, r.at("startDate", start))
    if end is not None and end < start:
        r.draft.add(
            "problem",
            END_BEFORE_START,
            fields=("ends_on",),
            sources=(r.at("endDate", end),),
            start=start,
            end=end,
        )
    elif end is not None and _in_table(r, end, "endDate"):
        r.draft.put("ends_on", end, r.at("endDate", end))


def _put_times(r: _Reader, start: dt.datetime, end: dt.datetime | None, zone) -> None:
    local, tzid, how = _localise(r, "startDate", start, zone)
    if not _in_table(r, local.date(), "startDate"):
        return
    r.draft.put("all_day", False, r.at("startDate", start))
    r.draft.put("starts_local", local, how)
    if tzid:
        r.draft.put("tzid", tzid, how)
    if end is None:
        return
    end_local, _, end_how = _localise(r, "endDate", end, zone, tzid)
    if end_local < local:
        r.draft.add(
            "problem",
            END_BEFORE_START,
            fields=("ends_local",),
            sources=(end_how,),
            start=local,
            end=end_local,
        )
    elif _in_table(r, end_local.date(), "endDate"):
        r.draft.put("ends_local", end_local, end_how)


def _localise(r: _Reader, key: str, value: dt.datetime, zone, tzid: str | None = None):
    """(wall time, zone or None, provenance) for one date-time, as the module docstring says."""
    source = r.at(key, value.isoformat())
    if value.tzinfo is None:
        return _floating(r, value, zone, source)
    offset = _offset(value.utcoffset())
    if zone is None:
        r.draft.add("problem", NO_ZONE_FOR_OFFSET, fields=("tzid",), sources=(source,), offset=offset)
        return value.replace(tzinfo=None), None, source
    name, place, place_source = zone
    local = value.astimezone(zoneinfo.ZoneInfo(name))
    if local.utcoffset() == value.utcoffset():
        return (
            local.replace(tzinfo=None),
            name,
            derived(OFFSET_MATCHES, (source, place_source), offset=offset, zone=name, place=place),
        )
    if tzid is None or key == "startDate":
        r.draft.add(
            "problem",
            OFFSET_MISMATCH,
            fields=("tzid",),
            sources=(source, place_source),
            offset=offset,
            zone=name,
            zone_offset=_offset(local.utcoffset()),
            place=place,
        )
    return value.replace(tzinfo=None), None, source


def _floating(r: _Reader, value: dt.datetime, zone, source: Source):
    if zone is None:
        r.draft.add("problem", FLOATING, fields=("tzid",), sources=(source,))
        return value, None, source
    name, place, place_source = zone
    return value, name, derived(FLOATING_PLACED, (source, place_source), zone=name, place=place)


def _offset(delta: dt.timedelta | None) -> str:
    minutes = int((delta or dt.timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


# ------------------------------------------------------------------------------------- people, status
def _put_organizer(r: _Reader, value) -> None:
    value = _first(r, "organizer", value)
    if isinstance(value, str):
        r.put_text("organizer_name", "organizer", value)
    elif isinstance(value, dict):
        r.put_text("organizer_name", "organizer.name", value.get("name"))
        url = _first(r, "organizer.url", value.get("url"))
        if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
            r.draft.put("organizer_url", url, r.at("organizer.url", url))


def _put_status(r: _Reader) -> None:
    status = _first(r, "eventStatus", r.node.get("eventStatus"))
    if isinstance(status, dict):
        status = status.get("@id") or status.get("name")
    name = str(status).rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1] if status else ""
    source = r.at("eventStatus", status)
    if name in STATUS:
        r.draft.put("status", STATUS[name], source)
    elif name == "EventPostponed":
        r.draft.add("conflict", POSTPONED, fields=("starts_on", "ends_on", "status"), sources=(source,))
    elif name == "EventRescheduled":
        previous = str(r.node.get("previousStartDate", "?"))[:60]
        r.draft.add(
            "conflict",
            RESCHEDULED,
            fields=("starts_on", "starts_local"),
            sources=(source,),
            previous=previous,
        )
    elif name == "EventMovedOnline":
        r.draft.add("unsupported", ONLINE, sources=(source,), value=name)
    elif name:
        r.draft.add("problem", UNKNOWN_STATUS, fields=("status",), sources=(source,), value=name[:60])
    mode = str(r.node.get("eventAttendanceMode", ""))
    if "Online" in mode or "Mixed" in mode:
        r.draft.add(
            "unsupported", ONLINE, sources=(r.at("eventAttendanceMode", mode),), value=mode.rsplit("/", 1)[-1]
        )


def _put_series(r: _Reader, value) -> None:
    value = _first(r, "superEvent", value)
    if isinstance(value, dict):
        r.put_text("series_name", "superEvent.name", value.get("name"))


def _report_not_held(r: _Reader) -> None:
    names = sorted(k for k in r.node if isinstance(k, str) and k not in READ)
    if names:
        r.draft.add("unsupported", NOT_HELD, names=", ".join(names)[:300])


# ---------------------------------------------------------------------------------------------- text
def _language(value) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    tag = str(value or "").strip().lower()
    if tag.startswith(("ar", "arabic")):
        return "ar"
    return "en" if tag.startswith(("en", "english")) else None


def _texts(value) -> list[tuple[str, str | None]]:
    """(text, language or None) for a schema.org text value: a string, a list, or {"@value", "@language"}."""
    values = value if isinstance(value, list) else [value]
    out = []
    for item in values:
        if isinstance(item, dict):
            text, lang = item.get("@value"), _language(item.get("@language"))
        else:
            text, lang = item, None
        if isinstance(text, str | int | float) and str(text).strip():
            out.append((str(text), lang))
    return out
