"""From the site form «Предложить практику» to a draft PracticePage, and back for editing.

The form speaks plain text and files; the page speaks rich text, StreamField
steps, Wagtail images and documents. Files are stored in the collection
«Банк практик»; if saving the practice fails, the files just written are removed.
"""

import html
import os
import re
import uuid
from contextlib import contextmanager

from django.db import transaction
from django.utils.html import linebreaks
from django.utils.text import slugify

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from anyascii import anyascii

from practices.models import PracticeAuthor, PracticeResource

COLLECTION_NAME = "Банк практик"


def text_to_html(text):
    """Plain text → safe rich text: a blank line starts a paragraph, a line break stays one."""
    text = (text or "").strip()
    if not text:
        return ""
    # linebreaks escapes the text; Wagtail stores <br/> in its rich-text format.
    return linebreaks(text, autoescape=True).replace("<br>", "<br/>").replace("\n\n", "")


def html_to_text(value):
    """Rich text → the plain text the form edits (paragraphs, line breaks and list items kept)."""
    source = str(getattr(value, "source", value) or "")
    source = re.sub(r"<br\s*/?>", "\n", source)
    source = re.sub(r"<li[^>]*>", "— ", source)
    source = re.sub(r"</(p|li|h[1-6]|ul|ol)>", "\n\n", source)
    source = re.sub(r"<[^>]+>", "", source)
    text = html.unescape(source)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def practice_collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    return existing or root.add_child(name=COLLECTION_NAME)


def unique_slug(parent, title, exclude_pk=None):
    base = slugify(anyascii(title))[:70].strip("-") or "praktika"
    siblings = parent.get_children()
    if exclude_pk is not None:
        siblings = siblings.exclude(pk=exclude_pk)
    taken = set(siblings.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


class FileStore:
    """Saves uploads as Wagtail images and documents, remembering them to clean up on failure."""

    def __init__(self, user):
        self.user = user
        self.collection = None
        self.saved = []

    def _collection(self):
        if self.collection is None:
            self.collection = practice_collection()
        return self.collection

    def image(self, upload, title):
        image = get_image_model()(
            title=title[:255],
            file=upload,
            uploaded_by_user=self.user,
            collection=self._collection(),
        )
        image._set_image_file_metadata()
        image.save()
        self.saved.append(image.file)
        return image

    def document(self, upload):
        title = os.path.splitext(os.path.basename(upload.name))[0].replace("_", " ")[:255]
        document = get_document_model()(
            title=title or upload.name,
            file=upload,
            uploaded_by_user=self.user,
            collection=self._collection(),
        )
        document._set_document_file_metadata()
        document.save()
        self.saved.append(document.file)
        return document

    def discard(self):
        for stored in self.saved:
            stored.storage.delete(stored.name)


@contextmanager
def stored_files(user):
    """A transaction whose uploaded files disappear with it if anything fails."""
    store = FileStore(user)
    try:
        with transaction.atomic():
            yield store
    except BaseException:
        store.discard()
        raise


def _list_item(value):
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


def steps_from_forms(step_forms, store):
    """The StreamField data of the filled step forms (new files saved through ``store``)."""
    steps = []
    for form in step_forms:
        data = form.cleaned_data
        remove = data.get("remove_files")
        image_id = None if remove else data.get("kept_image")
        document_ids = [] if remove else list(data.get("kept_documents") or [])
        if data.get("image"):
            image_id = store.image(data["image"], data["image_alt"] or data["title"]).pk
        if data.get("document"):
            document_ids.append(store.document(data["document"]).pk)
        steps.append(
            {
                "type": "step",
                "value": {
                    "title": data["title"],
                    "period": data.get("period", ""),
                    "text": text_to_html(data["text"]),
                    "image": image_id,
                    "image_alt": data.get("image_alt", "") if image_id else "",
                    "documents": [_list_item(pk) for pk in document_ids],
                },
                "id": str(uuid.uuid4()),
            }
        )
    return steps


def fill_practice(practice, form, step_forms, store, author_profile=None):
    """Copy the cleaned form onto ``practice`` (unsaved changes; the caller saves a revision)."""
    data = form.cleaned_data
    practice.title = data["title"]
    practice.draft_title = data["title"]
    practice.summary = data["summary"]
    practice.problem = data["problem"]
    practice.mentoring_form = data["mentoring_form"]
    practice.participants = data["participants"]
    practice.duration = data["duration"]
    practice.results = text_to_html(data["results"])
    practice.evidence = text_to_html(data["evidence"])
    practice.organisation = data["organisation"]
    practice.municipality = data["organisation"].municipality if data["organisation"] else None
    practice.education_levels = list(data["education_levels"])
    practice.subjects = list(data["subjects"])
    practice.competencies = list(data["competencies"])
    practice.tags.set(data["tags"])
    practice.steps = steps_from_forms(step_forms, store)

    # Authors already listed keep their order; the proposer comes first on a new practice.
    chosen = ([author_profile] if author_profile else []) + [
        profile for profile in data["co_authors"] if profile != author_profile
    ]
    listed = [link.author for link in practice.authors.all()]
    ordered = [profile for profile in listed if profile in chosen]
    ordered += [profile for profile in chosen if profile not in listed]
    practice.authors = [PracticeAuthor(author=profile) for profile in ordered]

    removed = set(data.get("remove_resources") or [])
    resources = [
        resource for resource in practice.resources.all() if resource.document_id not in removed
    ]
    for upload in data["resources"]:
        resources.append(PracticeResource(document=store.document(upload)))
    practice.resources = resources
    return practice


def form_initial(practice):
    """Initial data of the proposal form and its steps for an existing draft."""
    initial = {
        "title": practice.title,
        "summary": practice.summary,
        "problem": practice.problem,
        "mentoring_form": practice.mentoring_form,
        "education_levels": list(practice.education_levels.all()),
        "subjects": list(practice.subjects.all()),
        "competencies": list(practice.competencies.all()),
        "participants": practice.participants,
        "duration": practice.duration,
        "results": html_to_text(practice.results),
        "evidence": html_to_text(practice.evidence),
        "tags": ", ".join(sorted(tag.name for tag in practice.tags.all())),
        "organisation": practice.organisation,
        "co_authors": [link.author for link in practice.authors.all()],
        "consent": True,
    }
    steps, image_ids, document_ids = [], set(), set()
    for block in practice.steps:
        value = block.value
        image = value.get("image")
        documents = [document for document in value.get("documents") or [] if document]
        if image:
            image_ids.add(image.pk)
        document_ids.update(document.pk for document in documents)
        steps.append(
            {
                "title": value.get("title", ""),
                "period": value.get("period", ""),
                "text": html_to_text(value.get("text")),
                "image_alt": value.get("image_alt", ""),
                "kept_image": image.pk if image else None,
                "kept_image_title": image.title if image else "",
                "kept_documents": ",".join(str(document.pk) for document in documents),
                "kept_document_titles": [document.title for document in documents],
            }
        )
    return initial, steps, image_ids, document_ids


def latest_draft(practice):
    """The practice as its author last saved it (the latest revision), for editing."""
    revision = practice.get_latest_revision()
    return revision.as_object() if revision is not None else practice
