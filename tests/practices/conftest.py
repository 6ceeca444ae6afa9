import io
import zipfile

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.models import Page, Site

import pytest
from PIL import Image

from home.models import HomePage
from portal.roles import MENTOR, METHODIST, TEACHER
from practices.models import PracticeIndexPage
from tests.practices.factories import MentorProfileFactory, OrganisationFactory, PracticePageFactory


@pytest.fixture(autouse=True)
def fresh_cache():
    """Counts are cached per bank generation; a rolled-back database sends no signal to renew it."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    root = Page.get_first_root_node()
    home = HomePage(title="Наставник.Портал", slug="portal-home")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    return home


@pytest.fixture
def index(home):
    """The practice index; creating it links the review workflow and grants page permissions."""
    index = PracticeIndexPage(title="Банк наставнических практик", slug="praktiki")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def organisation(db):
    return OrganisationFactory(short_name="Школа № 373", name="ГБОУ СОШ № 373")


@pytest.fixture
def mentor(make_user, organisation):
    user = make_user("nastavnik", roles=[MENTOR], first_name="Елена", last_name="Смирнова")
    MentorProfileFactory(
        user=user,
        last_name="Смирнова",
        first_name="Елена",
        middle_name="Викторовна",
        slug="smirnova",
        organisation=organisation,
    )
    return user


@pytest.fixture
def methodist(make_user):
    return make_user(
        "metodist",
        roles=[METHODIST],
        first_name="Мария",
        last_name="Волкова",
        email="m@example.org",
    )


@pytest.fixture
def teacher(make_user):
    return make_user("pedagog", roles=[TEACHER], first_name="Ксения", last_name="Орлова")


@pytest.fixture
def practice(index):
    return PracticePageFactory(parent=index, title="Школа молодого педагога", tags=["адаптация"])


def image_bytes(fmt="PNG", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 80, 140)).save(buffer, format=fmt)
    return buffer.getvalue()


def png_upload(name="shag.png", fmt="PNG", size=(40, 30)):
    content_type = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif"}.get(
        fmt, "image/png"
    )
    return SimpleUploadedFile(name, image_bytes(fmt, size), content_type=content_type)


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("_rels/.rels", "<Relationships/>")
        package.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def docx_upload(name="anketa.docx"):
    return SimpleUploadedFile(
        name,
        docx_bytes(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


def pdf_upload(name="plan.pdf"):
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf"
    )
