import os
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DJANGO_ENV"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )


def test_production_refuses_a_missing_secret_key():
    result = run_python("import wisebusiness.settings", DJANGO_ENV="production")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_the_development_secret_key():
    from wisebusiness.settings import DEVELOPMENT_SECRET_KEY

    result = run_python(
        "import wisebusiness.settings", DJANGO_ENV="production", SECRET_KEY=DEVELOPMENT_SECRET_KEY
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_deploy_checks_are_clean_with_production_settings():
    result = run_python(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        DJANGO_ENV="production",
        DJANGO_SETTINGS_MODULE="wisebusiness.settings",
        SECRET_KEY="x" * 20 + "a-long-random-production-secret-key-1234567890",
        ALLOWED_HOSTS="wise.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_system_checks_are_clean(capsys):
    call_command("check")
    assert "no issues" in capsys.readouterr().out


def test_debug_is_off_unless_asked(settings):
    result = run_python(
        "from django.conf import settings; import django; django.setup(); print(settings.DEBUG)",
        DJANGO_SETTINGS_MODULE="wisebusiness.settings",
    )
    assert result.stdout.strip().splitlines()[-1] == ("True" if os.environ.get("DEBUG") else "False")


def test_the_database_is_postgresql(db):
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension")
        extensions = {row[0] for row in cursor.fetchall()}
    assert {"unaccent", "pg_trgm"} <= extensions


def test_bad_mooc_settings_stop_the_start():
    result = run_python(
        "import wisebusiness.settings", MOOC_URLS="it=https://mooc.example.org/,xx=https://a.example/"
    )
    assert result.returncode != 0
    assert "MOOC_URLS" in result.stderr
    result = run_python("import wisebusiness.settings", MOOC_LANGUAGE_PARAMETER="lang&next=//evil.example")
    assert result.returncode != 0
    assert "MOOC_LANGUAGE_PARAMETER" in result.stderr
