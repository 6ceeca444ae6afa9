"""RSS and Atom feeds of new practices; the bank's filters apply (``/practices/rss/?form=...``)."""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from practices.filters import PracticeFilterSet
from practices.listings import published_practices, with_card_data
from practices.models import PracticeIndexPage

FEED_SIZE = 30


@dataclass
class FeedContext:
    request: HttpRequest
    filterset: PracticeFilterSet
    index: PracticeIndexPage | None


class NewPracticesFeed(Feed):
    title = _("Банк наставнических практик: новые практики")
    description = _(
        "Новые практики наставничества, проверенные методистами: формы, уровни, шаги, результаты."
    )

    def get_object(self, request, *args, **kwargs):
        filterset = PracticeFilterSet(request.GET or None, queryset=published_practices())
        return FeedContext(request, filterset, PracticeIndexPage.objects.live().first())

    def link(self, obj):
        url = obj.index.get_url(obj.request) if obj.index else "/"
        query = obj.request.GET.urlencode()
        return f"{url}?{query}" if query else url

    def items(self, obj):
        practices = list(
            with_card_data(obj.filterset.qs)
            .prefetch_related("tags")
            .order_by("-first_published_at", "-pk")[:FEED_SIZE]
        )
        for practice in practices:
            # Feed methods get only the item; resolve its address with the request now.
            practice.feed_url = practice.get_url(obj.request)
        return practices

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.feed_url

    def item_guid(self, item):
        return f"practice-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author_names or None

    def item_categories(self, item):
        categories = [item.mentoring_form.name] if item.mentoring_form else []
        categories += [level.name for level in item.education_levels.all()]
        categories += [tag.name for tag in item.tags.all()]
        return categories


class NewPracticesAtomFeed(NewPracticesFeed):
    feed_type = Atom1Feed
    subtitle = NewPracticesFeed.description
