"""Fill untranslated entries of the English catalogue from a Python dict file.

Usage: python scripts/fill_en_catalogue.py TRANSLATIONS.py [locale/en/LC_MESSAGES/django.po]

The dict file defines ``T = {"русский msgid": "English", ...}``. Entries already
translated are left alone; what remains untranslated is listed so nothing is missed.
Needs polib (``pip install polib``), a tool for translators, not a dependency of the site.
"""

import runpy
import sys

import polib


def main(translations_path, po_path="locale/en/LC_MESSAGES/django.po"):
    translations = runpy.run_path(translations_path)["T"]
    po = polib.pofile(po_path)
    for entry in po:
        if entry.msgid in translations and not entry.translated():
            entry.msgstr = translations[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    po.save()
    missing = [entry.msgid for entry in po.untranslated_entries()]
    for msgid in missing:
        print("untranslated:", msgid)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
