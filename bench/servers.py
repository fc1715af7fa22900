"""Start gunicorn for a benchmark, on loopback only, and wait until it answers."""

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
# The virtualenv running the benchmark.
BIN = Path(sys.executable).parent


def gunicorn_start(
    port: int,
    env: dict,
    *,
    threads: int,
    extra_args: tuple[str, ...] = (),
    health_headers: dict | None = None,
    cwd: Path = BASE_DIR,
    **popen,
) -> subprocess.Popen:
    """Three gthread workers of tilondon.wsgi on 127.0.0.1, once /healthz is 200."""
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "tilondon.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--worker-class",
            "gthread",
            "--workers",
            "3",
            "--threads",
            str(threads),
            *extra_args,
            "--log-level",
            "warning",
        ],
        cwd=cwd,
        env=env,
        **popen,
    )
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz", headers=health_headers or {}
    )
    for _ in range(100):
        try:
            with urllib.request.urlopen(request) as reply:  # noqa: S310 - loopback
                if reply.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("The benchmark server did not start.")
