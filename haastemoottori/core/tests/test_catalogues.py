"""Every message of the fi, sv and en catalogues is translated, and none is a fuzzy guess.

A fuzzy entry is gettext's guess from a similar string: ``compilemessages`` leaves it out, so the page would
show the English source. Run ``makemessages``, translate the new entries, then ``compilemessages``.
"""

import ast
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[3] / "locale"


def _entries(path: Path) -> list[dict]:
    """The catalogue's entries: flags, msgid, msgid_plural and the msgstr values (obsolete ones left out)."""
    entries, current, field = [], None, None

    def finish():
        if current is not None and current.get("msgid") is not None:
            entries.append(current)

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            if not line:
                finish()
                current, field = None, None
            continue
        if current is None:
            current = {"flags": set(), "msgstr": {}}
        if line.startswith("#,"):
            current["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid_plural "):
            field = "msgid_plural"
            current[field] = ast.literal_eval(line[len("msgid_plural ") :])
        elif line.startswith("msgid "):
            field = "msgid"
            current[field] = ast.literal_eval(line[len("msgid ") :])
        elif line.startswith("msgstr"):
            key, _, value = line.partition(" ")
            field = key
            current["msgstr"][key] = ast.literal_eval(value)
        elif line.startswith('"') and field is not None:
            if field.startswith("msgstr"):
                current["msgstr"][field] += ast.literal_eval(line)
            else:
                current[field] += ast.literal_eval(line)
    finish()
    return entries


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_no_untranslated_or_fuzzy_entries(language):
    entries = [e for e in _entries(LOCALE / language / "LC_MESSAGES" / "django.po") if e["msgid"]]
    assert len(entries) > 1000, "the catalogue was not read"
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"].values())]
    assert fuzzy == [], f"{len(fuzzy)} fuzzy in {language}: {fuzzy[:10]}"
    assert untranslated == [], f"{len(untranslated)} untranslated in {language}: {untranslated[:10]}"


def test_the_check_sees_a_fuzzy_and_an_empty_entry(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: fi\\n"\n\n'
        '#, fuzzy, python-format\nmsgid "Hello %(name)s"\nmsgstr "Hei %(name)s"\n\n'
        'msgid "Empty"\nmsgstr ""\n\n'
        'msgid "One"\nmsgid_plural "Many"\nmsgstr[0] "Yksi"\nmsgstr[1] ""\n\n'
        'msgid "Long"\nmsgstr ""\n"Pitkä "\n"teksti"\n\n'
        '#~ msgid "Old"\n#~ msgstr ""\n',
        encoding="utf-8",
    )
    entries = {e["msgid"]: e for e in _entries(po) if e["msgid"]}
    assert set(entries) == {"Hello %(name)s", "Empty", "One", "Long"}
    assert "fuzzy" in entries["Hello %(name)s"]["flags"]
    assert not all(entries["Empty"]["msgstr"].values())
    assert not all(entries["One"]["msgstr"].values())
    assert entries["Long"]["msgstr"]["msgstr"] == "Pitkä teksti"
