"""Demo content of the practice bank: accounts, authors, documents, 34 published practices,
one waiting for review, one returned with a methodist's comment, applications and feedback.

Idempotent: every record is found by its natural key (username, profile slug,
document title, page slug) and created only when missing. A practice page left
by an older demo without its steps is completed once.
"""

import io
import uuid
from contextlib import contextmanager
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test.utils import override_settings
from django.utils import timezone

from wagtail.documents import get_document_model

from mentoring.models import MentorProfile, Municipality, Organisation
from portal.demo import ensure_child_page, translit_slug
from practices import publishing
from practices.applications import record_application
from practices.demo.content import (
    ACCOUNTS,
    DEMO_PASSWORD,
    DOCUMENTS,
    IN_REVIEW,
    MENTORS,
    PRACTICES,
    RETURNED,
)
from practices.models import (
    Competency,
    EducationLevel,
    MentoringForm,
    PracticeAuthor,
    PracticeIndexPage,
    PracticePage,
    PracticeResource,
    Subject,
)
from practices.proposals import practice_collection, text_to_html

# Publication dates are spread back from the day of loading, newest first.
DAYS_BETWEEN_PRACTICES = 11


@contextmanager
def quiet_notifications():
    """Workflow e-mails of the demo go nowhere (the console backend would print them all)."""
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        yield


def _profile_slug(key):
    last, first, middle, _position, _organisation = MENTORS[key]
    return translit_slug(f"{last} {first} {middle}")


def ensure_profiles(command):
    """The authors: profiles that mentoring.demo made (created here only if it has not run)."""
    organisations = {org.short_name: org for org in Organisation.objects.all()}
    profiles = {}
    for key, (last, first, middle, position, organisation) in MENTORS.items():
        profiles[key], created = MentorProfile.objects.get_or_create(
            slug=_profile_slug(key),
            defaults={
                "last_name": last,
                "first_name": first,
                "middle_name": middle,
                "position": position,
                "organisation": organisations.get(organisation),
            },
        )
        if created:
            command.created(f"наставник {last} {first}")
    return profiles


def ensure_accounts(command, profiles):
    User = get_user_model()
    users = {}
    for username, (last, first, middle, role, mentor_key) in ACCOUNTS.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "last_name": last,
                "first_name": first,
                "middle_name": middle,
                "email": f"{username}@example.org",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            user.groups.add(Group.objects.get(name=role))
            command.created(f"учётная запись {username} ({role})")
        profile = profiles.get(mentor_key)
        # Link the account to its mentor profile unless either is already linked elsewhere.
        if (
            profile is not None
            and profile.user_id is None
            and not MentorProfile.objects.filter(user=user).exists()
        ):
            profile.user = user
            profile.save(update_fields=["user"])
        users[username] = user
    return users


def _workbook(rows):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Лист1"
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 28
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ensure_documents(command):
    Document = get_document_model()
    collection = practice_collection()
    documents = {}
    for key, (title, filename, kind, content) in DOCUMENTS.items():
        document = Document.objects.filter(title=title).first()
        if document is None:
            data = _workbook(content) if kind == "xlsx" else content.encode("utf-8")
            document = Document(title=title, collection=collection)
            document.file.save(filename, ContentFile(data), save=False)
            document._set_document_file_metadata()
            document.save()
            command.created(f"документ «{title}»")
        documents[key] = document
    return documents


class Taxonomy:
    def __init__(self):
        self.forms = {term.slug: term for term in MentoringForm.objects.all()}
        self.levels = {term.slug: term for term in EducationLevel.objects.all()}
        self.subjects = {term.slug: term for term in Subject.objects.all()}
        self.competencies = {term.slug: term for term in Competency.objects.all()}
        self.organisations = {org.short_name: org for org in Organisation.objects.all()}
        self.municipalities = {place.name: place for place in Municipality.objects.all()}


