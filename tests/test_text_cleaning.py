"""clean_text: the exact rules of shared/DECISIONS.md, "Text from users"."""

import pytest

from calendar_app.text import SNIPPET_MAX, clean_text, snippet


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
        # invisible characters that only hide text in a one-line name
        ("Ex\u200bpo", "Expo"),
        ("\ufeffExpo\u2060 2027", "Expo 2027"),
        ("a\u2061b\u2062c\u2063d\u2064e\u206af\u206fg\u180eh", "abcdefgh"),
        ("ميلي\u200cبول\u200d", "ميلي\u200cبول\u200d"),  # ZWNJ and ZWJ kept
        ("\u200e\u200fقطر\u061c", "\u200e\u200fقطر\u061c"),  # LRM, RLM, ALM kept
        (None, ""),
    ],
)
def test_clean_single_line(raw, expected):
    assert clean_text(raw) == expected


def test_zero_width_characters_stay_in_descriptions():
    assert clean_text("a\u200bb\ufeffc", multiline=True) == "a\u200bb\ufeffc"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Asia/Qatar", "Asia/Qatar"),
        ("x" * SNIPPET_MAX, "x" * SNIPPET_MAX),
        ("x" * 20_000_000, "x" * SNIPPET_MAX + "…"),
        ("evil\n\u202e\x00" + "y" * 100, "evil " + "y" * (SNIPPET_MAX - 5) + "…"),
        (None, ""),
    ],
)
def test_snippet_is_bounded_and_cleaned(raw, expected):
    assert snippet(raw) == expected


def test_clean_multiline_keeps_newlines_and_tabs_and_turns_separators_into_newlines():
    raw = "one\ttwo\r\nthree\u2028four\u2029five\x85six\x00"
    assert clean_text(raw, multiline=True) == "one\ttwo\nthree\nfour\nfive\nsix"
