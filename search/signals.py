"""Keep the index current: Wagtail's page signals and Django's model signals.

- publish / unpublish (scheduled expiry included) of a registered page:
  the page is re-read and indexed or removed;
- a move or slug change: the page and its descendants (their URLs changed);
- a view restriction added, changed or removed: the restricted subtree;
- saving or deleting a registered snippet (``MentorProfile``);
- deleting a registered page or object: its entry goes;
- saving or deleting a model other documents draw on (a form of mentoring,
  an organisation): the documents that show it.

Drafts are not indexed: the index holds what visitors can see.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from search import service
from search.registry import registry

DISPATCH_PREFIX = "search-index"


def page_changed(sender, instance, **kwargs):
    service.refresh(type(instance), [instance.pk])


def page_subtree_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.pk).first()  # the in-memory path may be stale
    if page is not None:
        service.refresh_subtree(page)


def view_restriction_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        service.refresh_subtree(page)


def object_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        service.refresh(sender, [instance.pk])


def object_relations_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    # A form saves the object first and its many-to-many fields after (save_m2m):
    # the document built on post_save would miss the new expertise areas.
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:
        if pk_set:
            service.refresh(model, list(pk_set))
    else:
        service.refresh(type(instance), [instance.pk])


def object_deleted(sender, instance, **kwargs):
    service.remove(sender, [instance.pk])


def dependency_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    for registration, finder in registry.dependants(sender):
        service.refresh(registration.model, [obj.pk for obj in finder(instance)])


def dependency_deleting(sender, instance, **kwargs):
    # After the delete the relation is gone (SET_NULL, m2m rows): remember now.
    instance._search_dependants = [
        (registration.model, [obj.pk for obj in finder(instance)])
        for registration, finder in registry.dependants(sender)
    ]


def dependency_deleted(sender, instance, **kwargs):
    for model, pks in getattr(instance, "_search_dependants", ()):
        service.refresh(model, pks)


def connect():
    """Connect the receivers for every registration (``SearchConfig.ready()`` calls this)."""
    page_published.connect(page_changed, dispatch_uid=f"{DISPATCH_PREFIX}-published")
    page_unpublished.connect(page_changed, dispatch_uid=f"{DISPATCH_PREFIX}-unpublished")
    post_page_move.connect(page_subtree_changed, dispatch_uid=f"{DISPATCH_PREFIX}-moved")
    page_slug_changed.connect(page_subtree_changed, dispatch_uid=f"{DISPATCH_PREFIX}-slug")
    for signal in (post_save, post_delete):
        signal.connect(
            view_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"{DISPATCH_PREFIX}-restriction-{signal is post_save}",
        )
    dependencies = set()
    for registration in registry:
        model = registration.model
        label = model._meta.label_lower
        # Per sender, so that Django can still fast-delete every other model.
        post_delete.connect(object_deleted, sender=model, dispatch_uid=f"{DISPATCH_PREFIX}-{label}")
        if not registration.is_page:
            post_save.connect(object_saved, sender=model, dispatch_uid=f"{DISPATCH_PREFIX}-{label}")
            for field in model._meta.many_to_many:
                m2m_changed.connect(
                    object_relations_changed,
                    sender=field.remote_field.through,
                    dispatch_uid=f"{DISPATCH_PREFIX}-{label}-{field.name}",
                )
        dependencies.update(registration.refresh_on)
    for model in dependencies:
        label = model._meta.label_lower
        uid = f"{DISPATCH_PREFIX}-dependency-{label}"
        post_save.connect(dependency_saved, sender=model, dispatch_uid=uid)
        pre_delete.connect(dependency_deleting, sender=model, dispatch_uid=uid)
        post_delete.connect(dependency_deleted, sender=model, dispatch_uid=uid)
