from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.utils import timezone

import pytest

from communities import membership
from communities.listings import (
    active_communities,
    communities_moderated_by,
    communities_of_member,
)
from communities.models import Membership, MembershipRole, MembershipStatus
from portal import roles
from tests.communities.factories import ChannelFactory, MessageFactory, UserFactory, member

pytestmark = pytest.mark.django_db


def test_joining_an_open_community_takes_one_step(open_community):
    teacher = UserFactory()
    result = membership.join(teacher, open_community)
    assert result.joined
    assert result.membership.status == MembershipStatus.ACTIVE
    assert result.membership.joined_at is not None
    open_community.refresh_from_db()
    assert open_community.members_count == 1
    with pytest.raises(membership.MembershipError, match="уже участник"):
        membership.join(teacher, open_community)


def test_closed_community_takes_a_request_that_a_moderator_accepts(
    closed_community, django_capture_on_commit_callbacks
):
    moderator = member(closed_community, UserFactory(username="mod"), MembershipRole.MODERATOR)
    teacher = UserFactory(username="pedagog")
    with django_capture_on_commit_callbacks(execute=True):
        result = membership.join(teacher, closed_community, note="Работаю воспитателем второй год")
    assert not result.joined
    request = result.membership
    assert request.status == MembershipStatus.PENDING
    # The moderator hears about it by e-mail.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["mod@example.org"]
    assert "Работаю воспитателем второй год" in mail.outbox[0].body
    with pytest.raises(membership.MembershipError, match="уже отправлена"):
        membership.join(teacher, closed_community)

    outsider = UserFactory()
    with pytest.raises(membership.MembershipError, match="только модератор"):
        membership.accept(outsider, request)

    with django_capture_on_commit_callbacks(execute=True):
        membership.accept(moderator, request)
    request.refresh_from_db()
    assert request.status == MembershipStatus.ACTIVE
    assert request.decided_by == moderator
    closed_community.refresh_from_db()
    assert closed_community.members_count == 2
    assert "приняли" in mail.outbox[-1].subject


def test_a_declined_applicant_may_ask_again(closed_community):
    moderator = member(closed_community, role=MembershipRole.MODERATOR)
    teacher = UserFactory()
    request = membership.join(teacher, closed_community).membership
    membership.decline(moderator, request)
    request.refresh_from_db()
    assert request.status == MembershipStatus.DECLINED
    with pytest.raises(membership.MembershipError, match="статус участия уже"):
        membership.accept(moderator, request)
    again = membership.join(teacher, closed_community, note="Прошу ещё раз")
    assert again.membership.status == MembershipStatus.PENDING


def test_leaving_and_withdrawing_a_request(open_community, closed_community):
    teacher = UserFactory()
    membership.join(teacher, open_community)
    assert membership.leave(teacher, open_community) is True
    assert not Membership.objects.filter(user=teacher).exists()
    open_community.refresh_from_db()
    assert open_community.members_count == 0
    membership.join(teacher, closed_community)
    assert membership.leave(teacher, closed_community) is False  # a withdrawn request
    with pytest.raises(membership.MembershipError, match="не состоите"):
        membership.leave(teacher, closed_community)


def test_the_only_moderator_cannot_leave(open_community, moderator):
    with pytest.raises(membership.MembershipError, match="единственный модератор"):
        membership.leave(moderator, open_community)
    member(open_community, role=MembershipRole.MODERATOR)
    assert membership.leave(moderator, open_community)


def test_removed_member_cannot_rejoin_until_restored(open_community, moderator):
    teacher = member(open_community)
    row = Membership.objects.get(user=teacher)
    membership.remove(moderator, row)
    row.refresh_from_db()
    assert row.status == MembershipStatus.REMOVED
    open_community.refresh_from_db()
    assert open_community.members_count == 1  # the moderator
    with pytest.raises(membership.MembershipError, match="исключил"):
        membership.join(teacher, open_community)
    membership.restore(moderator, row)
    row.refresh_from_db()
    assert row.is_active


def test_moderators_cannot_remove_themselves_or_other_moderators(open_community, moderator):
    other = member(open_community, role=MembershipRole.MODERATOR)
    with pytest.raises(membership.MembershipError, match="Себя исключить нельзя"):
        membership.remove(moderator, Membership.objects.get(user=moderator))
    with pytest.raises(membership.MembershipError, match="только методист"):
        membership.remove(moderator, Membership.objects.get(user=other))
    methodist = UserFactory()
    from django.contrib.auth.models import Group

    methodist.groups.add(Group.objects.get(name=roles.METHODIST))
    membership.remove(methodist, Membership.objects.get(user=other))
    assert Membership.objects.get(user=other).status == MembershipStatus.REMOVED


