"""Driving the staff area over real HTTP: log in, read a rendered form the way a browser submits it,
post it, read the field errors back, and fetch feeds with their validators.

Used by test_published_data.py, test_hostile_form.py and test_concurrency.py.
"""

import contextlib
import email.utils
import html
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

import httpx
import icalendar
import vobject

from tests.reliability.conftest import Server, add_account, csrf_token, log_in, seed_database, start_gunicorn

ERROR_RE = re.compile(r'<p class="error" id="([a-z0-9_]+)-error" role="alert">([^<]*)</p>')


class _FormReader(HTMLParser):
    """What a browser sends for one <form>: named inputs, checked boxes, selected options, textareas."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.values = form_id, False, []
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside or "name" not in a and tag != "option":
            return
        if tag == "input" and a.get("type") not in ("submit", "button", "reset"):
            if a.get("type") in ("radio", "checkbox") and "checked" not in a:
                return
            self.values.append((a["name"], a.get("value") or ""))
        elif tag == "select":
            self._select, self._select_first, self._select_chosen = a["name"], None, False
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in a and not self._select_chosen:
                self.values.append((self._select, value))
                self._select_chosen = True
        elif tag == "textarea":
            self._textarea, self._text = a["name"], []

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self._select is not None:
            if not self._select_chosen and self._select_first is not None:
                self.values.append((self._select, self._select_first))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            self.values.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)


@contextlib.contextmanager
def private_site(folder, sqlite_template, accounts: tuple[tuple[str, str], ...]) -> Iterator[Server]:
    """A production gunicorn on a seeded SQLite file of its own, with these (email, role) accounts.

    For a module-scoped fixture: one server for a module's tests, each using events of its own.
    """
    path = folder / "site.sqlite"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    seed_database(url)
    for email_address, role in accounts:
        add_account(url, email_address, role)
    started = start_gunicorn(url, folder)
    try:
        yield started
    finally:
        started.stop()


def form_values(page: str, form_id: str = "event-form") -> dict[str, str]:
    """The fields of a rendered form as a browser would submit them unchanged (one value per name)."""
    reader = _FormReader(form_id)
    reader.feed(page)
    return dict(reader.values)


def field_errors(page: str) -> dict[str, str]:
    """Every field error on a rendered form: {field name: message}."""
    return {name: html.unescape(message) for name, message in ERROR_RE.findall(page)}


@contextlib.contextmanager
def staff_client(server: Server, email: str, *, role: str = "editor", lang: str = "en",
                 create: bool = True) -> Iterator[httpx.Client]:
    """A client logged in over HTTP (the account is created first unless `create` is false)."""
    if create:
        add_account(server.database_url, email, role)
    with server.client() as client:
        assert log_in(client, email, lang=lang).status_code == 302
        yield client


def post_form(client: httpx.Client, path: str, data: dict, *, csrf_from: str | None = None) -> httpx.Response:
    """POST form data with the CSRF token of the form rendered at `csrf_from` (default: `path`)."""
    return client.post(path, data={**data, "csrf_token": csrf_token(client, csrf_from or path)})


def event_form(**overrides) -> dict:
    """A valid, all-day, Gregorian entry of the event form with a new venue."""
    data = {
        "title_en": "Border Security Expo", "title_ar": "معرض أمن الحدود", "slug": "border-security-expo",
        "description_en": "Two days of talks.", "description_ar": "يومان من المحاضرات.",
        "calendar": "gregorian", "timing": "all_day", "starts_on": "2027-03-15", "ends_on": "2027-03-16",
        "tzid": "Asia/Qatar", "venue": "__new__", "venue_slug": "expo-hall", "venue_name_en": "Expo Hall",
        "venue_name_ar": "قاعة المعارض", "city_en": "Doha", "city_ar": "الدوحة", "country_code": "QA",
        "latitude": "25.3", "longitude": "51.5", "categories": "exhibition, security", "series": "",
        "status": "confirmed", "repeat": "none", "action": "publish",
    }
    data.update(overrides)
    return data


def uid_of(client: httpx.Client, title: str) -> str:
    """The UID of the event with this title, read from the staff dashboard."""
    page = client.get("/en/staff/").text
    for uid, row in re.findall(r'<tr class="[^"]*" data-uid="([^"]+)">(.*?)</tr>', page, re.S):
        if html.escape(title, quote=False) in row:
            return html.unescape(uid)
    raise AssertionError(f"no event titled {title!r} on the dashboard")


@dataclass(frozen=True)
class FeedCopy:
    """A feed as a subscriber got it: bytes and validators."""

    status: int
    body: bytes
    etag: str
    last_modified: str

    def calendar(self) -> icalendar.Calendar:
        """The body read by icalendar."""
        return icalendar.Calendar.from_ical(self.body)

    def vevent(self, uid: str) -> icalendar.Event:
        """The one VEVENT with this UID."""
        found = [c for c in self.calendar().walk("VEVENT") if str(c["UID"]) == uid]
        assert len(found) == 1, f"{len(found)} VEVENTs with UID {uid}"
        return found[0]


def fetch_feed(client: httpx.Client, path: str = "/feeds/all.ics?lang=en", **headers: str) -> FeedCopy:
    """GET a feed (optionally with conditional headers)."""
    response = client.get(path, headers=headers)
    assert response.status_code in (200, 304), (path, response.status_code, response.text[:300])
    return FeedCopy(response.status_code, response.content, response.headers.get("ETag", ""),
                    response.headers.get("Last-Modified", ""))


def check_parses(body: bytes) -> int:
    """Read a feed with icalendar and with vobject; both must agree on the VEVENT UIDs. Returns the count."""
    by_icalendar = sorted(str(c["UID"]) for c in icalendar.Calendar.from_ical(body).walk("VEVENT"))
    parsed = vobject.readOne(body.decode("utf-8"))
    by_vobject = sorted(str(v.uid.value) for v in parsed.contents.get("vevent", []))
    assert by_icalendar == by_vobject
    return len(by_icalendar)


def assert_validators_follow_bytes(client: httpx.Client, before: FeedCopy, after: FeedCopy,
                                   path: str = "/feeds/all.ics?lang=en") -> None:
    """Changed bytes mean a new ETag, a later Last-Modified, and no 304 for the old Last-Modified."""
    if before.body == after.body:
        assert before.etag == after.etag
        return
    assert before.etag != after.etag
    assert _http_date(after.last_modified) > _http_date(before.last_modified), (before.last_modified,
                                                                              after.last_modified)
    again = fetch_feed(client, path, **{"If-Modified-Since": before.last_modified})
    assert again.status == 200 and again.body == after.body


def _http_date(value: str):
    return email.utils.parsedate_to_datetime(value)
