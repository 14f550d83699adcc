"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23

Every area's tables (events, venues, series, overrides, staff, audit) in one chain.
"""

import sqlalchemy as sa
from alembic import op

import calendar_app.db

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('series',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('name_ar', sa.String(length=200), nullable=False),
    sa.Column('cadence', sa.String(length=40), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('slug')
    )
    op.create_table('staff_users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', calendar_app.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_login_at', calendar_app.db.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint("role IN ('editor', 'admin')", name='staff_role'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('email')
    )
    op.create_table('venues',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('name_ar', sa.String(length=200), nullable=False),
    sa.Column('city_en', sa.String(length=120), nullable=False),
    sa.Column('city_ar', sa.String(length=120), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=False),
    sa.Column('address', sa.String(length=500), nullable=False),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('tzid', sa.String(length=64), nullable=False),
    sa.CheckConstraint('latitude IS NULL OR (latitude >= -90 AND latitude <= 90)', name='venue_lat'),
    sa.CheckConstraint('longitude IS NULL OR (longitude >= -180 AND longitude <= 180)', name='venue_lon'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('slug')
    )
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', calendar_app.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('event_uid', sa.String(length=255), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['staff_users.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=255), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('title_en', sa.String(length=200), nullable=False),
    sa.Column('title_ar', sa.String(length=200), nullable=False),
    sa.Column('description_en', sa.Text(), nullable=False),
    sa.Column('description_ar', sa.Text(), nullable=False),
    sa.Column('venue_id', sa.Integer(), nullable=True),
    sa.Column('tzid', sa.String(length=64), nullable=False),
    sa.Column('all_day', sa.Boolean(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('starts_local', sa.DateTime(), nullable=True),
    sa.Column('ends_local', sa.DateTime(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('published', sa.Boolean(), nullable=False),
    sa.Column('categories', sa.JSON(), nullable=False),
    sa.Column('organizer_name_en', sa.String(length=200), nullable=False),
    sa.Column('organizer_name_ar', sa.String(length=200), nullable=False),
    sa.Column('organizer_url', sa.String(length=500), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('series_id', sa.Integer(), nullable=True),
    sa.Column('edition', sa.Integer(), nullable=True),
    sa.Column('source_citation', sa.Text(), nullable=False),
    sa.Column('source_url', sa.String(length=500), nullable=False),
    sa.Column('source_conflict', sa.Text(), nullable=False),
    sa.Column('recurrence', sa.JSON(), nullable=True),
    sa.Column('exdates', sa.JSON(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', calendar_app.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', calendar_app.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('seed_hash', sa.String(length=64), nullable=True),
    sa.Column('seed_version', sa.Integer(), nullable=True),
    sa.CheckConstraint("status IN ('confirmed', 'tentative', 'cancelled')", name='event_status'),
    sa.CheckConstraint('(all_day AND starts_on IS NOT NULL AND ends_on IS NOT NULL AND ends_on >= starts_on) OR (NOT all_day AND starts_local IS NOT NULL AND ends_local IS NOT NULL AND ends_local >= starts_local)', name='event_dates'),
    sa.ForeignKeyConstraint(['series_id'], ['series.id'], ),
    sa.ForeignKeyConstraint(['venue_id'], ['venues.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('slug'),
    sa.UniqueConstraint('uid')
    )
    op.create_table('event_overrides',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('original_on', sa.Date(), nullable=False),
    sa.Column('original_local', sa.DateTime(), nullable=True),
    sa.Column('cancelled', sa.Boolean(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('starts_local', sa.DateTime(), nullable=True),
    sa.Column('ends_local', sa.DateTime(), nullable=True),
    sa.Column('title_en', sa.String(length=200), nullable=False),
    sa.Column('title_ar', sa.String(length=200), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('updated_at', calendar_app.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('event_id', 'original_on', name='override_once')
    )


def downgrade() -> None:
    op.drop_table('event_overrides')
    op.drop_table('events')
    op.drop_table('audit_log')
    op.drop_table('venues')
    op.drop_table('staff_users')
    op.drop_table('series')
