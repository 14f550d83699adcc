"""Cleaning of text typed by people, done once on input (rules in shared/DECISIONS.md)."""

import re

# C0 except tab/newline, DEL, C1 except NEL (handled below), bidi embeddings/overrides/isolates.
_DROP = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x85]")


def clean_text(value: str | None, *, multiline: bool = False) -> str:
    """Strip control and bidi-override characters; keep LRM, RLM, ALM, ZWJ and ZWNJ.

    Line separators become a newline in multi-line text and a space elsewhere, so a title can
    never break an iCalendar line or a header.
    """
    if not value:
        return ""
    text = _LINE_BREAKS.sub("\n", value)
    if not multiline:
        text = text.replace("\n", " ").replace("\t", " ")
    return _DROP.sub("", text).strip()
