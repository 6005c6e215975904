"""The rank's SQL (editorial migration 0007): weighted queries that ask what ts_filter asked,
a query understood once and passed as a constant, and a rank PostgreSQL inlines."""

import pytest
from django.db import connection

from catalogue.models import Tool
from editorial.search import understand
from tests.catalogue.factories import NeedFactory, ToolFactory
from wisebusiness.site_search import search_groups


def scalar(sql: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


@pytest.mark.parametrize(
    ("query", "weighted"),
    [
        ("'rechnung'", "'rechnung':A"),
        ("'rechnung' | 'rechnungs':*", "'rechnung':A | 'rechnungs':*A"),
        ("'o''neil' & !'x'", "'o''neil':A & !'x':A"),
        ("'a' <-> 'b':B", "'a':A <-> 'b':A"),
    ],
)
def test_a_weighted_query_restricts_every_word_to_the_weight(db, query, weighted):
    assert scalar("SELECT editorial_tsquery_weighted(%s::tsquery, 'A')::text", [query]) == weighted


@pytest.mark.parametrize("weights", ["a", "b", "c,d"])
@pytest.mark.parametrize(
    "query", ["'invoic'", "'invoic' | 'farm':*", "'farm' & !'invoic'", "'green' <-> 'farm'", "'nowher'"]
)
def test_a_weighted_query_matches_where_the_filtered_vector_did(db, weights, query):
    need = NeedFactory(slug="invoices", name_en="Invoices")
    ToolFactory(name="Invoice Farm", summary_en="Green farm accounts.", needs=[need])
    ToolFactory(name="Green Farm", summary_en="Send invoices from the green farm.", needs=[])
    ToolFactory(name="Farmhand", description_en="<p>Invoices for farms.</p>", needs=[need])
    letters = weights.replace(",", "").upper()
    with connection.cursor() as cursor:
        cursor.execute(
            'SELECT name, ts_filter(search_en, %s::"char"[]) @@ %s::tsquery,'
            " search_en @@ editorial_tsquery_weighted(%s::tsquery, %s) FROM catalogue_tool ORDER BY name",
            ["{" + weights + "}", query, query, letters],
        )
        rows = cursor.fetchall()
    assert len(rows) == 3
    assert [filtered for _name, filtered, _weighted in rows] == [
        weighted for _name, _filtered, weighted in rows
    ]


def test_the_rank_is_inlined_into_the_search(db):
    """PostgreSQL plans the rank as an expression, the query's weighted forms made at planning:
    not a function called per row (which took twice as long for 1,900 matches)."""
    ToolFactory(name="Invoicer", summary_en="Invoices for a cooperative.")
    sql, params = Tool.objects.published().search("invoices", "en").values("pk").query.sql_with_params()
    plan = "\n".join(row[0] for row in _explain(sql, params))
    assert "editorial_search_rank" not in plan
    assert "''invoic'':A'::tsquery" in plan


def _explain(sql, params):
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (VERBOSE) " + sql, params)
        return cursor.fetchall()


def test_a_query_is_understood_once_and_as_written_queries_are_not(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        understood = understand("Rechnungen", "de")
    assert understood.language == "de"
    assert understood.tsquery and "rechnung" in understood.tsquery
    with django_assert_num_queries(0):
        assert understand('"a phrase"', "en").tsquery is None
        assert understand(understood) is understood


def test_site_search_understands_the_query_once_for_every_kind(db, django_assert_num_queries):
    ToolFactory(name="Invoicer", summary_en="Invoices for a cooperative.")
    with django_assert_num_queries(1 + 4 + 1):  # understood; each kind's count and best ids; the tools' rows
        groups = search_groups("invoices", "en")
    assert [(group.kind, group.count) for group in groups] == [
        ("tools", 1),
        ("lessons", 0),
        ("articles", 0),
        ("providers", 0),
    ]
