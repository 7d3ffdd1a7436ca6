"""Fill Dutch translations into locale/nl from a Python file defining NL (and PLURALS) dicts.

    python scripts/po_fill.py translations.py

Only empty entries are filled; existing translations are kept. Prints what is still missing.
"""

import runpy
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parent.parent / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def main() -> int:
    source = runpy.run_path(sys.argv[1])
    singular: dict[str, str] = source.get("NL", {})
    plurals: dict[str, list[str]] = source.get("PLURALS", {})
    po = polib.pofile(str(PO))
    missing = []
    for entry in po:
        if "fuzzy" in entry.flags:
            # A fuzzy entry holds makemessages' guess from a similar string: never keep it.
            entry.flags.remove("fuzzy")
            entry.msgstr = ""
            entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
            entry.previous_msgid = None
            entry.previous_msgid_plural = None
            entry.previous_msgctxt = None
        if entry.msgid_plural:
            if not all(entry.msgstr_plural.values()) and entry.msgid in plurals:
                entry.msgstr_plural = dict(enumerate(plurals[entry.msgid]))
        elif not entry.msgstr and entry.msgid in singular:
            entry.msgstr = singular[entry.msgid]
        untranslated = not entry.msgstr and not (
            entry.msgid_plural and all(entry.msgstr_plural.values())
        )
        if untranslated:
            missing.append(entry.msgid)
    po.save(str(PO))
    for msgid in missing:
        print("MISSING:", msgid)
    return 0


if __name__ == "__main__":
    sys.exit(main())
