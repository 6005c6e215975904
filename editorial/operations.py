"""Migration operations the base needs.

``RebuildGeneratedField``: PostgreSQL cannot change the expression of a stored generated column
(and Django refuses to try), so a search vector whose expression changes (new weights, a new
text-search configuration, a new field) is dropped and added again. Its GIN index goes with the
column and is created again from the model state; the column is filled as it is added.
"""

from django.db import migrations


class RebuildGeneratedField(migrations.AlterField):
    """``AlterField`` for a ``GeneratedField``: drop the column, add it with the new expression."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        self._rebuild(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self._rebuild(app_label, schema_editor, from_state, to_state)

    def _rebuild(self, app_label, schema_editor, from_state, to_state):
        old_model = from_state.apps.get_model(app_label, self.model_name)
        new_model = to_state.apps.get_model(app_label, self.model_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, new_model):
            return
        schema_editor.remove_field(old_model, old_model._meta.get_field(self.name))
        field = new_model._meta.get_field(self.name)
        schema_editor.add_field(new_model, field)
        for index in new_model._meta.indexes:
            if field.name in index.fields:
                schema_editor.add_index(new_model, index)

    def describe(self):
        return f"Rebuild generated field {self.name} on {self.model_name}"
