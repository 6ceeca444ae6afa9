import ast
import datetime
import gettext
import re
import shutil
from html.parser import HTMLParser

from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import ngettext

import pytest

from communities.models import CommunityIndexPage
from events.models import EventIndexPage
from mentoring.models import HonourBoardPage
from practices.models import PracticeIndexPage


def test_russian_date_format():
    moment = datetime.datetime(2026, 11, 23, 14, 0)
    with translation.override("ru"):
        assert date_format(moment, "DATETIME_FORMAT") == "23 ноября 2026, 14:00"


def test_compiled_catalogues_exist():
    for code in ["ru", "en"]:
        assert (settings.BASE_DIR / "locale" / code / "LC_MESSAGES" / "django.mo").exists(), code


def test_english_catalogue_translates_the_interface():
    with translation.override("en"):
        assert translation.gettext("Новые практики") == "New practices"
        assert translation.gettext("Доска почёта") == "Honour board"


@pytest.mark.django_db
def test_english_chosen_by_cookie_russian_by_default(client, demo_site):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Новые практики" in html  # the browser's language does not override Russian
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/").content.decode()
    assert "New practices" in html


# --- The catalogues themselves ---------------------------------------------------------
# polib is a translator's tool, not installed in CI: a few lines read what the tests need.

LOCALE = settings.BASE_DIR / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdifr]|\{\w*\}")
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def read_po(language, locale=LOCALE):
    """The live entries of a catalogue as dicts: msgid, msgid_plural, msgstr {form: text}, flags."""
    entries, entry, field = [], {}, None
    lines = (
        (locale / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8").splitlines()
    )
    for line in [*lines, ""]:
        line = line.strip()
        if not line:
            if "msgid" in entry:
                entries.append(entry)
            entry, field = {}, None
        elif line.startswith("#,"):
            entry.setdefault("flags", set()).update(f.strip() for f in line[2:].split(","))
        elif line.startswith("#"):
            continue  # comments, references, obsolete entries (#~)
        elif line.startswith('"'):
            target, key = field
            target[key] += ast.literal_eval(line)
        else:
            keyword, _space, literal = line.partition(" ")
            text = ast.literal_eval(literal)
            if keyword.startswith("msgstr"):
                form = int(keyword[7:-1]) if "[" in keyword else 0
                entry.setdefault("msgstr", {})[form] = text
                field = (entry["msgstr"], form)
            else:
                entry[keyword] = text
                field = (entry, keyword)
    for entry in entries:
        entry.setdefault("flags", set())
        entry.setdefault("msgid_plural", None)
    return entries


def marks(text, pattern):
    return sorted(pattern.findall(text))


@pytest.fixture(scope="module")
def english():
    return read_po("en")


def test_english_catalogue_has_no_untranslated_or_fuzzy_entries(english):
    assert len(english) > 1000  # the whole interface, not a sample
    fuzzy = [e["msgid"] for e in english if "fuzzy" in e["flags"]]
    untranslated = [e["msgid"] for e in english if e["msgid"] and not all(e["msgstr"].values())]
    assert fuzzy == []
    assert untranslated == []
    plurals = [e for e in english if e["msgid_plural"]]
    assert plurals and all(sorted(e["msgstr"]) == [0, 1] for e in plurals)


def test_english_translations_keep_placeholders_and_html(english):
    broken = []
    for entry in english:
        if not entry["msgid"]:
            continue
        sources = [entry["msgid"], entry["msgid_plural"] or entry["msgid"]]
        for form, text in entry["msgstr"].items():
            source = sources[min(form, 1)]
            # Each form keeps every placeholder of its source, and adds none (a KeyError at render).
            if set(marks(text, PLACEHOLDER)) != set(marks(source, PLACEHOLDER)):
                broken.append((entry["msgid"], text))
            if marks(text, TAG) != marks(source, TAG):
                broken.append((entry["msgid"], text))
    assert broken == []


def test_russian_catalogue_is_the_identity_with_real_plurals():
    entries = read_po("ru")
    assert not any("fuzzy" in e["flags"] for e in entries)
    for entry in entries[1:]:  # after the header
        if entry["msgid_plural"]:
            # Four forms (one, few, many, fractions): the source's two are not enough.
            assert sorted(entry["msgstr"]) == [0, 1, 2, 3], entry["msgid"]
            assert entry["msgstr"][0] == entry["msgid"] and all(entry["msgstr"].values())
        else:
            assert entry["msgstr"][0] == entry["msgid"], entry["msgid"]


@pytest.mark.parametrize("language", ["ru", "en"])
def test_compiled_catalogue_says_what_its_source_says(language):
    """The .mo is compiled from the current .po: `make messages` was run to the end."""
    expected = {}
    for entry in read_po(language):
        if not entry["msgid"]:
            continue
        if entry["msgid_plural"]:
            expected.update(
                {(entry["msgid"], form): text for form, text in entry["msgstr"].items()}
            )
        else:
            expected[entry["msgid"]] = entry["msgstr"][0]
    with open(LOCALE / language / "LC_MESSAGES" / "django.mo", "rb") as compiled:
        catalogue = dict(gettext.GNUTranslations(compiled)._catalog)
    catalogue.pop("", None)  # the header
    assert catalogue == expected


def test_plurals_agree_with_the_number_in_both_languages():
    def members(count):
        return ngettext("%(counter)s участник", "%(counter)s участников", count) % {
            "counter": count
        }

    with translation.override("ru"):
        assert [members(n) for n in (1, 2, 5, 11, 21, 22)] == [
            "1 участник",
            "2 участника",
            "5 участников",
            "11 участников",
            "21 участник",
            "22 участника",
        ]
    with translation.override("en"):
        assert [members(n) for n in (1, 2, 21)] == ["1 member", "2 members", "21 members"]


# What `make messages` ignores is left out of the copy; the rest of the flags are the Makefile's.
NOT_SOURCE = (
    ".venv",
    "node_modules",
    ".git",
    "tests",
    "scripts",
    "benchmarks",
    "media",
    "*.sqlite3",
)


@pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("xgettext", "msgmerge", "msguniq", "msgattrib")),
    reason="gettext tools (xgettext, msgmerge) are not installed: apt-get install gettext",
)
def test_catalogue_holds_every_string_of_the_source(tmp_path, monkeypatch, settings):
    """makemessages over a copy of the source adds nothing to locale/ and drops nothing from it.

    A string added to code or a template without `make messages` (or not yet translated)
    fails here, naming the string; the repository's own catalogues are never touched.
    """
    copy = tmp_path / "portal"
    shutil.copytree(settings.BASE_DIR, copy, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    monkeypatch.chdir(copy)
    settings.LOCALE_PATHS = [copy / "locale"]
    call_command(
        "makemessages",
        locale=["ru", "en"],
        ignore_patterns=[".venv", "node_modules", "tests", "scripts", "benchmarks"],
        add_location="file",
        no_obsolete=True,
        verbosity=0,
    )
    for language in ("ru", "en"):
        committed = {e["msgid"]: e for e in read_po(language) if e["msgid"]}
        extracted = {e["msgid"]: e for e in read_po(language, copy / "locale") if e["msgid"]}
        assert sorted(set(extracted) - set(committed)) == [], (
            f"not in locale/{language}: run make messages"
        )
        assert sorted(set(committed) - set(extracted)) == [], (
            f"stale in locale/{language}: run make messages"
        )
        plural_changed = [
            m for m in extracted if extracted[m]["msgid_plural"] != committed[m]["msgid_plural"]
        ]
        assert plural_changed == [], language
    english = [e for e in read_po("en", copy / "locale") if e["msgid"]]
    untranslated = [
        e["msgid"] for e in english if not all(e["msgstr"].values()) or "fuzzy" in e["flags"]
    ]
    assert untranslated == []


# --- The interface in English ----------------------------------------------------------


class ChromeText(HTMLParser):
    """Text and labelling attributes inside the site header and footer.

    Elements marked with another ``lang`` (the language switch names «Русский» in Russian,
    as it should) are left out.
    """

    LABELS = ("title", "placeholder", "aria-label", "alt", "value")
    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "wbr",
    }

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.texts = [], []

    @property
    def inside(self):
        return any(chrome for _tag, chrome, _foreign in self.stack) and not any(
            foreign for *_rest, foreign in self.stack
        )

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        chrome = tag in ("header", "footer") and attrs.get("class", "").startswith("site-")
        foreign = attrs.get("lang") not in (None, "en")
        if tag not in self.VOID:
            self.stack.append((tag, chrome, foreign))
        if (self.inside or chrome) and not foreign:
            self.texts += [attrs[name] for name in self.LABELS if attrs.get(name)]

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.inside and data.strip():
            self.texts.append(" ".join(data.split()))


