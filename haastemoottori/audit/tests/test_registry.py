"""Audit actions come from one registry: a plain string, an unregistered action or a misspelt one fails."""

import ast
from enum import StrEnum

import pytest

from haastemoottori.audit import registry
from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.registry import register_actions, registered_actions
from haastemoottori.audit.services import audit_record
from haastemoottori.core.tests.source_scan import ROOT, enum_references, project_modules, resolve, string_literals


@pytest.fixture
def scratch_registry(monkeypatch):
    """Register test enums without leaving them behind."""
    monkeypatch.setattr(registry, "_registered", dict(registry._registered))
    monkeypatch.setattr(registry, "_labels", dict(registry._labels))


class _Unregistered(StrEnum):
    UPDATED = "updated"
    SOMETHING = "something_done"


@pytest.mark.parametrize("action", ["updated", "kpi_added", _Unregistered.UPDATED, _Unregistered.SOMETHING, None])
def test_audit_record_refuses_anything_but_a_registered_action(region, action):
    with pytest.raises(TypeError):
        audit_record(actor=region.people["espoo_admin"], action=action, target=region.espoo)
    assert not AuditEvent.objects.exists()


def test_a_registered_action_is_stored_as_its_value(region, scratch_registry):
    @register_actions
    class Actions(StrEnum):
        CHECKED = "checked"

    event = audit_record(actor=region.people["espoo_admin"], action=Actions.CHECKED, target=region.espoo)
    assert AuditEvent.objects.get(pk=event.pk).action == "checked"
    generic = audit_record(actor=None, action=AuditEvent.Action.UPDATED, target=region.espoo)
    assert AuditEvent.objects.get(pk=generic.pk).action == "updated"


def test_registering_an_action_twice_or_too_long_fails_at_import(scratch_registry):
    with pytest.raises(ValueError, match="repeats"):

        @register_actions
        class Again(StrEnum):
            UPDATED = "updated"  # AuditEvent.Action.UPDATED

    with pytest.raises(ValueError, match="longer"):

        @register_actions
        class Long(StrEnum):
            LONG = "x" * (AuditEvent._meta.get_field("action").max_length + 1)


def test_the_registry_knows_the_column_and_every_app_s_actions():
    assert AuditEvent._meta.get_field("action").max_length == registry.MAX_LENGTH
    actions = registered_actions()
    assert {
        "updated",
        "transitioned",
        "kpi_added",
        "submitted",
        "cluster_split",
        "decision_made",
        "candidate_promoted",
    } <= set(actions)
    # The generic actions and every app's audit_actions.py, found when Django starts.
    declared = {f"haastemoottori.{path.parent.name}.audit_actions" for path in ROOT.glob("*/audit_actions.py")}
    assert {type(member).__module__ for member in actions.values()} == {"haastemoottori.audit.models.event", *declared}


def test_every_audit_record_anywhere_names_a_registered_action_that_exists():
    """Read at every call site, tested or not: an action written as a string, or a member missing from its enum
    (a typo), fails here rather than in production."""
    registered = {type(member) for member in registered_actions().values()}
    problems, sites = [], 0
    for module, tree, path in project_modules():
        for node, enum, exists in enum_references(module, tree, object):
            if enum in registered and not exists:
                problems.append(f"{path}:{node.lineno}: {enum.__qualname__} has no {node.attr}")
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or "action" not in {k.arg for k in node.keywords}:
                continue
            callee = resolve(module, node.func)
            if callee is not audit_record and getattr(callee, "__name__", "") != "audit":
                continue
            sites += 1
            action = next(k.value for k in node.keywords if k.arg == "action")
            if isinstance(action, ast.IfExp):
                action = ast.Tuple(elts=[action.body, action.orelse])
            if string_literals(action):
                problems.append(f"{path}:{node.lineno}: the action is a string: {ast.unparse(action)}")
    assert not problems, "\n".join(problems)
    assert sites > 100  # the scan finds the call sites (about 130)
