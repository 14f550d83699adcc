"""Proposing an event from a news article (Arabic or English) and the article's date.

No network service and no language model: rules over the normalised text (article_dates,
article_names, article_roles), the gazetteer, and the venues and series the caller already stores.
Every proposed value keeps the sentence it came from and the characters to highlight; what the text
does not give stays empty (`Proposal.missing()`); contradictions become "conflict" notes, which the
review page offers as the event's recorded source conflict.

Which value wins when the text offers several:
- dates: the first range or single date; a "from" date followed by an "until" date make a range;
  any other range that differs is a conflict (two ranges, or a Hijri date whose Gregorian twin
  disagrees); with only an end (or only a start) that day alone is proposed, flagged;
- city: the first one named in the sentence with the dates, else in the sentence with the title,
  else the first in the text; the country and zone follow from the city (gazetteer);
- title, series and edition: see article_names; a series edition's title gets its year, as
  "Milipol Qatar 2021" does.
"""

import datetime as dt
import re

from .. import hijri
from ..text import clean_text
from . import gazetteer
from .arabic import script
from .article_dates import CURRENT_MONTH, DateMention, find_dates
from .article_names import (
    EVENT_NOUNS_AR,
    EVENT_NOUNS_EN,
    YEAR_AT_END,
    Found,
    Known,
    find_edition,
    find_known,
    find_series_mention,
    find_title,
    known_index,
    strip_ordinal,
)
from .article_roles import find_organiser, find_venue_name
from .article_text import ArticleText
from .notes import N_, Derived, Given, Source, derived, note
from .proposals import Draft, ImportResult

MAX_CHARS = 100_000
EMPTY = N_("The text is empty.")
TOO_LONG = N_("The text has %(length)s characters; only the first %(limit)s were read.")
ARTICLE_DAY_OUT_OF_RANGE = N_("The article's date (%(day)s) must lie between 1924-08-01 and 2077-11-16.")
ONLY_END = N_("The text gives only the last day (%(last)s); the first day is left empty.")
ONLY_START = N_("The text gives only the first day (%(first)s); the last day is left empty.")
TWO_RANGES = N_(
    "The text gives two different dates: %(first)s to %(last)s, and %(other_first)s to %(other_last)s."
)
DIFFERENT_END = N_("The text also gives %(other_last)s as the last day, not %(last)s.")
DIFFERENT_START = N_("The text also gives %(other_first)s as the first day, not %(first)s.")
POSTPONED = N_("The text says the event is postponed (“%(words)s”): its dates may no longer hold.")
OUT_OF_TABLE = N_("%(day)s is outside 1924-08-01..2077-11-16, the dates this calendar can hold.")
ONE_DAY = N_("One date: proposed as a one-day event.")
DAYS_NOT_TIMES = N_("The text gives days, not times.")
OTHER_LANGUAGE_NAME = N_("The gazetteer's name for %(name)s.")
COUNTRY_OF_CITY = N_("%(city)s is in %(country)s (gazetteer).")
ZONE_OF_PLACE = N_("The time zone of %(place)s (gazetteer).")
KNOWN_SERIES = N_("The text names the stored series %(key)s.")
YEAR_ADDED = N_("The series' name with the year of its dates (%(year)s), as this calendar names editions.")
SERIES_FROM_TITLE = N_("The title without its year or ordinal.")
CATEGORY_FROM_NOUN = N_("“%(noun)s” in the title suggests this category.")
CANCELLED = re.compile(r"(?<!\w)(?:[وب]?الغاء|الغي|الغيت|تلغي|cancel+ed|called off|scrapped)(?!\w)")
POSTPONE = re.compile(r"(?<!\w)(?:[وب]?تاجيل|تاجل|تاجلت|[وب]?ارجاء|ارجئ|postponed|put off)(?!\w)")
URL = re.compile(r"https?://[^\s<>\"'«»،]+")


