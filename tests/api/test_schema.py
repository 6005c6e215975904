"""The OpenAPI schema: valid, complete, and true to what the API answers (schemathesis).

schemathesis generates requests from the schema (valid ones, and invalid ones for the
negative checks), sends them in-process to the WSGI application on the test database, and
checks every answer: no server error, a documented status, content type and headers, a body
that matches the documented schema. The examples per endpoint are bounded so the run stays
within a minute or two.
"""

import pytest
import schemathesis
import yaml
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

# Cases per operation and mode: enough to find a 500 or a schema violation, quick enough for make test.
EXAMPLES = 12

EXPECTED_PATHS = {
    "/api/v1/",
    "/api/v1/tools/",
    "/api/v1/tools/{slug}/",
    "/api/v1/tools/{slug}/publiccode.yml",
    "/api/v1/sectors/",
    "/api/v1/sectors/{slug}/",
    "/api/v1/needs/",
    "/api/v1/needs/{slug}/",
    "/api/v1/courses/",
    "/api/v1/courses/{slug}/",
    "/api/v1/articles/",
    "/api/v1/articles/{slug}/",
    "/api/v1/providers/",
    "/api/v1/providers/{slug}/",
    "/api/v1/checkup/questionnaire/",
    "/api/v1/catalogue.jsonld",
    "/api/v1/catalogue.csv",
    "/api/v1/skos/{scheme}.jsonld",
}


@pytest.fixture(scope="module")
def generated():
    return SchemaGenerator().get_schema(request=None, public=True)


def test_the_schema_is_valid_openapi(generated):
    validate_schema(generated)  # drf-spectacular's own check against the OpenAPI 3 specification


def test_the_schema_lists_every_endpoint(generated):
    assert set(generated["paths"]) == EXPECTED_PATHS
    for path, operations in generated["paths"].items():
        assert set(operations) == {"get"}, path  # read-only


def test_the_schema_is_served_as_yaml_and_json(db, client):
    as_yaml = yaml.safe_load(client.get("/api/v1/schema/").content)
    as_json = client.get("/api/v1/schema/?format=json").json()
    assert as_yaml["openapi"].startswith("3.") and as_json["paths"].keys() == as_yaml["paths"].keys()
    assert set(as_json["paths"]) == EXPECTED_PATHS


def test_list_parameters_are_documented(generated):
    tools = {parameter["name"] for parameter in generated["paths"]["/api/v1/tools/"]["get"]["parameters"]}
    assert tools >= {"q", "sector", "need", "licence", "platform", "language", "level", "sort"}
    assert tools >= {"lang", "page", "page_size", "updated_since"}
    lang = next(p for p in generated["paths"]["/api/v1/tools/"]["get"]["parameters"] if p["name"] == "lang")
    assert "all" in lang["schema"]["enum"]
    # Free text may hold anything but a NUL, which the site refuses in any request.
    q = next(p for p in generated["paths"]["/api/v1/tools/"]["get"]["parameters"] if p["name"] == "q")
    assert q["schema"]["pattern"] == "^[^\\x00]*$"


@pytest.fixture
def api_schema(data, settings):
    # Hundreds of requests from one address: the throttle is tested on its own (test_http).
    settings.API_THROTTLE_RATE = "100000/minute"
    # Called directly, the WSGI handler would close the test's database connection after each
    # request (Django's test client unhooks the same signal handler while it requests).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


# Operations that take no parameter but a free slug have no invalid request to generate.
NO_NEGATIVE = {"/api/v1/catalogue.csv", "/api/v1/catalogue.jsonld", "/api/v1/tools/{slug}/publiccode.yml"}
CASES = [
    (path, mode)
    for path in sorted(EXPECTED_PATHS)
    for mode in GenerationMode
    if not (mode is GenerationMode.NEGATIVE and path in NO_NEGATIVE)
]


# schemathesis' own pytest loader does not run on this pytest, so each operation is one test
# that draws its cases from schemathesis' strategies with Hypothesis.
@pytest.mark.parametrize(("path", "mode"), CASES, ids=[f"{path}-{mode.value}" for path, mode in CASES])
def test_the_api_keeps_its_schema(api_schema, path, mode):
    operation = api_schema[path]["GET"]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        # The WSGI transport hands the body over as the application wrote it, without undoing
        # the site's gzip (which an HTTP client would); test_http checks the compressed answers.
        case.call_and_validate(headers={"Accept-Encoding": "identity"})

    check()
