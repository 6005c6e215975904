import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from organisations.models import Membership, Organisation
from organisations.roles import PARTNER_EDITOR, SITE_MANAGER, sync_roles

PASSWORD = "a-test-password-1"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    country = "IT"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def _group(name):
    group = Group.objects.filter(name=name).first()
    if group is None:
        sync_roles()
        group = Group.objects.get(name=name)
    return group


def editor_of(organisation, **kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(_group(PARTNER_EDITOR))
    Membership.objects.create(user=user, organisation=organisation)
    return user


def site_manager(**kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(_group(SITE_MANAGER))
    return user