def test_muting_stops_posting_for_a_while(open_community, moderator):
    teacher = member(open_community)
    channel = ChannelFactory(community=open_community)
    row = Membership.objects.get(user=teacher)
    assert membership.post_refusal(teacher, channel, row) is None
    with pytest.raises(membership.MembershipError, match="из списка"):
        membership.mute(moderator, row, 5)
    membership.mute(moderator, row, 24)
    row.refresh_from_db()
    assert row.is_muted
    refusal = membership.post_refusal(teacher, channel, row)
    assert refusal.startswith("Модератор ограничил вам отправку сообщений до ")
    # It still reads.
    assert membership.can_read(teacher, channel, row)
    membership.unmute(moderator, row)
    row.refresh_from_db()
    assert membership.post_refusal(teacher, channel, row) is None


def test_who_reads_which_channel(open_community, closed_community):
    public = ChannelFactory(community=open_community, is_public=True)
    members_only = ChannelFactory(community=open_community, is_public=False)
    closed = ChannelFactory(community=closed_community, is_public=True)
    visitor = AnonymousUser()
    stranger = UserFactory()
    insider = member(closed_community)
    insider_row = Membership.objects.get(user=insider)

    assert membership.can_read(visitor, public)
    assert not membership.can_read(visitor, members_only)
    assert not membership.can_read(visitor, closed)
    assert not membership.can_read(stranger, closed)
    assert membership.can_read(insider, closed, insider_row)
    # A restricted page (Wagtail privacy) is not public even when the community is open.
    assert not membership.can_read(visitor, public, page_is_public=False)

    # Nobody but members posts, anywhere.
    assert membership.post_refusal(visitor, public) == "Войдите, чтобы писать в канал."
    assert "только участники" in membership.post_refusal(stranger, public)

    insider_row.status = MembershipStatus.REMOVED
    insider_row.save()
    assert not membership.can_read(insider, closed, insider_row)
    assert membership.post_refusal(insider, closed, insider_row)


def test_archived_channel_is_read_only(open_community):
    teacher = member(open_community)
    channel = ChannelFactory(community=open_community, is_archived=True)
    assert "в архиве" in membership.post_refusal(
        teacher, channel, Membership.objects.get(user=teacher)
    )


def test_methodists_moderate_every_community(open_community, make_user):
    methodist = make_user("metodist", roles=[roles.METHODIST])
    assert membership.can_moderate(methodist, open_community)
    assert not membership.can_moderate(make_user("pedagog", roles=[roles.TEACHER]), open_community)


def test_listings(open_community, closed_community, moderator):
    teacher = member(closed_community)
    assert list(communities_moderated_by(moderator)) == [open_community]
    assert list(communities_of_member(teacher)) == [closed_community]
    assert list(communities_of_member(AnonymousUser())) == []
    # The community with the freshest discussion comes first.
    channel = ChannelFactory(community=closed_community)
    MessageFactory(channel=channel, author=teacher)
    assert list(active_communities(limit=4))[:2] == [closed_community, open_community]
    stale = MessageFactory(channel=ChannelFactory(community=open_community), author=moderator)
    stale.created_at = timezone.now() - timedelta(days=3)
    stale.save()
    assert list(active_communities(limit=1)) == [closed_community]


def test_members_count_survives_publishing_an_old_revision(open_community):
    revision = open_community.save_revision()
    member(open_community)
    member(open_community)
    revision.publish()
    open_community.refresh_from_db()
    assert open_community.members_count == 2


def test_search_sees_only_what_visitors_may_read(open_community, closed_community, moderator):
    from communities.listings import searchable_messages

    public = MessageFactory(channel=ChannelFactory(community=open_community), author=moderator)
    MessageFactory(channel=ChannelFactory(community=open_community, is_public=False))
    MessageFactory(channel=ChannelFactory(community=closed_community))
    gone = MessageFactory(channel=public.channel, author=moderator)
    gone.deleted_at = timezone.now()
    gone.save()
    assert list(searchable_messages()) == [public]