def parse_article(
    text: str,
    published_on: dt.date,
    *,
    known_venues: tuple[Known, ...] = (),
    known_series: tuple[Known, ...] = (),
    citation: str = "",
    source_url: str = "",
) -> ImportResult:
    """One proposed event from an article's text and date (never raises on any text)."""
    text = clean_text(text or "", multiline=True)
    notes = []
    if len(text) > MAX_CHARS:
        notes.append(note("problem", TOO_LONG, length=len(text), limit=MAX_CHARS))
        text = text[:MAX_CHARS]
    if not text:
        return ImportResult((), (note("problem", EMPTY),), "")
    if not hijri.in_range(published_on):
        return ImportResult((), (note("problem", ARTICLE_DAY_OUT_OF_RANGE, day=published_on),), text)
    art = ArticleText.read(text)
    draft = Draft("article")
    dates_at = _put_dates(draft, art, published_on)
    title = _put_title_and_series(draft, art, known_series)
    _put_place(draft, art, [i for i in (dates_at, title) if i is not None])
    _put_venue(draft, art, known_venues)
    _put_organiser(draft, art)
    _put_status(draft, art)
    _put_links(draft, art, citation, source_url)
    return ImportResult((draft.freeze(),), tuple(notes), text)


# ------------------------------------------------------------------------------------------ dates
class _Days:
    """A candidate for the event's days: one mention, or a "from" and an "until" mention."""

    def __init__(self, first: DateMention, last: DateMention | None = None):
        self.parts = (first,) if last is None else (first, last)
        self.first, self.last = first.first, (last or first).last
        self.single = last is None and first.kind == "single"


def _put_dates(draft: Draft, art: ArticleText, published_on: dt.date) -> int | None:
    """Propose starts_on/ends_on; returns the index of the sentence they came from."""
    mentions = find_dates(art.norm.text, published_on)
    usable = [m for m in mentions if _usable(draft, art, m)]
    ranges = [_Days(m) for m in usable if m.kind in ("range", "single")]
    pairs = _pairs(usable)
    candidates = sorted(ranges + pairs, key=lambda d: d.parts[0].start)
    paired = {id(p) for d in pairs for p in d.parts}
    loose = [m for m in usable if m.kind in ("from", "until") and id(m) not in paired]
    if candidates:
        _put_range(draft, art, candidates[0])
        _check_others(draft, art, candidates[0], candidates[1:], loose)
        return art.sentence_index(art.from_norm(candidates[0].parts[0].start, candidates[0].parts[0].end)[0])
    return _put_partial(draft, art, loose)


def _usable(draft: Draft, art: ArticleText, m: DateMention) -> bool:
    span = _span(art, m)
    if m.problem is not None:
        draft.add("problem", m.problem.msgid, sources=(span,), **m.problem.params)
        return False
    for how in m.how:
        if how.msgid == CURRENT_MONTH:
            draft.add(
                "conflict", CURRENT_MONTH, fields=("starts_on", "ends_on"), sources=(span,), **how.params
            )
    for day in (m.first, m.last):
        if day is not None and not hijri.in_range(day):
            draft.add("problem", OUT_OF_TABLE, fields=("starts_on", "ends_on"), sources=(span,), day=day)
            return False
    return True


def _pairs(mentions: list[DateMention]) -> list[_Days]:
    """Each "from" date with the next "until" date not before it ("تنطلق في 10 … وتختتم في 12 …")."""
    pairs, used = [], set()
    for i, m in enumerate(mentions):
        if m.kind != "from":
            continue
        end = next(
            (u for u in mentions[i + 1 :] if u.kind == "until" and id(u) not in used and u.last >= m.first),
            None,
        )
        if end is not None:
            used.add(id(end))
            pairs.append(_Days(m, end))
    return pairs


def _put_range(draft: Draft, art: ArticleText, days: _Days) -> None:
    first, last = days.parts[0], days.parts[-1]
    draft.put("starts_on", days.first, _date_source(art, first))
    end_source = _date_source(art, last)
    draft.put("ends_on", days.last, derived(ONE_DAY, (end_source,)) if days.single else end_source)
    draft.put("all_day", True, derived(DAYS_NOT_TIMES, (_span(art, first),)))


