"""Ready-to-display values for the HTML pages: templates show these and decide nothing."""

from dataclasses import dataclass

from .events import Event


@dataclass(frozen=True)
class EventSummary:
    """One line of an event list."""

    slug: str
    title: str
    gregorian: str
    hijri: str
    time: str
    place: str
    cancelled: bool


def event_summary(event: Event, lang: str) -> EventSummary:
    """The values an event list shows, in `lang`."""
    return EventSummary(
        slug=event.slug,
        title=event.title(lang),
        gregorian=event.gregorian_label(lang),
        hijri=event.hijri_label(lang),
        time=event.time_label(lang),
        place=event.venue.location(lang) if event.venue else "",
        cancelled=event.is_cancelled,
    )
