"""Every user-facing string is translatable and translated into Dutch."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib

BASE_DIR = Path(__file__).resolve().parent.parent
DUTCH = BASE_DIR / "locale" / "nl" / "LC_MESSAGES" / "django.po"
SKIP = {
    ".git",
    ".venv",
    "node_modules",
    "var",
    "static",
    "tests",
    "bench",
    ".mypy_cache",
    ".ruff_cache",
}


def _translated(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def test_every_dutch_entry_is_translated_and_not_fuzzy():
    po = polib.pofile(str(DUTCH))
    untranslated = [e.msgid for e in po if not _translated(e) and not e.obsolete]
    # A "#| msgid" line means makemessages guessed the text from a similar string.
    fuzzy = [e.msgid for e in po if "fuzzy" in e.flags or e.previous_msgid]
    assert untranslated == []
    assert fuzzy == []


def test_catalogue_contains_every_marked_string(tmp_path):
    """makemessages over a copy of the source finds nothing the catalogue lacks."""
    copy = tmp_path / "src"
    copy.mkdir()
    for item in BASE_DIR.iterdir():
        if item.name in SKIP or item.name.endswith(".egg-info"):
            continue
        if item.is_dir():
            shutil.copytree(
                item, copy / item.name, ignore=shutil.ignore_patterns("__pycache__", "*.mo")
            )
        else:
            shutil.copy2(item, copy / item.name)
    (copy / "tests").mkdir()
    shutil.copy2(BASE_DIR / "tests" / "settings.py", copy / "tests" / "settings.py")
    (copy / "tests" / "__init__.py").touch()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "nl", "--no-location", "--no-obsolete"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    regenerated = {
        e.msgid for e in polib.pofile(str(copy / "locale" / "nl" / "LC_MESSAGES" / "django.po"))
    }
    committed = {e.msgid for e in polib.pofile(str(DUTCH)) if not e.obsolete}
    assert sorted(regenerated - committed) == [], (
        "run `make messages` and translate the new strings"
    )
