"""Error codes come from enums: a misspelt or free-string code fails at once."""

import ast
import inspect

import pytest

from haastemoottori.core.errors import (
    CommonCode,
    ErrorCodeEnum,
    ServiceConflict,
    ServicePermissionDenied,
)

from .source_scan import enum_references, project_modules, resolve, string_literals


class _Code(ErrorCodeEnum):
    TOO_LONG = "too_long"


@pytest.mark.parametrize("code", ["permission_denied", "forbidden", "", None, 3])
def test_a_service_error_refuses_a_code_that_is_not_an_enum_member(code):
    with pytest.raises(TypeError):
        ServicePermissionDenied(code, "Ei.")


def test_a_service_error_keeps_the_code_and_clients_see_its_value():
    exc = ServiceConflict(_Code.TOO_LONG, "Liian pitkä.", field="title")
    assert exc.code == "too_long" and exc.as_dict() == {"code": "too_long", "message": "Liian pitkä.", "field": "title"}
    assert str(CommonCode.PERMISSION_DENIED) == "permission_denied"


def _code_parameters(callee) -> set[str]:
    """The parameters of a function or class that take an error code (annotated so): ServiceError and its
    subclasses, the lifecycle's Refusal, and the services' helpers."""
    if not callable(callee) or (getattr(callee, "__module__", None) or "").split(".")[0] != "haastemoottori":
        return set()
    try:
        parameters = inspect.signature(callee).parameters.values()
    except (TypeError, ValueError):
        return set()
    return {p.name for p in parameters if "ErrorCode" in str(getattr(p.annotation, "__name__", p.annotation))}


def _arguments(callee, call: ast.Call) -> dict[str, ast.expr]:
    """The call's argument expressions by parameter name."""
    names = [
        p.name
        for p in inspect.signature(callee).parameters.values()
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    given = dict(zip(names, call.args, strict=False))
    given.update({k.arg: k.value for k in call.keywords if k.arg})
    return given


def test_every_error_raised_anywhere_has_a_code_from_an_enum_that_exists():
    """Read at every call site, tested or not: a code written as a string, or a member that is not in its enum
    (a typo), fails here rather than when a client first meets that error."""
    problems, sites = [], 0
    for module, tree, path in project_modules():
        for node, enum, exists in enum_references(module, tree, ErrorCodeEnum):
            if not exists:
                problems.append(f"{path}:{node.lineno}: {enum.__name__} has no {node.attr}")
        for node in ast.walk(tree):
            callee = resolve(module, node.func) if isinstance(node, ast.Call) else None
            parameters = _code_parameters(callee)
            if not parameters:
                continue
            sites += 1
            for name, value in _arguments(callee, node).items():
                if name in parameters and string_literals(value):
                    problems.append(f"{path}:{node.lineno}: {name} is not an enum member: {ast.unparse(node)[:80]}")
    assert not problems, "\n".join(problems)
    assert sites > 400  # the scan finds the raise sites (about 450)
