"""The matching form of Arabic text (calendar_app/importing/arabic.py), shared with search later."""

import pytest

from calendar_app.importing.arabic import compact, normalise, normalise_with_map, script


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("أحمد", "احمد"),
        ("إبريل", "ابريل"),
        ("آذار", "اذار"),
        ("ٱلرحمن", "الرحمن"),
        ("الدوحة", "الدوحه"),
        ("ذى الحجة", "ذي الحجه"),
        ("شعبـــان", "شعبان"),
        ("جُمادى الآخِرة", "جمادي الاخره"),
        ("عمّان", "عمان"),
        ("٢٠٢٤", "2024"),
        ("۱۴۴۶", "1446"),
        ("5–7", "5-7"),
        ("Sha’ban", "sha'ban"),
        ("DOHA", "doha"),
        ("دبي\u200fالآن", "دبيالان"),
    ],
)
def test_normalise_folds_spelling_variants(written, folded):
    assert normalise(written) == folded


def test_compact_collapses_spaces():
    assert compact("  القمة   العالمية\nللشرطة ") == "القمه العالميه للشرطه"


def test_normalised_span_maps_back_to_the_original_characters():
    text = "انطلقت بالدوحـــة يوم ١٥ مارس"
    norm = normalise_with_map(text)
    start = norm.text.index("الدوحه")
    s, e = norm.source_span(start, start + len("الدوحه"))
    assert text[s:e] == "الدوحـــة"
    digits = norm.text.index("15")
    assert text[slice(*norm.source_span(digits, digits + 2))] == "١٥"


def test_empty_span_maps_to_a_point():
    norm = normalise_with_map("abc")
    assert norm.source_span(3, 3) == (3, 3)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("ميليبول قطر 2021", "ar"),
        ("Milipol Qatar 2021", "en"),
        ("2021", None),
        ("", None),
        ("Expo معرض الدوحة", "ar"),
        ("Doha Expo معرض", "en"),
    ],
)
def test_script_decides_the_language_of_a_title(text, lang):
    assert script(text) == lang