def chrome_texts(html):
    parser = ChromeText()
    parser.feed(html)
    return parser.texts


def footer_content(demo_site):
    """What editors typed into the footer settings is content, and stays Russian."""
    from django.utils.html import strip_tags

    from portal.models import FooterSettings

    footer = FooterSettings.for_site(demo_site.get_site())
    content = {footer.organisation, footer.address, footer.phone, strip_tags(footer.about)}
    if footer.privacy_page:
        content.add(footer.privacy_page.title)
    return {" ".join(text.split()) for text in content if text}


@pytest.mark.django_db
def test_interface_chrome_speaks_english(client, demo_site, make_user):
    from portal.roles import MENTOR, METHODIST, MODERATOR

    content = footer_content(demo_site)
    pages = [
        demo_site,
        PracticeIndexPage.objects.live().get(),
        EventIndexPage.objects.live().get(),
        CommunityIndexPage.objects.live().get(),
        HonourBoardPage.objects.live().get(),
    ]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    # Once as a visitor, once signed in with every role (the account links of each app).
    for signed_in in (False, True):
        if signed_in:
            client.force_login(make_user("polyglot", roles=[MENTOR, METHODIST, MODERATOR]))
        for page in pages:
            html = client.get(page.url).content.decode()
            assert '<html lang="en">' in html, page.url
            texts = chrome_texts(html)
            assert "Main navigation" in texts and "Sections" in texts, page.url
            russian = [text for text in texts if CYRILLIC.search(text) and text not in content]
            assert russian == [], (page.url, signed_in)
            assert "— Nastavnik.Portal</title>" in html, page.url


