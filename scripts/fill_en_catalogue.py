"""Fill the catalogues after ``makemessages``: Russian as the identity, English from dict files.

Usage: python scripts/fill_en_catalogue.py [scripts/translations] [locale]

``make messages`` runs it between ``makemessages`` and ``compilemessages``.

English: every ``scripts/translations/*.py`` defines ``T = {"русский msgid": "English"}``;
a plural entry's value is a pair ``("one", "other")``. The dict files are the source of
truth: their translation replaces whatever the catalogue holds, and clears the fuzzy mark
(msgmerge's guesses for changed strings are never trusted). An entry no dict knows keeps
a translation typed into the .po by hand (listed, to be moved into a dict); otherwise it
is emptied and listed, so nothing stale survives, and the script exits with 1.

Russian: the source strings are Russian, so the catalogue is the identity. Plurals are the
exception: the source has two forms and Russian needs three (plus one for fractions), so a
file may define ``RU_PLURALS = {"msgid": ("one", "few", "many")}``; an entry missing there
is listed and falls back to the source's two forms.

Every English translation is checked to keep the msgid's placeholders and HTML tags.

Needs polib (``pip install polib`` into .venv; ``make messages`` does it), a tool for
translators, not a dependency of the site.
"""

import re
import runpy
import sys
from collections import Counter
from pathlib import Path

import polib

PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdifr]|\{\w*\}")
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")


def load(folder):
    """Merge the dicts of every file in the folder; one msgid, one translation."""
    english, russian_plurals, origin = {}, {}, {}
    for path in sorted(Path(folder).glob("*.py")):
        if path.name.startswith("_"):
            continue
        module = runpy.run_path(str(path))
        for msgid, text in module.get("T", {}).items():
            if msgid in english and english[msgid] != text:
                raise SystemExit(
                    f"{path.name}: «{msgid}» is translated differently in {origin[msgid]}"
                )
            english[msgid] = text
            origin[msgid] = path.name
        russian_plurals.update(module.get("RU_PLURALS", {}))
    return english, russian_plurals


def marks(text):
    """What a translation must carry over: placeholders and HTML tag names."""
    return Counter(PLACEHOLDER.findall(text)), Counter(TAG.findall(text))


def problems_of(entry):
    sources = [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]
    targets = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
    found = []
    # Every form of a plural needs the placeholders of the singular or the plural source
    # (English "one" may drop the count: "%(counter)s участник" → "one participant" is fine
    # only if the Russian singular lacks it too, so compare with the union of both).
    wanted_placeholders, wanted_tags = marks(" ".join(sources))
    for target in targets:
        have_placeholders, have_tags = marks(target)
        if set(have_placeholders) != set(wanted_placeholders):
            found.append(
                f"placeholders {sorted(wanted_placeholders)} → {sorted(have_placeholders)}"
            )
        if have_tags != marks(sources[0])[1]:
            found.append(
                f"HTML tags {sorted(wanted_tags.elements())} → {sorted(have_tags.elements())}"
            )
    return found


def fill_english(po, translations):
    missing, kept, problems = [], [], []
    for entry in po:
        if entry.obsolete:
            continue
        text = translations.get(entry.msgid)
        # A translation typed into the .po by hand for this exact msgid is kept (and
        # listed, to be moved into a dict file); msgmerge's fuzzy guesses are not.
        by_hand = entry.translated() and "fuzzy" not in entry.flags
        if entry.msgid_plural:
            if isinstance(text, tuple) and len(text) == 2:
                entry.msgstr_plural = {0: text[0], 1: text[1]}
            elif by_hand:
                kept.append(entry.msgid)
            else:
                entry.msgstr_plural = {0: "", 1: ""}
                missing.append(entry.msgid)
        elif isinstance(text, str) and text:
            entry.msgstr = text
        elif by_hand:
            kept.append(entry.msgid)
        else:
            entry.msgstr = ""
            missing.append(entry.msgid)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = None
        if entry.msgid not in missing:
            problems += [f"{entry.msgid!r}: {problem}" for problem in problems_of(entry)]
    return missing, kept, problems


def fill_russian(po, plurals):
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            forms = plurals.get(entry.msgid)
            if forms is None:
                missing.append(entry.msgid)
                forms = (entry.msgid, entry.msgid_plural, entry.msgid_plural)
            one, few, many = forms
            # Django's Russian plural rule has a fourth form, for fractions: «1,5 часа».
            entry.msgstr_plural = {0: one, 1: few, 2: many, 3: few}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = None
    return missing


HEADERS = {
    "ru": "Russian catalogue of Наставник.Портал: the identity (source strings are Russian).",
    "en": "English catalogue of Наставник.Портал, filled from scripts/translations/.",
}


def settle_header(po, language):
    """A header msgfmt --check accepts; generated, so never edit it by hand."""
    po.header = (
        HEADERS[language] + "\nGenerated by scripts/fill_en_catalogue.py after makemessages."
    )
    po.metadata_is_fuzzy = False
    po.metadata.update(
        {
            "Project-Id-Version": "Наставник.Портал",
            "PO-Revision-Date": po.metadata.get("POT-Creation-Date", ""),
            "Last-Translator": "scripts/fill_en_catalogue.py",
            "Language-Team": {"ru": "Russian", "en": "English"}[language],
            "Language": language,
        }
    )


def main(folder="scripts/translations", locale="locale"):
    english, russian_plurals = load(folder)
    status = 0

    ru_path = Path(locale) / "ru" / "LC_MESSAGES" / "django.po"
    ru = polib.pofile(str(ru_path))
    settle_header(ru, "ru")
    for msgid in fill_russian(ru, russian_plurals):
        print("ru: no Russian plural forms (add to RU_PLURALS):", msgid)
        status = 1
    ru.save()

    en_path = Path(locale) / "en" / "LC_MESSAGES" / "django.po"
    en = polib.pofile(str(en_path))
    settle_header(en, "en")
    missing, kept, problems = fill_english(en, english)
    en.save()
    for msgid in kept:
        print("en: kept the .po's own translation (move it into scripts/translations/):", msgid)
    for msgid in missing:
        print("en: untranslated:", msgid)
    for problem in problems:
        print("en: does not match its source:", problem)
    unused = set(english) - {entry.msgid for entry in en}
    for msgid in sorted(unused):
        print("en: not in the catalogue any more (remove from the dicts):", msgid)
    if missing or problems:
        status = 1
    print(f"en: {len(en) - len(missing)} of {len(en)} translated; ru: {len(ru)} entries")
    return status


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
