"""The month view: Hijri days beside Gregorian ones, month maths at the edges, navigation."""

import datetime as dt
import html
import re

import pytest
import time_machine

from calendar_app import pages


def cell(page: str, iso: str) -> str:
    match = re.search(rf'data-date="{iso}">(.*?)</td>', page, re.S)
    assert match, iso
    return match.group(1)


def test_march_2024_spans_shaban_and_ramadan(seeded_client):
    page = html.unescape(seeded_client.get("/en/month/2024/3/").get_data(as_text=True))
    assert "March 2024" in page and "Sha'ban – Ramadan 1445 AH" in page
    # 11 March 2024 is 1 Ramadan 1445 (Umm al-Qura): the cell names the new month
    assert re.search(r"<bdi>1</bdi> <bdi class=\"hijri-month\">Ramadan</bdi>", cell(page, "2024-03-11"))
    # every day of the 5–7 March event carries it, the 4th and 8th do not
    for day in ("05", "06", "07"):
        assert "World Police Summit 2024" in cell(page, f"2024-03-{day}")
    for day in ("04", "08"):
        assert "World Police Summit 2024" not in cell(page, f"2024-03-{day}")
    assert 'href="/en/month/2024/2/"' in page and 'href="/en/month/2024/4/"' in page


def test_arabic_month_uses_arabic_indic_digits(seeded_client):
    page = seeded_client.get("/ar/month/2024/3/").get_data(as_text=True)
    assert "شعبان – رمضان ١٤٤٥ هـ" in page and "مارس ٢٠٢٤" in page
    five = cell(page, "2024-03-05")
    assert '<span class="greg-day">٥</span>' in five and "<bdi>٢٤</bdi>" in five
    assert "القمة العالمية للشرطة 2024" in five


def test_leap_february_has_29_days():
    view = pages.month_view(2024, 2, [], "en", dt.date(2026, 11, 23))
    days = [d for week in view.weeks for d in week if d]
    assert len(days) == 29 and days[-1].iso == "2024-02-29"
    assert len(all_days(pages.month_view(2023, 2, [], "en", dt.date(2026, 11, 23)))) == 28


def all_days(view):
    return [d for week in view.weeks for d in week if d]


def test_weeks_start_on_sunday():
    view = pages.month_view(2024, 3, [], "en", dt.date(2026, 11, 23))
    assert view.weekdays[0] == "Sunday"
    # 1 March 2024 was a Friday: five blank cells before it
    assert view.weeks[0][:5] == (None,) * 5 and view.weeks[0][5].iso == "2024-03-01"


def test_year_boundary_navigation_and_hijri_year_change():
    view = pages.month_view(2024, 12, [], "en", dt.date(2026, 11, 23))
    assert (view.prev, view.next) == ((2024, 11), (2025, 1))
    january = pages.month_view(2025, 1, [], "en", dt.date(2026, 11, 23))
    assert january.prev == (2024, 12)
    # June 2024 runs from Dhu al-Qi'dah into Dhu al-Hijjah 1445; July 2024 crosses into 1446
    assert pages.month_view(2024, 7, [], "en", dt.date(2026, 11, 23)).hijri_title == (
        "Dhu al-Hijjah 1445 AH – Muharram 1446 AH"
    )


def test_table_edges_have_no_link_beyond_them(seeded_client):
    first = pages.month_view(1924, 8, [], "en", dt.date(2026, 11, 23))
    last = pages.month_view(2077, 11, [], "en", dt.date(2026, 11, 23))
    assert first.prev is None and last.next is None
    # days after 2077-11-16 have no Hijri date in the table: shown without one, not a 500
    assert all_days(last)[-1].hijri_day == "" and all_days(last)[15].hijri_day != ""
    assert seeded_client.get("/ar/month/2077/11/").status_code == 200


def test_current_month_redirects_to_todays_month(client):
    with time_machine.travel(dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC), tick=False):
        response = client.get("/ar/month/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/ar/month/2026/11/")


def test_today_is_marked(client):
    with time_machine.travel(dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC), tick=False):
        page = client.get("/en/month/2026/11/").get_data(as_text=True)
    assert 'class="day today" data-date="2026-11-23"' in page
    assert "No events this month." in page


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_event_spanning_two_months_shows_in_both(client, add_event, lang):
    add_event(starts_on=dt.date(2027, 1, 30), ends_on=dt.date(2027, 2, 2))
    january = client.get(f"/{lang}/month/2027/1/").get_data(as_text=True)
    february = client.get(f"/{lang}/month/2027/2/").get_data(as_text=True)
    title = "Test Expo" if lang == "en" else "معرض تجريبي"
    assert title in cell(january, "2027-01-31") and title in cell(february, "2027-02-02")
    assert title not in cell(february, "2027-02-03")