@pytest.mark.django_db
def test_curator_page_speaks_english_and_counts_in_both_languages(client, demo_site):
    """The demo programme's curator page: three requests wait for a mentor."""
    from django.contrib.auth import get_user_model

    from mentoring.programme_demo import SLUG

    curator = get_user_model().objects.get(username="metodist")
    client.force_login(curator)
    url = f"/mentoring/programmy/{SLUG}/kurator/"
    html = client.get(url).content.decode()
    assert "Ждут наставника: 3 запроса" in html

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(url).content.decode()
    assert '<html lang="en">' in html
    for phrase in [
        "Waiting for a mentor: 3 requests",
        "How the matching score is calculated",
        "Mentor pool",
    ]:
        assert phrase in html, phrase
    # The signed-in curator's own name in the header is content, as the footer's text is.
    content = footer_content(demo_site) | {curator.get_short_name(), curator.get_full_name()}
    russian = [text for text in chrome_texts(html) if CYRILLIC.search(text) and text not in content]
    assert russian == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "phrases"),
    [
        ("practices.PracticeIndexPage", ["Filters", "Show practices", "Practices found:"]),
        ("events.EventIndexPage", ["Upcoming", "Monthly calendar", "Archive and materials"]),
        ("mentoring.HonourBoardPage", ["Year of award", "Award level", "All municipalities"]),
    ],
)
def test_section_pages_label_their_controls_in_english(client, demo_site, model, phrases):
    from django.apps import apps

    page = apps.get_model(model).objects.live().get()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(page.url).content.decode()
    for phrase in phrases:
        assert phrase in html, (page.url, phrase)
