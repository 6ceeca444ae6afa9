from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

import pytest

from communities import messaging, unread
from communities.models import Membership, MembershipRole, Mention, Message
from communities.rendering import message_html
from tests.communities.factories import ChannelFactory, MessageFactory, UserFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher(open_community):
    return member(open_community, UserFactory(username="pedagog1"))


def test_empty_and_too_long_messages_are_refused_and_not_stored(channel, teacher):
    for text in ["", "   \n\t ", "\x00\x07"]:
        with pytest.raises(messaging.MessageRefused) as refused:
            messaging.post_message(teacher, channel, text)
        assert refused.value.code == "empty"
        assert refused.value.message == "Пустое сообщение не отправлено: напишите текст."
    with pytest.raises(messaging.MessageRefused) as refused:
        messaging.post_message(teacher, channel, "а" * 4001)
    assert refused.value.code == "too_long"
    assert "4\xa0001" in refused.value.message and "4\xa0000" in refused.value.message
    assert not Message.objects.exists()
    # Exactly the limit is fine; surrounding blanks do not count.
    posted = messaging.post_message(teacher, channel, "  " + "б" * 4000 + "\n ")
    assert len(posted.message.text) == 4000


def test_flood_limit_refuses_and_stores_nothing(channel, teacher, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "message": "3/m"}
    for n in range(3):
        messaging.post_message(teacher, channel, f"Сообщение {n}")
    with pytest.raises(messaging.MessageRefused) as refused:
        messaging.post_message(teacher, channel, "Четвёртое за минуту")
    assert refused.value.code == "flood"
    assert "не больше 3 в минуту" in refused.value.message
    assert Message.objects.count() == 3
    # Another person is not held back by someone else's flood.
    other = member(channel.community)
    messaging.post_message(other, channel, "Моё первое сообщение")


def test_flood_limit_reads_any_period(channel, teacher, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "message": "1/h"}
    messaging.post_message(teacher, channel, "Первое")
    with pytest.raises(messaging.MessageRefused) as refused:
        messaging.post_message(teacher, channel, "Второе")
    assert "не больше 1 в час" in refused.value.message


def test_invalid_messages_do_not_use_up_the_flood_allowance(channel, teacher, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "message": "2/m"}
    for _n in range(5):
        with pytest.raises(messaging.MessageRefused):
            messaging.post_message(teacher, channel, "")
    messaging.post_message(teacher, channel, "Первое")
    messaging.post_message(teacher, channel, "Второе")


def test_mentions_notify_members_only(channel, teacher, open_community):
    mentor = member(open_community, UserFactory(username="nastavnik1"))
    outsider = UserFactory(username="chuzhoy")
    posted = messaging.post_message(
        teacher,
        channel,
        "@nastavnik1, посмотрите план. @chuzhoy тоже. Почта ivan@nastavnik1.ru — не упоминание."
        " @pedagog1 — это я сама.",
    )
    assert posted.mentioned == [mentor]
    assert list(Mention.objects.values_list("user__username", flat=True)) == ["nastavnik1"]
    assert not Mention.objects.filter(user=outsider).exists()


def test_reply_must_point_into_the_same_channel(channel, teacher, open_community):
    elsewhere = MessageFactory(channel=ChannelFactory(community=open_community))
    with pytest.raises(messaging.MessageRefused, match="не найдено"):
        messaging.post_message(teacher, channel, "Ответ", reply_to_id=elsewhere.pk)
    original = MessageFactory(channel=channel)
    reply = messaging.post_message(teacher, channel, "Согласна", reply_to_id=original.pk).message
    assert reply.reply_to == original
    data = messaging.serialize(reply)
    assert data["reply_to"]["id"] == original.pk
    assert data["reply_to"]["excerpt"] == original.text


def test_author_edits_and_deletes_within_the_time_limit(channel, teacher, moderator):
    message = messaging.post_message(teacher, channel, "Черновик @moderator").message
    messaging.edit_message(teacher, message, "Исправленный текст")
    message.refresh_from_db()
    assert message.text == "Исправленный текст"
    assert message.edited_at is not None
    assert not Mention.objects.filter(message=message).exists()  # the mention went with the text
    with pytest.raises(messaging.MessageRefused, match="только его автор"):
        messaging.edit_message(moderator, message, "Чужая правка")

    Message.objects.filter(pk=message.pk).update(created_at=timezone.now() - timedelta(minutes=16))
    message.refresh_from_db()
    with pytest.raises(messaging.MessageRefused, match="в течение 15 минут"):
        messaging.edit_message(teacher, message, "Поздно")
    with pytest.raises(messaging.MessageRefused, match="попросите модератора"):
        messaging.delete_message(teacher, message)
    with pytest.raises(messaging.MessageRefused, match="только модератор"):
        messaging.delete_message(UserFactory(), message)

    messaging.delete_message(moderator, message, moderator=True)
    message.refresh_from_db()
    assert message.is_deleted and message.text == "" and message.deleted_by == moderator
    assert messaging.serialize(message)["text"] == ""


