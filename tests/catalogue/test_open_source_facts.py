"""The facts an open-source tool carries for the open-data exports: its SPDX licence and its code."""

import pytest
from django.core.exceptions import ValidationError

from catalogue import demo
from catalogue.models import Licence, PriceModel, Tool
from catalogue.validators import normalize_spdx
from tests.catalogue.factories import ToolFactory


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("MIT", "MIT"),
        ("mit", "MIT"),
        ("gpl-2.0+", "GPL-2.0-or-later"),
        ("  AGPL-3.0-or-later ", "AGPL-3.0-or-later"),
        ("GPL-2.0-only OR GPL-3.0-only", "GPL-2.0-only OR GPL-3.0-only"),
        ("Apache-2.0 WITH LLVM-exception", "Apache-2.0 WITH LLVM-exception"),
    ],
)
def test_spdx_expressions_are_stored_in_their_canonical_form(typed, stored):
    assert normalize_spdx(typed) == stored


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Foo-1.0", "spdx_unknown"),
        ("LicenseRef-proprietary", "spdx_unknown"),
        ("MIT AND (", "spdx_invalid"),
        ("MIT " * 40, "spdx_too_long"),
    ],
)
def test_unknown_or_malformed_licences_are_refused(typed, code):
    with pytest.raises(ValidationError) as error:
        normalize_spdx(typed)
    assert error.value.code == code


def test_full_clean_normalises_and_refuses(db):
    tool = ToolFactory.build(slug="some-tool", licence=Licence.OPEN_SOURCE, spdx_licence="mpl-2.0")
    tool.full_clean(exclude=["sectors", "needs"])
    assert tool.spdx_licence == "MPL-2.0"

    tool.spdx_licence = "Nonsense-3"
    with pytest.raises(ValidationError) as error:
        tool.full_clean()
    assert "spdx_licence" in error.value.message_dict


def test_publishing_an_open_source_tool_needs_its_licence_and_code(db):
    tool = ToolFactory(licence=Licence.OPEN_SOURCE, status="draft")
    missing = tool.publish_requirements()
    assert set(missing) >= {"spdx_licence", "source_code"}
    assert "open-source" in missing["spdx_licence"]

    values = {"spdx_licence": "MIT", "source_code": "https://example.org/code.git"}
    assert not set(tool.publish_requirements(values)) & {"spdx_licence", "source_code"}
    assert (
        "spdx_licence"
        not in ToolFactory(licence=Licence.PROPRIETARY, price_model=PriceModel.PAID).publish_requirements()
    )


def test_every_open_source_demo_tool_is_complete(db):
    demo.load()
    open_source = Tool.objects.filter(licence=Licence.OPEN_SOURCE)
    assert open_source.count() >= 15
    for tool in open_source:
        assert tool.publish_requirements() == {}, tool.slug
        assert normalize_spdx(tool.spdx_licence) == tool.spdx_licence
        assert tool.source_code.startswith("https://")
    assert Tool.objects.get(slug="nextcloud").spdx_licence == "AGPL-3.0-or-later"
