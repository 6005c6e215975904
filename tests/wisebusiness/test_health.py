import pytest
from django.db import connections


def test_healthz_reports_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.fixture
def database_down(transactional_db):
    """Point the connection at a database that does not exist: a real failed connection."""
    connection = connections["default"]
    original_name = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = "wisebusiness_no_such_database"

    def bring_back():
        connection.close()
        connection.settings_dict["NAME"] = original_name

    yield bring_back
    bring_back()


def test_healthz_says_when_the_database_is_down_and_recovers(client, database_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}

    database_down()
    assert client.get("/healthz").status_code == 200


def test_pages_answer_503_while_the_database_is_down_and_recover(client, database_down, settings):
    client.cookies["sessionid"] = "a-session-to-look-up"
    response = client.get("/admin/login/")
    assert response.status_code == 503
    assert "taking a short break" in response.content.decode()
    assert response["Retry-After"] == "30"

    database_down()
    response = client.get("/admin/login/")
    assert response.status_code == 200


def test_catalogue_answers_503_while_the_database_is_down_and_recovers(client, database_down):
    response = client.get("/en/catalogue/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"

    database_down()
    assert client.get("/en/catalogue/").status_code == 200
