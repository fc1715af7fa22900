"""Start, or reuse, the embedded PostgreSQL server used when DATABASE_URL is unset.

The server comes from the ``pgserver`` package and keeps its data in ``.pgdata/``
(git-ignored). pgserver counts the processes holding a handle and stops the
server when the last one exits, so nothing outlives a test run or CI job.
"""

from pathlib import Path

DATABASE_NAME = "tilondon"


def database_settings(pgdata: Path) -> dict:
    """Return a DATABASES entry for the embedded server, starting it if needed."""
    import warnings

    # platformdirs warns on machines without XDG_RUNTIME_DIR; pgserver copes.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    import pgserver
    import psycopg2
    from psycopg2 import sql

    pgdata.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(pgdata, cleanup_mode="stop")
    info = server.get_postmaster_info()
    socket_dir = str(info.socket_dir)
    port = str(info.port or 5432)

    # Create the project database once; CREATE DATABASE cannot run in a transaction.
    conn = psycopg2.connect(
        dbname="postgres", user="postgres", host=socket_dir, port=port
    )
    try:
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
            )
            if cursor.fetchone() is None:
                cursor.execute(
                    sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE_NAME))
                )
    finally:
        conn.close()

    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": socket_dir,
        "PORT": port,
    }
