"""Seed events as data files: loaded idempotently, never reverting staff edits.

Each file carries its uid and created/updated timestamps (shared/DECISIONS.md), so every fresh clone
publishes the same UIDs and bytes. The file's sha256 is stored: an unchanged file is a no-op, a
changed one updates the event and bumps its SEQUENCE, unless staff edited the event since.
"""

import dataclasses
import datetime as dt
import hashlib
import tomllib
from pathlib import Path

from sqlalchemy.orm import Session

from . import store
from .events import Event, make_event, make_series, make_venue
from .models import EventRow

TOP_KEYS = {
    "uid", "slug", "created", "updated", "status", "all_day", "starts_on", "ends_on",
    "starts_local", "ends_local", "tzid", "categories", "edition", "url", "title_en", "title_ar",
    "description_en", "description_ar", "organizer", "venue", "series", "source", "recurrence",
    "exdates", "published",
}  # fmt: skip


@dataclasses.dataclass
class SeedReport:
    """What one seed run did, per event slug."""

    created: list[str] = dataclasses.field(default_factory=list)
    updated: list[str] = dataclasses.field(default_factory=list)
    unchanged: list[str] = dataclasses.field(default_factory=list)
    kept_staff_edits: list[str] = dataclasses.field(default_factory=list)
    # Venues and series that already existed with other values than a seed file gives: the stored ones
    # are kept (they change only on their staff page, for every event that uses them).
    kept_shared: list[str] = dataclasses.field(default_factory=list)


def seed_files(directory: Path) -> list[Path]:
    """The seed data files, in a stable order."""
    return sorted(Path(directory).glob("*.toml"))


def read_seed(path: Path) -> tuple[Event, str]:
    """Parse one seed file into a checked Event and the file's sha256."""
    raw = path.read_bytes()
    data = tomllib.loads(raw.decode("utf-8"))
    unknown = set(data) - TOP_KEYS
    if unknown:
        raise ValueError(f"{path.name}: unknown keys {sorted(unknown)}")
    return _event_from_data(data), hashlib.sha256(raw).hexdigest()


def _event_from_data(data: dict) -> Event:
    organizer, source = data.pop("organizer", {}), data.pop("source", {})
    venue, series = data.pop("venue", None), data.pop("series", None)
    created, updated = data.pop("created"), data.pop("updated")
    return make_event(
        **data,
        created_at=created.astimezone(dt.UTC),
        updated_at=updated.astimezone(dt.UTC),
        organizer_name_en=organizer.get("name_en", ""),
        organizer_name_ar=organizer.get("name_ar", ""),
        organizer_url=organizer.get("url", ""),
        source_citation=source.get("citation", ""),
        source_conflict=source.get("conflict", ""),
        source_url=source.get("url", ""),
        venue=make_venue(**venue) if venue else None,
        series=make_series(**series) if series else None,
    )


def load_seeds(session: Session, directory: Path) -> SeedReport:
    """Create or update every seed event; commit once at the end."""
    report = SeedReport()
    for path in seed_files(directory):
        event, digest = read_seed(path)
        _load_one(session, event, digest, report)
    session.commit()
    return report


def _load_one(session: Session, event: Event, digest: str, report: SeedReport) -> None:
    event = _stored_shared(session, event, report)
    row = store.event_row_by_uid(session, event.uid)
    if row is None:
        row = store.write_event(session, EventRow(), event)
        _remember(session, row, digest)
        report.created.append(event.slug)
        return
    if row.seed_hash == digest:
        report.unchanged.append(event.slug)
        return
    if row.seed_version is not None and row.seed_version != row.version:
        report.kept_staff_edits.append(event.slug)
        return
    before = store.to_event(row)
    bump = 1 if store.public_change(before, event) else 0
    event = dataclasses.replace(event, sequence=before.sequence + bump, created_at=before.created_at)
    store.write_event(session, row, event)
    _remember(session, row, digest)
    report.updated.append(event.slug)


def _stored_shared(session: Session, event: Event, report: SeedReport) -> Event:
    """The event with its venue and series as stored, when they exist: a seed never rewrites them."""
    changes = {}
    for kind in ("venue", "series"):
        wanted = getattr(event, kind)
        stored = store.shared_by_slug(session, kind, wanted.slug) if wanted else None
        if stored is not None and stored != wanted:
            changes[kind] = stored
            report.kept_shared.append(f"{kind} {wanted.slug}")
    return dataclasses.replace(event, **changes) if changes else event


def _remember(session: Session, row: EventRow, digest: str) -> None:
    # The flush that writes this bumps the version counter by one (a new row starts at 1), so
    # seed_version is the version this very write produces; any later staff save differs from it.
    row.seed_hash = digest
    row.seed_version = 1 if row.version is None else row.version + 1
    session.flush()
