"""What a search builds once per process (``editorial.search.compiled_once``) and the preview's
one query per kind (``SearchQuerySet.count_and_first_ids``)."""

from django.db.models import TextField

from catalogue.models import Tool
from courses.models import Lesson
from editorial.search import _own_columns_sql, compiled_once, translated_text, understand
from tests.catalogue.factories import ToolFactory
from tests.courses.factories import LessonFactory
from wisebusiness.site_search import PREVIEW_SIZE, search_groups


def test_a_fallback_chain_compiled_once_reads_what_the_expression_reads(db):
    LessonFactory(slug="de", title_en="Shifts", title_de="Schichten")
    LessonFactory(slug="en", title_en="Invoices")
    LessonFactory(slug="it", original_language="it", title_en="", title_it="Fatture")
    rows = Lesson.objects.annotate(
        built=translated_text("title", "de"),
        compiled=compiled_once(Lesson, translated_text, "title", "de", output_field=TextField()),
    ).order_by("slug")
    assert [(row.slug, row.built, row.compiled) for row in rows] == [
        ("de", "Schichten", "Schichten"),
        ("en", "Invoices", "Invoices"),
        ("it", "Fatture", "Fatture"),
    ]


def test_it_is_compiled_once_per_model_field_and_language(db):
    first = compiled_once(Lesson, translated_text, "title", "sl", output_field=TextField())
    hits = _own_columns_sql.cache_info().hits
    again = compiled_once(Lesson, translated_text, "title", "sl", output_field=TextField())
    assert _own_columns_sql.cache_info().hits == hits + 1
    assert again.sql == first.sql
    assert first.sql.startswith('COALESCE(NULLIF("courses_lesson"."title_sl"')
    other = compiled_once(Lesson, translated_text, "title", "hr", output_field=TextField())
    assert other.sql.startswith('COALESCE(NULLIF("courses_lesson"."title_hr"')


def test_the_count_and_the_best_ids_come_in_one_query(db, django_assert_num_queries):
    for number in range(7):
        ToolFactory(name=f"Invoicer {number}", summary_en="Invoices for a cooperative.")
    ToolFactory(name="Rota", summary_en="Shifts for a kitchen.")
    ranked = Tool.objects.published().search(understand("invoices", "en"))
    every_id = ranked.ids()
    with django_assert_num_queries(1):
        count, first = ranked.count_and_first_ids(3)
    assert (count, first) == (7, every_id[:3])
    nowhere = Tool.objects.published().search(understand("nowhere", "en"))
    with django_assert_num_queries(1):
        assert nowhere.count_and_first_ids(3) == (0, [])


def test_site_search_previews_the_best_matches_and_counts_them_all(db):
    for number in range(PREVIEW_SIZE + 2):
        ToolFactory(name=f"Invoicer {number}", summary_en="Invoices for a cooperative.")
    tools = search_groups("invoices", "en")[0]
    assert tools.kind == "tools"
    assert tools.count == PREVIEW_SIZE + 2
    assert len(tools.results) == PREVIEW_SIZE
    assert all("<mark>Invoices</mark>" in str(result.snippet_html) for result in tools.results)


def test_a_misspelt_name_still_ranks_first(db):
    ToolFactory(name="SimplyBook.me", summary_en="Online booking for a guest house.")
    ToolFactory(name="Booker", summary_en="Simply book rooms and tables.")
    names = [tool.name for tool in Tool.objects.published().search("simplybook", "en")]
    assert names[0] == "SimplyBook.me"
