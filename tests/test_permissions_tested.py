"""Every named permission our apps register (``rules.add_perm`` in each app's rules.py) is named, as an exact
quoted string, in at least one test file. A new permission without a test fails here with its name.

Test files: ``haastemoottori/*/tests/**/*.py``, ``tests/**/*.py`` and the conftest.py files. Each app's
``tests/test_rules_coverage.py`` is the place for an allow and a deny case of a permission no other test names.
"""

import re
from pathlib import Path

from django.apps import apps
from rules.permissions import permissions

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "haastemoottori"
THIS_FILE = Path(__file__).resolve()


def our_app_labels() -> set[str]:
    return {config.label for config in apps.get_app_configs() if config.name.startswith(f"{PACKAGE}.")}


def our_permissions(registry=permissions) -> list[str]:
    labels = our_app_labels()
    return sorted(name for name in registry if name.split(".", 1)[0] in labels)


def collect_test_files() -> list[Path]:
    files = {
        *ROOT.glob(f"{PACKAGE}/*/tests/**/*.py"),
        *ROOT.glob("tests/**/*.py"),
        *ROOT.glob("conftest.py"),
        *ROOT.glob(f"{PACKAGE}/**/conftest.py"),
    }
    return sorted(f for f in files if f.resolve() != THIS_FILE)


def untested(names, texts) -> list[str]:
    """The names that appear in none of the texts as an exact quoted string ("app.perm" or 'app.perm'), so
    that ``pilots.view_pilot`` is not found inside ``"pilots.view_pilot_internal"``."""
    text = "\n".join(texts)
    return [name for name in names if not re.search(rf"""(["']){re.escape(name)}\1""", text)]


def test_every_named_permission_appears_in_a_test():
    names = our_permissions()
    assert len(names) > 50, names  # the registry is filled (the apps' rules.py were imported)
    missing = untested(names, (f.read_text(encoding="utf-8") for f in collect_test_files()))
    assert not missing, (
        "These permissions appear in no test; add an allow and a deny case in the app's "
        "tests/test_rules_coverage.py:\n  " + "\n  ".join(missing)
    )


def test_the_guard_notices_a_new_permission_and_ignores_other_apps():
    names = our_permissions(
        {**{name: None for name in permissions}, "qa.new_untested_perm": None, "auth.not_ours": None}
    )
    assert "qa.new_untested_perm" in names and "auth.not_ours" not in names
    texts = ['has_perm("pilots.view_pilot_internal", pilot)', "has_perm('qa.ask_question', c)"]
    assert untested(
        ["qa.new_untested_perm", "pilots.view_pilot", "pilots.view_pilot_internal", "qa.ask_question"], texts
    ) == ["qa.new_untested_perm", "pilots.view_pilot"]
