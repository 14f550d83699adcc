"""A hostile corpus of text and dates through the staff form, in English and in Arabic, on a production
gunicorn over real HTTP.

Each entry either saves (then its public page renders, its one-event file and every feed parse with
icalendar and vobject, and the feed holds exactly what was typed, cleaned as DECISIONS.md says, and
no injected component) or is a field error with a message next to the expected field, the form showing
again what was typed. Never a 500. Zero-width characters (U+200B, U+FEFF, U+2060) in single-line fields
may or may not be removed (another change does that); comparisons ignore them.
"""

import itertools
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

import icalendar
import markupsafe
import pytest

from tests.reliability.conftest import csrf_token
from tests.reliability.staff_forms import (
    check_parses,
    event_form,
    fetch_feed,
    field_errors,
    form_values,
    private_site,
    staff_client,
)

EDITOR = "hostile@example.org"
FEEDS = ("all", "qatar", "uae", "exhibitions", "milipol-qatar", "world-police-summit")
_DROP = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x85]")
_ZERO_WIDTH = re.compile("[\u200b\ufeff\u2060]")
MULTILINE = ("description_en", "description_ar", "source_citation", "source_conflict")
# Fields whose value the re-shown form must hold (selects and radios show a choice, not what was sent).
TYPED = ("title_en", "title_ar", "slug", "description_en", "description_ar", "venue_name_en", "venue_name_ar",
         "city_en", "city_ar", "address", "latitude", "longitude", "categories", "organizer_name_en",
         "organizer_url", "url", "starts_on", "ends_on", "start_time", "end_time", "hijri_start_year",
         "hijri_start_month", "hijri_start_day", "edition", "exdates")


def cleaned(value: str, name: str) -> str:
    """What DECISIONS.md says is kept of typed text, zero-width characters aside."""
    text = _BREAKS.sub("\n", value)
    if name not in MULTILINE:
        text = text.replace("\n", " ").replace("\t", " ")
    return comparable(_DROP.sub("", text))


def comparable(text: str) -> str:
    """Text with zero-width characters removed (whether they are kept is not this suite's business)."""
    return _ZERO_WIDTH.sub("", text).strip()


@dataclass(frozen=True)
class Case:
    """One hostile entry: form fields, and the field whose error it must give (None: it saves)."""

    name: str
    fields: dict
    error: str | None = None
    raw: str = ""  # already percent-encoded name=value, for bytes that are not UTF-8
    saved_as: dict = field(default_factory=dict)  # expected stored text where cleaning is not the rule


TIMED = {"timing": "timed", "starts_on": "2027-03-15", "ends_on": "2027-03-15", "start_time": "09:00",
         "end_time": "17:00"}
HIJRI = {"calendar": "hijri", "hijri_start_year": "1448", "hijri_start_month": "9", "hijri_start_day": "1",
         "hijri_end_year": "1448", "hijri_end_month": "9", "hijri_end_day": "2"}
INJECT = "Expo\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil@example.org\r\nSUMMARY:Injected"

