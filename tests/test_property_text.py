"""Property: any text in any text field gives either a clear field error or an event whose pages
render and whose feeds still parse (control characters, bidi controls, U+2028, very long text)."""

import itertools
import re

import icalendar
from hypothesis import HealthCheck, given, settings
from hypothesis import event as outcome
from hypothesis import strategies as st

from tests.staff_support import add_staff, event_form, log_in, token

TEXT_FIELDS = (
    "title_en", "title_ar", "description_en", "description_ar", "organizer_name_en", "organizer_name_ar",
    "source_citation", "source_conflict", "venue_name_en", "venue_name_ar", "city_en", "city_ar", "address",
    "series_name_en", "series_name_ar", "categories", "url", "organizer_url", "source_url",
)  # fmt: skip
NASTY = (
    "\x00\x07\x1b\x7f\x85\u2028\u2029\u202a\u202b\u202e\u2066\u2067\u2069"  # stripped or turned into spaces
    "\u200e\u200f\u061c\u200d\r\n\t<>&\"'"  # kept (marks Arabic needs) or escaped on output
)
ERROR_RE = re.compile(r'<p class="error" id="[a-z_]+-error" role="alert">[^<]+</p>')
text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.sampled_from(NASTY + "ab ع"), max_size=60),
    st.builds(lambda ch, n: ch * n, st.sampled_from("aبx\u2028<"), st.integers(190, 12_000)),
)
_slugs = itertools.count()


def _staff_client(app):
    """One logged-in client per app (hypothesis runs many examples against the same app)."""
    if "property_client" not in app.extensions:
        add_staff(app, "prop@example.org")
        client = app.test_client()
        log_in(client, "prop@example.org")
        app.extensions["property_client"] = client
    return app.extensions["property_client"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(TEXT_FIELDS), value=text)
def test_any_text_is_a_field_error_or_a_renderable_event(app, field, value):
    client = _staff_client(app)
    n = next(_slugs)
    data = event_form(slug=f"prop-{n}", venue_slug=f"prop-hall-{n}", series="__new__",
                      series_slug=f"prop-series-{n}", series_name_en="Property series")
    data[field] = value
    response = client.post("/en/staff/events/new", data={**data, "csrf_token": token(client, "/en/staff/")})
    assert response.status_code in (302, 422), response.status_code
    outcome("saved" if response.status_code == 302 else "field error")
    if response.status_code == 422:
        assert ERROR_RE.search(response.get_data(as_text=True))
        return
    for lang in ("en", "ar"):
        assert client.get(f"/{lang}/events/prop-{n}/").status_code == 200
    for slug in app.extensions["feeds"]:
        for lang in ("en", "ar"):
            feed = client.get(f"/feeds/{slug}.ics?lang={lang}")
            assert feed.status_code == 200
            icalendar.Calendar.from_ical(feed.data)
