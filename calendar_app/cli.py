"""Every command-line command: `flask --app calendar_app db upgrade|downgrade`, `seed`, `create-staff`,
`set-password`.

Commands parse their arguments, call one function and print; the changes and their commits live in
migrate, seeds and accounts. Passwords come from a hidden prompt or stdin, never from an argument
(it would land in shell history and `ps`).
"""

import datetime as dt
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from . import accounts, db, migrate, seeds
from .errors import StaffError

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


@click.command("create-staff")
@click.argument("email")
@click.option("--role", type=click.Choice(accounts.ROLES), default="editor", show_default=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def create_staff_command(email: str, role: str, password_stdin: bool) -> None:
    """Create a staff account; the password comes from a hidden prompt or from stdin."""
    password = _read_password(password_stdin)
    try:
        accounts.create_staff(db.session(), email, password, role, dt.datetime.now(dt.UTC))
    except StaffError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Created {role} {accounts.normalise_email(email)}.")


@click.command("set-password")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def set_password_command(email: str, password_stdin: bool) -> None:
    """Give an account a new password (hidden prompt or stdin); its open sessions end."""
    if accounts.find_staff(db.session(), email) is None:  # before asking for a password
        raise click.ClickException(str(StaffError("email", accounts.NO_ACCOUNT)))
    try:
        user = accounts.reset_password(db.session(), email, _read_password(password_stdin))
    except StaffError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"New password set for {user.email}; its sessions have ended.")


def _read_password(from_stdin: bool) -> str:
    if from_stdin or not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def init_app(app: Flask) -> None:
    """Register the commands."""
    for command in (db_cli, seed_command, create_staff_command, set_password_command):
        app.cli.add_command(command)
