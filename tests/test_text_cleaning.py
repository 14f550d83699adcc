"""clean_text: the exact rules of shared/DECISIONS.md, "Text from users"."""

import pytest

from calendar_app.text import clean_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Expo\x00 2027", "Expo 2027"),
        ("A\x07B\x1bC\x7fD\x9bE", "ABCDE"),
        ("line\none", "line one"),
        ("line\r\none", "line one"),
        ("a\u2028b\u2029c\x85d", "a b c d"),
        ("tab\there", "tab here"),
        ("\u202eevil\u202c \u2066iso\u2069 \u202aemb\u202b", "evil iso emb"),
        ("ميليبول\u200fقطر", "ميليبول\u200fقطر"),  # RLM kept
        ("a\u200eb\u061cc\u200dd\u200ce", "a\u200eb\u061cc\u200dd\u200ce"),  # LRM ALM ZWJ ZWNJ kept
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),  # text, escaped on output
        (None, ""),
    ],
)
def test_clean_single_line(raw, expected):
    assert clean_text(raw) == expected


def test_clean_multiline_keeps_newlines_and_tabs_and_turns_separators_into_newlines():
    raw = "one\ttwo\r\nthree\u2028four\u2029five\x85six\x00"
    assert clean_text(raw, multiline=True) == "one\ttwo\nthree\nfour\nfive\nsix"
