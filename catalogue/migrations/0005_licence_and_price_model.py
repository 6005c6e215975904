"""Licence and price become two facts: "open source" was one value of the licence beside "free",
so a free open-source tool was not found under "free". Every tool keeps what it said:

    open_source -> open source, free      free -> proprietary, free
    freemium    -> proprietary, freemium  paid -> proprietary, paid

The tools' saved history is mapped the same way, so restoring an old version gives valid values.
"""

import json

from django.db import migrations, models

FORWARD = {
    "open_source": ("open_source", "free"),
    "free": ("proprietary", "free"),
    "freemium": ("proprietary", "freemium"),
    "paid": ("proprietary", "paid"),
    "": ("", ""),
}


def backward_value(licence: str, price_model: str) -> str:
    if licence == "open_source":
        return "open_source"
    if price_model in ("free", "freemium"):
        return price_model
    return "paid" if price_model else ""


def _versions(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    content_type = ContentType.objects.using(schema_editor.connection.alias).filter(
        app_label="catalogue", model="tool"
    )
    return Version.objects.using(schema_editor.connection.alias).filter(
        content_type__in=content_type, format="json"
    )


def _rewrite_versions(apps, schema_editor, change):
    for version in _versions(apps, schema_editor).iterator():
        try:
            data = json.loads(version.serialized_data)
            fields = data[0]["fields"]
        except (ValueError, KeyError, IndexError, TypeError):
            continue  # not a version this migration can read: left as it was
        change(fields)
        version.serialized_data = json.dumps(data)
        version.save(update_fields=["serialized_data"])


def split(apps, schema_editor):
    Tool = apps.get_model("catalogue", "Tool")
    tools = Tool.objects.using(schema_editor.connection.alias)
    for old, (licence, price_model) in FORWARD.items():
        tools.filter(licence=old).update(licence=licence, price_model=price_model)

    def change(fields):
        licence, price_model = FORWARD.get(fields.get("licence") or "", ("", ""))
        fields["licence"], fields["price_model"] = licence, price_model

    _rewrite_versions(apps, schema_editor, change)


def join(apps, schema_editor):
    Tool = apps.get_model("catalogue", "Tool")
    for tool in Tool.objects.using(schema_editor.connection.alias).only("licence", "price_model"):
        tool.licence = backward_value(tool.licence, tool.price_model)
        tool.save(update_fields=["licence"])

    def change(fields):
        fields["licence"] = backward_value(fields.get("licence") or "", fields.pop("price_model", "") or "")

    _rewrite_versions(apps, schema_editor, change)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0004_original_language"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="tool",
            name="catalogue_tool_facets",
        ),
        migrations.AddField(
            model_name="tool",
            name="price_model",
            field=models.CharField(
                blank=True,
                choices=[
                    ("free", "Free"),
                    ("freemium", "Free basic plan, paid extras"),
                    ("paid", "Paid"),
                    ("per_transaction", "Pay per transaction"),
                ],
                max_length=20,
                verbose_name="price model",
            ),
        ),
        migrations.RunPython(split, join),
        migrations.AlterField(
            model_name="tool",
            name="licence",
            field=models.CharField(
                blank=True,
                choices=[("open_source", "Open source"), ("proprietary", "Proprietary")],
                max_length=20,
                verbose_name="licence",
            ),
        ),
        migrations.AddIndex(
            model_name="tool",
            index=models.Index(
                fields=["status", "licence", "price_model", "skill_level"],
                include=("id", "platforms", "interface_languages"),
                name="catalogue_tool_facets",
            ),
        ),
    ]
