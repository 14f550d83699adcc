"""Recurring events on the public pages: the rule in words, the next dates, month view and lists."""

import datetime as dt
import html
import re

import pytest
import time_machine
from hijridate import Hijri

from tests.test_recurrence_feed import EARLY_2026, paris_fields, ramadan, ramadan_fields


def get_page(client, path: str, when: dt.datetime = EARLY_2026) -> str:
    with time_machine.travel(when, tick=False):
        response = client.get(path)
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def cell(page: str, iso: str) -> str:
    match = re.search(rf'data-date="{iso}">(.*?)</td>', page, re.S)
    assert match, iso
    return match.group(1)


def next_dates(page: str) -> list[str]:
    """Each line of the "Next dates" list as plain text, spaces collapsed."""
    section = re.search(r'<section class="next-dates">(.*?)</section>', page, re.S)
    assert section, "no next-dates section"
    items = re.findall(r'<li class="occurrence([^"]*)">(.*?)</li>', section.group(1), re.S)
    return [" ".join((cls + " | " + re.sub(r"<[^>]+>", " ", body)).split()) for cls, body in items]


def test_hijri_event_page_shows_rule_and_next_five_dates(client, add_event):
    add_event(**ramadan_fields(False))
    page = get_page(client, "/en/events/ramadan-evening/")
    assert "Repeats: Every year on 1 Ramadan" in page
    assert '<span class="dates-label">First date:</span>' in page  # the top line is the first one
    expected = [
        "| 18 February 2026 · 1 Ramadan 1447 AH",
        "moved | 10 February 2027 · 3 Ramadan 1448 AH Moved",
        "| 28 January 2028 · 1 Ramadan 1449 AH",
        "cancelled | 16 January 2029 · 1 Ramadan 1450 AH Cancelled",
        "| 5 January 2030 · 1 Ramadan 1451 AH",
    ]
    assert next_dates(page) == expected
    # hijridate agrees with the Gregorian days written above
    assert [ramadan(y) for y in (1447, 1449, 1450, 1451)] == [
        dt.date(2026, 2, 18), dt.date(2028, 1, 28), dt.date(2029, 1, 16), dt.date(2030, 1, 5)]


def test_hijri_event_page_in_arabic(client, add_event):
    add_event(**ramadan_fields(True))
    page = get_page(client, "/ar/events/ramadan-evening/")
    assert "يتكرر: كل عام في ١ رمضان" in page and "المواعيد القادمة" in page
    assert '<span class="dates-label">أول موعد:</span>' in page
    lines = next_dates(page)
    assert lines[0].endswith("١٨ فبراير ٢٠٢٦ · ١ رمضان ١٤٤٧ هـ ٢٠:٠٠–٢٢:٠٠")
    assert "تغيّر الموعد" in lines[1] and "٢١:٠٠–٢٣:٠٠" in lines[1]
    assert lines[3].startswith("cancelled |") and lines[3].endswith("ملغاة")


def test_next_dates_move_with_the_clock(client, add_event):
    add_event(**ramadan_fields(False))
    later = get_page(client, "/en/events/ramadan-evening/", dt.datetime(2029, 2, 1, tzinfo=dt.UTC))
    assert next_dates(later)[0] == "| 5 January 2030 · 1 Ramadan 1451 AH"


def test_gregorian_event_page_says_the_rule_in_words(client, add_event):
    add_event(**paris_fields())
    page = get_page(client, "/en/events/paris-meeting/")
    assert "Repeats: Every year on 5 June (6 times)" in page
    lines = next_dates(page)
    # 2028 is excluded (EXDATE), 2029 moved to the 7th, 2030 cancelled
    assert [line.split(" · ")[0] for line in lines] == [
        "| 5 June 2027", "moved | 7 June 2029", "cancelled | 5 June 2030", "| 5 June 2031", "| 5 June 2032"]
    arabic = get_page(client, "/ar/events/paris-meeting/")
    assert "كل عام في ٥ يونيو (٦ مرات)" in arabic


def test_non_recurring_event_page_has_no_rule(client, add_event):
    add_event()
    page = get_page(client, "/en/events/test-event/")
    assert "Repeats:" not in page and "next-dates" not in page and "dates-label" not in page


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_month_view_shows_moved_and_cancelled_instances(client, add_event, lang):
    add_event(**ramadan_fields(False))
    title = "Ramadan Evening" if lang == "en" else "أمسية رمضان"
    february_2027 = get_page(client, f"/{lang}/month/2027/2/")
    assert title in cell(february_2027, "2027-02-10")  # moved from the 8th
    assert title not in cell(february_2027, "2027-02-08")
    january_2029 = get_page(client, f"/{lang}/month/2029/1/")
    cancelled = cell(january_2029, "2029-01-16")
    assert re.search(r'<li class="cancelled"><a [^>]*><bdi>' + title, cancelled)


def test_month_view_shows_a_multi_day_instance_across_months(client, add_event):
    first = ramadan(1446)
    add_event(**{**ramadan_fields(False), "ends_on": first + dt.timedelta(days=9), "overrides": ()})
    start_1452 = ramadan(1452)  # 26 December 2030: ten days run into January 2031
    assert start_1452 == Hijri(1452, 9, 1).to_gregorian() == dt.date(2030, 12, 26)
    december = get_page(client, "/en/month/2030/12/")
    january = get_page(client, "/en/month/2031/1/")
    assert "Ramadan Evening" in cell(december, "2030-12-31")
    assert "Ramadan Evening" in cell(january, "2031-01-04")
    assert "Ramadan Evening" not in cell(january, "2031-01-05")


def test_upcoming_list_shows_a_recurring_event_once_at_its_next_date(client, add_event):
    add_event(**ramadan_fields(False))
    add_event(**paris_fields())
    page = get_page(client, "/en/")
    assert page.count("Ramadan Evening") == 1 and page.count("Paris Meeting") == 1
    ramadan_item = re.search(r"Ramadan Evening.*?</li>", page, re.S).group(0)
    assert "18 February 2026" in ramadan_item and "1 Ramadan 1447 AH" in ramadan_item
    # when the next one is cancelled, the list says so
    cancelled = get_page(client, "/en/", dt.datetime(2028, 12, 1, tzinfo=dt.UTC))
    item = re.search(r'<li class="event cancelled">.*?</li>', cancelled, re.S).group(0)
    assert "Ramadan Evening" in item and "16 January 2029" in item
