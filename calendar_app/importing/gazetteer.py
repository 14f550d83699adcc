"""Cities and countries an import recognises, in both languages, from `gazetteer.toml`.

Found in text with `phrases.PhraseIndex` (spelling-blind, Arabic prefixes allowed), except names
marked "=" in the data file, which are matched exactly as written (acronyms such as UK, and عمّان,
whose normalised form is Oman's name).
"""

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .arabic import Normalised
from .phrases import Match, PhraseIndex, without_overlaps

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
class _Gazetteer:
    places: tuple[Place, ...]
    index: PhraseIndex
    exact: dict[str, Place]
    exact_re: re.Pattern | None


@functools.cache
def _load() -> _Gazetteer:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    places, folded, exact = [], [], {}
    for kind in ("city", "country"):  # cities first: "الكويت" names the capital before the country
        for row in data[kind]:
            place = Place(
                kind,
                row.get("key", row.get("code")),
                row["en"],
                row["ar"],
                row.get("country", row.get("code")),
                row.get("zone"),
            )
            places.append(place)
            for name in _names(row):
                if name.startswith("="):
                    exact.setdefault(name[1:], place)
                else:
                    folded.append((name, place))
    return _Gazetteer(tuple(places), PhraseIndex(folded), exact, _exact_pattern(exact))


def _names(row: dict) -> list[str]:
    ar = ("=" + row["ar"]) if row.get("ar_as_written") else row["ar"]
    return [row["en"], ar, *row.get("variants", [])]


def _exact_pattern(names: dict[str, Place]) -> re.Pattern | None:
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)")


def places() -> tuple[Place, ...]:
    """Every place in the gazetteer."""
    return _load().places


def find(norm: Normalised, source: str) -> list[Match]:
    """Places named in `source` (normalised as `norm`), in order, without overlaps; values are Places."""
    g = _load()
    found = g.index.find(norm)
    if g.exact_re is not None:
        found += [Match(g.exact[m.group()], m.start(), m.end()) for m in g.exact_re.finditer(source)]
    return without_overlaps(found, prefer=lambda m: m.value.kind != "city")


def lookup(name: str) -> Place | None:
    """The place a whole string names ("Doha", "الدوحه", "QA"), or None; cities before countries."""
    g = _load()
    text = (name or "").strip()
    place = g.exact.get(text) or g.index.get(text)
    return place if place is not None else country(text.upper())


def country(code: str) -> Place | None:
    """The country with this ISO 3166 code."""
    return next((p for p in places() if p.kind == "country" and p.key == code), None)


def country_zone(code: str) -> str | None:
    """The IANA zone of a one-zone country (None when unknown or it has several)."""
    place = country(code)
    return place.zone if place else None
