"""Reading the project's own source, for tests that check every call site of something (not only the tested ones)."""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator
from enum import EnumType
from pathlib import Path
from types import ModuleType

import haastemoottori

ROOT = Path(haastemoottori.__file__).parent


def project_modules() -> Iterator[tuple[ModuleType, ast.Module, str]]:
    """Every module of the project (tests and migrations left out), imported, with its syntax tree and path."""
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT.parent)
        if {"tests", "migrations"} & set(relative.parts):
            continue
        name = ".".join(relative.with_suffix("").parts).removesuffix(".__init__")
        yield importlib.import_module(name), ast.parse(path.read_text(encoding="utf-8")), str(relative)


def resolve(module: ModuleType, node: ast.AST) -> object | None:
    """What a name or a dotted name (``ErrorCode``, ``AuditEvent.Action``) stands for at the module's top level;
    None when it is something else (a local variable, a call) or does not exist."""
    if isinstance(node, ast.Name):
        return vars(module).get(node.id)
    if isinstance(node, ast.Attribute):
        base = resolve(module, node.value)
        return None if base is None else getattr(base, node.attr, None)
    return None


def enum_references(module: ModuleType, tree: ast.AST, kind: type) -> Iterator[tuple[ast.Attribute, type, bool]]:
    """Every ``SomeEnum.MEMBER`` in the tree whose enum is a subclass of ``kind``, and whether the member exists."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            enum = resolve(module, node.value)
            if isinstance(enum, EnumType) and issubclass(enum, kind) and not node.attr.startswith("_"):
                yield node, enum, node.attr in enum.__members__


def string_literals(node: ast.AST) -> list[str]:
    """The string constants (f-strings included) anywhere in an expression."""
    return [
        n.value if isinstance(n, ast.Constant) else ast.unparse(n)
        for n in ast.walk(node)
        if (isinstance(n, ast.Constant) and isinstance(n.value, str)) or isinstance(n, ast.JoinedStr)
    ]
