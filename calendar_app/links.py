"""Outbound links for an event page: map, "add to calendar" services and our own .ics URLs.

Pure functions of their arguments (no request, no clock), so each URL is tested exactly.
"""

import datetime as dt
from urllib.parse import quote, urlencode

from .events import Event

GOOGLE_TEMPLATE = "https://calendar.google.com/calendar/render"
OUTLOOK_COMPOSE = "https://outlook.live.com/calendar/0/deeplink/compose"
OSM = "https://www.openstreetmap.org/"
# Calendar services put details in the URL; long descriptions would break browsers' URL limits.
DETAILS_MAX = 1000


def _query(params: dict[str, str]) -> str:
    # quote (not quote_plus): both services read %20, and "+" would show up literally in Outlook.
    return urlencode(params, quote_via=quote, safe="/")


def osm_url(latitude: float, longitude: float) -> str:
    """An OpenStreetMap link with a marker on the venue, zoomed to street level."""
    lat, lon = f"{latitude:.5f}".rstrip("0").rstrip("."), f"{longitude:.5f}".rstrip("0").rstrip(".")
    return f"{OSM}?{_query({'mlat': lat, 'mlon': lon})}#map=16/{lat}/{lon}"


def event_page_url(base_url: str, slug: str, lang: str) -> str:
    """The absolute URL of the event's public page in `lang`."""
    return f"{base_url.rstrip('/')}/{lang}/events/{quote(slug)}/"


def event_ics_url(base_url: str, slug: str, lang: str) -> str:
    """The absolute URL of the event's single-event .ics download."""
    return f"{base_url.rstrip('/')}/events/{quote(slug)}.ics?{_query({'lang': lang})}"


def feed_ics_url(base_url: str, slug: str, lang: str) -> str:
    """The absolute https URL of a feed, as calendar apps subscribe to it."""
    return f"{base_url.rstrip('/')}/feeds/{quote(slug)}.ics?{_query({'lang': lang})}"


def webcal_url(https_url: str) -> str:
    """The webcal:// form of a feed URL, which opens the visitor's calendar app to subscribe."""
    return "webcal://" + https_url.split("://", 1)[1]


def _details(event: Event, lang: str, page_url: str) -> str:
    text = event.description(lang)
    if len(text) > DETAILS_MAX:
        text = text[: DETAILS_MAX - 1].rstrip() + "…"
    return f"{text}\n\n{page_url}".strip()


def google_dates(event: Event) -> str:
    """Google's `dates`: an exclusive end day for all-day events, local times for timed ones."""
    if event.all_day:
        end = event.ends_on + dt.timedelta(days=1)
        return f"{event.starts_on:%Y%m%d}/{end:%Y%m%d}"
    return f"{event.starts_local:%Y%m%dT%H%M%S}/{event.ends_local:%Y%m%dT%H%M%S}"


def google_calendar_url(event: Event, lang: str, page_url: str, location: str) -> str:
    """A Google Calendar "create event" link, times in the event's own zone (ctz)."""
    params = {
        "action": "TEMPLATE",
        "text": event.title(lang),
        "dates": google_dates(event),
        "details": _details(event, lang, page_url),
        "location": location,
        "ctz": event.tzid,
    }
    return f"{GOOGLE_TEMPLATE}?{_query(params)}"


def outlook_dates(event: Event) -> tuple[str, str]:
    """Outlook's start/end: dates with an exclusive end for all-day, offset times otherwise."""
    if event.all_day:
        return event.starts_on.isoformat(), (event.ends_on + dt.timedelta(days=1)).isoformat()
    # Outlook's deeplink has no zone parameter: give the instant with its UTC offset.
    return event.starts_at.isoformat(), event.ends_at.isoformat()


def outlook_url(event: Event, lang: str, page_url: str, location: str) -> str:
    """An Outlook.com "new event" deeplink."""
    start, end = outlook_dates(event)
    params = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": event.title(lang),
        "startdt": start,
        "enddt": end,
        "allday": "true" if event.all_day else "false",
        "location": location,
        "body": _details(event, lang, page_url),
    }
    return f"{OUTLOOK_COMPOSE}?{_query(params)}"
