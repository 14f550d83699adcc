"""The domain and the renderers run without Flask: they can serve a CLI, an import or another web stack.

A fresh interpreter refuses every flask* import, then imports each pure module and renders an event
(a feed, a page's values, a refusal in Arabic), so lazy imports inside functions are exercised too.
"""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PURE = ("languages", "errors", "text", "dates", "hijri", "events", "recurrence", "links", "feeds", "ics",
        "pages", "staff_pages", "facets")

SCRIPT = textwrap.dedent("""
    import datetime as dt
    import importlib
    import importlib.abc
    import sys

    class NoFlask(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name == "flask" or name.startswith(("flask.", "flask_")):
                raise ImportError(f"{name} imported by a pure module")
            return None

    sys.meta_path.insert(0, NoFlask())
    for name in sys.argv[1:]:
        importlib.import_module(f"calendar_app.{name}")

    from calendar_app import events, feeds, hijri, ics, pages
    now = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    event = events.make_event(
        uid="pure@calendar.test", slug="pure", title_en="Pure", title_ar="نقي", tzid="Asia/Qatar",
        starts_on=dt.date(2027, 2, 8), ends_on=dt.date(2027, 2, 8), created_at=now, updated_at=now,
        recurrence={"calendar": "hijri", "freq": "yearly", "month": 9, "day": 1, "interval": 1,
                    "count": 3, "until": None, "skip": "omit"})
    feed = feeds.Feed(slug="all", title_en="All", title_ar="الكل")
    body = ics.build_calendar(feed, [event], "ar", "https://example.org").to_ical()
    assert body.count(b"BEGIN:VEVENT") == 3, body
    detail = pages.event_detail(event, "ar", "https://example.org", {"all": feed}, today=now.date())
    assert detail.dir == "rtl" and detail.next_dates, detail
    try:
        hijri.from_hijri(1445, 8, 30)
    except events.EventError as exc:
        assert exc.text("ar") == "شهر شعبان من عام 1445 هـ فيه 29 يومًا؛ لا يوجد اليوم 30.", exc.text("ar")
    assert not [m for m in sys.modules if m == "flask" or m.startswith(("flask.", "flask_"))]
    print("pure")
""")


def test_domain_and_renderers_run_without_flask():
    result = subprocess.run([sys.executable, "-c", SCRIPT, *PURE], cwd=ROOT, capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0 and result.stdout.strip() == "pure", result.stderr[-3000:]
