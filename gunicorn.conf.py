"""gunicorn settings for a production start (`make serve`); the command line may override any of them."""

import os

bind = os.environ.get("BIND", "127.0.0.1:5000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
accesslog = "-"