CORPUS = [
    # control, format and direction characters
    Case("nul", {"title_en": "Expo\x00Doha"}),
    Case("c0-escape", {"title_en": "Expo\x01\x02\x07\x1b[31mRed\x1f"}),
    Case("c1-and-del", {"title_en": "Expo\x80\x85\x9b\x9fNext\x7f"}),
    Case("bidi-override", {"title_en": "\u202eopxE\u202c Doha \u202dx\u202c"}),
    Case("bidi-isolates", {"title_en": "\u2066Expo\u2069 \u2067Doha\u2069 \u2068x\u2069"}),
    Case("zero-width", {"title_en": "Ex\u200bpo\ufeff Doha\u2060"}),
    Case("zwj-zwnj-arabic", {"title_ar": "مي\u200cلي\u200dبول قطر"}),
    Case("lrm-rlm-alm", {"title_ar": "معرض \u200e2027\u200f \u061cالدوحة"}),
    Case("nul-in-description", {"description_en": "line one\x00\nline two\x0b\x0c"}),
    Case("line-separators", {"title_en": "Expo\u2028Doha\u2029Qatar\x85",
                             "description_en": "a\u2028b\u2029c"}),
    Case("tab-in-title", {"title_en": "Expo\tDoha"}),
    Case("nul-in-slug", {"slug": "expo\x00doha"}, error="slug"),
    # bytes that are not UTF-8 (lone surrogate, overlong encoding)
    Case("lone-surrogate", {}, raw="title_en=Expo%ED%A0%80",
         saved_as={"title_en": ("Expo%ED%A0%80", "Expo\ufffd\ufffd\ufffd")}),
    Case("overlong-utf8", {}, raw="title_en=Expo%C0%AF",
         saved_as={"title_en": ("Expo%C0%AF", "Expo\ufffd\ufffd")}),
    # lengths at and over each limit
    Case("title-at-200", {"title_en": "x" * 200}),
    Case("title-at-201", {"title_en": "x" * 201}, error="title_en"),
    Case("arabic-title-201", {"title_ar": "ب" * 201}, error="title_ar"),
    Case("title-200-after-cleaning", {"title_en": "x" * 200 + "\x00" * 20}),
    Case("description-at-20000", {"description_en": "d" * 20_000}),
    Case("description-at-20001", {"description_en": "d" * 20_001}, error="description_en"),
    Case("venue-name-201", {"venue_name_en": "v" * 201}, error="venue_name_en"),
    Case("organizer-201", {"organizer_name_en": "o" * 201}, error="organizer_name_en"),
    Case("address-501", {"address": "a" * 501}, error="address"),
    Case("url-501", {"url": "https://example.org/" + "p" * 481}, error="url"),
    Case("slug-121", {"slug": "s" * 121}, error="slug"),
    Case("category-41", {"categories": "c" * 41}, error="categories"),
    Case("categories-11", {"categories": ",".join(f"c{i}" for i in range(11))}, error="categories"),
    # markup, templates, format strings, iCalendar injection
    Case("script", {"title_en": "<script>alert(1)</script>",
                    "description_en": "<img src=x onerror=alert(1)>"}),
    Case("jinja", {"title_en": "{{ 7*7 }} {% if 1 %}x{% endif %}", "title_ar": "{{ config }}"}),
    Case("format-strings", {"title_en": "%s %(title)s %d {0} %n", "venue_name_en": "%(slug)s"}),
    Case("ics-injection-title", {"title_en": INJECT}),
    Case("ics-injection-description", {"description_en": INJECT + "\r\nEND:VCALENDAR"}),
    Case("crlf-in-venue-name", {"venue_name_en": "Hall\r\nX-INJECT:1\r\nGEO:0;0"}),
    Case("crlf-in-organizer", {"organizer_name_en": "Org\r\nORGANIZER:mailto:evil@example.org"}),
    Case("ics-specials", {"title_en": "A;B,C\\D:E\\nF", "venue_name_en": "Hall; Doha, QA"}),
    Case("url-javascript", {"url": "javascript:alert(1)"}, error="url"),
    Case("url-with-crlf", {"organizer_url": "https://example.org/\r\nX-EVIL:1"}, error="organizer_url"),
    Case("slug-traversal", {"slug": "../../etc/passwd"}, error="slug"),
    Case("slug-arabic", {"slug": "معرض"}, error="slug"),
    # scripts and emoji
    Case("emoji", {"title_en": "Expo 🛡️👮🏽‍♀️ 2027 🇶🇦", "title_ar": "معرض 🛡️"}),
    Case("arabic-diacritics", {"title_ar": "مَعْرِضُ الأَمْنِ الوَطَنِيِّ"}),
    Case("rtl-ltr-mix", {"title_ar": "معرض Milipol 2027 في الدوحة (DECC)",
                         "title_en": "Milipol «الدوحة» 2027"}),
    # numbers
    Case("latitude-nan", {"latitude": "NaN"}, error="latitude"),
    Case("longitude-inf", {"longitude": "-inf"}, error="longitude"),
    Case("latitude-huge", {"latitude": "1e308"}, error="latitude"),
    Case("edition-superscript", {"edition": "²"}, error="edition"),
    Case("edition-negative", {"edition": "-3"}, error="edition"),
    # dates and times
    Case("year-zero", {"starts_on": "0000-01-01", "ends_on": "0000-01-02"}, error="starts_on"),
    Case("before-the-table", {"starts_on": "1924-07-31", "ends_on": "1924-07-31"}, error="starts_on"),
    Case("after-the-table", {"starts_on": "2077-11-17", "ends_on": "2077-11-17"}, error="starts_on"),
    Case("february-30", {"starts_on": "2024-02-30", "ends_on": "2024-03-01"}, error="starts_on"),
    Case("five-digit-year", {"starts_on": "99999-01-01"}, error="starts_on"),
    Case("other-date-format", {"starts_on": "15/03/2027", "ends_on": "16/03/2027"}, error="starts_on"),
    Case("end-before-start", {"starts_on": "2027-03-16", "ends_on": "2027-03-15"}, error="ends_on"),
    Case("first-and-last-day-of-table", {"starts_on": "1924-08-01", "ends_on": "2077-11-16"}),
    Case("hijri-1342", {**HIJRI, "hijri_start_year": "1342", "hijri_end_year": "1342"},
         error="hijri_start_day"),
    Case("hijri-1501", {**HIJRI, "hijri_start_year": "1501", "hijri_end_year": "1501"},
         error="hijri_start_day"),
    Case("hijri-30-shaban-1445", {**HIJRI, "hijri_start_year": "1445", "hijri_start_month": "8",
                                  "hijri_start_day": "30", "hijri_end_year": "1445", "hijri_end_month": "9",
                                  "hijri_end_day": "1"}, error="hijri_start_day"),
    Case("hijri-month-13", {**HIJRI, "hijri_start_month": "13"}, error="hijri_start_month"),
    Case("time-24-00", {**TIMED, "end_time": "24:00"}, error="end_time"),
    Case("time-25-61", {**TIMED, "start_time": "25:61"}, error="start_time"),
    Case("time-with-seconds", {**TIMED, "start_time": "09:00:00"}, error="start_time"),
    Case("time-in-gap", {**TIMED, "tzid": "Europe/Paris", "starts_on": "2027-03-28", "ends_on": "2027-03-28",
                         "start_time": "02:30"}, error="start_time"),
    Case("zone-traversal", {**TIMED, "tzid": "../../etc/passwd"}, error="tzid"),
    Case("zone-with-nul", {**TIMED, "tzid": "Europe/Paris\x00"}, error="tzid"),
    Case("zone-lower-case", {**TIMED, "tzid": "europe/paris"}, error="tzid"),
    Case("zone-empty", {"tzid": ""}, error="tzid"),
    Case("exdate-with-nul", {"repeat": "gregorian", "repeat_freq": "YEARLY", "exdates": "2028-03-15\x00"},
         error="exdates"),
]
_numbers = itertools.count(1)
FORM_TYPE = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture(scope="module")
def site(tmp_path_factory, sqlite_template):
    """One production gunicorn for the whole corpus."""
    with private_site(tmp_path_factory.mktemp("hostile"), sqlite_template, ((EDITOR, "editor"),)) as started:
        yield started


