"""Arabic-aware text normalisation for matching (import now; search, issue 14, later).

People write the same Arabic word in several ways: with or without hamza or madda on alef
(أحمد/احمد), with tā' marbūṭa or hā' at the end (الدوحة/الدوحه), alif maqṣūra or yā' (ذى/ذي),
with short vowels or tatweel (الآخِر, شعبـان), and with Arabic-Indic or Western digits. Matching
compares the normalised forms; what staff see is always the original text, so `Normalised` keeps,
for every character of the normalised text, the index of the character it came from, and a match
found in the normalised text can be highlighted in the original.
"""

import unicodedata
from dataclasses import dataclass

# Alef with hamza above/below, with madda, and alef wasla all read as bare alef when matching.
_FOLD = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ة": "ه",
    "ى": "ي",
    "ـ": "",  # tatweel: stretches a word, never changes it
}
# Short vowels, tanwīn, shadda, sukūn, dagger alef and the Quranic annotation marks.
_MARKS = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670"} | {chr(c) for c in range(0x06D6, 0x06EE)}
# Arabic-Indic (٠–٩) and Extended Arabic-Indic (Persian/Urdu, ۰–۹) digits.
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
# Dashes people type for ranges ("5–7"), and the Arabic comma written as a Latin one in some texts.
_DASHES = {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-"}
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u02bb": "'", "\u02bf": "'", "\u02be": "'", "`": "'"}


@dataclass(frozen=True)
class Normalised:
    """Normalised text plus, for each of its characters, the index of its source character."""

    text: str
    origin: tuple[int, ...]
    source_length: int

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that the normalised span [start, end) came from."""
        if start >= end:
            at = self.origin[start] if start < len(self.origin) else self.source_length
            return at, at
        return self.origin[start], self.origin[end - 1] + 1


def fold_char(ch: str) -> str:
    """One character's matching form ('' when it is dropped)."""
    if ch in _FOLD:
        return _FOLD[ch]
    if ch in _MARKS:
        return ""
    if ch in _DIGITS:
        return _DIGITS[ch]
    if ch in _DASHES or ch in _QUOTES:
        return _DASHES.get(ch) or _QUOTES[ch]
    if ch.isspace():
        return " "
    if unicodedata.category(ch) == "Cf":  # LRM, RLM, ALM, ZWJ, ZWNJ: invisible, split no words
        return ""
    return ch.lower()


def normalise_with_map(text: str) -> Normalised:
    """Normalise `text` for matching and remember where each character came from."""
    out: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        for folded in fold_char(ch):
            out.append(folded)
            origin.append(index)
    return Normalised("".join(out), tuple(origin), len(text))


def normalise(text: str) -> str:
    """The matching form of `text`: alef forms → ا, ة → ه, ى → ي, no diacritics or tatweel,
    Western digits, lower case, one kind of dash, apostrophe and space."""
    return "".join(fold_char(ch) for ch in text)


def compact(text: str) -> str:
    """`normalise`, with runs of spaces collapsed and the ends trimmed: for comparing names."""
    return " ".join(normalise(text).split())


def is_arabic_letter(ch: str) -> bool:
    """Whether `ch` is a letter of the Arabic script."""
    return ch.isalpha() and (
        "\u0600" <= ch <= "\u06ff"
        or "\u0750" <= ch <= "\u077f"
        or "\u08a0" <= ch <= "\u08ff"
        or "\ufb50" <= ch <= "\ufdff"
        or "\ufe70" <= ch <= "\ufeff"
    )


def script(text: str) -> str | None:
    """'ar' when most letters are Arabic, 'en' when most are not, None when there are no letters.

    Imported calendars and pages rarely say which language a title is in; the script decides
    whether it goes to title_ar or title_en.
    """
    arabic = sum(1 for ch in text if is_arabic_letter(ch))
    other = sum(1 for ch in text if ch.isalpha()) - arabic
    if arabic == other == 0:
        return None
    return "ar" if arabic > other else "en"
