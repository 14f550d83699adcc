"""The proposal model: cleaned values, limits reported not cut, missing fields, read-only results."""

import dataclasses
import datetime as dt

import pytest

from calendar_app.events import TITLE_MAX
from calendar_app.importing.notes import Given, note
from calendar_app.importing.proposals import Draft


def test_text_is_cleaned_like_typed_text_and_empty_values_are_not_proposed():
    draft = Draft("article")
    draft.put("title_en", "Expo\u202e 2024\x00\n", Given("t"))
    draft.put("title_ar", " \u200b ", Given("t"))
    p = draft.freeze()
    assert p.value("title_en") == "Expo 2024"
    assert "title_ar" in p.missing()


def test_over_long_title_is_kept_whole_and_reported():
    draft = Draft("ical")
    draft.put("title_en", "x" * (TITLE_MAX + 5), Given("t"))
    p = draft.freeze()
    assert len(p.value("title_en")) == TITLE_MAX + 5
    (problem,) = p.notes_of("problem")
    assert problem.params == {"field": "title_en", "length": TITLE_MAX + 5, "limit": TITLE_MAX}


def test_missing_lists_the_date_fields_of_the_proposals_kind():
    draft = Draft("ical")
    draft.put("all_day", False, Given("x"))
    missing = draft.freeze().missing()
    assert "starts_local" in missing and "starts_on" not in missing
    assert "recurrence" not in missing  # no rule means "does not repeat", not "left out"


def test_unknown_field_is_a_programming_error():
    with pytest.raises(KeyError):
        Draft("page").put("colour", "red", Given("x"))


def test_proposal_is_read_only():
    draft = Draft("page")
    draft.put("starts_on", dt.date(2024, 3, 5), Given("x"))
    p = draft.freeze()
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.origin = "x"
    with pytest.raises(TypeError):
        p.fields["starts_on"] = None


def test_note_english_formats_dates_as_iso():
    n = note("conflict", "ends %(last)s", last=dt.date(2021, 3, 15))
    assert n.english() == "ends 2021-03-15"
