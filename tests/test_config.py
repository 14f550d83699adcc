"""Configuration: one place for defaults and checks; a production start refuses a weak SECRET_KEY."""

import secrets

import pytest

from calendar_app import config, create_app

STRONG = secrets.token_hex(32)


def _production(app_config, **changes):
    return {**app_config, "TESTING": False, "DEBUG": False, **changes}


@pytest.mark.parametrize("key", [None, "", config.DEV_SECRET_KEY, "x" * (config.SECRET_KEY_MIN - 1)])
def test_production_start_refuses_a_weak_secret_key_with_one_line(app_config, capsys, key):
    with pytest.raises(SystemExit) as stopped:
        create_app(_production(app_config, SECRET_KEY=key))
    assert stopped.value.code == config.EXIT_REFUSED != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "SECRET_KEY" in err and "secrets.token_hex(32)" in err


@pytest.mark.parametrize("changes", [{"DEBUG": True}, {"TESTING": True}, {"SECRET_KEY": STRONG}])
def test_debug_testing_or_a_strong_key_start(app_config, changes):
    app = create_app({**_production(app_config, SECRET_KEY=config.DEV_SECRET_KEY), **changes})
    app.extensions["db_engine"].dispose()


def test_development_key_is_the_default_without_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    assert config.from_environment(str(tmp_path))["SECRET_KEY"] == config.DEV_SECRET_KEY


def test_more_than_one_worker_needs_shared_rate_limit_storage():
    assert config.workers_problem(1, "memory://") is None
    assert config.workers_problem(3, "redis://127.0.0.1:6379/0") is None
    assert "REDIS_URL" in config.workers_problem(2, "memory://")


def test_trusted_proxies_must_be_a_whole_number(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("TRUSTED_PROXIES", "²")
    with pytest.raises(SystemExit):
        config.from_environment(str(tmp_path))
    assert "TRUSTED_PROXIES" in capsys.readouterr().err


def test_body_cap_is_a_few_hundred_kilobytes():
    assert 256 * 1024 <= config.DEFAULTS["MAX_CONTENT_LENGTH"] <= 1024 * 1024


def test_gunicorn_settings_and_their_defaults_come_from_config(monkeypatch, capsys):
    for name in ("BIND", "WEB_CONCURRENCY", "WEB_THREADS", "REDIS_URL"):
        monkeypatch.delenv(name, raising=False)
    assert config.server_from_environment() == {"bind": "127.0.0.1:5000", "workers": 1, "threads": 16}
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    assert config.server_from_environment()["workers"] == 2
    monkeypatch.setenv("WEB_THREADS", "many")
    with pytest.raises(SystemExit):
        config.server_from_environment()
    assert "WEB_THREADS" in capsys.readouterr().err


def test_extensions_read_their_settings_from_config(app):
    assert app.config["SESSION_PROTECTION"] == "strong"
    assert app.config["BABEL_TRANSLATION_DIRECTORIES"].endswith("calendar_app/translations")
