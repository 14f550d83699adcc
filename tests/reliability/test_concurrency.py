"""Writes under pressure, through real HTTP on production gunicorn servers.

- 30 staff members save the same version of one event at the same moment: exactly one wins, the other
  29 get a 409 with what they typed still in the form (SQLite and PostgreSQL).
- kill -9 of the master and every worker while saves run in a loop (PostgreSQL): after a restart every
  event is intact, every save that answered 302 is there with its audit entry, none is half-applied,
  and the feeds parse.
"""

import concurrent.futures
import contextlib
import json
import os
import random
import signal
import threading
import time

import httpx
import pytest
from sqlalchemy import create_engine, text

from tests.reliability.conftest import add_account, log_in, start_gunicorn
from tests.reliability.staff_forms import (
    check_parses,
    event_form,
    fetch_feed,
    field_errors,
    form_values,
    post_form,
    staff_client,
    uid_of,
)

EDITOR = "ed@example.org"
PARALLEL = 30
CONFLICT = "This event was changed by someone else since you opened it."


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request) -> str:
    """A seeded database of each backend (PostgreSQL: TEST_DATABASE_URL, required in CI)."""
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")


def _rows(url: str, query: str, **params) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(query), params)]
    finally:
        engine.dispose()


def test_parallel_edits_of_one_version_give_exactly_one_winner(database, tmp_path):
    add_account(database, EDITOR)
    server = start_gunicorn(database, tmp_path)
    clients = []
    try:
        with staff_client(server, EDITOR, create=False) as first:
            assert post_form(first, "/en/staff/events/new", event_form()).status_code == 302
            uid = uid_of(first, "Border Security Expo")
        path = f"/en/staff/events/{uid}/edit"

        def open_form(_) -> tuple[httpx.Client, dict]:  # its own session, the form at the same version
            client = server.client()
            clients.append(client)
            assert log_in(client, EDITOR).status_code == 302
            return client, form_values(client.get(path).text)

        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            editors, forms = zip(*pool.map(open_form, range(PARALLEL)), strict=True)
        assert len({f["version"] for f in forms}) == 1
        start = threading.Barrier(PARALLEL)

        def save(i: int) -> httpx.Response:
            typed = {**forms[i], "title_en": f"Parallel edit {i}", "action": "publish"}
            start.wait()
            return editors[i].post(path, data=typed)

        with concurrent.futures.ThreadPoolExecutor(PARALLEL) as pool:
            responses = list(pool.map(save, range(PARALLEL)))
        statuses = sorted(r.status_code for r in responses)
        assert statuses == [302] + [409] * (PARALLEL - 1), statuses
        winner = next(i for i, r in enumerate(responses) if r.status_code == 302)
        for i, response in enumerate(responses):
            if i != winner:
                assert CONFLICT in response.text and f'value="Parallel edit {i}"' in response.text
        with server.client() as reader:
            body = fetch_feed(reader).body
    finally:
        for client in clients:
            client.close()
        server.stop()
    check_parses(body)
    assert f"SUMMARY:Parallel edit {winner}".encode() in body
    title, version = _rows(database, "SELECT title_en, version FROM events WHERE uid = :uid", uid=uid)[0]
    edits = _rows(database, "SELECT action FROM audit_log WHERE event_uid = :uid ORDER BY id", uid=uid)
    assert (title, version) == (f"Parallel edit {winner}", 2)
    assert [a for (a,) in edits] == ["create", "edit"]


# -- kill -9 during saves ----------------------------------------------------------------------------
WRITERS, KILLS = 4, 3


def _save_in_a_loop(server, uid: str, label: str, stop: threading.Event, log: list, failures: list) -> None:
    """Open the edit form and save a new title again and again until the server dies or `stop` is set.

    `log` gets (title, "saved") for a 302 and (title, "lost") for a save the server died during.
    """
    path = f"/en/staff/events/{uid}/edit"
    try:
        with staff_client(server, EDITOR, create=False) as client:
            while not stop.is_set():
                typed = {**form_values(client.get(path).text), "action": "publish",
                         "title_en": f"{label} attempt {len(log) + 1}"}
                log.append((typed["title_en"], "lost"))
                response = client.post(path, data=typed)
                if response.status_code != 302:
                    failures.append((typed["title_en"], response.status_code, field_errors(response.text)))
                    return
                log[-1] = (typed["title_en"], "saved")
    except (httpx.TransportError, AssertionError):  # the server was killed under us
        return


