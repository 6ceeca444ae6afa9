from django.contrib.auth.models import Group

import pytest

from portal import roles


@pytest.mark.django_db
def test_migration_creates_every_role():
    names = set(Group.objects.values_list("name", flat=True))
    assert set(roles.ALL_ROLES) <= names


@pytest.mark.django_db
def test_staff_roles_reach_the_admin_but_teachers_do_not(make_user):
    for role in [roles.MENTOR, roles.MODERATOR, roles.METHODIST, roles.ADMINISTRATOR]:
        user = make_user(username=f"u-{role}", roles=[role])
        assert user.has_perm("wagtailadmin.access_admin"), role
    teacher = make_user(username="teacher", roles=[roles.TEACHER])
    assert not teacher.has_perm("wagtailadmin.access_admin")


@pytest.mark.django_db
def test_has_role(make_user, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    methodist = make_user(username="m", roles=[roles.METHODIST])
    assert roles.has_role(methodist, roles.METHODIST)
    assert not roles.has_role(methodist, roles.MENTOR)
    assert not roles.has_role(AnonymousUser(), roles.TEACHER)
    admin = django_user_model.objects.create_superuser("root", "r@example.org", "x")
    assert roles.has_role(admin, roles.MENTOR)


@pytest.mark.django_db
def test_full_name_is_russian_order(make_user):
    user = make_user(
        username="e", last_name="Смирнова", first_name="Елена", middle_name="Викторовна"
    )
    assert user.get_full_name() == "Смирнова Елена Викторовна"
    assert str(user) == "Смирнова Елена Викторовна"
