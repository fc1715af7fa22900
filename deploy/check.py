"""make deploy-check, deploy-up and deploy-down: the production topology, run for real.

    python -m deploy.check         the whole check: one line of figures, 1 if short
    python -m deploy.check --up    start the topology and leave it running
    python -m deploy.check --down  stop what --up started, by PID

On loopback only, under /tmp, every process started and stopped by its PID
(deploy/topology.py). The parts (deploy/phases.py): the journeys through nginx
over HTTPS; edges (HTTP/2, HSTS, caching, body limits, per-client rate limits
behind the proxy, slow clients); load with an app server SIGKILLed, a base
backup and the upgrade block meanwhile; fail-over of the primary; a
point-in-time restore after a deletion; the replica's own statistics;
surveys per second through the topology against straight to one app server;
secrets rotated by the runbook (deploy/rotation.py): the database password,
SECRET_KEY with no one signed out, the TLS certificate.
"""

import json
import os
import shutil
import signal
import sys
import time
from pathlib import Path

from deploy import phases, rotation
from deploy.respondents import CERTIFICATE, Tally, respondents_run
from deploy.topology import AS_ROOT, Topology

CHECK_DIR = Path("/tmp/tilondon-deploy-check")
UP_DIR = Path("/tmp/tilondon-deploy-up")
LOAD_SECONDS = int(os.environ.get("DEPLOY_CHECK_LOAD_SECONDS", "60"))
OVERHEAD_SECONDS = int(os.environ.get("DEPLOY_CHECK_OVERHEAD_SECONDS", "15"))


def say(message: str) -> None:
    """A progress line on stderr; the summary alone goes to stdout."""
    sys.stderr.write(f"[deploy-check {time.strftime('%H:%M:%S')}] {message}\n")
    sys.stderr.flush()


def workdir_fresh(path: Path) -> Path:
    """An empty work directory the postgres user may write in."""
    pids = path / "pids.json"
    if pids.exists():
        processes_stop(path)
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    (path / "run").mkdir()
    for sub in ("pgbouncer", "archive", "backups", "nginx"):
        (path / sub).mkdir()
    if AS_ROOT:
        shutil.chown(path, "postgres", "postgres")
        for sub in ("run", "pgbouncer", "archive", "backups"):
            shutil.chown(path / sub, "postgres", "postgres")
    return path


def topology_start(topo: Topology) -> tuple[str, tuple[str, str]]:
    """Every part, in order, the database steps by the runbook; the HTTPS base."""
    v = topo.values
    topo.env_file_write()
    topo.save()
    say("PostgreSQL primary (runbook: primary, database)")
    topo.runbook("primary")
    topo.postgres_start("primary")
    topo.runbook("database")
    say("synchronous replica (runbook: replica)")
    topo.runbook("replica")
    topo.postgres_start("replica")
    for _ in range(100):
        state = topo.psql(
            v["PRIMARY_PORT"],
            "SELECT sync_state FROM pg_stat_replication",
            db="postgres",
        )
        if state == "sync":
            break
        time.sleep(0.2)
    phases.require(state == "sync", f"the replica is not synchronous ({state!r})")
    say("PgBouncer (runbook: pgbouncer)")
    topo.runbook("pgbouncer")
    topo.pgbouncer_start()
    say("release: check --deploy, collectstatic, migrate (runbook: release)")
    topo.runbook("release", APP_PORTS="")
    # Demo content, loaded the development way: the demo staff accounts it
    # makes must then be refused by production settings.
    phases.manage(topo, "seed_demo", DJANGO_ENV="development", DEBUG="false")
    # Seeding publishes the demo release on the primary, in the transaction that
    # wrote its responses (tilondon/replica.py, primary_reads): count from here.
    topo.psql(v["PRIMARY_PORT"], "SELECT pg_stat_statements_reset()")
    staff = phases.staff_account_make(topo)
    say("TLS certificate, two app servers (the systemd unit's command), nginx")
    rotation.certificate_make(v["TLS_CERTIFICATE"], v["TLS_CERTIFICATE_KEY"])
    CERTIFICATE["path"] = v["TLS_CERTIFICATE"]
    topo.app_start("app-1", v["APP_PORT_1"])
    topo.app_start("app-2", v["APP_PORT_2"])
    topo.nginx_start()
    return f"https://localhost:{v['HTTPS_PORT']}", staff