def _check_others(draft: Draft, art: ArticleText, chosen: _Days, others: list[_Days], loose) -> None:
    """Other ranges that differ, and loose first or last days that differ, are conflicts."""
    params = {"first": chosen.first, "last": chosen.last}
    for other in others:
        if (other.first, other.last) != (chosen.first, chosen.last):
            draft.add(
                "conflict",
                TWO_RANGES,
                fields=("starts_on", "ends_on"),
                sources=_sources(art, chosen, other),
                other_first=other.first,
                other_last=other.last,
                **params,
            )
    for m in loose:
        if m.kind == "until" and m.last != chosen.last:
            draft.add(
                "conflict",
                DIFFERENT_END,
                fields=("ends_on",),
                sources=(_span(art, m),),
                other_last=m.last,
                **params,
            )
        if m.kind == "from" and m.first != chosen.first:
            draft.add(
                "conflict",
                DIFFERENT_START,
                fields=("starts_on",),
                sources=(_span(art, m),),
                other_first=m.first,
                **params,
            )


def _put_partial(draft: Draft, art: ArticleText, loose: list[DateMention]) -> int | None:
    """Only a last day ("حتى 15 من مارس الجاري") or only a first day: propose it, flagged."""
    if not loose:
        return None
    m = loose[0]
    field, msgid = ("ends_on", ONLY_END) if m.kind == "until" else ("starts_on", ONLY_START)
    day = m.last if m.kind == "until" else m.first
    draft.put(field, day, _date_source(art, m))
    draft.put("all_day", True, derived(DAYS_NOT_TIMES, (_span(art, m),)))
    draft.add(
        "conflict",
        msgid,
        fields=("starts_on", "ends_on"),
        sources=(_span(art, m),),
        **{"last" if m.kind == "until" else "first": day},
    )
    for other in loose[1:]:
        if other.kind == m.kind and (other.first, other.last) != (m.first, m.last):
            draft.add(
                "conflict",
                DIFFERENT_END if m.kind == "until" else DIFFERENT_START,
                fields=(field,),
                sources=(_span(art, other),),
                first=m.first,
                last=m.last,
                other_first=other.first,
                other_last=other.last,
            )
    return art.sentence_index(art.from_norm(m.start, m.end)[0])


def _span(art: ArticleText, m: DateMention):
    return art.span(*art.from_norm(m.start, m.end))


def _date_source(art: ArticleText, m: DateMention) -> Source:
    """The mention's span, wrapped in how its year was found when the text did not write it."""
    source: Source = _span(art, m)
    for how in m.how:
        if how.msgid != CURRENT_MONTH:
            source = Derived(how.msgid, how.params, (source,))
    return source


def _sources(art: ArticleText, *days: _Days) -> tuple[Source, ...]:
    return tuple(_span(art, p) for d in days for p in d.parts)


# ------------------------------------------------------------------------- title, series, edition
def _put_title_and_series(draft: Draft, art: ArticleText, known_series: tuple[Known, ...]) -> int | None:
    """Propose the title, series and edition; returns the index of the title's sentence."""
    series = find_known(art, known_index(known_series))
    title, edition = find_title(art, series), find_edition(art)
    if edition is not None:
        draft.put("edition", int(edition.value), art.span(edition.start, edition.end))
    if title is None:
        return None
    is_edition = bool(
        title.how == "known"
        or edition
        or find_series_mention(art)
        or (title.how == "quoted" and YEAR_AT_END.search(title.value))
    )
    _put_title(draft, art, title, is_edition)
    if is_edition:
        _put_series(draft, art, title)
    _put_category(draft, art, title)
    return art.sentence_index(title.start)


def _put_title(draft: Draft, art: ArticleText, title: Found, is_edition: bool) -> None:
    source: Source = art.span(title.start, title.end)
    if title.how == "known":
        source = derived(KNOWN_SERIES, (source,), key=title.key)
    value, year = title.value, _year_of_dates(draft)
    if is_edition and year and not YEAR_AT_END.search(value):
        value = f"{value} {year}"
        source = derived(YEAR_ADDED, (source, draft.fields[_dated_field(draft)].source), year=year)
    draft.put(f"title_{script(value) or art.lang}", value, source)


def _put_series(draft: Draft, art: ArticleText, title: Found) -> None:
    span = art.span(title.start, title.end)
    if title.how == "known":
        draft.put("series", title.key, derived(KNOWN_SERIES, (span,), key=title.key))
        return
    name = strip_ordinal(YEAR_AT_END.sub("", title.value)).strip()
    draft.put(f"series_name_{script(name) or art.lang}", name, derived(SERIES_FROM_TITLE, (span,)))


