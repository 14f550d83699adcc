"""Cleaning of text typed by people, done once on input (rules in shared/DECISIONS.md)."""

import re

# C0 except tab/newline, DEL, C1 except NEL (handled below), bidi embeddings/overrides/isolates.
_DROP = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")
# Invisible format characters that only hide text in a one-line name (two titles that look the same but
# differ, a URL name that does not match): zero width space, word joiner and the invisible operators,
# the deprecated format controls, the byte order mark (zero width no-break space) and the Mongolian vowel
# separator. ZWJ and ZWNJ (U+200D, U+200C) and LRM, RLM, ALM stay: Arabic and Persian text need them.
_INVISIBLE = re.compile("[\u200b\u2060-\u2064\u206a-\u206f\ufeff\u180e]")
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x85]")
SNIPPET_MAX = 40


def clean_text(value: str | None, *, multiline: bool = False) -> str:
    """Strip control and bidi-override characters; keep LRM, RLM, ALM, ZWJ and ZWNJ.

    Line separators become a newline in multi-line text and a space elsewhere, so a title can
    never break an iCalendar line or a header; single-line text also loses invisible zero-width
    characters.
    """
    if not value:
        return ""
    text = _LINE_BREAKS.sub("\n", value)
    if not multiline:
        text = _INVISIBLE.sub("", text.replace("\n", " ").replace("\t", " "))
    return _DROP.sub("", text).strip()


def snippet(value: str | None, limit: int = SNIPPET_MAX) -> str:
    """A bounded, cleaned piece of bad input to quote in an error message ("…" when cut)."""
    text = clean_text(str(value)[: limit * 4] if value is not None else "")
    return text if len(text) <= limit else text[:limit].rstrip() + "…"