@pytest.fixture(scope="module")
def editors(site):
    """One logged-in client per interface language, with its form's CSRF token (one session each)."""
    with (staff_client(site, EDITOR, create=False) as en,
          staff_client(site, EDITOR, lang="ar", create=False) as ar):
        yield {lang: (client, csrf_token(client, f"/{lang}/staff/events/new")) for lang, client in
               (("en", en), ("ar", ar))}


@pytest.fixture(scope="module")
def saved():
    """Every event the corpus saved: {uid: (case, language, typed fields)}, filled as the tests run."""
    return {}


def test_the_corpus_is_big_enough():
    assert len(CORPUS) >= 40 and len({c.name for c in CORPUS}) == len(CORPUS)


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("case", CORPUS, ids=[c.name for c in CORPUS])
def test_hostile_entry_is_saved_whole_or_a_field_error(editors, saved, case, lang):
    n = next(_numbers)
    typed = event_form(**{"title_en": f"Hostile {n}", "slug": f"hostile-{n}",
                          "venue_slug": f"hostile-hall-{n}", "venue_name_en": f"Hostile Hall {n}",
                          **case.fields})
    if case.raw:
        typed.pop(case.raw.split("=", 1)[0])
    editor, token = editors[lang]
    body = urlencode({**typed, "csrf_token": token}) + ("&" + case.raw if case.raw else "")
    response = editor.post(f"/{lang}/staff/events/new", content=body, headers=FORM_TYPE)
    assert response.status_code in (302, 422), (response.status_code, response.text[-2000:])
    if case.error is None:
        assert response.status_code == 302, field_errors(response.text)
        _check_saved(editor, saved, case, lang, typed)
    else:
        _check_refused(response, case, typed)