def _put_category(draft: Draft, art: ArticleText, title: Found) -> None:
    category = EVENT_NOUNS_AR.get(title.noun) or EVENT_NOUNS_EN.get(title.noun)
    if category:
        draft.put(
            "categories",
            (category,),
            derived(CATEGORY_FROM_NOUN, (art.span(title.start, title.end),), noun=title.noun),
        )


def _dated_field(draft: Draft) -> str:
    return "starts_on" if draft.has("starts_on") else "ends_on"


def _year_of_dates(draft: Draft) -> int | None:
    day = draft.fields.get(_dated_field(draft))
    return day.value.year if day else None


# ------------------------------------------------------------------------------- place and people
def _put_place(draft: Draft, art: ArticleText, sentences: list[int]) -> None:
    """City (both languages), country and zone: the first city in the dates' or title's sentence."""
    mentions = gazetteer.find(art.norm, art.text)
    cities = [m for m in mentions if m.value.kind == "city"]
    in_key = [m for s in sentences for m in mentions if art.sentence_index(m.start) == s]
    city = next((m for m in in_key if m.value.kind == "city"), cities[0] if cities else None)
    if city is not None:
        _put_city(draft, art, city)
        return
    country = next((m for m in in_key if m.value.kind == "country"), None)
    if country is not None:
        span = art.span(country.start, country.end)
        draft.put("country_code", country.value.key, span)
        _put_zone(draft, country.value, span)


def _put_city(draft: Draft, art: ArticleText, city) -> None:
    place, span = city.value, art.span(city.start, city.end)
    written = script(art.text[city.start : city.end]) or art.lang
    for lang, name in (("en", place.en), ("ar", place.ar)):
        draft.put(
            f"city_{lang}",
            name,
            span if lang == written else derived(OTHER_LANGUAGE_NAME, (span,), name=name),
        )
    country = gazetteer.country(place.country)
    draft.put(
        "country_code",
        place.country,
        derived(COUNTRY_OF_CITY, (span,), city=place.en, country=country.en if country else place.country),
    )
    _put_zone(draft, place, span)


def _put_zone(draft: Draft, place, span) -> None:
    if place.zone:
        draft.put("tzid", place.zone, derived(ZONE_OF_PLACE, (span,), place=place.en))


def _put_venue(draft: Draft, art: ArticleText, known_venues: tuple[Known, ...]) -> None:
    known = find_known(art, known_index(known_venues))
    if known:
        draft.put("venue", known[0].key, art.span(known[0].start, known[0].end))
        return
    venue = find_venue_name(art)
    if venue is not None:
        draft.put(
            f"venue_name_{script(venue.value) or art.lang}", venue.value, art.span(venue.start, venue.end)
        )


def _put_organiser(draft: Draft, art: ArticleText) -> None:
    found = find_organiser(art)
    if found is not None:
        draft.put(
            f"organizer_name_{script(found.value) or art.lang}", found.value, art.span(found.start, found.end)
        )


def _put_status(draft: Draft, art: ArticleText) -> None:
    cancelled = CANCELLED.search(art.norm.text)
    if cancelled is not None:
        draft.put("status", "cancelled", art.span(*art.from_norm(*cancelled.span())))
    postponed = POSTPONE.search(art.norm.text)
    if postponed is not None:
        span = art.span(*art.from_norm(*postponed.span()))
        draft.add(
            "conflict",
            POSTPONED,
            fields=("starts_on", "ends_on", "status"),
            sources=(span,),
            words=span.quoted,
        )


def _put_links(draft: Draft, art: ArticleText, citation: str, source_url: str) -> None:
    link = URL.search(art.text)
    if link is not None:
        start, end = link.start(), link.end()
        while end > start and art.text[end - 1] in ".,;:)؛!?":
            end -= 1
        draft.put("url", art.text[start:end], art.span(start, end))
    draft.put("source_citation", citation, Given("citation"))
    draft.put("source_url", source_url, Given("source_url"))
