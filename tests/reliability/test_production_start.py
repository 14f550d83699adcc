"""Production start (issue 11, point 1): gunicorn, with or without gunicorn.conf.py, and `make serve` refuse
a missing, development or short SECRET_KEY with one line and a non-zero status; `make run` needs no
configuration; gunicorn.conf.py runs one threaded worker unless REDIS_URL shares the rate-limit counts.
"""

import os
import signal
import subprocess
import time

import httpx
import pytest

from calendar_app import config
from tests.conftest import ROOT
from tests.reliability.conftest import GUNICORN, free_port, log_in, server_env, start_gunicorn

WEAK_KEYS = {"unset": None, "empty": "", "development": config.DEV_SECRET_KEY,
             "short": "k" * (config.SECRET_KEY_MIN - 1)}


def _env(database_url: str, key: str | None, **extra: str) -> dict:
    env = server_env(database_url, **extra)
    env.pop("SECRET_KEY")
    if key is not None:
        env["SECRET_KEY"] = key
    return env


def _run(command: list[str], env: dict, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run a command that must stop on its own; kill its whole process group if it does not."""
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        pytest.fail(f"{command[0]} kept running instead of refusing:\n{out[-3000:]}")
    return subprocess.CompletedProcess(command, proc.returncode, out, "")


def _refusal_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if "SECRET_KEY" in line]


def _assert_refused_with_one_line(result: subprocess.CompletedProcess) -> None:
    assert result.returncode != 0, result.stdout
    lines = _refusal_lines(result.stdout)
    assert len(lines) == 1, result.stdout
    assert "secrets.token_hex(32)" in lines[0] and "Traceback" not in result.stdout


@pytest.mark.parametrize("key", list(WEAK_KEYS.values()), ids=list(WEAK_KEYS))
def test_gunicorn_with_our_config_refuses_a_weak_key(sqlite_url, key):
    bind = f"127.0.0.1:{free_port()}"
    result = _run([str(GUNICORN), "-c", str(ROOT / "gunicorn.conf.py"), "calendar_app:create_app()"],
                  _env(sqlite_url, key, BIND=bind))
    _assert_refused_with_one_line(result)


@pytest.mark.parametrize("key", [None, config.DEV_SECRET_KEY], ids=["unset", "development"])
def test_gunicorn_without_our_config_refuses_a_weak_key(sqlite_url, key):
    # Two sync workers: the master must stop, not restart failing workers forever.
    result = _run([str(GUNICORN), "--workers", "2", "--bind", f"127.0.0.1:{free_port()}",
                   "calendar_app:create_app()"], _env(sqlite_url, key))
    _assert_refused_with_one_line(result)


def test_make_serve_refuses_without_a_secret_key(tmp_path):
    env = _env(f"sqlite:///{tmp_path / 'serve.sqlite'}", None)
    result = _run(["make", "--no-print-directory", "serve", f"PORT={free_port()}"], env, timeout=120)
    _assert_refused_with_one_line(result)
    assert not (tmp_path / "serve.sqlite").exists()  # refused before touching the database


def test_make_run_starts_with_no_configuration(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("FLASK_", "SECRET_KEY", "TEST_DATABASE", "REDIS_URL", "BASE_URL"))}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'dev.sqlite'}"
    log = (tmp_path / "run.log").open("w")
    proc = subprocess.Popen(["make", "--no-print-directory", "run", f"PORT={port}"], cwd=ROOT, env=env,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        answer = _wait_for(f"http://127.0.0.1:{port}/en/", proc, timeout=120)
        assert answer.status_code == 200 and "World Police Summit" in answer.text
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        log.close()


def _wait_for(url: str, proc: subprocess.Popen, timeout: float) -> httpx.Response:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"make run exited with {proc.returncode}"
        try:
            return httpx.get(url, timeout=5)
        except httpx.HTTPError:
            time.sleep(0.3)
    pytest.fail(f"make run did not answer {url} within {timeout} s")


def test_production_server_runs_one_threaded_worker_by_default(server):
    assert len(server.worker_pids()) == 1
    assert "Using worker: gthread" in server.output()


@pytest.mark.parametrize("how", ["environment", "command line"])
def test_several_workers_with_memory_rate_limits_are_refused(sqlite_url, how):
    env = server_env(sqlite_url, BIND=f"127.0.0.1:{free_port()}")
    args = ["-w", "3"] if how == "command line" else []
    if how == "environment":
        env["WEB_CONCURRENCY"] = "2"
    result = _run([str(GUNICORN), "-c", str(ROOT / "gunicorn.conf.py"), *args, "calendar_app:create_app()"],
                  env)
    assert result.returncode != 0
    assert [line for line in result.stdout.splitlines() if "REDIS_URL" in line and "memory://" in line]


def test_several_workers_share_login_counts_through_redis(sqlite_url, tmp_path):
    from tests.reliability.conftest import add_account

    email = f"redis-{os.getpid()}-{time.monotonic_ns()}@example.org"
    add_account(sqlite_url, email)
    started = start_gunicorn(sqlite_url, tmp_path, REDIS_URL="redis://127.0.0.1:6379/13")
    try:
        assert len(started.worker_pids()) == 2
        statuses = []
        for _ in range(7):  # fresh connections, so both workers take some of them
            with started.client() as client:
                statuses.append(log_in(client, email, "not the password at all").status_code)
    finally:
        started.stop()
    assert statuses == [200] * 5 + [429, 429]
