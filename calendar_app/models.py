"""SQLAlchemy rows only; meaning and invariants live in events.py.

The schema covers every area (events, venues, series, recurrence overrides, staff, audit) so that
one Alembic chain serves them all.
"""

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from .db import UTCDateTime


class Base(DeclarativeBase):
    """Declarative base of every table."""


class VenueRow(Base):
    """A place events happen; chosen from the known ones in the staff form."""

    __tablename__ = "venues"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name_en: Mapped[str] = mapped_column(String(200), default="")
    name_ar: Mapped[str] = mapped_column(String(200), default="")
    city_en: Mapped[str] = mapped_column(String(120), default="")
    city_ar: Mapped[str] = mapped_column(String(120), default="")
    country_code: Mapped[str] = mapped_column(String(2))
    address: Mapped[str] = mapped_column(String(500), default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    tzid: Mapped[str] = mapped_column(String(64))
    __table_args__ = (
        CheckConstraint("latitude IS NULL OR (latitude >= -90 AND latitude <= 90)", name="venue_lat"),
        CheckConstraint(
            "longitude IS NULL OR (longitude >= -180 AND longitude <= 180)", name="venue_lon"
        ),
    )


class SeriesRow(Base):
    """A run of editions (e.g. World Police Summit); its cadence is metadata, not dates."""

    __tablename__ = "series"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name_en: Mapped[str] = mapped_column(String(200), default="")
    name_ar: Mapped[str] = mapped_column(String(200), default="")
    cadence: Mapped[str] = mapped_column(String(40), default="")
    url: Mapped[str] = mapped_column(String(500), default="")


class EventRow(Base):
    """One event as stored: all-day dates or local wall times plus an IANA zone."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(255), unique=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title_en: Mapped[str] = mapped_column(String(200), default="")
    title_ar: Mapped[str] = mapped_column(String(200), default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    description_ar: Mapped[str] = mapped_column(Text, default="")
    venue_id: Mapped[int | None] = mapped_column(ForeignKey("venues.id"))
    tzid: Mapped[str] = mapped_column(String(64))
    all_day: Mapped[bool] = mapped_column(Boolean, default=True)
    starts_on: Mapped[dt.date | None] = mapped_column(Date)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)
    starts_local: Mapped[dt.datetime | None] = mapped_column(DateTime)
    ends_local: Mapped[dt.datetime | None] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(16), default="confirmed")
    published: Mapped[bool] = mapped_column(Boolean, default=True)
    categories: Mapped[list] = mapped_column(JSON, default=list)
    organizer_name_en: Mapped[str] = mapped_column(String(200), default="")
    organizer_name_ar: Mapped[str] = mapped_column(String(200), default="")
    organizer_url: Mapped[str] = mapped_column(String(500), default="")
    url: Mapped[str] = mapped_column(String(500), default="")
    series_id: Mapped[int | None] = mapped_column(ForeignKey("series.id"))
    edition: Mapped[int | None] = mapped_column(Integer)
    source_citation: Mapped[str] = mapped_column(Text, default="")
    source_url: Mapped[str] = mapped_column(String(500), default="")
    source_conflict: Mapped[str] = mapped_column(Text, default="")
    # Recurrence rule as data ({"calendar": "gregorian", "rrule": ...} or a Hijri rule), or NULL.
    recurrence: Mapped[dict | None] = mapped_column(JSON)
    exdates: Mapped[list] = mapped_column(JSON, default=list)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # sha256 of the seed file last loaded, and the row version it produced.
    seed_hash: Mapped[str | None] = mapped_column(String(64))
    seed_version: Mapped[int | None] = mapped_column(Integer)

    venue: Mapped[VenueRow | None] = relationship(lazy="joined")
    series: Mapped[SeriesRow | None] = relationship(lazy="joined")
    overrides: Mapped[list["OverrideRow"]] = relationship(
        back_populates="event", cascade="all, delete-orphan", lazy="selectin",
        order_by="OverrideRow.original_on",
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        CheckConstraint("status IN ('confirmed', 'tentative', 'cancelled')", name="event_status"),
        CheckConstraint(
            "(all_day AND starts_on IS NOT NULL AND ends_on IS NOT NULL AND ends_on >= starts_on)"
            " OR (NOT all_day AND starts_local IS NOT NULL AND ends_local IS NOT NULL"
            " AND ends_local >= starts_local)",
            name="event_dates",
        ),
    )


class OverrideRow(Base):
    """One occurrence of a recurring event moved or cancelled (RECURRENCE-ID in the feed)."""

    __tablename__ = "event_overrides"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    # The occurrence's original start: a date for all-day events, a local time for timed ones.
    original_on: Mapped[dt.date] = mapped_column(Date)
    original_local: Mapped[dt.datetime | None] = mapped_column(DateTime)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    starts_on: Mapped[dt.date | None] = mapped_column(Date)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)
    starts_local: Mapped[dt.datetime | None] = mapped_column(DateTime)
    ends_local: Mapped[dt.datetime | None] = mapped_column(DateTime)
    title_en: Mapped[str] = mapped_column(String(200), default="")
    title_ar: Mapped[str] = mapped_column(String(200), default="")
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    event: Mapped[EventRow] = relationship(back_populates="overrides")
    __table_args__ = (UniqueConstraint("event_id", "original_on", name="override_once"),)


class StaffUser(Base):
    """A person who may write: role 'editor' edits events, 'admin' also manages staff."""

    __tablename__ = "staff_users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="editor")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # In every session cookie; raised by logout, a password change and deactivation, which ends every
    # session issued before (auth.py checks it on each request).
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    __table_args__ = (CheckConstraint("role IN ('editor', 'admin')", name="staff_role"),)


class AuditEntry(Base):
    """Who changed what and when, field by field (before/after)."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    event_uid: Mapped[str] = mapped_column(String(255), default="")
    action: Mapped[str] = mapped_column(String(40))
    changes: Mapped[dict] = mapped_column(JSON, default=dict)
    user: Mapped[StaffUser | None] = relationship(lazy="joined")
