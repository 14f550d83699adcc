"""Reliability suite: the service tried through real HTTP, the way an attacker and a hurried staff member
would. Servers here are real gunicorn processes started with the project's gunicorn.conf.py (as
`make serve` does), on their own database, and clients are real HTTP clients (httpx).

Each area keeps its own test module (test_<area>.py); shared plumbing lives here.
"""

import datetime as dt
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from calendar_app import accounts, create_app, db, seeds
from tests.conftest import PG_URL, ROOT, SEEDS_DIR, reset_postgresql

PASSWORD = "correct horse battery staple"
TOKEN_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A gunicorn master on 127.0.0.1 and what it was started with."""

    url: str
    proc: subprocess.Popen
    database_url: str
    env: dict = field(default_factory=dict)
    log: Path | None = None

    def worker_pids(self) -> list[int]:
        """The worker processes (children of the master)."""
        found = []
        for task in Path(f"/proc/{self.proc.pid}/task").iterdir():
            children = (task / "children").read_text().split()
            found.extend(int(c) for c in children)
        return sorted(found)

    def client(self, **kwargs) -> httpx.Client:
        """An HTTP client for this server that never follows redirects (tests look at them)."""
        return httpx.Client(base_url=self.url, follow_redirects=False, timeout=30, **kwargs)

    def output(self) -> str:
        """What gunicorn and the app wrote to the log so far."""
        return self.log.read_text(errors="replace") if self.log and self.log.exists() else ""

    def stop(self) -> None:
        """Stop the master and its workers (SIGTERM, then SIGKILL)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


def rss_kb(pid: int) -> int:
    """Resident memory of a process in kB (VmRSS)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def server_env(database_url: str, **extra: str) -> dict:
    """The environment of a production start: a random SECRET_KEY, no debug, no test settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "TEST_DATABASE"))}
    env.update({"SECRET_KEY": secrets.token_hex(32), "DATABASE_URL": database_url,
                "BASE_URL": "http://127.0.0.1", "SEEDS_DIR": str(SEEDS_DIR)})
    env.pop("REDIS_URL", None)
    env.update(extra)
    return env


def start_gunicorn(database_url: str, tmp_path: Path, *, args: tuple[str, ...] = (), wait: bool = True,
                   **env: str) -> Server:
    """Start gunicorn as `make serve` does (gunicorn.conf.py), on a free port; wait until it answers."""
    port = free_port()
    log = tmp_path / f"gunicorn-{port}.log"
    full_env = server_env(database_url, BIND=f"127.0.0.1:{port}", **env)
    full_env["BASE_URL"] = env.get("BASE_URL", f"http://127.0.0.1:{port}")
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(GUNICORN), "-c", str(ROOT / "gunicorn.conf.py"), *args, "calendar_app:create_app()"],
            cwd=ROOT, env=full_env, stdout=out, stderr=subprocess.STDOUT,
        )
    server = Server(url=f"http://127.0.0.1:{port}", proc=proc, database_url=database_url, env=full_env,
                    log=log)
    if wait:
        wait_until_up(server)
    return server


def wait_until_up(server: Server, timeout: float = 30) -> None:
    """Poll until the server answers (or fail with its log)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            pytest.fail(f"gunicorn exited with {server.proc.returncode}:\n{server.output()}")
        try:
            httpx.get(server.url + "/feeds/all.ics", timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    server.stop()
    pytest.fail(f"gunicorn did not answer within {timeout} s:\n{server.output()}")


def seed_database(database_url: str) -> None:
    """Load the seed events into a migrated database, in this process."""
    app = create_app({"TESTING": True, "SECRET_KEY": "seed", "DATABASE_URL": database_url,
                      "RATELIMIT_STORAGE_URI": "memory://"})
    with app.app_context():
        seeds.load_seeds(db.session(), SEEDS_DIR)
    app.extensions["db_engine"].dispose()


def add_account(database_url: str, email: str, role: str = "editor", password: str = PASSWORD) -> None:
    """Create a staff account directly in the server's database."""
    app = create_app({"TESTING": True, "SECRET_KEY": "accounts", "DATABASE_URL": database_url,
                      "RATELIMIT_STORAGE_URI": "memory://"})
    with app.app_context():
        accounts.create_staff(db.session(), email, password, role, dt.datetime.now(dt.UTC))
    app.extensions["db_engine"].dispose()


def csrf_token(client: httpx.Client, path: str) -> str:
    """The CSRF token of the form rendered at `path`."""
    response = client.get(path)
    match = TOKEN_RE.search(response.text)
    assert match, f"no CSRF token on {path} ({response.status_code})"
    return match.group(1)


def log_in(client: httpx.Client, email: str, password: str = PASSWORD, lang: str = "en") -> httpx.Response:
    """Log in through the real form over HTTP."""
    path = f"/{lang}/staff/login"
    return client.post(path, data={"csrf_token": csrf_token(client, path), "email": email,
                                   "password": password})


@pytest.fixture
def sqlite_url(tmp_path, sqlite_template) -> str:
    """A migrated, seeded SQLite file of its own."""
    path = tmp_path / "reliability.sqlite"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    seed_database(url)
    return url


@pytest.fixture
def pg_url() -> str:
    """A migrated, seeded, otherwise empty PostgreSQL database (TEST_DATABASE_URL); fails in CI without it."""
    if not PG_URL:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true needs TEST_DATABASE_URL for the PostgreSQL reliability tests")
        pytest.skip("TEST_DATABASE_URL is not set (PostgreSQL reliability tests run in CI)")
    from calendar_app import migrate

    reset_postgresql(PG_URL)
    migrate.upgrade(PG_URL)
    seed_database(PG_URL)
    return PG_URL


@pytest.fixture
def server(sqlite_url, tmp_path):
    """A production-mode gunicorn on a seeded SQLite database."""
    started = start_gunicorn(sqlite_url, tmp_path)
    yield started
    started.stop()
