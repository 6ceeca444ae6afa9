"""Keep the cached honour board fresh: any change to what it shows replaces its version.

The version changes at once and again when the transaction commits: a request
that ran meanwhile and cached the board as it was before the change is thereby
forgotten too.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.images import get_image_model

from mentoring.board import invalidate_board


def _on_change(sender, **kwargs):
    if kwargs.get("raw"):
        return  # loading fixtures
    invalidate_board()
    transaction.on_commit(invalidate_board)


def connect():
    from mentoring.models import Award, MentorProfile, Municipality, Organisation
    from practices.models import Competency, Subject

    # Photos are Wagtail images: a new file or focal point changes the renditions' addresses.
    for model in (
        MentorProfile,
        Award,
        Organisation,
        Municipality,
        Subject,
        Competency,
        get_image_model(),
    ):
        post_save.connect(
            _on_change, sender=model, dispatch_uid=f"mentoring-board-save-{model.__name__}"
        )
        post_delete.connect(
            _on_change, sender=model, dispatch_uid=f"mentoring-board-delete-{model.__name__}"
        )
    for relation in (MentorProfile.subjects, MentorProfile.competencies):
        m2m_changed.connect(
            _on_change,
            sender=relation.through,
            dispatch_uid=f"mentoring-board-m2m-{relation.field.name}",
        )