def test_only_moderators_pin(channel, teacher, moderator):
    message = MessageFactory(channel=channel, author=teacher)
    with pytest.raises(messaging.MessageRefused, match="только модератор"):
        messaging.pin_message(teacher, message, True)
    messaging.pin_message(moderator, message, True, moderator=True)
    assert messaging.pinned_messages(channel) == [message]
    messaging.pin_message(moderator, message, False, moderator=True)
    assert messaging.pinned_messages(channel) == []


def test_history_pages_back_from_the_newest(channel, teacher, settings, django_assert_num_queries):
    settings.COMMUNITIES_HISTORY_PAGE_SIZE = 50
    messages = MessageFactory.create_batch(120, channel=channel, author=teacher)
    ids = [m.pk for m in messages]
    with django_assert_num_queries(2):  # the page and the mentions of its messages
        page, has_more = messaging.history(channel)
        [messaging.serialize(m) for m in page]
    assert [m.pk for m in page] == ids[-50:] and has_more
    page, has_more = messaging.history(channel, before=page[0].pk)
    assert [m.pk for m in page] == ids[20:70] and has_more
    page, has_more = messaging.history(channel, before=page[0].pk)
    assert [m.pk for m in page] == ids[:20] and not has_more


def test_catch_up_returns_what_a_page_missed(channel, teacher, moderator):
    seen = [MessageFactory(channel=channel, author=teacher) for _ in range(3)]
    watermark = max(m.updated_at for m in seen)
    missed = [MessageFactory(channel=channel, author=moderator) for _ in range(2)]
    messaging.pin_message(moderator, seen[0], True, moderator=True)
    new, changed, has_more = messaging.catch_up(channel, after=seen[-1].pk, changed_since=watermark)
    assert [m.pk for m in new] == [m.pk for m in missed]
    # The pinned one, and the one at the watermark itself (re-sent: the page keeps
    # messages by id, so a repeat changes nothing).
    assert [m.pk for m in changed] == [seen[0].pk, seen[2].pk]
    assert not has_more
    new, _changed, has_more = messaging.catch_up(channel, after=0, limit=2)
    assert len(new) == 2 and has_more


def test_rendering_escapes_and_links_safely():
    html = message_html(
        'Смотрите <script>alert("x")</script> https://example.org/plan?a=1&b=2, '
        "javascript:alert(1) и @nastavnik1 или @neizvestnyy.",
        [("nastavnik1", "Елена Смирнова")],
    )
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert '<a href="https://example.org/plan?a=1&amp;b=2" rel="nofollow">' in html
    assert 'href="javascript' not in html
    assert '<span class="mention" title="Елена Смирнова">@nastavnik1</span>' in html
    assert "@neizvestnyy" in html and 'title="' not in html.split("@neizvestnyy")[0][-40:]


def test_unread_counts_per_channel_and_in_one_header_query(
    open_community, channel, teacher, moderator, django_assert_num_queries
):
    second = ChannelFactory(community=open_community)
    other_community = ChannelFactory(community=member_community(teacher))
    for _ in range(3):
        MessageFactory(channel=channel, author=moderator)
    MessageFactory(channel=second, author=moderator)
    MessageFactory(channel=channel, author=teacher)  # one's own messages are never unread
    MessageFactory(channel=other_community, author=moderator)
    deleted = MessageFactory(channel=channel, author=moderator)
    deleted.deleted_at = timezone.now()
    deleted.save()

    assert unread.unread_by_channel(teacher, open_community) == {channel.pk: 3, second.pk: 1}
    with django_assert_num_queries(1):
        summary = unread.header_summary(teacher)
    assert summary == {"unread": 5, "mentions": 0, "requests": 0}

    messaging.mark_read(teacher, channel)
    teacher = type(teacher).objects.get(pk=teacher.pk)
    assert unread.unread_by_channel(teacher, open_community) == {second.pk: 1}
    assert unread.header_summary(teacher)["unread"] == 2
    assert unread.header_summary(AnonymousUser()) == {"unread": 0, "mentions": 0, "requests": 0}


def member_community(user):
    from tests.communities.factories import make_community

    community = make_community("Клуб молодых педагогов", slug="klub")
    member(community, user)
    return community


def test_history_before_joining_is_not_unread(channel, moderator, open_community):
    MessageFactory(channel=channel, author=moderator)
    newcomer = member(open_community)
    assert unread.header_summary(newcomer)["unread"] == 0
    MessageFactory(channel=channel, author=moderator)
    newcomer = type(newcomer).objects.get(pk=newcomer.pk)
    assert unread.header_summary(newcomer)["unread"] == 1


def test_header_counts_requests_and_mentions(closed_community, open_community, channel):
    moderator = member(closed_community, UserFactory(username="mod"), MembershipRole.MODERATOR)
    Membership.objects.create(community=closed_community, user=UserFactory())
    teacher = member(open_community)
    messaging.post_message(
        Membership.objects.filter(community=open_community).first().user, channel, "Привет"
    )
    author = member(open_community, UserFactory(username="avtor"))
    messaging.post_message(author, channel, f"@{teacher.username} загляните сюда")
    assert unread.header_summary(moderator)["requests"] == 1
    summary = unread.header_summary(teacher)
    assert summary["mentions"] == 1 and summary["unread"] == 2
    messaging.mark_read(teacher, channel)
    teacher = type(teacher).objects.get(pk=teacher.pk)
    assert unread.header_summary(teacher)["mentions"] == 0
