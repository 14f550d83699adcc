"""iCalendar repetition: what the event model holds is proposed, everything else is reported."""

import datetime as dt

import pytest

from calendar_app.importing import ical_recurrence as rec
from calendar_app.importing import ical_source
from calendar_app.importing.ical_source import parse_ics
from calendar_app.importing.proposals import OverrideProposal

from .ics_support import calendar, event

TIMED = {"start": "DTSTART;TZID=Asia/Qatar:20240305T090000", "end": "DTEND;TZID=Asia/Qatar:20240305T170000"}


def proposal(*bodies, **kw):
    result = parse_ics(calendar(*bodies, **kw))
    return result.proposals[0], result


def msgids(p):
    return [n.msgid for n in p.notes]


@pytest.mark.parametrize(
    ("rrule", "held"),
    [
        ("FREQ=WEEKLY;BYDAY=TU;COUNT=5", "FREQ=WEEKLY;COUNT=5;BYDAY=TU"),
        ("FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=5", "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=5"),
        (
            "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=5;UNTIL=20300305",
            "FREQ=YEARLY;UNTIL=20300305;BYMONTH=3;BYMONTHDAY=5",
        ),
        ("FREQ=DAILY;WKST=SU;COUNT=3", "FREQ=DAILY;COUNT=3;WKST=SU"),
        ("FREQ=MONTHLY;BYDAY=1TU", "FREQ=MONTHLY;BYDAY=1TU"),
    ],
)
def test_rules_the_model_holds_are_proposed_in_its_form(rrule, held):
    p, _ = proposal(event(f"RRULE:{rrule}"))
    assert p.value("recurrence") == {"calendar": "gregorian", "rrule": held}
    assert rec.FIRST_NOT_OCCURRENCE not in msgids(p)


def test_utc_until_becomes_a_day_in_the_events_zone():
    p, _ = proposal(event("RRULE:FREQ=WEEKLY;UNTIL=20240325T220000Z", **TIMED))
    assert p.value("recurrence")["rrule"] == "FREQ=WEEKLY;UNTIL=20240326"  # 01:00 on the 26th in Doha
    assert p.fields["recurrence"].source.msgid == rec.UNTIL_AS_DAY


@pytest.mark.parametrize(
    ("rrule", "msgid", "what"),
    [
        ("FREQ=MONTHLY;BYDAY=TU;BYSETPOS=1", rec.RULE_PARTS_NOT_HELD, {"parts": "BYSETPOS"}),
        ("FREQ=DAILY;BYHOUR=9,17", rec.RULE_PARTS_NOT_HELD, {"parts": "BYHOUR"}),
        ("FREQ=YEARLY;BYYEARDAY=64", rec.RULE_PARTS_NOT_HELD, {"parts": "BYYEARDAY"}),
        ("RSCALE=ISLAMIC-UMALQURA;FREQ=YEARLY", rec.RULE_PARTS_NOT_HELD, {"parts": "RSCALE"}),
        ("FREQ=HOURLY;COUNT=3", rec.RULE_FREQ_NOT_HELD, {"freq": "HOURLY"}),
    ],
)
def test_rules_the_model_cannot_hold_are_reported_and_not_proposed(rrule, msgid, what):
    p, _ = proposal(event(f"RRULE:{rrule}"))
    assert "recurrence" not in p.fields
    note = next(n for n in p.notes if n.msgid == msgid)
    assert dict(note.params) == what and note.kind == "unsupported"


def test_count_and_until_together_are_a_problem():
    p, _ = proposal(event("RRULE:FREQ=DAILY;COUNT=3;UNTIL=20240310"))
    assert rec.COUNT_AND_UNTIL in msgids(p) and "recurrence" not in p.fields


def test_several_rrules_are_reported():
    p, _ = proposal(event("RRULE:FREQ=DAILY;COUNT=3\nRRULE:FREQ=WEEKLY;COUNT=3"))
    assert rec.SEVERAL_RULES in msgids(p) and "recurrence" not in p.fields


def test_start_that_is_not_an_occurrence_is_a_problem():
    p, _ = proposal(event("RRULE:FREQ=WEEKLY;BYDAY=MO"))  # 2024-03-05 is a Tuesday
    assert rec.FIRST_NOT_OCCURRENCE in msgids(p)


def test_rdate_is_reported_with_its_count():
    p, _ = proposal(event("RRULE:FREQ=WEEKLY;COUNT=3\nRDATE;VALUE=DATE:20240401,20240501"))
    note = next(n for n in p.notes if n.msgid == rec.RDATE_NOT_HELD)
    assert note.params["count"] == 2 and p.value("recurrence") is not None


