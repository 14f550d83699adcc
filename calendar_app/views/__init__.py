"""The web side: one blueprint per area. Views read the clock here, and nowhere below them."""

import datetime as dt


def now() -> dt.datetime:
    """The one clock read of a request (tests freeze it)."""
    return dt.datetime.now(dt.UTC)
