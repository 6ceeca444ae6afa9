"""The index follows the content: publish, edit, unpublish, delete, move, privacy, snippets."""

from django.db import transaction

import pytest

from search import service
from search.models import IndexEntry
from tests.search.helpers import titles

pytestmark = pytest.mark.django_db


def found(query, **kwargs):
    return titles(service.search(query, **kwargs))


def test_publishing_indexes_a_page(make_practice):
    assert found("робототехника") == []
    make_practice("Робототехника с наставником", summary="Проекты учеников 7–8 классов.")
    assert found("робототехнике") == ["Робототехника с наставником"]


def test_editing_and_republishing_updates_the_entry(make_practice):
    page = make_practice("Робототехника с наставником")
    page.title = "Шахматный клуб с наставником"
    page.save_revision().publish()
    assert found("робототехника") == []
    assert found("шахматного клуба") == ["Шахматный клуб с наставником"]
    assert IndexEntry.objects.filter(object_id=page.pk).count() == 1


def test_a_draft_leaves_the_published_entry_alone(make_practice):
    page = make_practice("Робототехника с наставником")
    page.title = "Черновик нового названия"
    page.save_revision()  # saved, not published
    assert found("робототехника") == ["Робототехника с наставником"]
    assert found("черновик") == []


def test_unpublishing_removes_and_republishing_restores(make_practice):
    page = make_practice("Робототехника с наставником")
    page.unpublish()
    assert found("робототехника") == []
    page.refresh_from_db()
    page.save_revision().publish()
    assert found("робототехника") == ["Робототехника с наставником"]


def test_deleting_a_page_removes_it(make_practice):
    page = make_practice("Робототехника с наставником")
    page.delete()
    assert found("робототехника") == []
    assert not IndexEntry.objects.exists()


def test_deleting_a_section_removes_its_pages(tree, make_practice, make_event):
    make_practice("Робототехника с наставником")
    make_event("Семинар по робототехнике")
    tree.practices.delete()
    assert found("робототехника") == ["Семинар по робототехнике"]


def test_view_restrictions_hide_and_reveal_a_subtree(tree, make_practice):
    from wagtail.models import PageViewRestriction

    make_practice("Робототехника с наставником")
    restriction = PageViewRestriction.objects.create(page=tree.practices, restriction_type="login")
    assert found("робототехника") == []
    restriction.delete()
    assert found("робототехника") == ["Робототехника с наставником"]


def test_moving_a_page_updates_its_address(tree, make_practice):
    from practices.models import PracticeIndexPage

    page = make_practice("Робототехника с наставником")
    archive = PracticeIndexPage(title="Архив практик", slug="arkhiv")
    tree.home.add_child(instance=archive)  # an editor's second bank, for the move
    archive.save_revision().publish()
    page.move(archive, pos="last-child")
    [hit] = service.search("робототехника").hits
    assert hit.url == "/arkhiv/robototekhnika-s-nastavnikom/"


def test_changing_a_slug_updates_the_address(make_practice):
    page = make_practice("Робототехника с наставником")
    page.slug = "robototekhnika"
    page.save_revision().publish()
    [hit] = service.search("робототехника").hits
    assert hit.url == "/praktiki/robototekhnika/"


def test_mentor_profiles_follow_save_and_delete(make_mentor):
    profile = make_mentor("Смирнова", "Елена", "Викторовна", position="учитель русского языка")
    assert found("смирновой") == ["Смирнова Елена Викторовна"]
    profile.position = "методист по литературе"
    profile.save()
    assert found("методисту") == ["Смирнова Елена Викторовна"]
    profile.delete()
    assert found("смирнова") == []


def test_renaming_an_organisation_reindexes_its_mentors(make_mentor):
    profile = make_mentor("Кузнецов", "Андрей", position="учитель", organisation="Гимназия № 524")
    organisation = profile.organisation
    organisation.name = "Лицей информационных технологий"
    organisation.save()
    assert found("лицей") == ["Кузнецов Андрей"]


def test_renaming_a_form_of_mentoring_updates_the_facet_label(make_practice):
    from practices.models import MentoringForm

    make_practice("Робототехника с наставником", form="uchenik-uchenik")
    form = MentoringForm.objects.get(slug="uchenik-uchenik")
    form.name = "ученик – ученик (взаимное обучение)"
    form.save()
    [facet] = [f for f in service.search("робототехника").facets if f.name == "mentoring_form"]
    assert [o.label for o in facet.options] == ["ученик – ученик (взаимное обучение)"]


def test_a_rolled_back_publish_leaves_no_trace(make_practice):
    with pytest.raises(RuntimeError), transaction.atomic():
        make_practice("Робототехника с наставником")
        assert found("робототехника") == ["Робототехника с наставником"]
        raise RuntimeError("the editor's request failed later on")
    assert found("робототехника") == []


def test_vocabulary_follows_the_content(make_practice):
    from search.models import IndexWord

    page = make_practice("Робототехника", summary="Робототехника для пятиклассников.")
    assert IndexWord.objects.get(word="робототехника").entries == 1
    page.title = "Шахматы"
    page.summary = "Шахматы для пятиклассников."
    page.save_revision().publish()
    assert not IndexWord.objects.filter(word="робототехника").exists()
    assert IndexWord.objects.get(word="шахматы").entries == 1


def test_elasticsearch_is_written_after_commit(
    settings, make_practice, django_capture_on_commit_callbacks
):
    calls = []

    class Recorder:
        name = "elasticsearch"

        def index(self, records):
            calls.append(("index", [r.title for r in records]))

        def delete(self, keys):
            calls.append(("delete", list(keys)))

    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:8549"
    key = (
        settings.ELASTICSEARCH_URL,
        settings.SEARCH_INDEX_PREFIX,
        settings.SEARCH_ELASTICSEARCH_TIMEOUT,
    )
    service._elasticsearch[key] = Recorder()
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            make_practice("Робототехника с наставником")
        assert calls == []  # nothing leaves the transaction before it commits
        for callback in callbacks:
            callback()
        assert ("index", ["Робототехника с наставником"]) in calls
        # The database index is written too: it answers when Elasticsearch cannot.
        assert IndexEntry.objects.filter(title="Робототехника с наставником").exists()
    finally:
        service._elasticsearch.pop(key, None)


@pytest.mark.django_db
def test_mentor_expertise_set_after_save_reaches_the_index():
    """A profile form saves the profile first and its expertise after (save_m2m)."""
    from mentoring.models import MentorProfile
    from practices.models import Subject
    from search import service

    profile = MentorProfile.objects.create(
        last_name="Голубева", first_name="Ирина", slug="golubeva-irina", position="учитель"
    )
    chemistry = Subject.objects.get(slug="himiya")
    profile.subjects.add(chemistry)
    results = service.search("Голубева", filters={"subject": ["himiya"]})
    assert [hit.title for hit in results.hits] == ["Голубева Ирина"]
