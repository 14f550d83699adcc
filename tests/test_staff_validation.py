"""Bad input in the event form: a message next to the field, in the user's language; nothing saved."""

import html

import pytest
from sqlalchemy import func, select

from calendar_app import db, hijri
from calendar_app.models import EventRow
from tests.staff_support import add_staff, error_text, event_form, log_in, post_form

RANGE_EN = hijri.RANGE_MESSAGE
RANGE_AR = "يجب أن تقع التواريخ بين 1924-08-01 و2077-11-16 (1343–1500 هـ)، وهو نطاق جدول أم القرى."
HIJRI = {"calendar": "hijri", "starts_on": "", "ends_on": ""}


def _hijri(start, end):
    return {
        **HIJRI,
        **{f"hijri_start_{k}": v for k, v in zip(("year", "month", "day"), start, strict=True)},
        **{f"hijri_end_{k}": v for k, v in zip(("year", "month", "day"), end, strict=True)},
    }


CASES = [
    (
        "end-before-start",
        {"starts_on": "2027-03-16", "ends_on": "2027-03-15"},
        "ends_on",
        "The event ends before it starts.",
        "تنتهي الفعالية قبل أن تبدأ.",
    ),
    (
        "timed-end-before-start",
        {"timing": "timed", "ends_on": "2027-03-15", "start_time": "10:00", "end_time": "09:00"},
        "end_time",
        "The event ends before it starts.",
        "تنتهي الفعالية قبل أن تبدأ.",
    ),
    (
        "missing-hijri-day",
        _hijri(("1445", "8", "30"), ("1445", "8", "30")),
        "hijri_start_day",
        "Sha'ban 1445 AH has 29 days; there is no day 30.",
        "شهر شعبان من عام 1445 هـ فيه 29 يومًا؛ لا يوجد اليوم 30.",
    ),
    (
        "hijri-out-of-range",
        _hijri(("1501", "1", "1"), ("1501", "1", "2")),
        "hijri_start_day",
        RANGE_EN,
        RANGE_AR,
    ),
    (
        "gregorian-out-of-range",
        {"starts_on": "2080-01-01", "ends_on": "2080-01-02"},
        "starts_on",
        RANGE_EN,
        RANGE_AR,
    ),
    (
        "unknown-zone",
        {"tzid": "Mars/Olympus_Mons"},
        "tzid",
        "Unknown time zone “Mars/Olympus_Mons”; use an IANA name such as Asia/Qatar.",
        "منطقة زمنية غير معروفة «Mars/Olympus_Mons»؛ استخدم اسمًا من قاعدة IANA مثل Asia/Qatar.",
    ),
    (
        "empty-titles",
        {"title_en": "  ", "title_ar": "\u202e"},
        "title_en",
        "Give the event a title in Arabic or English.",
        "أعطِ الفعالية عنوانًا بالعربية أو بالإنجليزية.",
    ),
    (
        "long-title",
        {"title_ar": "ب" * 10_000},
        "title_ar",
        "At most 200 characters (this has 10000).",
        "200 حرفًا على الأكثر (في هذا النص 10000).",
    ),
    (
        "latitude-200",
        {"latitude": "200"},
        "latitude",
        "Latitude must be between -90 and 90.",
        "يجب أن يكون خط العرض بين -90 و90.",
    ),
    (
        "bad-category",
        {"categories": "Security!"},
        "categories",
        "Categories are short names of lower-case letters, digits and hyphens.",
        "التصنيفات أسماء قصيرة من أحرف لاتينية صغيرة وأرقام وشرطات.",
    ),
    (
        "bad-url",
        {"url": "javascript:alert(1)"},
        "url",
        "Links must be full http:// or https:// addresses.",
        "يجب أن تكون الروابط عناوين كاملة تبدأ بـ http:// أو https://.",
    ),
    (
        "bad-slug",
        {"slug": "Not A Slug"},
        "slug",
        "The URL name may use lower-case letters, digits and single hyphens (at most 120).",
        "يتكون اسم الرابط من أحرف لاتينية صغيرة وأرقام وشرطات مفردة (120 حرفًا على الأكثر).",
    ),
    (
        "bad-country",
        {"country_code": "Qatar"},
        "country_code",
        "The country must be a two-letter ISO code such as QA or AE.",
        "رمز الدولة حرفان وفق معيار ISO مثل QA أو AE.",
    ),
]


@pytest.fixture
def editor(app, client):
    """A client logged in as an editor."""
    add_staff(app, "ed@example.org")
    log_in(client, "ed@example.org")
    return client


def _count(app):
    with app.app_context():
        return db.session().scalar(select(func.count()).select_from(EventRow))


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize(
    ("case", "overrides", "field", "english", "arabic"), CASES, ids=[c[0] for c in CASES]
)
def test_bad_input_is_a_field_error_in_the_users_language(
    editor, app, lang, case, overrides, field, english, arabic
):
    for action in ("preview", "publish"):
        response = post_form(editor, f"/{lang}/staff/events/new", event_form(action=action, **overrides))
        text = response.get_data(as_text=True)
        assert response.status_code == 422, case
        assert html.unescape(error_text(text, field)) == (arabic if lang == "ar" else english)
        assert 'aria-invalid="true"' in text
    assert _count(app) == 0


def test_the_form_keeps_what_was_typed(editor):
    response = post_form(
        editor,
        "/en/staff/events/new",
        event_form(latitude="200", title_en="Kept title", description_ar="وصف محفوظ"),
    )
    text = response.get_data(as_text=True)
    assert 'value="Kept title"' in text and "وصف محفوظ" in text and 'value="200"' in text


def test_shape_errors_from_the_form_are_shown_next_to_the_field(editor, app):
    response = post_form(editor, "/en/staff/events/new", event_form(edition="minus three"))
    assert response.status_code == 422
    assert error_text(response.get_data(as_text=True), "edition")
    assert _count(app) == 0


def test_nothing_is_half_saved_when_the_venue_is_bad(editor, app):
    post_form(editor, "/en/staff/events/new", event_form(longitude="500"))
    with app.app_context():
        from calendar_app import store

        assert store.venues(db.session()) == []
    assert _count(app) == 0


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_independent_problem_is_shown_at_once(editor, app, lang):
    bad = event_form(title_en="x" * 10_000, url="javascript:alert(1)", organizer_url="ftp://x",
                     starts_on="2027-03-16", ends_on="2027-03-15")
    text = post_form(editor, f"/{lang}/staff/events/new", bad).get_data(as_text=True)
    fields = ("title_en", "url", "organizer_url", "ends_on")
    shown = {field: html.unescape(error_text(text, field)) for field in fields}
    assert all(shown.values()), shown
    if lang == "ar":
        assert shown["ends_on"] == "تنتهي الفعالية قبل أن تبدأ."
    else:
        assert shown["title_en"] == "At most 200 characters (this has 10000)."
    assert _count(app) == 0
