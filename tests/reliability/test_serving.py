"""The production server as subscribers and readers meet it: it starts, serves feeds and pages."""


def test_production_server_serves_a_feed_and_a_page(server):
    with server.client() as client:
        feed = client.get("/feeds/all.ics")
        page = client.get("/en/")
    assert feed.status_code == 200 and feed.content.startswith(b"BEGIN:VCALENDAR")
    assert page.status_code == 200 and "World Police Summit" in page.text
