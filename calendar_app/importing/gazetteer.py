"""Cities and countries an import recognises in text, from `gazetteer.toml`.

A mention is found in the normalised text (arabic.py), so "بالدوحة", "الدوحه" and "DOHA" all name
Doha, and then mapped back to the characters staff see. Arabic names also match with the prefixes
Arabic attaches to a word (و ف ب ك ل, and لل for a name that starts with ال).
"""

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .arabic import Normalised, normalise

DATA = Path(__file__).with_name("gazetteer.toml")


@dataclass(frozen=True)
class Place:
    """A city or a country: its names, ISO country code and (when it has only one) IANA zone."""

    kind: str  # "city" | "country"
    key: str
    en: str
    ar: str
    country: str
    zone: str | None


@dataclass(frozen=True)
class Mention:
    """A place named in a text, at [start, end) of the original text."""

    place: Place
    start: int
    end: int


# Words of normalised text; a hyphen or apostrophe inside a word keeps it whole (Abu-Dhabi, al-Ain).
WORD = re.compile(r"[^\W_]+(?:['.-][^\W_]+)*")
MAX_WORDS = 5
# Letters Arabic writes onto the next word: and, so, in/with, like, for.
_PREFIXES = ("وب", "فب", "ول", "فل", "وك", "و", "ف", "ب", "ك", "ل", "")


@dataclass(frozen=True)
class _Gazetteer:
    places: tuple[Place, ...]
    folded: dict[str, Place]  # normalised name, words joined by one space -> place
    exact: re.Pattern | None  # names matched as written
    exact_names: dict[str, Place]


@functools.cache
def _load() -> _Gazetteer:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    places, folded, exact = [], {}, {}
    for kind in ("city", "country"):  # cities first: "الكويت" is the capital before the country
        for row in data[kind]:
            place = Place(kind, row.get("key", row.get("code")), row["en"], row["ar"],
                          row.get("country", row.get("code")), row.get("zone"))
            places.append(place)
            for name in _names(row):
                if name.startswith("="):
                    exact.setdefault(name[1:], place)
                else:
                    folded.setdefault(_words(name), place)
    return _Gazetteer(tuple(places), folded, _exact_pattern(exact), exact)


def _names(row: dict) -> list[str]:
    ar = ("=" + row["ar"]) if row.get("ar_as_written") else row["ar"]
    return [row["en"], ar, *row.get("variants", [])]


def _words(name: str) -> str:
    return " ".join(WORD.findall(normalise(name)))


def _exact_pattern(names: dict[str, Place]) -> re.Pattern | None:
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)")


def places() -> tuple[Place, ...]:
    """Every place in the gazetteer."""
    return _load().places


def find(norm: Normalised, source: str) -> list[Mention]:
    """Every place named in `source` (whose normalised form is `norm`), in order, without overlaps."""
    g = _load()
    words = list(WORD.finditer(norm.text))
    found = []
    for i in range(len(words)):
        for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
            hit = _match(g, words[i:i + n])
            if hit is not None:
                place, start, end = hit
                found.append(Mention(place, *norm.source_span(start, end)))
                break
    if g.exact is not None:
        found += [Mention(g.exact_names[m.group()], m.start(), m.end()) for m in g.exact.finditer(source)]
    return _without_overlaps(found)


def _match(g: _Gazetteer, words: list[re.Match]) -> tuple[Place, int, int] | None:
    """The place these words name, allowing Arabic prefixes on the first word."""
    first, rest = words[0].group(), " ".join(w.group() for w in words[1:])
    for prefix in _PREFIXES:
        if not first.startswith(prefix) or len(first) - len(prefix) < 2:
            continue
        core = first[len(prefix):]
        candidates = [core] + (["ا" + core] if prefix.endswith("ل") and core.startswith("ل") else [])
        for word in candidates:
            place = g.folded.get(f"{word} {rest}".strip())
            if place is not None:
                return place, words[0].start() + len(prefix), words[-1].end()
    return None


def _without_overlaps(found: list[Mention]) -> list[Mention]:
    chosen: list[Mention] = []
    for m in sorted(found, key=lambda m: (-(m.end - m.start), m.start, m.place.kind != "city")):
        if all(m.end <= c.start or m.start >= c.end for c in chosen):
            chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)


def lookup(name: str) -> Place | None:
    """The place a whole string names ("Doha", "الدوحه", "QA"), or None; cities before countries."""
    g = _load()
    place = g.folded.get(_words(name or ""))
    if place is not None:
        return place
    code = (name or "").strip().upper()
    return next((p for p in g.places if p.kind == "country" and p.key == code), None)


def country(code: str) -> Place | None:
    """The country with this ISO 3166 code."""
    return next((p for p in places() if p.kind == "country" and p.key == code), None)


def country_zone(code: str) -> str | None:
    """The IANA zone of a one-zone country (None when unknown or it has several)."""
    place = country(code)
    return place.zone if place else None