def _saves(log: list[tuple[str, str]]) -> int:
    return sum(outcome == "saved" for _, outcome in log)


def _wait_for(condition, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the writers made no progress"
        time.sleep(0.05)


def _kill_9(server) -> None:
    """SIGKILL the master, then every worker: nobody gets to clean up."""
    workers = server.worker_pids()
    assert workers, "no workers to kill"
    os.kill(server.proc.pid, signal.SIGKILL)
    for pid in workers:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    server.proc.wait(timeout=10)
    deadline = time.monotonic() + 10
    while any(os.path.exists(f"/proc/{pid}") for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)


def test_kill_9_during_saves_loses_no_answered_save_and_half_applies_none(pg_url, tmp_path):
    add_account(pg_url, EDITOR)
    server = start_gunicorn(pg_url, tmp_path)
    uids, failures = {}, []
    try:
        with staff_client(server, EDITOR, create=False) as client:
            for n in range(WRITERS):
                data = event_form(title_en=f"Crash test {n}", slug=f"crash-test-{n}",
                                  venue_slug=f"crash-hall-{n}")
                assert post_form(client, "/en/staff/events/new", data).status_code == 302
                uids[uid_of(client, f"Crash test {n}")] = f"Crash test {n}"
        logs = {uid: [] for uid in uids}
        chance = random.Random(11)
        for _ in range(KILLS):
            stop = threading.Event()
            threads = [threading.Thread(target=_save_in_a_loop,
                                        args=(server, uid, label, stop, logs[uid], failures))
                       for uid, label in uids.items()]
            saves_before = {uid: _saves(log) for uid, log in logs.items()}
            for thread in threads:
                thread.start()
            _wait_for(lambda before=saves_before: all(_saves(logs[u]) > before[u] for u in uids) or failures)
            time.sleep(chance.uniform(0.0, 1.0))  # then anywhere in the middle of the next saves
            _kill_9(server)
            stop.set()
            for thread in threads:
                thread.join(timeout=60)
            server = start_gunicorn(pg_url, tmp_path)
        assert not failures, failures
        with server.client() as reader:
            feeds = [fetch_feed(reader, f"/feeds/all.ics?lang={lang}").body for lang in ("en", "ar")]
    finally:
        server.stop()
    every_uid = {uid for (uid,) in _rows(pg_url, "SELECT uid FROM events")}
    assert len(every_uid) == WRITERS + 2  # the seeds and ours, nothing lost or doubled
    for body in feeds:
        assert check_parses(body) == len(every_uid)
    for uid, log in logs.items():
        assert _saves(log) >= KILLS, log
        _check_whole(pg_url, uid, log, feeds[0])


def _check_whole(url: str, uid: str, log: list[tuple[str, str]], feed: bytes) -> None:
    """Row and audit log agree (one entry per version); every answered save is there, in order."""
    query = "SELECT title_en, version, sequence FROM events WHERE uid = :uid"
    ((title, version, sequence),) = _rows(url, query, uid=uid)
    entries = _rows(url, "SELECT action, changes FROM audit_log WHERE event_uid = :uid ORDER BY id", uid=uid)
    assert [action for action, _ in entries] == ["create"] + ["edit"] * (len(entries) - 1)
    assert version == len(entries) and sequence == len(entries) - 1  # each save: one version, one entry
    recorded = [_changes(changes)["title_en"][1] for _, changes in entries[1:]]
    answered = [t for t, outcome in log if outcome == "saved"]
    attempted = [t for t, _ in log]
    assert set(answered) <= set(recorded) <= set(attempted)  # a lost save may or may not have landed
    assert recorded == sorted(recorded, key=attempted.index)
    assert title == (recorded[-1] if recorded else title)
    assert f"SUMMARY:{title}".encode() in feed


def _changes(value) -> dict:
    return value if isinstance(value, dict) else json.loads(value)
