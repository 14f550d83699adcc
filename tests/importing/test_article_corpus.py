"""Precision and recall per field of the article parser, on the corpus, a held-out set and the seeds.

Run `python -m tests.importing.measure` (or this file with `pytest -s`) to print the tables.

Thresholds, and why:
- Corpus (articles.toml, 40 texts): every field at least 0.95 precision and recall. The corpus was
  written with the rules, so it is a regression suite: each text exercises a pattern the issue names
  and the rules read all of them; a drop below 0.95 (two misses in 40) means a rule broke.
- Held-out set (held_out.toml, 12 texts written after the rules first passed the corpus): dates,
  city, country and conflicts at least 0.9 precision and recall, since a wrong day or place is what
  staff could publish without noticing, and these fields are checked against a list or a calendar
  rather than read from prose; names (title, venue, organiser, series, edition) at least 0.9
  precision and 0.8 recall: a name missed is an empty field staff fill in, but a wrong name wastes
  their time, so precision matters more. Its first run, before the fixes it prompted, was lower
  (title 0.75 recall, organiser 0.33 recall: see the issue's closing note); these thresholds hold
  what was fixed.
- Seed articles: everything the text gives, exactly (1.0), as issue 15 requires.
"""

import pytest

from . import measure

STRICT = ("starts_on", "ends_on", "city", "country", "conflicts")


def _check(tallies, precision, recall):
    failures = [
        f"{name}: P={t.precision:.2f} R={t.recall:.2f} {t.misses}"
        for name, t in tallies.items()
        if t.precision < precision(name) or t.recall < recall(name)
    ]
    assert not failures, "\n".join(failures)


def test_corpus_precision_and_recall_per_field():
    cases, venues, series = measure.load_corpus()
    tallies = measure.measure(cases, venues, series)
    print("\n" + measure.table(f"Corpus ({len(cases)} texts)", tallies))
    _check(tallies, lambda _: 0.95, lambda _: 0.95)


def test_held_out_precision_and_recall_per_field():
    cases, venues, series = measure.load_corpus(measure.HELD_OUT)
    tallies = measure.measure(cases, venues, series)
    print("\n" + measure.table(f"Held-out set ({len(cases)} texts)", tallies))
    _check(tallies, lambda _: 0.9, lambda name: 0.9 if name in STRICT else 0.8)


def test_seed_articles_yield_what_their_text_gives():
    cases, venues, series = measure.seed_cases()
    tallies = measure.measure(cases, venues, series)
    print("\n" + measure.table("Seed articles (2 texts)", tallies))
    _check(tallies, lambda _: 1.0, lambda _: 1.0)


def test_corpus_is_large_enough_and_bilingual():
    cases, _, _ = measure.load_corpus()
    arabic = [c for c in cases if c.id.startswith("ar-")]
    assert len(cases) >= 30 and len(arabic) >= 15 and len(cases) - len(arabic) >= 10


# Every pattern issue 15 names appears in at least one corpus text.
REQUIRED_PATTERNS = (
    "ar-range-min-ila",
    "ar-bayna-wa",
    "until-current-month",
    "month-next",
    "relative-next-month",
    "levantine-month",
    "tishreen-thani",
    "kanun-awwal",
    "double-month-name",
    "hijri-rabi-al-akhir",
    "hijri-rabi-al-thani",
    "hijri-jumada-al-akhira",
    "hijri-jumada-al-thaniya",
    "diacritics",
    "tatweel",
    "arabic-indic-digits",
    "year-less",
    "weekday-name",
    "cross-month-range",
    "only-end",
    "only-start",
    "contradiction-two-ranges",
    "contradiction-hijri-gregorian",
    "edition-al-number",
    "edition-al-dawra-ordinal",
    "edition-ordinal-teen",
    "edition-english-number",
    "edition-english-word",
    "organiser-tunazzimuha",
    "organiser-yunazzimuha",
    "organised-by",
    "known-venue",
    "known-series",
    "en-month-day-range",
    "en-day-to-day-month",
    "en-until",
    "en-between-and",
    "en-hijri-month",
    "cancelled",
    "postponed",
    "registration-date-aside",
)


@pytest.mark.parametrize("pattern", REQUIRED_PATTERNS)
def test_corpus_covers_pattern(pattern):
    cases, _, _ = measure.load_corpus()
    assert any(pattern in c.patterns for c in cases)
