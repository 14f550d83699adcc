"""Property: any text and any article date give an ImportResult (never an exception), and every
highlight points at the characters it names in the text the result returns."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from calendar_app.importing import articles
from calendar_app.importing.article_names import Known
from calendar_app.importing.notes import Derived, TextSpan

# Pieces of real announcements, so the examples reach the rules instead of stopping at "no date".
PIECES = (
    "من",
    "إلى",
    "حتى",
    "بين",
    "و",
    "5",
    "٧",
    "31",
    "1445",
    "2024",
    "مارس",
    "آذار",
    "شعبان",
    "ربيع الآخر",
    "الجاري",
    "المقبل",
    "هـ",
    "النسخة الـ",
    "الدورة الثالثة",
    "معرض",
    "القمة",
    "تنظمها",
    "شرطة دبي",
    "بالدوحة",
    "عمّان",
    '"',
    "«",
    "»",
    "،",
    ".",
    "\n",
    " ",
    "-",
    "March",
    "until",
    "5th edition",
    "organised by",
    "Dubai",
    "منه",
    "يوم الأحد",
    "https://x.y/z",
    "\u2028",
    "\x00",
)
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(PIECES), max_size=60).map(" ".join),
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
)
days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
KNOWN = (Known("wps", "World Police Summit", "القمة العالمية للشرطة"),)


def _spans(source):
    if isinstance(source, Derived):
        for inner in source.sources:
            yield from _spans(inner)
    elif isinstance(source, TextSpan):
        yield source


@settings(max_examples=300, deadline=None)
@given(texts, days)
def test_any_text_gives_a_result_and_true_highlights(text, published):
    result = articles.parse_article(text, published, known_venues=KNOWN, known_series=KNOWN)
    assert len(result.proposals) <= 1
    for p in result.proposals:
        sources = [item.source for item in p.fields.values()] + [s for n in p.notes for s in n.sources]
        for source in sources:
            for span in _spans(source):
                assert (
                    result.text[span.sentence_start : span.sentence_start + len(span.sentence)]
                    == span.sentence
                )
                assert span.sentence_start <= span.start <= span.end
                assert result.text[span.start : span.end] == span.quoted
        for n in p.notes:
            assert n.english()  # every message id takes its parameters
