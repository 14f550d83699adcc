"""Ordinal numbers as words ("الدورة الثالثة", "المؤتمر الحادي عشر", "third edition"), 1 to 99.

Arabic ordinals agree with their noun: نسخة and دورة are feminine (الثالثة, الحادية عشرة), مؤتمر
and معرض masculine (الثالث, الحادي عشر); teens are written with عشر or عشرة either way in news
text; 21–99 are "the first and twentieth" (الحادية والعشرين). Keys are normalised (arabic.py).
"""

import functools

from .arabic import normalise

_UNITS_F = ("الاولي", "الثانيه", "الثالثه", "الرابعه", "الخامسه", "السادسه", "السابعه", "الثامنه", "التاسعه")
_UNITS_M = ("الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع")
# In 11, 21, 31...: الحادي / الحادية, not الأول.
_ONE_F, _ONE_M = "الحاديه", "الحادي"
_TENS = ("العشرين", "الثلاثين", "الاربعين", "الخمسين", "الستين", "السبعين", "الثمانين", "التسعين")
_EN_UNITS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
)
_EN_TENS = ("twentieth", "thirtieth", "fortieth", "fiftieth")
_EN_TENS_CARDINAL = ("twenty", "thirty", "forty", "fifty")


@functools.cache
def arabic(feminine: bool) -> dict[str, int]:
    """Normalised ordinal words → number, in one gender."""
    units, one = (_UNITS_F, _ONE_F) if feminine else (_UNITS_M, _ONE_M)
    table = {w: i for i, w in enumerate(units, start=1)}
    table["العاشره" if feminine else "العاشر"] = 10
    for i, unit in enumerate(units, start=1):
        word = one if i == 1 else unit
        for ten in ("عشر", "عشره"):
            table[f"{word} {ten}"] = 10 + i
    for t, ten in enumerate(_TENS, start=2):
        table[ten] = t * 10
        for i, unit in enumerate(units, start=1):
            table[f"{one if i == 1 else unit} و{ten}"] = t * 10 + i
    return table


@functools.cache
def english() -> dict[str, int]:
    """Ordinal words → number ("third", "twenty-first")."""
    table = {w: i for i, w in enumerate(_EN_UNITS, start=1)}
    for t, (ordinal, cardinal) in enumerate(zip(_EN_TENS, _EN_TENS_CARDINAL, strict=True), start=2):
        table[ordinal] = t * 10
        for i, unit in enumerate(_EN_UNITS[:9], start=1):
            table[f"{cardinal}-{unit}"] = t * 10 + i
            table[f"{cardinal} {unit}"] = t * 10 + i
    return table


def value(words: str) -> int | None:
    """The number an ordinal (any gender, either language) stands for, or None."""
    key = " ".join(normalise(words).split())
    return arabic(True).get(key) or arabic(False).get(key) or english().get(key)
