"""Names in an article: the event's title, its edition, organiser and venue, as rules over the text.

News text names an event in a few set ways, and these rules follow them:
- a known series ("القمة العالمية للشرطة", passed by the caller from stored series);
- a quoted name ("ميليبول قطر 2021") near an event word, unless introduced as another name
  ("تُعرف أيضًا بـ"…"", "also known as");
- Arabic: an event noun (معرض, مؤتمر, قمة, منتدى, ملتقى...) and the words after it up to a
  preposition, verb, number or punctuation ("المؤتمر الدولي للدفاع المدني خلال...");
- English: a run of capitalised words holding an event noun ("the Gulf Traffic Week"), else, when
  the first sentence starts with a capitalised name that is not an organisation, that name.
The earliest sentence with a candidate wins, and in it the order above. Every finder returns spans
of the original text (article_text.ArticleText), so the review page can highlight them.
"""

import re
from dataclasses import dataclass

from . import ordinals
from .arabic import normalise
from .article_text import ArticleText
from .phrases import WORD, PhraseIndex, without_overlaps

# Event nouns (normalised) and the category each suggests.
EVENT_NOUNS_AR = {
    "معرض": "exhibition",
    "مؤتمر": "conference",
    "قمه": "conference",
    "منتدي": "conference",
    "ملتقي": "conference",
    "ندوه": "conference",
    "ورشه": "workshop",
    "مهرجان": "festival",
    "اسبوع": "conference",
    "بطوله": "competition",
    "مسابقه": "competition",
    "سباق": "competition",
    "تمرين": "exercise",
    "حمله": "campaign",
}
EVENT_NOUNS_EN = {
    "exhibition": "exhibition",
    "expo": "exhibition",
    "show": "exhibition",
    "fair": "exhibition",
    "conference": "conference",
    "summit": "conference",
    "forum": "conference",
    "congress": "conference",
    "symposium": "conference",
    "seminar": "conference",
    "convention": "conference",
    "week": "conference",
    "workshop": "workshop",
    "festival": "festival",
    "games": "competition",
    "championship": "competition",
    "challenge": "competition",
    "exercise": "exercise",
    "drill": "exercise",
    "campaign": "campaign",
}
VENUE_NOUNS_EN = {
    "centre",
    "center",
    "hotel",
    "hall",
    "arena",
    "stadium",
    "theatre",
    "theater",
    "resort",
    "club",
    "park",
    "tower",
    "university",
    "complex",
    "grounds",
    "academy",
    "institute",
    "college",
    "auditorium",
    "pavilion",
}
ORG_HEADS_EN = {
    "police",
    "ministry",
    "authority",
    "council",
    "department",
    "directorate",
    "secretariat",
    "guard",
    "agency",
    "committee",
    "command",
    "university",
    "company",
    "group",
    "force",
    "forces",
}
ORG_HEADS_AR = (
    "وزاره",
    "شرطه",
    "هيئه",
    "مجلس",
    "اداره",
    "مديريه",
    "جامعه",
    "قياده",
    "وكاله",
    "لجنه",
    "قطاع",
    "امانه",
    "بلديه",
    "غرفه",
    "اتحاد",
    "جمعيه",
    "مؤسسه",
    "شركه",
    "حرس",
    "قوات",
    "الامانه",
)
ORG_HEAD = r"(?:ال)?(?:" + "|".join(ORG_HEADS_AR) + r")(?!\w)"
_EVENT_NOUN = r"(?:" + "|".join(sorted(EVENT_NOUNS_AR, key=len, reverse=True)) + r")(?!\w)"
AR_EVENT = re.compile(r"(?<!\w)(?:[وفبلك]{0,2})(?P<np>(?:ال)?" + _EVENT_NOUN + ")")
# Words that end a name in Arabic: prepositions, relatives, verbs that follow a name in news text.
STOPS_AR = frozenset(
    """
في خلال يوم يومي الذي التي والتي والذي بين علي حتي الي بمشاركه بحضور تحت عبر وذلك بعد قبل مع لمده ضمن
وسط حيث ابتداء اعتبارا بدءا اليوم غدا امس ويستمر وتستمر ويشارك وتشارك ويقام وتقام وينظم وتنظم ويختتم وتختتم
تنظمه تنظمها ينظمه ينظمها وتنظمه وتنظمها وينظمه وينظمها بتنظيم بالتعاون وبالتعاون بالشراكه وشركاء وشركائها
ابوابه ابوابها اعماله اعمالها فعالياته فعالياتها الموافق سيقام ستقام وسيقام وستقام بمقر وفق بحسب بسبب عن
الذين اللذين كان كانت الجاري المقبل القادم او و دورته دورتها نسخته نسختها برعايه تحت
استعدادها استعداده لتنظيم لاقامه لاطلاق الغاء بالغاء تاجيل بتاجيل
""".split()
)
ALIAS_BEFORE = re.compile(
    r"(?:يعرف|تعرف|المعروف|المعروفه|known as|called|dubbed)\s+(?:ايضا\s+|also\s+)?"
    r"(?:ب|باسم|as)?\s*$"
)
QUOTED = re.compile(r"[\"“«](?P<name>[^\"“”«»\n]{2,120}?)[\"”»]")
CAP_WORD = r"(?:[A-Z][\w'’&.-]*)"
CAP_RUN = re.compile(
    CAP_WORD + r"(?:\s+(?:(?:of|and|for|the|&|de)\s+)?" + CAP_WORD + r")*(?:\s+\d{4}(?!\d))?"
)
LEADING_ARTICLES = ("The ", "A ", "An ", "This ", "It ")
YEAR_AT_END = re.compile(r"\s*\b(19|20)\d{2}$")


