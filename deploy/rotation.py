"""Secrets rotated by the runbook with the site up (docs/operations.md, "Rotate
secrets"): the database password, Django's SECRET_KEY in three steps, and
nginx's TLS certificate. Each is proved by who is still served afterwards.
"""

import hashlib
import socket
import ssl
import subprocess
import time
from pathlib import Path

from deploy.phases import require, staff_sign_in
from deploy.render import environment_read
from deploy.respondents import (
    REFERENCE,
    RESUME,
    WAVE,
    Tally,
    Visitor,
    survey_answer,
    survey_begin,
    survey_submit,
    survey_take,
)
from deploy.topology import Topology


def certificate_make(certificate: str, key: str, days: int = 2) -> None:
    """A self-signed certificate for localhost, made with openssl."""
    Path(certificate).parent.mkdir(exist_ok=True)
    subprocess.run(
        [
            "/usr/bin/openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            str(days),
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout",
            key,
            "-out",
            certificate,
        ],
        check=True,
        capture_output=True,
    )


def runbook_then_restart(topo: Topology, name: str, **extra: str) -> None:
    """A runbook block, then each app server it restarts, in turn: the check's
    stand-in for ``systemctl restart`` (topology.py) only records the port."""
    v = topo.values
    requests_file = topo.run / "restart-requests"
    requests_file.unlink(missing_ok=True)
    topo.runbook(name, **extra)
    ports = requests_file.read_text().split() if requests_file.exists() else []
    for port in ports:
        app = "app-1" if port == v["APP_PORT_1"] else "app-2"
        topo.stop(app)
        topo.app_start(app, port)


def database_password(topo: Topology, base: str) -> None:
    """The runbook's password rotation (on the primary since the fail-over),
    then a survey through the topology."""
    runbook_then_restart(topo, "rotate", PRIMARY_PORT=topo.values["REPLICA_PORT"])
    survey_take(Visitor(base, Tally(), retries=5))


def still_served(step: str, respondent: Visitor, location: str, analyst) -> str:
    """After ``step``: the respondent's draft opens and takes an answer, and the
    analyst is still signed in. Where the respondent is next."""
    page = respondent.get(location)
    require(page.status_code == 200, f"{step}: the respondent's draft was lost")
    location = survey_answer(respondent, location, pages=1)
    page = analyst.get("/admin/")
    require(page.status_code == 200, f"{step}: the analyst was signed out")
    return location


def secret_key(
    topo: Topology, base: str, staff: tuple[str, str], idle_analyst: Visitor
) -> dict:
    """SECRET_KEY rotated in three steps, the app servers restarted in turn after
    each. A respondent mid-survey and an analyst signed in before the rotation
    are served at every step. Once the old key is dropped, what it alone signed
    is refused (an idle respondent's survey cookie, an idle analyst's session,
    ``idle_analyst``), and the idle respondent's resume link, which is not
    signed, still reopens the draft."""
    env_file = topo.workdir / "tilondon.env"
    old_key = environment_read(env_file)["SECRET_KEY"]
    tally = Tally()
    respondent = Visitor(base, tally, retries=5)
    location = survey_answer(respondent, survey_begin(respondent), pages=2)
    idle = Visitor(base, tally, retries=5)
    survey_answer(idle, survey_begin(idle), pages=1)
    token = RESUME.search(idle.get(f"/survey/{WAVE}/save-and-return/").text).group(1)
    analyst = Visitor(base, tally, retries=5)
    staff_sign_in(analyst, *staff)
    started = time.monotonic()
    runbook_then_restart(topo, "secret-key-add")
    location = still_served("secret-key-add", respondent, location, analyst)
    runbook_then_restart(topo, "secret-key-use")
    location = still_served("secret-key-use", respondent, location, analyst)
    values = environment_read(env_file)
    require(
        values["SECRET_KEY"] not in ("", old_key)
        and values["SECRET_KEY_FALLBACKS"] == old_key,
        "secret-key-use did not make the new key the signing one",
    )
    survey_answer(respondent, location)
    reference = survey_submit(respondent)
    runbook_then_restart(topo, "secret-key-drop")
    seconds = time.monotonic() - started
    values = environment_read(env_file)
    require(values["SECRET_KEY_FALLBACKS"] == "", "secret-key-drop kept the old key")
    shown = REFERENCE.search(respondent.get(f"/survey/{WAVE}/confirmation/").text)
    require(
        shown is not None and shown.group(1) == reference,
        "the respondent's confirmation page lost its reference",
    )
    require(analyst.get("/admin/").status_code == 200, "the analyst was signed out")
    stale = idle_analyst.get("/admin/")
    require(
        stale.status_code == 302 and "/login/" in stale.headers["Location"],
        "a session signed only with the dropped key is still signed in",
    )
    stale = idle.get(f"/survey/{WAVE}/save-and-return/")
    require(stale.status_code == 302, "a cookie signed with the dropped key is read")
    resumed = idle.get(f"/survey/resume/{token}/")
    require(resumed.status_code == 302, "the resume link failed after the rotation")
    survey_answer(idle, resumed.headers["Location"])
    survey_submit(idle)
    require(tally.counts["failed"] == 0, f"{tally.counts['failed']} requests failed")
    return {"secret_key_rotation_s": round(seconds, 1)}


def served_fingerprint(port: str) -> str:
    """The SHA-256 of the certificate nginx presents on ``port``."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with socket.create_connection(("127.0.0.1", int(port)), timeout=5) as raw:
        with context.wrap_socket(raw, server_hostname="localhost") as tls:
            return hashlib.sha256(tls.getpeercert(binary_form=True)).hexdigest()


def file_fingerprint(path: str) -> str:
    """The SHA-256 of a PEM certificate file."""
    der = ssl.PEM_cert_to_DER_cert(Path(path).read_text())
    return hashlib.sha256(der).hexdigest()


def tls_certificate(topo: Topology, base: str) -> dict:
    """A new certificate installed and nginx reloaded by the runbook (a HUP to
    its master, by PID): served within seconds, by the same master, and a
    survey goes through verified against it."""
    v = topo.values
    port = v["HTTPS_PORT"]
    require(
        served_fingerprint(port) == file_fingerprint(v["TLS_CERTIFICATE"]),
        "nginx does not serve the installed certificate",
    )
    master = topo.processes["nginx"].pid
    pid_file = (topo.run / "nginx.pid").read_text().strip()
    require(pid_file == str(master), f"nginx.pid holds {pid_file}, not {master}")
    issued = topo.workdir / "tls-issued"
    certificate_make(str(issued / "cert.pem"), str(issued / "key.pem"), days=30)
    new = file_fingerprint(str(issued / "cert.pem"))
    started = time.monotonic()
    topo.runbook(
        "tls",
        NEW_CERTIFICATE=str(issued / "cert.pem"),
        NEW_CERTIFICATE_KEY=str(issued / "key.pem"),
    )
    while served_fingerprint(port) != new and time.monotonic() - started < 10:
        time.sleep(0.1)
    seconds = time.monotonic() - started
    require(served_fingerprint(port) == new, "nginx still serves the old certificate")
    require(topo.processes["nginx"].poll() is None, "nginx's master exited")
    # CERTIFICATE (respondents.py) names the installed file: now the new one.
    survey_take(Visitor(base, Tally(), retries=5))
    return {"tls_reload_s": round(seconds, 2)}
