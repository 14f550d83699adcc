"""Command-line commands: `flask --app calendar_app db upgrade`, `seed`."""

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from . import db, migrate, seeds

db_cli = AppGroup("db", help="Apply or undo the Alembic migrations.")


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Apply migrations up to REVISION (default: head)."""
    migrate.upgrade(current_app.config["DATABASE_URL"], revision)
    click.echo(f"Database at {revision}.")


@db_cli.command("downgrade")
@click.argument("revision", default="base")
def db_downgrade(revision: str) -> None:
    """Undo migrations down to REVISION (default: base, an empty database)."""
    migrate.downgrade(current_app.config["DATABASE_URL"], revision)
    click.echo(f"Database at {revision}.")


@click.command("seed")
@with_appcontext
def seed_command() -> None:
    """Load the seed events from seeds/ (idempotent; staff edits are kept)."""
    report = seeds.load_seeds(db.session(), Path(current_app.config["SEEDS_DIR"]))
    for label, slugs in (
        ("created", report.created),
        ("updated", report.updated),
        ("unchanged", report.unchanged),
        ("kept staff edits, seed file change not applied", report.kept_staff_edits),
        ("kept the stored values (change them on the staff page), seed file differs", report.kept_shared),
    ):
        for slug in slugs:
            click.echo(f"{label}: {slug}")


def init_app(app: Flask) -> None:
    """Register the commands."""
    app.cli.add_command(db_cli)
    app.cli.add_command(seed_command)
