"""Public pages in a real browser: both languages, RTL/LTR, dates, navigation, .ics, CSP, phones."""

import re

import icalendar
import pytest

from calendar_app import db, store
from calendar_app.models import EventRow

pytestmark = pytest.mark.browser
WPS = "/{lang}/events/world-police-summit-2024/"
MILIPOL = "/{lang}/events/milipol-qatar-2021/"


class Problems:
    """Console errors, uncaught exceptions and CSP violations a page reported."""

    def __init__(self, *tabs):
        self.found: list[str] = []
        for tab in tabs:
            tab.on("console", lambda msg: msg.type == "error" and self.found.append(msg.text))
            tab.on("pageerror", lambda exc: self.found.append(str(exc)))
            # Recorded from inside the page too, in case a violation is not logged to the console.
            tab.add_init_script(
                "document.addEventListener('securitypolicyviolation',"
                " e => console.error('CSP violation: ' + e.violatedDirective));"
            )


@pytest.fixture
def problems(page, phone_page):
    watcher = Problems(page, phone_page)
    yield watcher
    assert watcher.found == []


def fits_phone(tab) -> None:
    width = tab.evaluate("document.scrollingElement.scrollWidth")
    assert width <= 375, f"{tab.url} scrolls sideways on a phone ({width}px)"


def both_sizes(page, phone_page, screenshot, url: str, name: str) -> None:
    """Open the URL at desktop and phone size, screenshot both, and check nothing scrolls sideways."""
    page.goto(url)
    screenshot(page, f"{name}-desktop")
    phone_page.goto(url)
    fits_phone(phone_page)
    screenshot(phone_page, f"{name}-375")


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("en", "ltr")])
@pytest.mark.usefixtures("problems")
def test_event_page_both_languages(live_server, page, phone_page, screenshot, lang, direction):
    both_sizes(page, phone_page, screenshot, live_server.url + WPS.format(lang=lang), f"event-wps-{lang}")
    assert page.locator("html").get_attribute("dir") == direction
    dates = page.locator(".event-detail .dates").inner_text()
    if lang == "ar":
        assert "٥–٧ مارس ٢٠٢٤" in dates and "٢٤–٢٦ شعبان ١٤٤٥ هـ" in dates
    else:
        assert "5–7 March 2024" in dates and "24–26 Sha'ban 1445 AH" in dates
    # JSON-LD is a data block: present, parseable by the page, and not blocked by the CSP
    data = page.evaluate(
        "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)"
    )
    assert data["@type"] == "Event" and data["startDate"] == "2024-03-05"
    map_href = page.locator("a.map-link").get_attribute("href")
    assert map_href.startswith("https://www.openstreetmap.org/?mlat=25.2241&mlon=55.2866")


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.usefixtures("problems")
def test_download_ics_link_returns_a_parseable_calendar(live_server, page, lang):
    page.goto(live_server.url + MILIPOL.format(lang=lang))
    href = page.locator("a.ics-download").get_attribute("href")
    assert href == f"{live_server.url}/events/milipol-qatar-2021.ics?lang={lang}"
    response = page.request.get(href)
    assert response.status == 200 and response.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.body())
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == "c278ac36-ca42-45ba-a294-6b556ede6ea0@calendar-app"
    assert str(vevent["SUMMARY"]) == ("ميليبول قطر 2021" if lang == "ar" else "Milipol Qatar 2021")


@pytest.mark.usefixtures("problems")
def test_language_switch_keeps_the_page(live_server, page):
    page.goto(live_server.url + WPS.format(lang="en"))
    page.locator("a.lang-switch").click()
    page.wait_for_url(re.compile(r"/ar/events/world-police-summit-2024/$"))
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("h1").inner_text() == "القمة العالمية للشرطة 2024"
    page.locator("a.lang-switch").click()
    page.wait_for_url(re.compile(r"/en/events/world-police-summit-2024/$"))


@pytest.mark.parametrize(
    ("lang", "span"), [("en", "Sha'ban – Ramadan 1445 AH"), ("ar", "شعبان – رمضان ١٤٤٥ هـ")]
)
@pytest.mark.usefixtures("problems")
def test_month_view_and_navigation(live_server, page, phone_page, screenshot, lang, span):
    url = f"{live_server.url}/{lang}/month/2024/3/"
    both_sizes(page, phone_page, screenshot, url, f"month-2024-03-{lang}")
    assert span in page.locator(".hijri-span").inner_text()
    summit = "World Police Summit 2024" if lang == "en" else "القمة العالمية للشرطة 2024"
    for day in ("2024-03-05", "2024-03-06", "2024-03-07"):
        assert summit in page.locator(f'td[data-date="{day}"]').inner_text()
    assert summit not in page.locator('td[data-date="2024-03-08"]').inner_text()
    assert phone_page.locator('td[data-date="2024-03-06"]').is_visible()  # list layout on phones
    page.locator("a.next").click()
    page.wait_for_url(re.compile(rf"/{lang}/month/2024/4/$"))
    page.locator("a.prev").click()
    page.wait_for_url(re.compile(rf"/{lang}/month/2024/3/$"))
    page.locator("a.prev").click()
    page.wait_for_url(re.compile(rf"/{lang}/month/2024/2/$"))
    assert page.locator('td[data-date="2024-02-29"]').count() == 1  # leap day


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.usefixtures("problems")
def test_archive_and_home(live_server, page, phone_page, screenshot, lang):
    both_sizes(page, phone_page, screenshot, f"{live_server.url}/{lang}/archive/", f"archive-{lang}")
    hijri = "٢–٤ شعبان ١٤٤٢ هـ" if lang == "ar" else "2–4 Sha'ban 1442 AH"
    assert page.get_by_text(hijri).count() == 1
    page.locator("select[name=country]").select_option("QA")
    page.locator(".filters button").click()
    page.wait_for_url(re.compile(r"country=QA"))
    assert page.locator(".event-list .event").count() == 1
    both_sizes(page, phone_page, screenshot, f"{live_server.url}/{lang}/", f"home-{lang}")
    page.locator(".event-list a.event-title").first.click()
    page.wait_for_url(re.compile(rf"/{lang}/events/world-police-summit-2024/$"))


@pytest.mark.parametrize(("lang", "message"), [("ar", "الصفحة غير موجودة"), ("en", "Page not found")])
def test_404_page_in_both_languages(live_server, page, phone_page, screenshot, lang, message):
    response = page.goto(f"{live_server.url}/{lang}/events/no-such-event/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == message
    phone_page.goto(f"{live_server.url}/{lang}/events/no-such-event/")
    fits_phone(phone_page)
    screenshot(page, f"404-{lang}-desktop")


@pytest.mark.usefixtures("problems")
def test_script_in_title_is_text_in_the_browser(live_app, live_server, page, screenshot, make_test_event):
    title = "<script>alert(1)</script> Expo"
    with live_app.app_context():
        store.write_event(db.session(), EventRow(), make_test_event(title_en=title))
        db.session().commit()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for url in ("/en/events/test-event/", "/en/", "/en/month/2027/3/"):
        page.goto(live_server.url + url)
        assert page.get_by_text(title).count() >= 1, url
    page.goto(live_server.url + "/en/events/test-event/")
    assert page.locator("h1").inner_text() == title
    screenshot(page, "event-script-title-en-desktop")
    assert dialogs == []