def _check_refused(response, case: Case, typed: dict) -> None:
    assert response.status_code == 422
    errors = field_errors(response.text)
    assert errors.get(case.error, "").strip(), (case.error, errors)
    assert all(len(message) < 400 and "Traceback" not in message for message in errors.values()), errors
    shown = form_values(response.text)
    for name in TYPED:
        if name in case.fields:
            assert cleaned(shown.get(name, ""), name) == cleaned(typed[name], name), name


def _check_saved(editor, saved: dict, case: Case, lang: str, typed: dict) -> None:
    page_lang = "ar" if any(k.endswith("_ar") for k in case.fields) else "en"
    page = editor.get(f"/{page_lang}/events/{typed['slug']}/")
    assert page.status_code == 200
    download = editor.get(f"/events/{typed['slug']}.ics?lang={page_lang}")
    assert download.status_code == 200 and check_parses(download.content) == 1
    vevent = icalendar.Calendar.from_ical(download.content).walk("VEVENT")[0]
    title = _expected(case, typed, f"title_{page_lang}")
    assert any(comparable(str(vevent["SUMMARY"])) == t for t in title), (vevent["SUMMARY"], title)
    assert any(str(markupsafe.escape(t)) in _ZERO_WIDTH.sub("", page.text) for t in title)
    assert "<script>alert" not in page.text and "<img src=x" not in page.text
    for name, key in (("description_en", "DESCRIPTION"), ("venue_name_en", "LOCATION")):
        if name in case.fields and page_lang == "en":
            assert any(text in comparable(str(vevent[key])) for text in _expected(case, typed, name))
    saved[str(vevent["UID"])] = (case.name, lang, typed)


def _expected(case: Case, typed: dict, name: str) -> tuple[str, ...]:
    if name in case.saved_as:
        return case.saved_as[name]
    return (cleaned(typed[name], name),)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_feed_still_parses_and_holds_no_injected_component(site, saved, lang):
    with site.client() as client:
        for slug in FEEDS:
            body = fetch_feed(client, f"/feeds/{slug}.ics?lang={lang}").body
            count = check_parses(body)
            calendar = icalendar.Calendar.from_ical(body)
            keys = [(str(v["UID"]), str(v.get("RECURRENCE-ID", ""))) for v in calendar.walk("VEVENT")]
            assert len(keys) == len(set(keys)) == count == body.count(b"\r\nBEGIN:VEVENT\r\n")
            assert not any("evil" in uid for uid, _ in keys)
            assert body.count(b"BEGIN:VCALENDAR") == 1 and body.endswith(b"END:VCALENDAR\r\n")
            if slug == "all":
                assert set(saved) <= {uid for uid, _ in keys}
