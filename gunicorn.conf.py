"""gunicorn settings for a production start (`make serve`); the command line may override any of them.

Threads (gthread), not one process per request: a client that sends half a request holds one thread,
not the whole worker, so a few slow sockets cannot stop the site (run behind nginx, which buffers whole
requests, to be safe from many; see README). One worker process unless REDIS_URL is set: with the
default memory:// rate-limit storage each process would count failed logins on its own, so more than
one worker is refused then. A missing or weak SECRET_KEY is refused too, before any worker starts.
"""

# Not `config`: every top-level name here is read as a gunicorn setting, and `config` is one.
from calendar_app import config as app_config

# BIND, WEB_CONCURRENCY and WEB_THREADS, with their defaults and checks, are read in calendar_app/config.py.
_server = app_config.server_from_environment()
bind = _server["bind"]
worker_class = "gthread"
workers = _server["workers"]
threads = _server["threads"]
# A worker whose main loop stops answering for this long is restarted; requests themselves are short.
timeout = 30
# On SIGTERM, requests in progress get this long to finish.
graceful_timeout = 20
# An idle kept-alive connection waits this long for its next request (and holds no thread meanwhile).
keepalive = 5
accesslog = "-"


def on_starting(server) -> None:
    """Refuse, with one line, a start that would serve on a weak key or split the login counts."""
    settings = app_config.from_environment(instance_path="instance")
    problem = app_config.production_problem(settings) or app_config.workers_problem(
        server.cfg.workers, settings["RATELIMIT_STORAGE_URI"])
    if problem:
        app_config.refuse(problem)
