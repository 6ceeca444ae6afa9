"""The documents a pair attaches to its result: private, like the rest of the pair.

A presentation of a pair's year names the mentee, their classes and their
difficulties. Wagtail serves documents at guessable addresses
(``/documents/<id>/<file>``) to anyone unless their collection is restricted,
and offers every document of the root collection in the choosers of mentors
and moderators. So result documents live in their own collection:

- restricted to methodists and administrators (Wagtail's own serve view then
  asks anyone else to sign in as one of them; nginx refuses ``/media/documents/``);
- left out of the document chooser for everyone who does not oversee the
  programmes (``construct_document_chooser_queryset`` in wagtail_hooks.py);
- downloaded by the pair and its curator through ``download`` below, which asks
  the same question as the pair's page (``access.pair_for``).
"""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Group
from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction

from mentoring import access
from mentoring.models import PairResult
from portal.roles import ADMINISTRATOR, METHODIST
from portal.uploads import collection_named

COLLECTION_NAME = "Итоги пар наставничества (закрыто)"


def collection():
    """The private collection of result documents, created (and restricted) on first use."""
    found = collection_named(COLLECTION_NAME)
    if not CollectionViewRestriction.objects.filter(collection=found).exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=found, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name__in=[METHODIST, ADMINISTRATOR]))
    return found


def is_private(document):
    return document.collection_id is not None and document.collection.name == COLLECTION_NAME


def store(upload, *, title, user):
    """Save an uploaded (already checked) file as a document in the private collection."""
    document = get_document_model()(
        title=title, file=upload, uploaded_by_user=user, collection=collection()
    )
    document._set_document_file_metadata()
    document.save()
    return document


@login_required
@require_GET
def download(request, pk):
    """The pair's result document, for the pair, its curator and methodists only."""
    pair = access.pair_for(request.user, pk)
    result = PairResult.objects.filter(pair=pair).select_related("document").first()
    document = result.document if result is not None else None
    if document is None or not document.file:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(handle, as_attachment=True, filename=document.filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
