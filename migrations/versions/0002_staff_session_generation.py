"""staff session generation

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30

A number kept in every session cookie of an account; logging out, changing the password and
deactivation raise it, so every cookie issued before stops working at once.
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('staff_users') as batch_op:
        batch_op.add_column(sa.Column('session_generation', sa.Integer(), server_default='0', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('staff_users') as batch_op:
        batch_op.drop_column('session_generation')
