"""Records written many times a minute stay out of Wagtail's reference index.

Every save of an indexed model costs a read and a write of ``wagtailcore_referenceindex``
(a third of a chat message's time), and a page's "usage" in the admin would list every
member, message, registration and «применил» mark that points to it.
"""

from django.apps import apps
from django.urls import get_resolver

from wagtail.models import ReferenceIndex

import pytest

NOT_CONTENT = [
    "communities.Message",
    "communities.Membership",
    "events.Registration",
    "practices.PracticeApplication",
    "mentoring.ExportLog",
]


@pytest.mark.parametrize("label", NOT_CONTENT)
def test_high_volume_records_are_not_indexed(label):
    assert get_resolver().url_patterns  # the admin's viewsets register their models on first use
    model = apps.get_model(label)
    assert not ReferenceIndex.is_indexed(model)
    assert model not in ReferenceIndex.tracked_models


def test_content_still_is():
    assert get_resolver().url_patterns
    for label in ("practices.PracticePage", "events.EventPage", "communities.Channel"):
        assert ReferenceIndex.is_indexed(apps.get_model(label)), label
