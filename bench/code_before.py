"""An earlier commit of this project, checked out beside it, as a benchmark's baseline.

A benchmark that promises "a third of the CPU the code used before" measures
that code in the same run, on the same machine and database server: the
figure from an earlier day would be off by however busy the machine was then.
``code_before(commit)`` checks the commit out in a temporary git worktree,
gives it its own database on the benchmark's PostgreSQL server, migrates it
and loads the demo content with the commit's own commands, and removes both
afterwards. The commit runs in this virtualenv, so only the project's code differs.
"""

import contextlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.db import connection

BASE_DIR = Path(__file__).resolve().parent.parent


def _database_url(name: str) -> str:
    settings = connection.settings_dict
    return (
        f"postgres://{settings['USER']}@/{name}"
        f"?host={settings['HOST']}&port={settings['PORT']}"
    )


def _run(args: list[str], cwd: Path, env: dict | None = None) -> None:
    subprocess.run(
        args,
        cwd=cwd,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=900,
    )


class CommitUnavailable(Exception):
    """The commit is not in this clone (a shallow clone, say)."""


def _admin_sql(statement: str, params: list | None = None) -> None:
    # CREATE and DROP DATABASE cannot run inside a transaction block.
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


@contextlib.contextmanager
def code_before(commit: str):
    """Yield (work tree, database URL) of ``commit``, migrated and seeded."""
    workdir = Path(tempfile.mkdtemp(prefix="bench-before-"))
    tree = workdir / "tree"
    database = f"{connection.settings_dict['NAME']}_before"
    quoted = connection.ops.quote_name(database)
    try:
        _run(["git", "worktree", "add", "--detach", str(tree), commit], BASE_DIR)
    except (OSError, subprocess.CalledProcessError) as error:
        raise CommitUnavailable(commit) from error
    try:
        _admin_sql(f"DROP DATABASE IF EXISTS {quoted}")
        _admin_sql(f"CREATE DATABASE {quoted}")
        url = _database_url(database)
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "tilondon.settings",
            "PYTHONWARNINGS": "ignore",
        }
        manage = [sys.executable, "manage.py"]
        _run([*manage, "migrate", "--verbosity", "0"], tree, env)
        _run([*manage, "seed_demo"], tree, env)
        yield tree, url
    finally:
        # Other sessions (the baseline's server) must be gone before the drop.
        _admin_sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [database],
        )
        _admin_sql(f"DROP DATABASE IF EXISTS {quoted}")
        _run(["git", "worktree", "remove", "--force", str(tree)], BASE_DIR)
