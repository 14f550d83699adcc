"""Real browser, real HTTP: Debian's chromium driven by Playwright against a live server.

Flags and set-up are in shared/DECISIONS.md ("Browser tests"). In CI a browser that cannot start is a
failure, never a skip; SKIP_BROWSER=1 (by hand, outside CI) deselects these tests.
"""

import datetime as dt
import os
import secrets
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from calendar_app import accounts, create_app, db, seeds
from tests.conftest import SEEDS_DIR

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
EDITOR_EMAIL, EDITOR_PASSWORD = "editor@example.org", "correct horse battery staple"
INSTALL_HINT = "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium"


def pytest_collection_modifyitems(config, items):
    if os.environ.get("SKIP_BROWSER") != "1":
        return
    if os.environ.get("CI") == "true":
        raise pytest.UsageError("SKIP_BROWSER=1 is not allowed in CI")
    browser_items = [i for i in items if "tests/browser/" in str(i.fspath)]
    config.hook.pytest_deselected(items=browser_items)
    items[:] = [i for i in items if i not in browser_items]


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for the whole run."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing; install it with: {INSTALL_HINT}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


class LiveServer:
    """A real HTTP server on 127.0.0.1 in a thread, serving one app."""

    def __init__(self, app):
        self.app = app
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._thread.join(timeout=5)
        self._server.server_close()


@pytest.fixture
def live_app(tmp_path, sqlite_template):
    """A seeded app on its own SQLite file, with BASE_URL set once the port is known."""
    path = tmp_path / "live.sqlite"
    shutil.copy(sqlite_template, path)
    # A production-mode app (not TESTING): it needs a strong key, as a real start does.
    app = create_app({
        "SECRET_KEY": secrets.token_hex(32), "DATABASE_URL": f"sqlite:///{path}",
        "SEEDS_DIR": str(SEEDS_DIR), "RATELIMIT_STORAGE_URI": "memory://",
    })
    with app.app_context():
        seeds.load_seeds(db.session(), SEEDS_DIR)
    yield app
    app.extensions["db_engine"].dispose()


@pytest.fixture
def live_server(live_app):
    """The seeded app served over real HTTP; `live_server.url` is its base URL."""
    with LiveServer(live_app) as server:
        live_app.config["BASE_URL"] = server.url
        yield server


@pytest.fixture
def page(browser):
    """A fresh desktop-sized page (own context: no shared cookies between tests)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def phone_page(browser):
    """A fresh 375 px wide page, as on a phone."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=2)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def screenshot():
    """Save a full-page screenshot under test-output/screenshots/<name>.png and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(tab, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        tab.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 1000
        return path

    return take


@pytest.fixture
def staff_server(live_app, live_server):
    """The live server with one editor account, created through the app."""
    with live_app.app_context():
        accounts.create_staff(db.session(), EDITOR_EMAIL, EDITOR_PASSWORD, "editor", dt.datetime.now(dt.UTC))
    return live_server


def log_in(tab, base: str, lang: str = "en") -> None:
    """Log in through the staff form, as a person would."""
    tab.goto(f"{base}/{lang}/staff/login")
    tab.fill("#email", EDITOR_EMAIL)
    tab.fill("#password", EDITOR_PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_url(f"{base}/{lang}/staff/")
