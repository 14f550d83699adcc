"""Who organises an event and where it is held, as news text says it.

Organiser, in the forms Arabic and English news use:
- "تنظمها شرطة دبي", "وينظمه …", "من تنظيم …", "بتنظيم من …", "organised/organized/hosted by …";
- "من قبل …" in a sentence about organising ("تنظم القمة … من قبل شرطة دبي");
- a verb of organising with its subject first ("تنظم شرطة دبي ملتقى …", "تعقد جامعة … ورشة") or
  after the event ("وتنظم المؤتمر المديرية العامة …"), when that subject starts with a word that
  heads organisations (وزارة, شرطة, هيئة, مجلس...): "تعقد القمة في الرياض" has no organiser.
Venue: a known venue's name or alias, else "في/على أرض" + a venue word (مركز, قاعة, فندق...) and
the words after it; in English "at/in (the)" + capitalised words holding Centre, Hotel, Hall...
"""

import re

from . import gazetteer
from .arabic import compact
from .article_names import AR_EVENT, ORG_HEAD, ORG_HEADS_EN, VENUE_NOUNS_EN, Found, extent
from .article_text import ArticleText

_ORGANISE = r"(?:[وف]?(?:تنظم|ينظم|تعقد|يعقد|نظمت|نظم|تقيم|يقيم|اقامت|تطلق|يطلق|اطلقت|تبدا|يبدا|تستعد|يستعد))"
# "أعلنت الإدارة … عن تنظيم", "أكدت شرطة … استعدادها لتنظيم": the subject of a statement about organising.
_STATEMENT = r"(?:[وف]?(?:اعلنت|اعلن|اكدت|اكد|كشفت|كشف))"
AR_ORGANISER_AFTER = re.compile(
    r"(?<!\w)(?:[وف]?(?:تنظمها|ينظمها|تنظمه|ينظمه|نظمتها|نظمها|نظمته|نظمه)|من تنظيم|بتنظيم من|بتنظيم|"
    r"تحت تنظيم|من قبل)\s+(?P<org>\S)"
)
AR_ORGANISER_SUBJECT = re.compile(r"(?<!\w)" + _ORGANISE + r"\s+(?P<org>" + ORG_HEAD + ")")
AR_ORGANISER_OBJECT_FIRST = re.compile(
    r"(?<!\w)" + _ORGANISE + r"\s+(?:ال)?(?:معرض|مؤتمر|قمه|منتدي|ملتقي|ندوه|"
    r"بطوله|تمرين|مهرجان)\s+(?P<org>" + ORG_HEAD + ")"
)
AR_ORGANISER_STATEMENT = re.compile(r"(?<!\w)" + _STATEMENT + r"\s+(?P<org>" + ORG_HEAD + ")")
# Words that say "the organisers" without naming them.
GENERIC_ORGANISERS = frozenset(compact(n) for n in ("اللجنة المنظمة", "الجهة المنظمة", "اللجنة التنظيمية"))
ORGANISING_SENTENCE = re.compile(r"تنظم|ينظم|تنظيم|المنظم|نظمت|اقامه|اطلاق")
_EN_NAME = r"[A-Z][\w'&.-]*(?:\s+(?:(?:of|and|for|&)\s+)?[A-Z][\w'&.-]*)*"
EN_ORGANISER = re.compile(
    r"\b(?:organi[sz]ed|hosted|convened|staged|run)\s+by\s+(?:the\s+)?(?P<org>" + _EN_NAME + ")"
)
EN_ORGANISER_SUBJECT = re.compile(
    r"(?P<org>" + _EN_NAME + r")\s+(?:will\s+)?(?:hold|holds|host|hosts|organi[sz]es?|"
    r"runs?|launch(?:es)?|stages?|is holding|is hosting)\b"
)
AR_VENUE = re.compile(
    r"(?<!\w)(?:في|ب|علي ارض|علي|داخل)\s*(?P<v>(?:ال)?(?:مركز|قاعه|فندق|منتجع|ارض المعارض|"
    r"مسرح|نادي|قصر|صاله|مجمع|ستاد|استاد|مدينه المعارض)(?!\w))"
)
EN_VENUE = re.compile(
    r"\b(?:at|in)\s+(?:the\s+)?(?P<v>[A-Z][\w'&.-]*(?:\s+(?:(?:of|and|for|&)\s+)?"
    r"[A-Z][\w'&.-]*)*)"
)


