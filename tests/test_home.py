"""The home page: both seed events with both calendars' dates, in Arabic and English."""

import pytest


@pytest.mark.parametrize(
    ("accept", "target"), [("ar,en;q=0.5", "/ar/"), ("en-GB,en;q=0.9", "/en/"), ("fr", "/en/")]
)
def test_bare_root_redirects_by_accept_language(client, accept, target):
    response = client.get("/", headers={"Accept-Language": accept})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(target)
    assert "Accept-Language" in response.headers["Vary"]


def test_english_home_lists_seed_events_with_both_dates(seeded_client):
    html = seeded_client.get("/en/").get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in html
    assert "Milipol Qatar 2021" in html and "15–17 March 2021" in html and "2–4 Sha&#39;ban 1442 AH" in html
    assert "World Police Summit 2024" in html and "5–7 March 2024" in html
    assert "24–26 Sha&#39;ban 1445 AH" in html


def test_arabic_home_is_rtl_with_arabic_indic_hijri_dates(seeded_client):
    html = seeded_client.get("/ar/").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html
    assert "القمة العالمية للشرطة 2024" in html
    assert "٢٤–٢٦ شعبان ١٤٤٥ هـ" in html and "٢–٤ شعبان ١٤٤٢ هـ" in html
    assert "تقويم فعاليات الأمن في الخليج" in html  # from the compiled Arabic catalog


def test_unknown_page_is_404_in_the_page_language(client):
    response = client.get("/ar/no-such-page")
    assert response.status_code == 404
    assert "الصفحة غير موجودة" in response.get_data(as_text=True)


def test_security_headers_forbid_inline_script(client):
    response = client.get("/en/")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
