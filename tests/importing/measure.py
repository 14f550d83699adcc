"""Precision and recall of the article parser per field, on the corpus and on the two seed articles.

    .venv/bin/python -m tests.importing.measure        # prints both tables (they go in issue 15's note)

A field counts as *correct* when the parser proposes exactly the expected value (names compared
after Arabic normalisation and with spaces collapsed), *wrong* when it proposes another value (a
false positive and a false negative), *spurious* when it proposes a value the text does not give
(false positive), *missed* when it proposes nothing where the text gives one (false negative).
precision = correct / proposed, recall = correct / expected. Conflicts are counted the same way, one
item per (article, kind of conflict).
"""

import datetime as dt
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from calendar_app.importing import articles, gazetteer
from calendar_app.importing.arabic import compact
from calendar_app.importing.article_names import Known
from calendar_app.importing.proposals import Proposal

HERE = Path(__file__).parent
CORPUS = HERE / "corpus" / "articles.toml"
HELD_OUT = HERE / "corpus" / "held_out.toml"
SEEDS = HERE.parent.parent / "seeds"
FIELDS = (
    "title",
    "starts_on",
    "ends_on",
    "city",
    "country",
    "venue",
    "organizer",
    "series",
    "edition",
    "status",
    "url",
    "conflicts",
)
CONFLICT_NAMES = (
    "ONLY_END",
    "ONLY_START",
    "TWO_RANGES",
    "DIFFERENT_END",
    "DIFFERENT_START",
    "POSTPONED",
    "CURRENT_MONTH",
)


@dataclass
class Tally:
    """Counts for one field."""

    correct: int = 0
    proposed: int = 0
    expected: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.proposed if self.proposed else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0


@dataclass(frozen=True)
class Case:
    """One text, its date, and what a reader takes from it."""

    id: str
    text: str
    published: dt.date
    expected: dict
    patterns: tuple[str, ...] = ()


def load_corpus(path: Path = CORPUS) -> tuple[list[Case], tuple[Known, ...], tuple[Known, ...]]:
    """The cases of a corpus file and the known venues and series (articles.toml's) they are read with."""
    known = tomllib.loads(CORPUS.read_text(encoding="utf-8"))
    venues = tuple(_known(k) for k in known["known_venue"])
    series = tuple(_known(k) for k in known["known_series"])
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    cases = [
        Case(a["id"], a["text"], a["published"], a["expected"], tuple(a.get("patterns", ())))
        for a in data["article"]
    ]
    return cases, venues, series


def _known(row: dict) -> Known:
    return Known(row["key"], row["name_en"], row["name_ar"], tuple(row.get("aliases", ())))


def seed_cases() -> tuple[list[Case], tuple[Known, ...], tuple[Known, ...]]:
    """The two seed articles; expected values are the seed files' own, except where the text differs.

    What each article gives, per its seed file's [source] section: Milipol's says "until 15 March"
    (the end it proposes, flagged; no start) and names no venue or organiser; the World Police
    Summit's gives no venue or edition ("الدورة الحالية"). Article dates: Milipol's reports the
    opening day (15 March 2021); the summit's was written before it opened.
    """
    milipol = tomllib.loads((SEEDS / "milipol-qatar-2021.toml").read_text(encoding="utf-8"))
    wps = tomllib.loads((SEEDS / "world-police-summit-2024.toml").read_text(encoding="utf-8"))
    cases = [
        Case(
            "seed-milipol-qatar-2021",
            (SEEDS / "milipol-qatar-2021.ar.txt").read_text(encoding="utf-8"),
            dt.date(2021, 3, 15),
            _seed_expected(
                milipol, ends_on=dt.date(2021, 3, 15), starts_on=None, organizer=None, conflicts=["ONLY_END"]
            ),
        ),
        Case(
            "seed-world-police-summit-2024",
            (SEEDS / "world-police-summit-2024.ar.txt").read_text(encoding="utf-8"),
            dt.date(2024, 3, 1),
            _seed_expected(wps, edition=None),
        ),
    ]
    known = [(s, "venue") for s in (milipol, wps)]
    venues = tuple(Known(s[k]["slug"], s[k]["name_en"], s[k]["name_ar"]) for s, k in known)
    series = tuple(
        Known(s["series"]["slug"], s["series"]["name_en"], s["series"]["name_ar"]) for s in (milipol, wps)
    )
    return cases, venues, series


