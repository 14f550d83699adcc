"""Login `next`: only a path on this site, judged as a browser would read it (issue 11, point 5).

The same table goes through a real login over HTTP in tests/reliability/test_http_hardening.py.
"""

import pytest

from calendar_app.auth import safe_next
from tests.reliability.http_support import DASHBOARD, REDIRECT_CASES


def test_the_table_is_large_and_mostly_hostile():
    assert len(REDIRECT_CASES) >= 30
    assert sum(expected == DASHBOARD for _, expected in REDIRECT_CASES) >= 30


@pytest.mark.parametrize(("target", "expected"), REDIRECT_CASES)
def test_safe_next_accepts_only_a_path_on_this_site(target, expected):
    assert safe_next(target, DASHBOARD) == expected
