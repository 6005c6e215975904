"""The formats of the exports: YAML (publiccode.yml), JSON-LD and CSV."""

import csv
import io
import json

import yaml
from rest_framework.renderers import BaseRenderer


class _Dumper(yaml.SafeDumper):
    """Texts of several lines as literal blocks (``|``), readable as they were written."""


def _text(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


class YAMLRenderer(BaseRenderer):
    media_type = "application/yaml"
    format = "yml"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100).encode()


class JSONLDRenderer(BaseRenderer):
    media_type = "application/ld+json"
    format = "jsonld"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return json.dumps(data, ensure_ascii=False, indent=2).encode()


class CSVRenderer(BaseRenderer):
    """Rows (lists of texts) as CSV, with a byte-order mark so spreadsheets read UTF-8 as UTF-8."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        buffer = io.StringIO()
        csv.writer(buffer).writerows(data)
        return ("\ufeff" + buffer.getvalue()).encode()
