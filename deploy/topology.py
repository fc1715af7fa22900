"""The production topology on one machine, on loopback: every process by its PID.

PostgreSQL primary and synchronous replica (Debian's 15), PgBouncer, two
gunicorn app servers started from deploy/systemd/tilondon@.service's own
command line, and nginx with deploy/nginx/tilondon.conf over a self-signed
certificate. The database steps are the runbook's blocks
(docs/operations.md), run as written.
"""

import json
import os
import re
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from deploy.render import template_render

BASE_DIR = Path(__file__).resolve().parent.parent
DEPLOY = BASE_DIR / "deploy"
PGBIN = Path(os.environ.get("PGBIN", "/usr/lib/postgresql/15/bin"))
RUNBOOK = BASE_DIR / "docs" / "operations.md"
BLOCK = re.compile(r"```sh runbook:([a-z][a-z-]*)\n(.*?)```", re.S)
AS_ROOT = os.geteuid() == 0


def free_port() -> int:
    """A TCP port nothing listens on at the moment."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def runbook_blocks() -> dict[str, str]:
    """The ``runbook:NAME`` shell blocks of docs/operations.md, by name."""
    return dict(BLOCK.findall(RUNBOOK.read_text()))


class Topology:
    """Start, stop and inspect the processes of one run, under ``workdir``."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.run = workdir / "run"
        self.processes: dict[str, subprocess.Popen] = {}
        self.state_file = workdir / "topology.json"
        if self.state_file.exists():
            self.values = json.loads(self.state_file.read_text())
        else:
            self.values = self._values_new()

    # ------------------------------------------------------------------
    # Configuration
    # ------------------------------------------------------------------
    def _values_new(self) -> dict[str, str]:
        w = self.workdir
        ports = {
            name: str(free_port())
            for name in (
                "PRIMARY_PORT",
                "REPLICA_PORT",
                "RESTORE_PORT",
                "PGBOUNCER_PORT",
                "APP_PORT_1",
                "APP_PORT_2",
                "APP_PORT_DIRECT",
                "HTTPS_PORT",
                "HTTP_PORT",
            )
        }
        return {
            **ports,
            "SERVER_NAME": "localhost",
            "HTTP_LISTEN": f"127.0.0.1:{ports['HTTP_PORT']}",
            "HTTPS_LISTEN": f"127.0.0.1:{ports['HTTPS_PORT']}",
            "TLS_CERTIFICATE": str(w / "tls" / "cert.pem"),
            "TLS_CERTIFICATE_KEY": str(w / "tls" / "key.pem"),
            "NGINX_LOG_DIR": str(w / "nginx"),
            "STATIC_ROOT": str(BASE_DIR / "staticfiles"),
            "APP_SERVER_1": f"127.0.0.1:{ports['APP_PORT_1']}",
            "APP_SERVER_2": f"127.0.0.1:{ports['APP_PORT_2']}",
            "PGBOUNCER_LISTEN": "127.0.0.1",
            "PGBOUNCER_DIR": str(w / "pgbouncer"),
            "DB_NAME": "tilondon",
            "DB_USER": "tilondon",
            "DB_PASSWORD": secrets.token_urlsafe(24),
            "REPLICATION_USER": "replicator",
            "REPLICATION_PASSWORD": secrets.token_urlsafe(24),
            "PG_LISTEN": "127.0.0.1",
            "PG_CLIENTS": "127.0.0.1/32",
            "PRIMARY_HOST": "127.0.0.1",
            "REPLICA_HOST": "127.0.0.1",
            "REPLICA_NAME": "replica1",
            "ARCHIVE_DIR": str(w / "archive"),
            "SOCKET_DIR": str(w / "run"),
            "PRIMARY_DATA": str(w / "primary"),
            "REPLICA_DATA": str(w / "replica"),
            "RESTORE_DATA": str(w / "restored"),
            "BACKUP_DIR": str(w / "backups"),
            "SECRET_KEY": secrets.token_urlsafe(48),
        }

    def env_file_write(self) -> Path:
        """The environment file (deploy/tilondon.env.example's names) for this run."""
        v = self.values
        pooled = f"postgres://{v['DB_USER']}:{v['DB_PASSWORD']}@127.0.0.1:{v['PGBOUNCER_PORT']}"
        lines = {
            "DJANGO_ENV": "production",
            "SECRET_KEY": v["SECRET_KEY"],
            "ALLOWED_HOSTS": "localhost,127.0.0.1",
            "SITE_URL": f"https://localhost:{v['HTTPS_PORT']}",
            # Nothing listens there: "email me my link" says it could not send.
            "EMAIL_URL": f"smtp://127.0.0.1:{free_port()}",
            "EMAIL_TIMEOUT": "5",
            "DATABASE_URL": f"{pooled}/tilondon",
            "DATABASE_REPLICA_URL": f"{pooled}/tilondon_replica",
            "DATABASE_POOLED": "true",
            "CONN_MAX_AGE": "60",
            "TRUSTED_PROXIES": "1",
            "WEB_CONCURRENCY": "2",
            "GUNICORN_THREADS": "4",
            # Small, so the check can reach it from two addresses.
            "SURVEY_WITHDRAWALS_PER_IP_PER_HOUR": "5",
            **{k: v[k] for k in self.values if not k.endswith("PASSWORD")},
        }
        path = self.workdir / "tilondon.env"
        path.write_text("".join(f"{k}={val}\n" for k, val in lines.items()))
        return path

    def app_environment(self, **extra: str) -> dict[str, str]:
        """The app servers' environment: the env file, as systemd would read it."""
        values = {}
        for line in (self.workdir / "tilondon.env").read_text().splitlines():
            name, _, value = line.partition("=")
            values[name] = value
        return {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.workdir),
            **values,
            **extra,
        }

    # ------------------------------------------------------------------
    # Processes
    # ------------------------------------------------------------------
    def _as_postgres(self) -> dict:
        return {"user": "postgres", "group": "postgres"} if AS_ROOT else {}

    def _spawn(self, name: str, argv: list[str], log: Path, **popen) -> None:
        handle = open(log, "ab")
        self.processes[name] = subprocess.Popen(
            argv,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            **popen,
        )
        self._pids_save()

    def _pids_save(self) -> None:
        pids = {name: p.pid for name, p in self.processes.items() if p.poll() is None}
        (self.workdir / "pids.json").write_text(json.dumps(pids))

    def stop(self, name: str, sig: int = signal.SIGTERM, wait: float = 20) -> None:
        """Stop one process by its PID (SIGKILL if it outlives ``wait``)."""
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        process.send_signal(sig)
        try:
            process.wait(wait)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        self._pids_save()

    def stop_all(self) -> None:
        """Stop every process this run started, newest first."""
        for name in reversed(list(self.processes)):
            # nginx and PostgreSQL finish at once on SIGQUIT / fast shutdown.
            sig = signal.SIGINT if name.startswith("postgres") else signal.SIGTERM
            self.stop(name, sig)
        restored = Path(self.values["RESTORE_DATA"]) / "postmaster.pid"
        if restored.exists():
            pid = int(restored.read_text().split()[0])
            try:
                os.kill(pid, signal.SIGINT)
                for _ in range(100):
                    os.kill(pid, 0)
                    time.sleep(0.1)
            except ProcessLookupError:
                pass

    def postgres_start(self, role: str) -> None:
        """Start the primary or the replica (``postgres -D``), until it answers."""
        data = self.values[f"{role.upper()}_DATA"]
        port = self.values[f"{role.upper()}_PORT"]
        self._spawn(
            f"postgres-{role}",
            [str(PGBIN / "postgres"), "-D", data],
            self.workdir / f"{role}.log",
            **self._as_postgres(),
        )
        for _ in range(150):
            if self.psql(port, "SELECT 1", db="postgres", check=False) == "1":
                return
            time.sleep(0.2)
        raise RuntimeError(f"PostgreSQL {role} did not start (see {role}.log)")

    def psql(self, port: str, sql: str, *, db: str = "tilondon", check=True) -> str:
        """One statement as the postgres superuser over the socket; its output."""
        prefix = ["runuser", "-u", "postgres", "--"] if AS_ROOT else []
        result = subprocess.run(
            [
                *prefix,
                str(PGBIN / "psql"),
                "-h",
                self.values["SOCKET_DIR"],
                "-p",
                str(port),
                "-d",
                db,
                "-Atq",
                "-v",
                "ON_ERROR_STOP=1",
                "-c",
                sql,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if check and result.returncode:
            raise RuntimeError(f"psql failed: {sql[:80]}: {result.stderr.strip()}")
        return result.stdout.strip()

    def pgbouncer_start(self) -> None:
        """Start PgBouncer with the runbook's rendered configuration."""
        ini = Path(self.values["PGBOUNCER_DIR"]) / "pgbouncer.ini"
        self._spawn(
            "pgbouncer",
            ["/usr/sbin/pgbouncer", str(ini)],
            self.workdir / "pgbouncer.out",
            **self._as_postgres(),
        )
        self._wait_port(self.values["PGBOUNCER_PORT"], "PgBouncer")

    def app_command(self, port: str) -> tuple[list[str], dict[str, str]]:
        """deploy/systemd/tilondon@.service's ExecStart and Environment for ``port``."""
        unit = (DEPLOY / "systemd" / "tilondon@.service").read_text()
        exec_start = re.search(r"^ExecStart=(.*)$", unit, re.M).group(1)
        extra = dict(
            line.split("=", 1) for line in re.findall(r"^Environment=(.*)$", unit, re.M)
        )
        replace = {
            "%i": port,
            "/srv/tilondon/.venv/bin": str(Path(sys.executable).parent),
        }
        for old, new in replace.items():
            exec_start = exec_start.replace(old, new)
            extra = {k: val.replace(old, new) for k, val in extra.items()}
        return shlex.split(exec_start), extra

    def app_start(self, name: str, port: str, **environment: str) -> None:
        """Start an app server as the systemd unit would, once /healthz answers."""
        argv, extra = self.app_command(port)
        self._spawn(
            name,
            argv,
            self.workdir / f"{name}.log",
            cwd=BASE_DIR,
            env=self.app_environment(**extra, **environment),
        )
        self._wait_health(f"http://127.0.0.1:{port}/healthz", name)

    def nginx_start(self) -> None:
        """nginx with the site file, in the foreground, by its PID."""
        v = self.values
        logs = Path(v["NGINX_LOG_DIR"])
        logs.mkdir(exist_ok=True)
        site = self.workdir / "nginx-site.conf"
        site.write_text(
            template_render((DEPLOY / "nginx" / "tilondon.conf").read_text(), v)
        )
        main = self.workdir / "nginx.conf"
        main.write_text(
            "worker_processes 2;\n"
            f"pid {self.run}/nginx.pid;\n"
            f"error_log {logs}/error.log warn;\n"
            + ("user www-data;\n" if AS_ROOT else "")
            + "events { worker_connections 1024; }\n"
            "http {\n"
            "  include /etc/nginx/mime.types;\n"
            "  default_type application/octet-stream;\n"
            f"  client_body_temp_path {self.workdir}/nginx/body;\n"
            f"  proxy_temp_path {self.workdir}/nginx/proxy;\n"
            f"  fastcgi_temp_path {self.workdir}/nginx/fastcgi;\n"
            f"  uwsgi_temp_path {self.workdir}/nginx/uwsgi;\n"
            f"  scgi_temp_path {self.workdir}/nginx/scgi;\n"
            f"  include {site};\n"
            "}\n"
        )
        subprocess.run(["/usr/sbin/nginx", "-t", "-q", "-c", str(main)], check=True)
        self._spawn(
            "nginx",
            ["/usr/sbin/nginx", "-c", str(main), "-g", "daemon off;"],
            self.workdir / "nginx.out",
        )
        self._wait_port(v["HTTPS_PORT"], "nginx")

    def _wait_port(self, port: str, what: str) -> None:
        for _ in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", int(port))) == 0:
                    return
            time.sleep(0.1)
        raise RuntimeError(f"{what} did not start")

    def _wait_health(self, url: str, what: str) -> None:
        request = urllib.request.Request(url, headers={"Host": "localhost"})
        for _ in range(300):
            try:
                with urllib.request.urlopen(request, timeout=5) as reply:
                    if reply.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{what} did not answer /healthz (see its log)")

    # ------------------------------------------------------------------
    # The runbook
    # ------------------------------------------------------------------
    def runbook(self, name: str, **extra: str) -> None:
        """Run docs/operations.md's ``runbook:NAME`` block as written."""
        block = runbook_blocks()[name]
        as_postgres = "runuser -u postgres --" if AS_ROOT else ""
        prelude = (
            # The check's stand-ins for systemctl: gunicorn's own HUP reload,
            # a restart the check carries out once the block is done, nginx's HUP.
            'reload_app_server() { kill -HUP "$(cat "$RUN_DIR/app-$1.pid")"; }\n'
            'restart_app_server() { echo "$1" >> "$RUN_DIR/restart-requests"; }\n'
            'reload_nginx() { /usr/sbin/nginx -t -q -c "$WORK_DIR/nginx.conf" '
            '&& kill -HUP "$(cat "$RUN_DIR/nginx.pid")"; }\n'
        )
        environment = {
            **self.app_environment(),
            **self.values,
            "APP": str(BASE_DIR),
            "ENV_FILE": str(self.workdir / "tilondon.env"),
            "PGBIN": str(PGBIN),
            "AS_POSTGRES": as_postgres,
            "PGBOUNCER_INI": str(Path(self.values["PGBOUNCER_DIR"]) / "pgbouncer.ini"),
            "RUN_DIR": str(self.run),
            "WORK_DIR": str(self.workdir),
            "APP_PORTS": f"{self.values['APP_PORT_1']} {self.values['APP_PORT_2']}",
            **extra,
        }
        for app in ("app-1", "app-2"):
            process = self.processes.get(app)
            if process is not None:
                port = self.values[f"APP_PORT_{app[-1]}"]
                (self.run / f"app-{port}.pid").write_text(str(process.pid))
        result = subprocess.run(
            ["/bin/bash", "-euo", "pipefail", "-c", prelude + block],
            env=environment,
            cwd=self.workdir,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise RuntimeError(
                f"runbook:{name} failed ({result.returncode}):\n{result.stderr[-2000:]}"
            )

    def save(self) -> None:
        """Keep the ports and secrets for make deploy-down."""
        self.state_file.write_text(json.dumps(self.values))
