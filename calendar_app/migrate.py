"""Alembic driven from the app's configuration: the one way the schema changes."""

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from .config import REPO_ROOT

MIGRATIONS_DIR = REPO_ROOT / "migrations"


def alembic_config(database_url: str) -> Config:
    """An Alembic config pointing at this repository's migrations and the given database."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return cfg


def upgrade(database_url: str, revision: str = "head") -> None:
    """Apply migrations up to `revision`."""
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str = "base") -> None:
    """Undo migrations down to `revision`."""
    command.downgrade(alembic_config(database_url), revision)


def heads(database_url: str = "sqlite://") -> list[str]:
    """The chain's head revisions; there must be exactly one."""
    return list(ScriptDirectory.from_config(alembic_config(database_url)).get_heads())
