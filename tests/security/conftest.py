"""Two partner organisations, an editor of each and a site manager (the organisations tests' fixtures)."""

from tests.organisations.conftest import editor_a, editor_b, manager, org_a, org_b  # noqa: F401
