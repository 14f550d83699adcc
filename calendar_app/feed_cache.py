"""What the two calendar URLs serve, with its Last-Modified: a feed's bytes (cached per process) and a
one-event download's (rendered each time: a download is a click, a feed is polled by every subscriber).

A FeedCache keeps each event's VEVENT fragment (ics.FragmentCache, keyed on everything the bytes depend
on) and each whole feed, keyed on the feed, the language, the day, the horizon and the database's
change stamp, so a request with no change costs one aggregate query. One per app, so per gunicorn
worker (create_app makes it). Issue 13 rebuilds this around a change generation. No Flask: callers pass
the session, BASE_URL, the horizon and `today`.
"""

import datetime as dt

from sqlalchemy.orm import Session

from . import feeds, ics, recurrence, store
from .events import Event


class FeedCache:
    """Feed bodies and their Last-Modified, rebuilt only when the day or any event changed."""

    def __init__(self, feed_count: int):
        self.fragments = ics.FragmentCache()
        self._feeds: dict[tuple, tuple[bytes, dt.datetime]] = {}
        self._max_feeds = 4 * feed_count  # then only old days and old stamps are held: start again

    def feed(self, session: Session, feed: feeds.Feed, lang: str, today: dt.date, *, base_url: str,
             horizon_years: int) -> tuple[bytes, dt.datetime]:
        """The feed's bytes and Last-Modified today."""
        key = (feed.slug, lang, today, horizon_years, store.change_stamp(session))
        found = self._feeds.get(key)
        if found is None:
            if len(self._feeds) > self._max_feeds:
                self._feeds.clear()
            found = self._feeds[key] = self._build(session, feed, lang, today, base_url, horizon_years)
        return found

    def _build(self, session: Session, feed: feeds.Feed, lang: str, today: dt.date, base_url: str,
               horizon_years: int) -> tuple[bytes, dt.datetime]:
        everything = store.all_events(session)  # drafts too: unpublishing changes Last-Modified
        horizon = recurrence.feed_horizon(today, horizon_years)

        def size(event: Event) -> int:
            return len(self.fragments.fragment(event, lang, base_url, horizon))

        shown = feeds.window(feed, everything, today, size)
        body = ics.render_feed(feed, shown, lang, base_url, self.fragments, horizon)
        changed = feeds.last_changed(feed, everything, today, horizon_years=horizon_years)
        return body, ics.last_modified(changed)


def event_calendar(event: Event, lang: str, today: dt.date, *, base_url: str,
                   horizon_years: int) -> tuple[bytes, dt.datetime]:
    """A one-event download's bytes and Last-Modified today."""
    body = ics.render_event(event, lang, base_url, recurrence.feed_horizon(today, horizon_years))
    return body, ics.last_modified(feeds.event_changed_at(event, today, horizon_years))
