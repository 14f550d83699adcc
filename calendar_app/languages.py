"""The interface languages as data: one table that URLs, pages, feeds, dates and messages all read.

Pure (no Flask), so the domain and the renderers can use it. A third language is a row in LANGUAGES
with its Hijri month names, and a gettext catalog under translations/<code>/ (README, "Languages");
no code asks "is this Arabic?". Event text is stored per language and picked with `pick()`, which
has the one fallback order and says which language it found.
"""

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from babel.support import NullTranslations, Translations

TRANSLATIONS_DIR = Path(__file__).parent / "translations"
# Where gettext catalogs are looked up, in order (Flask-Babel is given the same list).
CATALOG_DIRS: tuple[Path, ...] = (TRANSLATIONS_DIR,)


def N_(message: str) -> str:
    """Mark a message id for extraction without translating it: it is rendered later, in a language."""
    return message


@dataclass(frozen=True)
class Language:
    """Everything that differs between interface languages."""

    code: str  # URL prefix (/ar/), ?lang= value, catalog name, HTML lang
    name: str  # its own name, for the language switch
    direction: str  # "rtl" or "ltr", for HTML dir
    locale: str  # Babel locale for month, weekday and country names
    digits: str  # 0-9 in this language's script
    list_separator: str  # between items of a list written out ("Dubai, UAE")
    hijri_months: tuple[str, ...]  # the twelve Umm al-Qura month names
    hijri_era: str  # after a Hijri year


# Hijri month names. Arabic: CLDR's for the islamic-umalqura calendar (ICU 78 / CLDR 48, the same code
# points), which follows the Umm al-Qura calendar's own usage (issue 11): month 4 is "ربيع الآخر", where
# hijridate says "ربيع الثاني" (a common name too, but not the one this calendar prints; month 6 is
# "جمادى الآخرة" in both). The other eleven are hijridate's. English: hijridate's transliterations
# (DECISIONS.md pins "Sha'ban" and "Ramadan"; CLDR's English is abbreviated, "Rabiʻ II", "Jumada II"),
# with month 4 following the Arabic name as month 6 does. The eras are hijridate's notations.
#
# Anything that reads month names back (an import, a search) must accept both forms of months 4 and 6 in
# both languages: ربيع الآخر / ربيع الثاني, جمادى الآخرة / جمادى الثانية, "Rabi' al-Akhir" / "Rabi' al-Thani"
# / "Rabiʻ II", "Jumada al-Akhirah" / "Jumada al-Thani" / "Jumada II", and Arabic written with or without
# hamza, madda and short vowels (الاخر, الآخِر).
ARABIC = Language(
    code="ar", name="العربية", direction="rtl", locale="ar", digits="٠١٢٣٤٥٦٧٨٩",
    # The Arabic comma: a Latin comma looks foreign in right-to-left text.
    list_separator="، ",
    hijri_months=("محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب", "شعبان",
                  "رمضان", "شوال", "ذو القعدة", "ذو الحجة"),
    hijri_era="هـ",
)
ENGLISH = Language(
    # Babel's "en": dates.py writes every date with an explicit pattern, which en and en_GB print alike;
    # "en" names countries as the pages always have.
    code="en", name="English", direction="ltr", locale="en", digits="0123456789", list_separator=", ",
    hijri_months=("Muharram", "Safar", "Rabi' al-Awwal", "Rabi' al-Akhir", "Jumada al-Ula",
                  "Jumada al-Akhirah", "Rajab", "Sha'ban", "Ramadan", "Shawwal", "Dhu al-Qa'dah",
                  "Dhu al-Hijjah"),
    hijri_era="AH",
)
# In this order: URL prefixes, Accept-Language matching, the language switch, text fallback after DEFAULT.
LANGUAGES: dict[str, Language] = {lang.code: lang for lang in (ARABIC, ENGLISH)}
# Text missing in the asked language is shown in this one first; unknown codes are read as it.
DEFAULT = "en"


def codes() -> tuple[str, ...]:
    """Every interface language's code, in table order."""
    return tuple(LANGUAGES)


def language(code: str | None) -> Language:
    """The table row for `code`; an unknown code gets DEFAULT's, so a renderer never fails on it."""
    return LANGUAGES.get(code or "") or LANGUAGES[DEFAULT]


def is_language(code: str | None) -> bool:
    """Whether `code` names an interface language (for ?lang= and URL prefixes)."""
    return code in LANGUAGES


# -- numbers and lists ------------------------------------------------------------------------------
def digits(value: int | str, lang: str) -> str:
    """Write a number (or the digits in a text) with the language's digits."""
    return str(value).translate(_digit_table(language(lang).digits))


@functools.cache
def _digit_table(target: str) -> dict[int, str]:
    return str.maketrans("0123456789", target)


def join_list(parts: Iterable[str], lang: str) -> str:
    """Join the non-empty parts with the language's separator ("،" in Arabic)."""
    return language(lang).list_separator.join(p for p in parts if p)


# -- text stored per language -------------------------------------------------------------------------
class Picked(NamedTuple):
    """A text and the language it is written in ("" when no language had one)."""

    text: str
    lang: str


def fallback_order(lang: str) -> tuple[str, ...]:
    """Where text is looked for: the asked language, then DEFAULT, then the others in table order."""
    return tuple(dict.fromkeys((lang, DEFAULT, *LANGUAGES)))


def pick(texts: Mapping[str, str], lang: str) -> Picked:
    """The text in `lang`, else the first one found in fallback_order(); Picked("", "") when none."""
    for code in fallback_order(lang):
        if texts.get(code):
            return Picked(texts[code], code)
    return Picked("", "")


def texts_of(obj: Any, name: str) -> dict[str, str]:
    """An object's `<name>_<code>` attributes by language code (missing ones read as "")."""
    return {code: getattr(obj, f"{name}_{code}", "") or "" for code in LANGUAGES}


def pick_field(obj: Any, name: str, lang: str) -> Picked:
    """pick() over an object's `<name>_<code>` attributes, e.g. pick_field(event, "title", "ar")."""
    return pick(texts_of(obj, name), lang)


# -- catalogs -------------------------------------------------------------------------------------
@functools.cache
def translations(lang: str) -> NullTranslations:
    """The gettext catalog of `lang` (merged over CATALOG_DIRS), for code that runs outside a request."""
    found: NullTranslations = NullTranslations()
    for directory in reversed(CATALOG_DIRS):  # the first directory wins
        catalog = Translations.load(str(directory), [lang])
        if isinstance(catalog, Translations):
            catalog.add_fallback(found)
            found = catalog
    return found


def gettext_for(lang: str) -> Callable[[str], str]:
    """A gettext function bound to one language, for pure renderers."""
    return translations(lang).gettext
