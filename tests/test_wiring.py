"""Where things live: views commit nothing, commands live in cli.py, configuration in config.py, and `_l`
means one thing (read from the source, so a change that breaks the layout fails here)."""

import ast
from pathlib import Path

import click

PACKAGE = Path(__file__).resolve().parent.parent / "calendar_app"
WRITES = {"commit", "rollback", "flush"}
ROWS = ("_row", "_rows")  # store's row functions (store.event_row_by_uid, ...)
SETTERS = ("setdefault", "update")


def modules(folder: Path = PACKAGE) -> dict[str, ast.Module]:
    return {str(path.relative_to(PACKAGE)): ast.parse(path.read_text()) for path in folder.rglob("*.py")}


def test_views_neither_commit_nor_touch_rows():
    found = []
    for name, tree in modules(PACKAGE / "views").items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and (node.attr in WRITES or node.attr.endswith(ROWS)):
                found.append(f"{name}:{node.lineno} .{node.attr}")
            if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("models"):
                found.append(f"{name}:{node.lineno} imports models")
    assert found == []


def test_every_command_is_defined_in_cli(app):
    def commands(group: click.Group, prefix: str = ""):
        for command in group.commands.values():
            if isinstance(command, click.Group):
                yield from commands(command, f"{prefix}{command.name} ")
            else:
                yield f"{prefix}{command.name}", command

    found = {name: command.callback.__module__ for name, command in commands(app.cli)}
    assert {"db upgrade", "db downgrade", "seed", "create-staff", "set-password"} <= set(found)
    assert set(found.values()) == {"calendar_app.cli"}


def test_configuration_is_set_in_config_py_only():
    found = []
    for name, tree in modules().items():
        if name in ("config.py", "__init__.py"):  # defaults and checks; create_app loads them
            continue
        for node in ast.walk(tree):
            call = node.func if isinstance(node, ast.Call) else None
            if isinstance(call, ast.Attribute) and _is_config(call.value) and call.attr in SETTERS:
                found.append(f"{name}:{node.lineno}")
            if isinstance(node, ast.Assign | ast.AugAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                found += [f"{name}:{node.lineno}" for t in targets
                          if isinstance(t, ast.Subscript) and _is_config(t.value)]
    assert found == []


def _is_config(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "config"


def test_underscore_l_is_only_flask_babels_lazy_gettext():
    # Plain marking for extraction is N_ (languages.py); _l is a lazy translation, for form labels.
    found = []
    for name, tree in modules().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name == "_l":
                found.append(f"{name}: def _l")
            if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "_l" for t in node.targets):
                found.append(f"{name}: _l = ...")
            if isinstance(node, ast.ImportFrom):
                found += [f"{name}: {node.module}.{a.name} as _l" for a in node.names
                          if a.asname == "_l" and (node.module, a.name) != ("flask_babel", "lazy_gettext")]
    assert found == []
