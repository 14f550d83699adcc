"""Seeds: the two sourced events, loaded idempotently, never reverting staff edits."""

import dataclasses
import datetime as dt
import shutil

from sqlalchemy import func, select

from calendar_app import db, seeds, store
from calendar_app.models import EventRow
from tests.conftest import SEEDS_DIR

MILIPOL_UID = "c278ac36-ca42-45ba-a294-6b556ede6ea0@calendar-app"
WPS_UID = "f1917db9-96c6-439c-8beb-c92570d032dc@calendar-app"


def _snapshot(session):
    rows = session.scalars(select(EventRow).order_by(EventRow.uid)).unique().all()
    return [(r.uid, r.sequence, r.version, r.updated_at, r.title_en, r.seed_hash) for r in rows]


def test_seed_facts_are_the_public_record(seeded_app):
    with seeded_app.app_context():
        milipol = store.event_by_slug(db.session(), "milipol-qatar-2021")
        wps = store.event_by_slug(db.session(), "world-police-summit-2024")
    assert (milipol.uid, milipol.starts_on, milipol.ends_on) == (
        MILIPOL_UID, dt.date(2021, 3, 15), dt.date(2021, 3, 17))
    assert milipol.all_day and milipol.tzid == "Asia/Qatar" and milipol.edition == 13
    assert milipol.venue.country_code == "QA" and milipol.series.slug == "milipol-qatar"
    assert "until 15 March" in milipol.source_conflict and "15–17 March 2021" in milipol.source_conflict
    assert milipol.hijri_label("en") == "2–4 Sha'ban 1442 AH"
    assert (wps.uid, wps.starts_on, wps.ends_on, wps.tzid) == (
        WPS_UID, dt.date(2024, 3, 5), dt.date(2024, 3, 7), "Asia/Dubai")
    assert wps.hijri_label("en") == "24–26 Sha'ban 1445 AH"
    assert wps.edition == 3 and wps.venue.name_en == "Dubai World Trade Centre"
    assert wps.organizer_name_en == "Dubai Police"


def test_seed_source_articles_sit_beside_the_data():
    for path in seeds.seed_files(SEEDS_DIR):
        assert path.with_suffix(".ar.txt").exists()


def test_seeding_twice_changes_nothing(app, runner):
    assert runner.invoke(args=["seed"]).exit_code == 0
    with app.app_context():
        first = _snapshot(db.session())
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0
    assert "unchanged: milipol-qatar-2021" in result.output
    with app.app_context():
        assert _snapshot(db.session()) == first
        assert db.session().scalar(select(func.count(EventRow.id))) == 2


def test_changed_seed_file_updates_event_and_bumps_sequence(app, tmp_path):
    for path in SEEDS_DIR.glob("*.toml"):
        shutil.copy(path, tmp_path / path.name)
    with app.app_context():
        seeds.load_seeds(db.session(), tmp_path)
    target = tmp_path / "world-police-summit-2024.toml"
    target.write_text(target.read_text().replace(
        'title_en = "World Police Summit 2024"', 'title_en = "World Police Summit 2024 (Dubai)"'))
    with app.app_context():
        report = seeds.load_seeds(db.session(), tmp_path)
        event = store.event_by_slug(db.session(), "world-police-summit-2024")
    assert report.updated == ["world-police-summit-2024"]
    assert report.unchanged == ["milipol-qatar-2021"]
    assert event.title_en == "World Police Summit 2024 (Dubai)" and event.sequence == 1
    assert event.uid == WPS_UID


def test_staff_edit_is_never_reverted_by_seeding(app, tmp_path):
    for path in SEEDS_DIR.glob("*.toml"):
        shutil.copy(path, tmp_path / path.name)
    with app.app_context():
        session = db.session()
        seeds.load_seeds(session, tmp_path)
        row = store.event_row_by_uid(session, WPS_UID)
        edited = dataclasses.replace(store.to_event(row), title_en="Edited by staff", sequence=1)
        store.write_event(session, row, edited)
        session.commit()
    target = tmp_path / "world-police-summit-2024.toml"
    target.write_text(target.read_text().replace("ends_on = 2024-03-07", "ends_on = 2024-03-08"))
    with app.app_context():
        report = seeds.load_seeds(db.session(), tmp_path)
        event = store.event_by_slug(db.session(), "world-police-summit-2024")
    assert report.kept_staff_edits == ["world-police-summit-2024"]
    assert event.title_en == "Edited by staff" and event.ends_on == dt.date(2024, 3, 7)


def test_a_seed_never_rewrites_a_stored_venue_and_says_so(app, tmp_path):
    for path in SEEDS_DIR.glob("*.toml"):
        shutil.copy(path, tmp_path / path.name)
    target = tmp_path / "world-police-summit-2024.toml"
    changed = target.read_text().replace('name_en = "Dubai World Trade Centre"', 'name_en = "Rewritten"')
    target.write_text(changed.replace("ends_on = 2024-03-07", "ends_on = 2024-03-08"))
    with app.app_context():
        session = db.session()
        seeds.load_seeds(session, SEEDS_DIR)
        report = seeds.load_seeds(session, tmp_path)
        event = store.event_by_slug(session, "world-police-summit-2024")
    assert report.updated == ["world-police-summit-2024"] and report.kept_shared == ["venue dwtc-dubai"]
    assert event.venue.name_en == "Dubai World Trade Centre" and event.ends_on == dt.date(2024, 3, 8)
