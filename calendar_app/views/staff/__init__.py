"""Staff area under /<lang>/staff/: one blueprint, its views by area (accounts, events, occurrences of a
series, shared venues and series, the audit log).

A view parses the request, reads the clock, calls one function that checks, writes and commits
(`editing` for events, venues and series; `accounts` for accounts), builds its page from `staff_pages`
and renders. No view touches a row or commits.
"""

from . import accounts, audit, events, occurrences, shared
from .base import bp

AREAS = (accounts, audit, events, occurrences, shared)  # importing each adds its views to `bp`

__all__ = ["AREAS", "bp"]
