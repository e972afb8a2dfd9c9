"""bin/check-translations: the catalogues have no untranslated or fuzzy entry, and the check can fail."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "bin" / "check-translations"

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def _run(locale_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), str(locale_dir)], capture_output=True, text=True, check=False)


def _catalogues(tmp_path: Path, fi_body: str) -> Path:
    for language in ("fi", "sv", "en"):
        folder = tmp_path / language / "LC_MESSAGES"
        folder.mkdir(parents=True)
        body = fi_body if language == "fi" else 'msgid "Save"\nmsgstr "Save"\n'
        (folder / "django.po").write_text(HEADER + body, encoding="utf-8")
    return tmp_path


def test_the_repository_catalogues_are_complete():
    result = _run(ROOT / "locale")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith(": 0")


def test_a_complete_catalogue_passes(tmp_path):
    body = (
        'msgctxt "navigation"\nmsgid "Search"\nmsgstr "Haku"\n\n'
        'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "yksi"\nmsgstr[1] "monta"\n\n'
        '#~ msgid "Old"\n#~ msgstr ""\n'
    )
    assert _run(_catalogues(tmp_path, body)).returncode == 0


def test_an_untranslated_entry_fails(tmp_path):
    result = _run(_catalogues(tmp_path, 'msgid "Save"\nmsgstr "Tallenna"\n\nmsgid "Cancel"\nmsgstr ""\n'))
    assert result.returncode == 1
    assert "untranslated: 'Cancel'" in result.stdout
    assert result.stdout.strip().endswith(": 1")


def test_a_missing_plural_form_fails(tmp_path):
    body = 'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "yksi"\nmsgstr[1] ""\n'
    assert "untranslated: 'one'" in _run(_catalogues(tmp_path, body)).stdout


def test_a_fuzzy_entry_fails(tmp_path):
    body = '#: x.py:1\n#, fuzzy, python-format\nmsgid "Hello %(name)s"\nmsgstr "Hei %(name)s"\n'
    result = _run(_catalogues(tmp_path, body))
    assert result.returncode == 1
    assert "fuzzy: 'Hello %(name)s'" in result.stdout
