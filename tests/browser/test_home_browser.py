"""The home page in a real browser, both languages."""

import re


def test_home_pages_render_both_languages(live_server, page, phone_page, screenshot):
    page.goto(f"{live_server.url}/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_text("٢٤–٢٦ شعبان ١٤٤٥ هـ").count() >= 1
    screenshot(page, "home-ar-desktop")
    page.goto(f"{live_server.url}/en/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.get_by_text(re.compile("24–26 Sha'ban 1445 AH")).count() >= 1
    phone_page.goto(f"{live_server.url}/ar/")
    screenshot(phone_page, "home-ar-375")