def _steps(spec, documents):
    steps = []
    for number, (title, period, text) in enumerate(spec["steps"]):
        attached = [documents[spec["documents"][number]]] if number in spec["documents"] else []
        steps.append(
            {
                "type": "step",
                "id": str(uuid.uuid4()),
                "value": {
                    "title": title,
                    "period": period,
                    "text": text_to_html(text),
                    "image": None,
                    "image_alt": "",
                    "documents": [
                        {"type": "item", "value": document.pk, "id": str(uuid.uuid4())}
                        for document in attached
                    ],
                },
            }
        )
    return steps


def fill(page, spec, taxonomy, profiles, documents):
    """Give ``page`` the content of ``spec`` (not saved)."""
    organisation = taxonomy.organisations.get(spec.get("organisation") or "")
    page.title = spec["title"]
    page.summary = spec["summary"]
    page.problem = spec["problem"]
    page.mentoring_form = taxonomy.forms[spec["form"]]
    page.participants = spec["participants"]
    page.duration = spec["duration"]
    page.results = spec["results"]
    page.evidence = spec["evidence"]
    page.organisation = organisation
    page.municipality = (
        organisation.municipality
        if organisation
        else taxonomy.municipalities.get(spec.get("municipality"))
    )
    page.education_levels = [taxonomy.levels[slug] for slug in spec["levels"]]
    page.subjects = [taxonomy.subjects[slug] for slug in spec["subjects"]]
    page.competencies = [taxonomy.competencies[slug] for slug in spec["competencies"]]
    page.steps = _steps(spec, documents)
    page.authors = [PracticeAuthor(author=profiles[key]) for key in spec["authors"]]
    page.resources = [PracticeResource(document=documents[key]) for key in spec["resources"]]
    page.tags.set(spec["tags"])
    return page


def ensure_practices(command, index, taxonomy, profiles, documents, users):
    methodist = users["metodist"]
    now = timezone.now()
    for number, spec in enumerate(PRACTICES):
        slug = translit_slug(spec["title"])
        existing = index.get_children().filter(slug=slug).first()
        if existing is not None:
            page = existing.specific
            if page.steps:
                continue  # complete already: leave exactly as it is
            fill(page, spec, taxonomy, profiles, documents)
            page.save_revision().publish()
            command.created(f"практика «{spec['title']}» дополнена")
        else:
            page = fill(PracticePage(slug=slug), spec, taxonomy, profiles, documents)
            page.first_published_at = now - timedelta(days=DAYS_BETWEEN_PRACTICES * number + 3)
            index.add_child(instance=page)
            page.save_revision().publish()
            command.created(f"практика «{spec['title']}»")
        if spec["recommended"]:
            publishing.set_recommendation(page, methodist, True)
        for username, comment in spec["applications"]:
            record_application(page, users[username], comment)


def ensure_reviews(command, index, taxonomy, profiles, documents, users):
    """One practice waiting for the methodist, one returned to its author with a comment."""
    methodist = users["metodist"]
    for spec in (IN_REVIEW, RETURNED):
        slug = translit_slug(spec["title"])
        if index.get_children().filter(slug=slug).exists():
            continue
        page = fill(PracticePage(slug=slug), spec, taxonomy, profiles, documents)
        with quiet_notifications():
            publishing.propose(index, page, users[spec["proposer"]])
            if "review_comment" in spec:
                page.current_workflow_task_state.reject(
                    user=methodist, comment=spec["review_comment"]
                )
        command.created(f"практика на проверке «{spec['title']}»")


def load(command, home):
    index, created = ensure_child_page(
        home,
        PracticeIndexPage,
        "praktiki",
        title="Банк наставнических практик",
        intro="<p>Практики, проверенные в школах, детских садах и колледжах района: находите, "
        "применяйте, делитесь своими.</p>",
    )
    if created:
        command.created("банк практик")
    publishing.ensure_review_setup(index)
    profiles = ensure_profiles(command)
    users = ensure_accounts(command, profiles)
    documents = ensure_documents(command)
    taxonomy = Taxonomy()
    ensure_practices(command, index, taxonomy, profiles, documents, users)
    ensure_reviews(command, index, taxonomy, profiles, documents, users)
