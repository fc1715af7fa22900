"""The embedded PostgreSQL server used when DATABASE_URL is unset.

The server comes from the ``pgserver`` package and keeps its data in ``.pgdata/``
(git-ignored). It starts on the first database connection, through the backend
in ``base.py`` (``ENGINE: "tilondon.embedded_postgres"``), never when the
settings are imported: commands that never connect (``check``,
``collectstatic``) never start it. pgserver counts the processes holding a
handle and stops the server when the last one exits, so nothing outlives a
test run or CI job.
"""

import functools
import warnings
from pathlib import Path

DATABASE_NAME = "tilondon"


@functools.cache
def server_start(pgdata: Path) -> tuple[str, str]:
    """Start, or reuse, the server in ``pgdata`` and create the project database.

    Returns the server's socket directory and port. Cached: one handle per
    process, held until the process exits.
    """
    # platformdirs warns on machines without XDG_RUNTIME_DIR; pgserver copes.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    import pgserver
    import psycopg
    from psycopg import sql

    pgdata.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(pgdata, cleanup_mode="stop")
    info = server.get_postmaster_info()
    socket_dir = str(info.socket_dir)
    port = str(info.port or 5432)

    # Create the project database once; CREATE DATABASE cannot run in a transaction.
    with psycopg.connect(
        dbname="postgres", user="postgres", host=socket_dir, port=port, autocommit=True
    ) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if exists is None:
            conn.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE_NAME))
            )
    return socket_dir, port
