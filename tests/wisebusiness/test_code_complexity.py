"""No function of the application is harder to follow than radon's rank C (cyclomatic complexity ≤ 20)."""

import tomllib
from pathlib import Path

from django.conf import settings
from radon.complexity import cc_rank, cc_visit

ROOT = Path(settings.BASE_DIR)
# The packages whose layers import-linter checks: the whole application.
APPS = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["root_packages"]


def application_files():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_no_function_ranks_worse_than_c():
    too_complex = [
        f"{path.relative_to(ROOT)}:{block.lineno} {block.fullname} ({block.complexity})"
        for path in application_files()
        for block in cc_visit(path.read_text(encoding="utf-8"))
        if cc_rank(block.complexity) > "C"
    ]
    assert too_complex == []
