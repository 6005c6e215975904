"""The tool page shows what other apps register (lessons, articles) in a fixed number of queries:
each section's rows are prefetched by the view, so no template tag may query on its own."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.articles.factories import ArticleFactory
from tests.catalogue.factories import ToolFactory
from tests.courses.factories import CourseFactory, LessonFactory

pytestmark = pytest.mark.django_db


def tool_page_queries(client, attached: int) -> tuple[int, str]:
    tool = ToolFactory()
    for number in range(attached):
        LessonFactory(course=CourseFactory(), title_en=f"Lesson {number}", tools=[tool])
        ArticleFactory(title_en=f"Article {number}", tools=[tool])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(tool.get_absolute_url())
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_tool_page_queries_do_not_grow_with_its_lessons_and_articles(client):
    one, html_one = tool_page_queries(client, 1)
    ten, html_ten = tool_page_queries(client, 10)
    assert "Lesson 0" in html_one and "Article 0" in html_one
    assert "Lesson 9" in html_ten and "Article 5" in html_ten
    assert one == ten