def test_exdates_that_are_occurrences_are_kept_as_start_days():
    p, _ = proposal(
        event(
            "RRULE:FREQ=WEEKLY;COUNT=5\nEXDATE;TZID=Asia/Qatar:20240312T090000,20240319T090000\n"
            "EXDATE;TZID=Asia/Qatar:20240313T090000",
            **TIMED,
        )
    )
    assert p.value("exdates") == (dt.date(2024, 3, 12), dt.date(2024, 3, 19))
    bad = next(n for n in p.notes if n.msgid == rec.EXDATE_NOT_OCCURRENCE)
    assert bad.params["day"] == dt.date(2024, 3, 13)


def test_utc_exdate_matches_the_local_occurrence():
    p, _ = proposal(event("RRULE:FREQ=WEEKLY;COUNT=5\nEXDATE:20240312T060000Z", **TIMED))
    assert p.value("exdates") == (dt.date(2024, 3, 12),)


def test_exdate_without_rule_is_reported():
    p, _ = proposal(event("EXDATE;VALUE=DATE:20240305"))
    assert rec.EXDATE_WITHOUT_RULE in msgids(p) and "exdates" not in p.fields


def override(uid="e1@test", extra="", rid="RECURRENCE-ID;TZID=Asia/Qatar:20240319T090000"):
    return "\n".join(["UID:" + uid, "DTSTAMP:20240101T000000Z", rid, extra])


def test_overrides_move_cancel_and_retitle_occurrences():
    p, _ = proposal(
        event("RRULE:FREQ=WEEKLY;COUNT=5", **TIMED),
        override(extra="DTSTART;TZID=Asia/Qatar:20240320T100000\nDTEND;TZID=Asia/Qatar:20240320T120000"),
        override(
            rid="RECURRENCE-ID;TZID=Asia/Qatar:20240326T090000",
            extra="STATUS:CANCELLED\nDTSTART;TZID=Asia/Qatar:20240326T090000",
        ),
        override(
            rid="RECURRENCE-ID;TZID=Asia/Qatar:20240402T090000",
            extra="SUMMARY:معرض الخليج\nDTSTART;TZID=Asia/Qatar:20240402T090000",
        ),
    )
    moved, cancelled, retitled = p.value("overrides")
    assert moved == OverrideProposal(
        dt.date(2024, 3, 19),
        dt.datetime(2024, 3, 19, 9),
        starts_local=dt.datetime(2024, 3, 20, 10),
        ends_local=dt.datetime(2024, 3, 20, 12),
    )
    assert (
        cancelled.cancelled
        and cancelled.original_on == dt.date(2024, 3, 26)
        and cancelled.starts_local is None
    )
    assert retitled.title_ar == "معرض الخليج" and not retitled.cancelled


def test_all_day_override_moves_days():
    p, _ = proposal(
        event("RRULE:FREQ=YEARLY;COUNT=3"),
        override(
            rid="RECURRENCE-ID;VALUE=DATE:20250305",
            extra="DTSTART;VALUE=DATE:20250310\nDTEND;VALUE=DATE:20250313",
        ),
    )
    (moved,) = p.value("overrides")
    assert (moved.original_on, moved.starts_on, moved.ends_on) == (
        dt.date(2025, 3, 5),
        dt.date(2025, 3, 10),
        dt.date(2025, 3, 12),
    )


@pytest.mark.parametrize(
    ("rid", "msgid"),
    [
        ("RECURRENCE-ID;TZID=Asia/Qatar:20240320T090000", rec.OVERRIDE_NOT_OCCURRENCE),
        ("RECURRENCE-ID;TZID=Asia/Qatar:20240319T100000", rec.OVERRIDE_NOT_OCCURRENCE),
        ("RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Asia/Qatar:20240319T090000", rec.OVERRIDE_RANGE),
    ],
)
def test_overrides_the_model_cannot_hold_are_reported(rid, msgid):
    p, _ = proposal(event("RRULE:FREQ=WEEKLY;COUNT=5", **TIMED), override(rid=rid, extra="STATUS:CANCELLED"))
    assert msgid in msgids(p) and "overrides" not in p.fields


def test_override_changes_beyond_dates_and_title_are_reported():
    p, _ = proposal(
        event("RRULE:FREQ=WEEKLY;COUNT=5\nLOCATION:Hall A", **TIMED),
        override(extra="LOCATION:Hall B\nDESCRIPTION:moved hall\nDTSTART;TZID=Asia/Qatar:20240319T090000"),
    )
    note = next(n for n in p.notes if n.msgid == rec.OVERRIDE_CHANGES_NOT_HELD)
    assert note.params["names"] == "DESCRIPTION, LOCATION"
    assert len(p.value("overrides")) == 1


def test_override_of_an_event_that_does_not_repeat_is_reported():
    p, _ = proposal(event(**TIMED), override(extra="STATUS:CANCELLED"))
    assert rec.OVERRIDE_WITHOUT_RULE in msgids(p)


def test_override_without_its_event_is_reported_for_the_file():
    result = parse_ics(calendar(event(uid="a"), override(uid="b", extra="STATUS:CANCELLED")))
    assert ical_source.ORPHAN_OVERRIDE in [n.msgid for n in result.notes]
    assert len(result.proposals) == 1
