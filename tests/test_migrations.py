"""One Alembic chain that goes up, down and up again on an empty database."""

import pytest
from sqlalchemy import create_engine, inspect

from calendar_app import migrate
from calendar_app.models import Base
from tests.conftest import BACKENDS, reset_postgresql


def test_exactly_one_head():
    assert len(migrate.heads()) == 1


def _tables(url):
    engine = create_engine(url)
    names = set(inspect(engine).get_table_names())
    engine.dispose()
    return names


@pytest.mark.parametrize("backend", BACKENDS)
def test_upgrade_downgrade_upgrade_on_empty_database(backend, tmp_path, request):
    if backend == "postgresql":
        url = request.getfixturevalue("postgresql_migrated")  # left migrated again at the end
        reset_postgresql(url)
    else:
        url = f"sqlite:///{tmp_path / 'm.sqlite'}"
    expected = {t.name for t in Base.metadata.sorted_tables}
    migrate.upgrade(url)
    assert expected <= _tables(url)
    migrate.downgrade(url)
    assert _tables(url) <= {"alembic_version"}
    migrate.upgrade(url)
    assert expected <= _tables(url)