def find_organiser(art: ArticleText) -> Found | None:
    """The organiser the text names, or None: an explicit "تنظمه X" / "من تنظيم X" before a subject."""
    if art.lang == "en":
        return _english(art)
    return _after_verb(art) or _subject(art)


def _after_verb(art: ArticleText) -> Found | None:
    for m in AR_ORGANISER_AFTER.finditer(art.norm.text):
        if m.group().startswith("من قبل") and not _about_organising(art, m.start()):
            continue
        found = _name_at(art, m.start("org"))
        if found is not None:
            return found
    return None


def _about_organising(art: ArticleText, norm_at: int) -> bool:
    start, end = art.sentence(art.sentence_index(art.norm.origin[norm_at]))
    return ORGANISING_SENTENCE.search(art.norm.text[art.to_norm(start) : art.to_norm(end)]) is not None


def _subject(art: ArticleText) -> Found | None:
    hits = [
        m.start("org")
        for rx in (AR_ORGANISER_SUBJECT, AR_ORGANISER_OBJECT_FIRST)
        for m in rx.finditer(art.norm.text)
    ]
    hits += [
        m.start("org")
        for m in AR_ORGANISER_STATEMENT.finditer(art.norm.text)
        if _about_organising(art, m.start())
    ]
    for at in sorted(hits):
        found = _name_at(art, at)
        if found is not None:
            return found
    return None


def _name_at(art: ArticleText, norm_start: int) -> Found | None:
    """An organisation's name from `norm_start`: up to a stop word, punctuation or an event noun."""
    end = extent(art.norm.text, norm_start, limit=8)
    event = AR_EVENT.search(art.norm.text, norm_start + 1, end)
    end = event.start() if event else end
    quote = re.search(r"[\"“«]", art.norm.text[norm_start:end])
    end = norm_start + quote.start() if quote else end
    s, e = art.trim(*art.from_norm(norm_start, end))
    s, e = _before_attached_city(art, s, e)
    if e <= s or compact(art.text[s:e]) in GENERIC_ORGANISERS:
        return None
    return Found(art.text[s:e], s, e, "organiser")


def _before_attached_city(art: ArticleText, start: int, end: int) -> tuple[int, int]:
    """A name ends before "ب" + a city ("… للدفاع المدني بالكويت"): that says where, not who."""
    for m in gazetteer.find(art.norm, art.text):
        if (
            start < m.start < end
            and art.text[m.start - 1] == "ب"
            and art.text[m.start - 2 : m.start - 1].isspace()
        ):
            return art.trim(start, m.start - 1)
    return start, end


def _english(art: ArticleText) -> Found | None:
    """From "organised by X", else "X will hold/hosts/launches" with an organisation word in X."""
    m = EN_ORGANISER.search(art.text)
    if m is None:
        m = next(
            (
                m
                for m in EN_ORGANISER_SUBJECT.finditer(art.text)
                if {w.lower() for w in m.group("org").split()} & ORG_HEADS_EN
            ),
            None,
        )
    if m is None:
        return None
    s, e = art.trim(*m.span("org"))
    return Found(art.text[s:e], s, e, "organiser") if e > s else None


def find_venue_name(art: ArticleText) -> Found | None:
    """A venue the text names that is not a known one ("في مركز إكسبو الشارقة", "at Expo Centre Sharjah")."""
    if art.lang == "en":
        for m in EN_VENUE.finditer(art.text):
            s, e = art.trim(*m.span("v"))
            if {w.lower() for w in re.findall(r"[\w'-]+", art.text[s:e])} & VENUE_NOUNS_EN:
                return Found(art.text[s:e], s, e, "venue")
        return None
    m = AR_VENUE.search(art.norm.text)
    if m is None:
        return None
    s, e = art.trim(*art.from_norm(m.start("v"), extent(art.norm.text, m.start("v"), limit=7)))
    return Found(art.text[s:e], s, e, "venue") if e > s else None