@dataclass(frozen=True)
class Known:
    """A stored venue or series the caller knows: its key and names (both languages, any spellings)."""

    key: str
    name_en: str
    name_ar: str = ""
    aliases: tuple[str, ...] = ()

    def name(self, lang: str) -> str:
        """Its name in `lang`, else in the other language."""
        return (self.name_ar or self.name_en) if lang == "ar" else (self.name_en or self.name_ar)


@dataclass(frozen=True)
class Found:
    """A name read from the text: its value, the original span, how it was found and (known) the key."""

    value: str
    start: int
    end: int
    how: str
    key: str = ""
    noun: str = ""


def known_index(known: tuple[Known, ...]) -> PhraseIndex:
    """A phrase index over the names and aliases of known venues or series."""
    return PhraseIndex((name, k) for k in known for name in (k.name_en, k.name_ar, *k.aliases) if name)


def find_known(art: ArticleText, index: PhraseIndex) -> list[Found]:
    """Every known name in the text, in order, without overlaps."""
    return [
        Found(m.value.name(art.lang), m.start, m.end, "known", m.value.key)
        for m in without_overlaps(index.find(art.norm))
    ]


# ---------------------------------------------------------------------------------------- title
def find_title(art: ArticleText, series: list[Found]) -> Found | None:
    """The event's name: the earliest sentence with a candidate, then known series > quoted > noun."""
    candidates = [*(_with_year(art, s) for s in series), *_quoted(art)]
    candidates += _arabic_nouns(art) if art.lang == "ar" else _english_names(art)
    if not candidates:
        return None
    order = ("known", "quoted", "noun", "subject")
    return min(candidates, key=lambda c: (art.sentence_index(c.start), order.index(c.how), c.start))


def _with_year(art: ArticleText, found: Found) -> Found:
    """A known series written with its year ("ميليبول قطر 2021") keeps the year in the title."""
    m = re.match(r"\s+((?:19|20)\d{2})(?!\d)", art.text[found.end :])
    if m is None:
        return found
    return Found(f"{found.value} {m.group(1)}", found.start, found.end + m.end(), "known", found.key)


def _quoted(art: ArticleText) -> list[Found]:
    found = []
    for m in QUOTED.finditer(art.text):
        start, end = art.trim(*m.span("name"))
        name = art.text[start:end]
        before_start = art.norm.text[: art.to_norm(m.start())]
        if not name or len(name.split()) > 8 or ALIAS_BEFORE.search(before_start):
            continue
        if _names_an_event(art, name, m.start()):
            found.append(Found(name, start, end, "quoted", noun=_noun_of(name)))
    return found


def _names_an_event(art: ArticleText, name: str, at: int) -> bool:
    """A quoted name is an event's when it has a year or an event word, or one comes just before it."""
    context = art.norm.text[max(art.to_norm(at) - 60, 0) : art.to_norm(at)]
    return bool(
        re.search(r"(?:19|20)\d{2}", name)
        or _noun_of(name)
        or AR_EVENT.search(context)
        or re.search(r"(?:نسخه|دوره|edition|تمرين)", context)
    )


def _noun_of(name: str) -> str:
    text = normalise(name)
    m = AR_EVENT.search(text)
    if m:
        return m.group("np").removeprefix("ال")
    return next((w for w in WORD.findall(text) if w in EVENT_NOUNS_EN), "")


def _arabic_nouns(art: ArticleText) -> list[Found]:
    found = []
    for m in AR_EVENT.finditer(art.norm.text):
        start = m.start("np")
        end = extent(art.norm.text, start)
        s, e = art.trim(*art.from_norm(start, end))
        found.append(Found(art.text[s:e], s, e, "noun", noun=m.group("np").removeprefix("ال")))
    return found


def extent(text: str, start: int, limit: int = 9) -> int:
    """Where an Arabic name starting at `start` (normalised text) ends: before a stop word, a number,
    punctuation or "من" + a number, after at most `limit` words; a year right after the name ends it."""
    end, count = start, 0
    for m in WORD.finditer(text, start):
        word, gap = m.group(), text[end : m.start()]
        if count and gap.strip():
            break
        if count and (word in STOPS_AR or _from_number(text, m)):
            break
        if word[0].isdigit():
            end = m.end() if count and re.fullmatch(r"(?:19|20)\d{2}", word) else end
            break
        end, count = m.end(), count + 1
        if count >= limit:
            break
    return end


