"""The partner editor and site manager groups, created after the content apps' tables exist.

The same function runs after every ``migrate`` (post_migrate) and from ``manage.py setup_roles``,
so models added to the content apps later get their permissions without a new migration here.
"""

from django.db import migrations


def create_roles(apps, schema_editor):
    from organisations.roles import sync_roles

    sync_roles(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("organisations", "0002_membership"),
        ("catalogue", "0001_initial"),
        ("articles", "0001_initial"),
        ("courses", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
