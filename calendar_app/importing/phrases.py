"""Finding known names (places, venues, series) in text, whatever their spelling or attached prefixes.

A name is a sequence of words compared in normalised form (arabic.py), so "بالدوحة", "الدوحه" and
"DOHA" all match "الدوحة", and "Bahrain International Exhibition & Convention Centre" matches with
or without the ampersand. Arabic writes some particles onto the next word (و ف ب ك ل; ل before ال
gives لل), so the first word may carry them. Matches are reported as spans of the original text.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .arabic import Normalised, normalise

# Words of normalised text; a hyphen or apostrophe inside a word keeps it whole (Abu-Dhabi, al-Ain).
WORD = re.compile(r"[^\W_]+(?:['.-][^\W_]+)*")
# Letters Arabic writes onto the next word: and, so, in/with, like, for.
PREFIXES = ("وب", "فب", "ول", "فل", "وك", "و", "ف", "ب", "ك", "ل", "")


@dataclass(frozen=True)
class Match:
    """A known name found at [start, end) of the original text, and the value it stands for."""

    value: Any
    start: int
    end: int


def words(name: str) -> str:
    """A name's matching key: its normalised words joined by single spaces."""
    return " ".join(WORD.findall(normalise(name)))


class PhraseIndex:
    """Names (any script, any spelling people use) → values, searchable in normalised text."""

    def __init__(self, names: Iterable[tuple[str, Any]]):
        self.names: dict[str, Any] = {}
        for name, value in names:
            key = words(name)
            if key:
                self.names.setdefault(key, value)
        self.longest = max((k.count(" ") + 1 for k in self.names), default=0)

    def get(self, name: str) -> Any:
        """The value a whole string names, or None."""
        return self.names.get(words(name))

    def find(self, norm: Normalised) -> list[Match]:
        """Every name in the text, longest first at each word, in text order (may overlap)."""
        tokens = list(WORD.finditer(norm.text))
        found = []
        for i in range(len(tokens)):
            for n in range(min(self.longest, len(tokens) - i), 0, -1):
                hit = self._match(tokens[i : i + n])
                if hit is not None:
                    value, start, end = hit
                    found.append(Match(value, *norm.source_span(start, end)))
                    break
        return found

    def _match(self, tokens: list[re.Match]) -> tuple[Any, int, int] | None:
        first, rest = tokens[0].group(), " ".join(t.group() for t in tokens[1:])
        for prefix in PREFIXES:
            if not first.startswith(prefix) or len(first) - len(prefix) < 2:
                continue
            core = first[len(prefix) :]
            # "للدوحة" is ل + الدوحة with the article's alef dropped
            for word in (core, "ا" + core) if prefix.endswith("ل") and core.startswith("ل") else (core,):
                value = self.names.get(f"{word} {rest}".strip())
                if value is not None:
                    return value, tokens[0].start() + len(prefix), tokens[-1].end()
        return None


def without_overlaps(found: list[Match], prefer=lambda _m: 0) -> list[Match]:
    """The longest matches that do not overlap (ties: earlier, then `prefer`), in text order."""
    chosen: list[Match] = []
    for m in sorted(found, key=lambda m: (-(m.end - m.start), m.start, prefer(m))):
        if all(m.end <= c.start or m.start >= c.end for c in chosen):
            chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)
