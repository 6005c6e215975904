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
    (tmp_path / "good.json").write_text('{"slug": "good", "name": "Good", "licence": "free"}')
    (tmp_path / "half.json").write_text('{"slug": "half", "na')
    items, skipped = demo.read_tool_files(tmp_path)
    assert [item["slug"] for item in items] == ["good"]
    assert len(skipped) == 1 and skipped[0].startswith("half.json")
