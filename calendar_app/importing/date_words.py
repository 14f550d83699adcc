"""The words dates are written with in Arabic and English news text, as matching tables.

Gregorian months in Arabic have three families: the Egyptian and Gulf names from the Latin ones
(مارس), the Levantine and Iraqi Syriac names (آذار, كانون الثاني) and the Maghreb names from French
(جانفي, أفريل); papers in the Levant often write both ("آذار/مارس"). Hijri months have two names
for months 4 and 6 (ربيع الآخر/الثاني, جمادى الآخرة/الثانية; hijri.py explains which one this
calendar prints) and several transliterations in English. Every name is listed as people write it;
`key()` folds them (arabic.normalise, no apostrophes or hyphens) so matching is spelling-blind.
"""

import re

from .arabic import normalise

GREGORIAN_AR = (
    ("يناير", "كانون الثاني", "جانفي"),
    ("فبراير", "شباط", "فيفري"),
    ("مارس", "آذار"),
    ("أبريل", "إبريل", "نيسان", "أفريل"),
    ("مايو", "أيار", "ماي"),
    ("يونيو", "يونيه", "حزيران", "جوان"),
    ("يوليو", "يوليه", "تموز", "جويلية", "يوليوز"),
    ("أغسطس", "آب", "أوت", "غشت"),
    ("سبتمبر", "أيلول", "شتنبر"),
    ("أكتوبر", "تشرين الأول"),
    ("نوفمبر", "تشرين الثاني", "نونبر"),
    ("ديسمبر", "كانون الأول", "دجنبر"),
)
GREGORIAN_EN = (
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sept", "sep"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)
HIJRI_AR = (
    ("محرم", "المحرم"),
    ("صفر",),
    ("ربيع الأول", "ربيع أول"),
    ("ربيع الآخر", "ربيع الثاني", "ربيع آخر", "ربيع ثاني"),
    ("جمادى الأولى", "جمادى الأول", "جماد الأول"),
    ("جمادى الآخرة", "جمادى الثانية", "جمادى الآخر", "جمادى الثاني", "جماد الآخر"),
    ("رجب",),
    ("شعبان",),
    ("رمضان",),
    ("شوال",),
    ("ذو القعدة", "ذي القعدة", "ذا القعدة"),
    ("ذو الحجة", "ذي الحجة", "ذا الحجة"),
)
HIJRI_EN = (
    ("muharram",),
    ("safar",),
    ("rabi' al-awwal", "rabi' al-awal", "rabi' i", "rabi' ul-awwal"),
    ("rabi' al-akhir", "rabi' al-thani", "rabi' al-akhar", "rabi' ii", "rabi' ul-akhir", "rabi' ath-thani"),
    ("jumada al-ula", "jumada al-awwal", "jumada al-oola", "jumada i"),
    ("jumada al-akhirah", "jumada al-akhira", "jumada al-thani", "jumada al-thaniyah", "jumada ii"),
    ("rajab",),
    ("sha'ban", "shaaban"),
    ("ramadan", "ramadhan"),
    ("shawwal",),
    ("dhu al-qa'dah", "dhu al-qadah", "dhul qa'dah", "dhu al-qi'dah", "dhu'l-qa'dah"),
    ("dhu al-hijjah", "dhul hijjah", "dhu al-hijja", "dhu'l-hijjah"),
)
# "this month", "next month": a month named relative to the article's own.
RELATIVE_MONTHS = {
    "الشهر الجاري": 0,
    "الشهر الحالي": 0,
    "هذا الشهر": 0,
    "this month": 0,
    "الشهر المقبل": 1,
    "الشهر القادم": 1,
    "next month": 1,
    "الشهر الماضي": -1,
    "last month": -1,
}
# After a month name: "مارس الجاري" (the article's March), "مارس المقبل" (the next March).
MONTH_QUALIFIERS = {
    "الجاري": 0,
    "الحالي": 0,
    "المقبل": 1,
    "القادم": 1,
    "الماضي": -1,
    "المنصرم": -1,
    "this": 0,
    "next": 1,
    "last": -1,
}
# "من العام الجاري", "next year": a year named relative to the article's.
RELATIVE_YEARS = {
    "العام الجاري": 0,
    "العام الحالي": 0,
    "هذا العام": 0,
    "السنه الجاريه": 0,
    "this year": 0,
    "العام المقبل": 1,
    "العام القادم": 1,
    "السنه المقبله": 1,
    "next year": 1,
    "العام الماضي": -1,
    "last year": -1,
}
WEEKDAYS = (
    "الأحد",
    "الاثنين",
    "الإثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "sunday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sun",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
)
HIJRI_ERA = ("هـ", "ه", "هجري", "هجرية", "ah", "a.h.", "h")
GREGORIAN_ERA = ("م", "ميلادي", "ميلادية", "ad", "ce")


def key(name: str) -> str:
    """The folded form a month name is looked up by: normalised, no apostrophes, hyphens as spaces."""
    return " ".join(normalise(name).replace("'", "").replace("-", " ").split())


def month_spellings() -> list[str]:
    """Every month name as listed above (for building patterns)."""
    return [
        s for family in (GREGORIAN_AR, GREGORIAN_EN, HIJRI_AR, HIJRI_EN) for names in family for s in names
    ]


def month_table() -> dict[str, tuple[str, int]]:
    """Folded month name -> (calendar "gregorian" | "hijri", month number)."""
    table: dict[str, tuple[str, int]] = {}
    for calendar, families in (("gregorian", (GREGORIAN_AR, GREGORIAN_EN)), ("hijri", (HIJRI_AR, HIJRI_EN))):
        for names in families:
            for number, spellings in enumerate(names, start=1):
                for spelling in spellings:
                    table[key(spelling)] = (calendar, number)
    return table


def pattern(words) -> str:
    """A regex alternative for these words in normalised text: longest first, apostrophes optional,
    a hyphen or space between words either way."""
    parts = []
    for word in sorted({normalise(w) for w in words}, key=len, reverse=True):
        text = re.escape(word).replace("'", "'?").replace(r"\-", "[ -]?").replace(r"\ ", "[ -]?")
        parts.append(text)
    return "|".join(parts)