def replica_statistics(topo: Topology) -> dict:
    """Calls of the findings tally and the export's pages on each server."""
    figures = {}
    for role in ("primary", "replica"):
        port = topo.values[f"{role.upper()}_PORT"]
        figures[role] = {
            "findings": int(
                topo.psql(
                    port,
                    "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements "
                    "WHERE query LIKE '%FILTER (WHERE boroughs &&%'",
                )
            ),
            "export": int(
                topo.psql(
                    port,
                    "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements "
                    "WHERE query LIKE '%contact_consented%'",
                )
            ),
            "scans": int(
                topo.psql(
                    port,
                    "SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) "
                    "FROM pg_stat_user_tables WHERE relname = 'survey_response'",
                )
            ),
        }
    return figures


def point_in_time_restore(topo: Topology, references: list[str]) -> int:
    """Delete the demo wave's responses, restore to just before, count them."""
    v = topo.values
    port = v["REPLICA_PORT"]  # the primary since the fail-over
    target = topo.psql(port, "SELECT now()")
    time.sleep(1.5)
    phases.manage(
        topo,
        "shell",
        "--no-imports",
        "-c",
        "from survey.models import Response;"
        "print(Response.objects.filter(wave__slug='demo').delete())",
    )
    segment = topo.psql(port, "SELECT pg_walfile_name(pg_current_wal_lsn())")
    topo.psql(port, "SELECT pg_switch_wal()")
    archived = Path(v["ARCHIVE_DIR"]) / segment
    for _ in range(150):
        if archived.exists():
            break
        time.sleep(0.2)
    phases.require(archived.exists(), f"WAL segment {segment} was not archived")
    gone, _ = phases.stored(topo, port, references)
    phases.require(gone == 0, f"the deletion left {gone} responses")
    topo.runbook("restore", TARGET_TIME=target)
    recovered, duplicated = phases.stored(topo, v["RESTORE_PORT"], references)
    phases.require(duplicated == 0, "duplicates after the restore")
    return recovered


def overhead(topo: Topology, base: str) -> tuple[float, float]:
    """Surveys per second through nginx and PgBouncer; straight to one app server."""
    v = topo.values
    started = time.monotonic()
    through = len(respondents_run(base, OVERHEAD_SECONDS, 4, Tally()))
    through_rate = through / (time.monotonic() - started)
    direct_url = f"postgres://{v['DB_USER']}:{v['DB_PASSWORD']}@127.0.0.1:{v['REPLICA_PORT']}/tilondon"
    topo.app_start(
        "app-direct",
        v["APP_PORT_DIRECT"],
        DATABASE_URL=direct_url,
        DATABASE_REPLICA_URL="",
        DATABASE_POOLED="false",
    )
    started = time.monotonic()
    straight = respondents_run(
        f"http://127.0.0.1:{v['APP_PORT_DIRECT']}",
        OVERHEAD_SECONDS,
        4,
        Tally(),
        direct=True,
    )
    straight_rate = len(straight) / (time.monotonic() - started)
    topo.stop("app-direct")
    return through_rate, straight_rate


