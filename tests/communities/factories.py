"""Factories for communities: pages in a small tree, memberships, channels, messages."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Page, Site

import factory

from communities.models import (
    Channel,
    CommunityIndexPage,
    CommunityPage,
    Membership,
    MembershipPolicy,
    MembershipRole,
    MembershipStatus,
    Message,
)
from home.models import HomePage


def site_tree():
    """Home page and the communities index, as the demo builds them (created once)."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        for page in root.get_children().filter(slug="home"):
            if page.specific_class is Page:
                page.delete()  # Wagtail's own «Welcome» page
        root.refresh_from_db()
        home = HomePage(title="Наставник.Портал", slug="home")
        root.add_child(instance=home)
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home},
        )
    index = CommunityIndexPage.objects.first()
    if index is None:
        index = CommunityIndexPage(title="Профессиональные сообщества", slug="soobshchestva")
        home.add_child(instance=index)
    return index


def make_community(title="Онлайн-лаборатория", policy=MembershipPolicy.OPEN, **fields):
    index = site_tree()
    page = CommunityPage(
        title=title,
        slug=fields.pop("slug", None) or f"c-{CommunityPage.objects.count() + 1}",
        purpose=fields.pop("purpose", "Обсуждаем наставнические практики."),
        membership_policy=policy,
        **fields,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Iterator(["Анна", "Елена", "Никита", "Дарья"])
    last_name = factory.Iterator(["Соколова", "Смирнова", "Лебедев", "Орлова"])
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("пароль-для-тестов")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = MembershipRole.MEMBER
    status = MembershipStatus.ACTIVE
    joined_at = factory.LazyFunction(timezone.now)


class ChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Channel

    name = factory.Sequence(lambda n: f"Канал {n}")
    slug = factory.Sequence(lambda n: f"kanal-{n}")
    is_public = True


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    channel = factory.SubFactory(ChannelFactory)
    author = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"Сообщение номер {n}")


def member(community, user=None, role=MembershipRole.MEMBER, **fields):
    """An active member (or moderator) of ``community``; returns the user."""
    from communities.membership import refresh_members_count

    user = user or UserFactory()
    MembershipFactory(community=community, user=user, role=role, **fields)
    refresh_members_count(community.pk)
    return user