def _from_number(text: str, m: re.Match) -> bool:
    return m.group() == "من" and re.match(r"\s+(?:\d|تنظيم|قبل)", text[m.end() :]) is not None


def _english_names(art: ArticleText) -> list[Found]:
    found = []
    for m in CAP_RUN.finditer(art.text):
        start, name = _drop_article(m.start(), m.group())
        tail = re.match(r"\s+(" + "|".join(EVENT_NOUNS_EN) + r")\b", art.text[m.end() :])
        if tail:
            name += tail.group(0)
        words = {w.lower() for w in re.findall(r"[\w'-]+", name)}
        if not name or words & VENUE_NOUNS_EN:
            continue
        noun = next((w for w in words if w in EVENT_NOUNS_EN), "")
        end = start + len(name)
        if noun:
            found.append(Found(name, start, end, "noun", noun=noun))
        elif _opens_text(art, start) and len(name.split()) > 1 and not words & ORG_HEADS_EN:
            found.append(Found(name, start, end, "subject"))
    return found


def _drop_article(start: int, name: str) -> tuple[int, str]:
    """Without a leading "The" or owner ("Egypt's Homeland Security Exhibition" → the exhibition's name)."""
    for article in LEADING_ARTICLES:
        if name.startswith(article):
            start, name = start + len(article), name[len(article) :]
    owner = re.match(r"[\w-]+['’]s\s+(?=\S+\s+\S)", name)
    if owner:
        start, name = start + owner.end(), name[owner.end() :]
    return start, name


def _opens_text(art: ArticleText, start: int) -> bool:
    return art.sentence_index(start) == 0 and not art.text[:start].strip(" \t\n\"'“«")


# -------------------------------------------------------------------------------------- edition
_F_ORDINALS = "|".join(sorted(ordinals.arabic(True), key=len, reverse=True))
_M_ORDINALS = "|".join(sorted(ordinals.arabic(False), key=len, reverse=True))
_EN_ORDINALS = "|".join(sorted(ordinals.english(), key=len, reverse=True))
_EDITION_AR = r"(?<!\w)(?:[وفب]?ال)?(?:نسخه|دوره|نسخته|نسختها|دورته|دورتها)"
EDITION_PATTERNS = (
    re.compile(_EDITION_AR + r"\s*(?:رقم\s*)?(?:ال\s*)?(?P<n>\d{1,3})(?!\d)"),
    re.compile(_EDITION_AR + r"\s+(?P<w>" + _F_ORDINALS + r")(?!\w)"),
    re.compile(
        r"(?<!\w)(?:[وفبلك]{0,2})(?:ال)?(?:مؤتمر|منتدي|ملتقي|معرض|مهرجان|اسبوع|تمرين)(?:\s+\w+)?\s+"
        r"(?P<w>" + _M_ORDINALS + r")(?!\w)"
    ),
    re.compile(r"(?<!\w)(?P<n>\d{1,3})(?:st|nd|rd|th)\s+(?:annual\s+)?(?:edition|session)(?!\w)"),
    re.compile(r"(?<!\w)(?P<w>" + _EN_ORDINALS + r")\s+(?:annual\s+)?(?:edition|session)(?!\w)"),
    re.compile(r"(?<!\w)edition\s+(?:no\.?\s*)?(?P<n>\d{1,3})(?!\d)"),
)
# "الدورة الحالية", "this year's edition": the event is one of a series, its number not given.
CURRENT_EDITION = re.compile(
    _EDITION_AR + r"\s+(?:الحاليه|الجديده|هذا العام)(?!\w)|"
    r"(?:this year's|current|latest) edition"
)


def find_edition(art: ArticleText) -> Found | None:
    """The first edition number in the text ("النسخة الـ13", "الدورة الثالثة", "3rd edition")."""
    hits = []
    for rx in EDITION_PATTERNS:
        for m in rx.finditer(art.norm.text):
            number = int(m["n"]) if m.groupdict().get("n") else ordinals.value(m["w"])
            if number:
                s, e = art.from_norm(*m.span())
                hits.append(Found(str(number), *art.trim(s, e), "edition"))
    return min(hits, key=lambda f: f.start, default=None)


def find_series_mention(art: ArticleText) -> Found | None:
    """A phrase saying the event is an edition without its number ("الدورة الحالية للقمة")."""
    m = CURRENT_EDITION.search(art.norm.text)
    if m is None:
        return None
    s, e = art.trim(*art.from_norm(*m.span()))
    return Found(art.text[s:e], s, e, "current-edition")


def strip_ordinal(name: str) -> str:
    """A title without its ordinal word ("المؤتمر السعودي الثامن للأمن" → "المؤتمر السعودي للأمن")."""
    kept = [w for w in name.split() if not ordinals.value(w)]
    words_n = [normalise(w) for w in kept]
    for i in range(len(words_n) - 1):  # two-word ordinals: الحادي عشر
        if ordinals.value(f"{words_n[i]} {words_n[i + 1]}"):
            del kept[i : i + 2]
            break
    return " ".join(kept)