def check() -> int:
    """The whole check; prints one summary line; 0 if nothing fell short."""
    started = time.monotonic()
    topo = Topology(workdir_fresh(CHECK_DIR))
    figures: dict = {}
    try:
        base, staff = topology_start(topo)
        say("journeys through nginx over HTTPS")
        first = phases.journeys(topo, base, staff)
        figures["replica_stats"] = stats = replica_statistics(topo)
        phases.require(
            stats["replica"]["findings"] > 0 and stats["replica"]["export"] > 0,
            f"the replica ran no findings build or export: {stats}",
        )
        phases.require(
            stats["primary"]["findings"] == 0 and stats["primary"]["export"] == 0,
            f"a findings build or export ran on the primary: {stats}",
        )
        say("edges: HTTP/2, HSTS, caching, body limits, rate limits, slow clients")
        figures.update(phases.edges(topo, base, first["token"]))
        say(f"load for {LOAD_SECONDS} s: backup, app server SIGKILLed, upgrade")
        load = phases.load_with_a_server_killed(topo, base, LOAD_SECONDS)
        confirmed = [first["reference"], *load["references"]]
        say("fail-over: primary SIGKILLed, replica promoted (runbook: failover)")
        over = phases.failover(topo, base, 40)
        confirmed += over["references"]
        found, duplicated = phases.stored(topo, topo.values["REPLICA_PORT"], confirmed)
        figures |= {
            "confirmed": len(confirmed),
            "stored": found,
            "lost": len(confirmed) - found,
            "duplicated": duplicated,
            "load_surveys": len(load["references"]),
            "load_failed_requests": load["tally"].counts["failed"],
            "load_requests": load["tally"].counts["requests"],
            "failover_surveys": len(over["references"]),
            "outage_s": round(over["outage_s"], 1),
            "outage_503": over["status_503"],
        }
        phases.require(
            figures["lost"] == 0, f"{figures['lost']} confirmed responses lost"
        )
        phases.require(duplicated == 0, f"{duplicated} responses stored twice")
        phases.require(len(load["references"]) > 0, "no survey completed under load")
        phases.require(over["status_503"] > 0, "no 503 while the primary was down")
        phases.require(over["retry_after_missing"] == 0, "a 503 without Retry-After")
        say("overhead: through nginx and PgBouncer, then straight to one app server")
        through, straight = overhead(topo, base)
        figures["surveys_per_s_topology"] = round(through, 2)
        figures["surveys_per_s_direct"] = round(straight, 2)
        phases.require(through > 0 and straight > 0, "no surveys in the overhead runs")
        say("rotate the database password (runbook: rotate)")
        rotation.database_password(topo, base)
        say("rotate SECRET_KEY (runbook: secret-key-add, secret-key-use, -drop)")
        figures.update(rotation.secret_key(topo, base, staff, first["analyst"]))
        say("a new TLS certificate, nginx reloaded (runbook: tls)")
        figures.update(rotation.tls_certificate(topo, base))
        say("point-in-time restore (runbook: restore)")
        figures["pitr_recovered"] = point_in_time_restore(topo, confirmed)
        phases.require(
            figures["pitr_recovered"] == len(confirmed),
            f"restore brought back {figures['pitr_recovered']} of {len(confirmed)}",
        )
    except (phases.Shortfall, RuntimeError) as error:
        figures["shortfall"] = str(error)
    finally:
        topo.stop_all()
    figures["seconds"] = round(time.monotonic() - started)
    if "shortfall" not in figures:
        # The logs stay for a look; the clusters and backups (most of a GB) go.
        for data in ("primary", "replica", "restored", "backups", "archive"):
            shutil.rmtree(CHECK_DIR / data, ignore_errors=True)
    summary(figures)
    return 1 if "shortfall" in figures else 0


def summary(figures: dict) -> None:
    """The one line of figures (and the shortfall, if any)."""
    keys = (
        "confirmed",
        "stored",
        "lost",
        "duplicated",
        "load_failed_requests",
        "load_requests",
        "outage_s",
        "outage_503",
        "pitr_recovered",
        "surveys_per_s_topology",
        "surveys_per_s_direct",
        "slow_healthz_s",
        "secret_key_rotation_s",
        "tls_reload_s",
        "seconds",
    )
    line = " ".join(f"{key}={figures[key]}" for key in keys if key in figures)
    print(f"deploy-check: {'FAIL' if 'shortfall' in figures else 'ok'} {line}")
    if "replica_stats" in figures:
        print(
            f"deploy-check: replica statistics {json.dumps(figures['replica_stats'])}"
        )
    if "shortfall" in figures:
        print(f"deploy-check: shortfall: {figures['shortfall']}")


def up() -> int:
    """Start the topology and leave it running; print the address and sign-in."""
    topo = Topology(workdir_fresh(UP_DIR))
    try:
        base, (password, key) = topology_start(topo)
    except (phases.Shortfall, RuntimeError):
        topo.stop_all()
        raise
    print(f"Trauma-Informed London is up at {base}/ (self-signed certificate)")
    print(
        f"Staff sign-in: {phases.STAFF_USERNAME} / {password}; "
        f"authenticator key (hex) {key}"
    )
    print(f"Current code: {phases.totp_now(key)}. Stop it all with: make deploy-down")
    return 0


def processes_stop(workdir: Path) -> None:
    """Stop, by PID, every process a run in ``workdir`` left running."""
    pids = json.loads((workdir / "pids.json").read_text())
    for name, pid in reversed(list(pids.items())):
        sig = signal.SIGINT if name.startswith("postgres") else signal.SIGTERM
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            continue
        for _ in range(200):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
    (workdir / "pids.json").unlink()


def down() -> int:
    """Stop what make deploy-up started."""
    if not (UP_DIR / "pids.json").exists():
        print("Nothing to stop: make deploy-up has not run.")
        return 0
    processes_stop(UP_DIR)
    print("Stopped.")
    return 0


if __name__ == "__main__":
    action = sys.argv[1] if len(sys.argv) > 1 else ""
    sys.exit({"--up": up, "--down": down}.get(action, check)())