def _seed_expected(seed: dict, **text_differs) -> dict:
    expected = {
        "title": seed["title_ar"],
        "starts_on": seed["starts_on"],
        "ends_on": seed["ends_on"],
        "city": gazetteer.lookup(seed["venue"]["city_en"]).key,
        "country": seed["venue"]["country_code"],
        "organizer": seed["organizer"]["name_ar"],
        "series": seed["series"]["slug"],
        "edition": seed["edition"],
    }
    expected.update(text_differs)
    return {k: v for k, v in expected.items() if v is not None}


def proposed(p: Proposal | None, name: str):
    """The parser's value for a measured field (None when it proposes nothing)."""
    if p is None:
        return None
    getters: dict[str, Callable] = {
        "title": lambda: p.value("title_ar") or p.value("title_en"),
        "city": lambda: _city_key(p.value("city_en")),
        "country": lambda: p.value("country_code"),
        "venue": lambda: p.value("venue") or p.value("venue_name_ar") or p.value("venue_name_en"),
        "organizer": lambda: p.value("organizer_name_ar") or p.value("organizer_name_en"),
        "series": lambda: p.value("series") or p.value("series_name_ar") or p.value("series_name_en"),
    }
    return getters.get(name, lambda: p.value(name))()


def _city_key(name: str | None) -> str | None:
    place = gazetteer.lookup(name) if name else None
    return place.key if place else name


def same(a, b) -> bool:
    """Equal, names compared in normalised form."""
    if isinstance(a, str) and isinstance(b, str):
        return compact(a) == compact(b)
    return a == b


def measure(cases: list[Case], venues: tuple[Known, ...], series: tuple[Known, ...]) -> dict[str, Tally]:
    """Per-field tallies over the cases."""
    tallies = {name: Tally() for name in FIELDS}
    for case in cases:
        result = articles.parse_article(case.text, case.published, known_venues=venues, known_series=series)
        p = result.proposals[0] if result.proposals else None
        for name in FIELDS[:-1]:
            _count(tallies[name], case.id, case.expected.get(name), proposed(p, name))
        _count_conflicts(tallies["conflicts"], case, p)
    return tallies


def _count(t: Tally, case_id: str, want, got) -> None:
    t.expected += want is not None
    t.proposed += got is not None
    if want is not None and got is not None and same(want, got):
        t.correct += 1
    elif want is not None or got is not None:
        t.misses.append(f"{case_id}: expected {want!r}, proposed {got!r}")


def _count_conflicts(t: Tally, case: Case, p: Proposal | None) -> None:
    found = {n for n in CONFLICT_NAMES if p and any(x.msgid == getattr(articles, n) for x in p.notes)}
    want = set(case.expected.get("conflicts", ()))
    t.expected += len(want)
    t.proposed += len(found)
    t.correct += len(want & found)
    if want != found:
        t.misses.append(f"{case.id}: expected {sorted(want)}, found {sorted(found)}")


def table(title: str, tallies: dict[str, Tally]) -> str:
    """A Markdown table of the tallies."""
    lines = [
        f"{title}",
        "",
        "| field | expected | proposed | correct | precision | recall |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, t in tallies.items():
        lines.append(
            f"| {name} | {t.expected} | {t.proposed} | {t.correct} | {t.precision:.2f} | {t.recall:.2f} |"
        )
    return "\n".join(lines)


def main() -> None:
    """Print both tables and every miss."""
    for label, (c, v, s) in (
        ("Corpus", load_corpus()),
        ("Held-out set", load_corpus(HELD_OUT)),
        ("Seed articles", seed_cases()),
    ):
        label = f"{label} ({len(c)} texts)"
        tallies = measure(c, v, s)
        print(table(label, tallies), end="\n\n")
        for name, t in tallies.items():
            for miss in t.misses:
                print(f"  {name}: {miss}")
        print()


if __name__ == "__main__":
    main()
