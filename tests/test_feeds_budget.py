"""The feed's byte budget: far below Google's ~1 MB, dropping the least useful events first."""

import dataclasses
import datetime as dt

import pytest

from calendar_app import feeds

TODAY = dt.date(2026, 11, 23)


def _events(make_test_event, offsets):
    return [
        make_test_event(
            uid=f"e{n}@t",
            slug=f"e{n}",
            starts_on=TODAY + dt.timedelta(days=n),
            ends_on=TODAY + dt.timedelta(days=n),
        )
        for n in offsets
    ]


def test_fit_budget_keeps_nearest_future_then_most_recent_past(make_test_event):
    events = _events(make_test_event, [-30, -20, -10, 0, 5, 50, 500])
    feed = dataclasses.replace(feeds.load_feeds(feeds_dir())["all"], max_bytes=5 * 1000)
    kept = feeds.fit_budget(feed, events, TODAY, lambda _event: 1000)
    # all four current/future events first, then the single most recent past one
    assert [e.slug for e in kept] == ["e-10", "e0", "e5", "e50", "e500"]


def test_fit_budget_drops_farthest_future_when_future_alone_is_too_big(make_test_event):
    events = _events(make_test_event, [-1, 1, 2, 3])
    feed = dataclasses.replace(feeds.load_feeds(feeds_dir())["all"], max_bytes=2000)
    kept = feeds.fit_budget(feed, events, TODAY, lambda _event: 1000)
    assert [e.slug for e in kept] == ["e1", "e2"]


def test_shipped_feeds_have_a_budget_under_google_limit():
    for feed in feeds.load_feeds(feeds_dir()).values():
        assert 0 < feed.max_bytes <= 900_000


@pytest.mark.parametrize("value", ["0", "2000000", '"big"'])
def test_bad_byte_budget_is_refused_at_start_up(tmp_path, value):
    path = tmp_path / "x.toml"
    path.write_text(f'slug = "x"\ntitle_en = "X"\ntitle_ar = "س"\n[window]\nmax_bytes = {value}\n')
    with pytest.raises(feeds.FeedDefinitionError, match="max_bytes"):
        feeds.load_feed(path)


def test_feed_body_respects_budget_over_http(app, add_event):
    for n in range(40):
        add_event(
            uid=f"b{n}@t",
            slug=f"b{n}",
            title_en="x" * 150,
            starts_on=dt.date(2027, 1, 1) + dt.timedelta(days=n),
            ends_on=dt.date(2027, 1, 1) + dt.timedelta(days=n),
        )
    app.extensions["feeds"]["all"] = dataclasses.replace(app.extensions["feeds"]["all"], max_bytes=12_000)
    body = app.test_client().get("/feeds/all.ics").data
    assert 0 < body.count(b"BEGIN:VEVENT") < 40
    assert b"UID:b0@t" in body and b"UID:b39@t" not in body  # nearest kept, farthest dropped


def feeds_dir():
    from tests.conftest import ROOT

    return ROOT / "feeds"
