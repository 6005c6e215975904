from catalogue import demo
from catalogue.models import Need, Sector, Tool


def test_demo_loads_and_is_idempotent(db):
    first = demo.load()
    counts = (Sector.objects.count(), Need.objects.count(), Tool.objects.count())
    assert counts[0] == 6 and counts[1] == 12
    assert counts[2] >= 10
    assert "tools" in first
    second = demo.load()
    assert (Sector.objects.count(), Need.objects.count(), Tool.objects.count()) == counts
    assert second == first
    assert Tool.objects.published().count() == counts[2]
    gnucash = Tool.objects.get(slug="gnucash")
    assert gnucash.summary_hr and gnucash.description_pl
    assert gnucash.sectors.exists() and gnucash.needs.exists()


def test_a_broken_tool_file_is_skipped(db, tmp_path):
    (tmp_path / "good.json").write_text('{"slug": "good", "name": "Good", "licence": "open_source"}')
    (tmp_path / "half.json").write_text('{"slug": "half", "na')
    items, skipped = demo.read_tool_files(tmp_path)
    assert [item["slug"] for item in items] == ["good"]
    assert len(skipped) == 1 and skipped[0].startswith("half.json")


def test_every_demo_tool_has_honest_facts_in_seven_languages(db):
    from editorial.languages import LANGUAGE_CODES, localized

    demo.load()
    demo.load()  # twice: the offers are not doubled
    for tool in Tool.objects.all():
        assert tool.licence in ("open_source", "proprietary"), tool.slug
        assert tool.price_model in ("free", "freemium", "paid", "per_transaction"), tool.slug
        fields = ("free_plan", "typical_price", "fees")
        filled = [field for field in fields if getattr(tool, localized(field, "en"))]
        assert filled, f"{tool.slug}: no cost block"
        for field in filled:
            for code in LANGUAGE_CODES:
                assert getattr(tool, localized(field, code)), f"{tool.slug}: {field} in {code}"
        # A price that changes says when it was true.
        if any(sign in tool.typical_price_en for sign in "€$"):
            assert "(as of " in tool.typical_price_en, tool.slug
    free = set(Tool.objects.filter(price_model="free").values_list("slug", flat=True))
    assert {"gnucash", "libreoffice", "dolibarr"} <= free  # free open-source tools count as free


def test_demo_nonprofit_offers(db):
    from catalogue.models import NonprofitOffer

    demo.load()
    demo.load()
    microsoft = Tool.objects.get(slug="microsoft-365")
    countries = set(microsoft.nonprofit_offers.values_list("country", flat=True))
    assert {"IT", "PL", "SI", "HR", ""} <= countries
    assert NonprofitOffer.objects.filter(tool=microsoft, country="PL").count() == 1
    for offer in NonprofitOffer.objects.all():
        assert offer.link.startswith("https://")
        assert offer.eligible_hr and offer.gives_pl and offer.eligible_de
    assert microsoft.nonprofit_offers_for("hr")[0].country == "HR"
