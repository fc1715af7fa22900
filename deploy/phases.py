"""The checks of make deploy-check, one function per part of the issue."""

import hashlib
import hmac
import re
import socket
import ssl
import struct
import subprocess
import threading
import time
from pathlib import Path

from deploy.respondents import (
    RESUME,
    Tally,
    Visitor,
    csrf_of,
    respondents_run,
    survey_answer,
    survey_begin,
    survey_submit,
)
from deploy.topology import BASE_DIR, Topology

STAFF_USERNAME = "ops-analyst"


class Shortfall(Exception):
    """Something the check requires did not happen."""


def require(condition: bool, message: str) -> None:
    """Fail the check with ``message`` unless ``condition``."""
    if not condition:
        raise Shortfall(message)


def totp_now(key_hex: str) -> str:
    """The current 6-digit code of an authenticator with this key (RFC 6238)."""
    counter = struct.pack(">Q", int(time.time()) // 30)
    digest = hmac.new(bytes.fromhex(key_hex), counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{code % 1_000_000:06d}"


def manage(topo: Topology, *args: str, **environment: str) -> str:
    """``manage.py ARGS`` with the app servers' production environment."""
    result = subprocess.run(
        [str(Path(BASE_DIR / ".venv" / "bin" / "python")), "manage.py", *args],
        cwd=BASE_DIR,
        env=topo.app_environment(**environment),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {args[0]} failed:\n{result.stderr[-2000:]}")
    return result.stdout


STAFF_SCRIPT = f"""
import secrets
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice
from staff.roles import ANALYST
password = secrets.token_urlsafe(18)
user, _ = get_user_model().objects.get_or_create(
    username="{STAFF_USERNAME}",
    defaults=dict(is_staff=True, first_name="Operations check"))
user.set_password(password)
user.save()
user.groups.add(Group.objects.get(name=ANALYST))
TOTPDevice.objects.filter(user=user).delete()
device = TOTPDevice.objects.create(user=user, name="Check", confirmed=True)
print(password, device.key)
"""


def staff_account_make(topo: Topology) -> tuple[str, str]:
    """A real (not demo) analyst with an authenticator: (password, key)."""
    password, key = manage(topo, "shell", "--no-imports", "-c", STAFF_SCRIPT).split()
    return password, key


def staff_sign_in(visitor: Visitor, password: str, key: str) -> None:
    """Password, then the code: the admin opens."""
    page = visitor.get("/admin/login/")
    signed = visitor.post(
        "/admin/login/?next=/admin/",
        {
            "csrfmiddlewaretoken": csrf_of(page.text),
            "username": STAFF_USERNAME,
            "password": password,
            "next": "/admin/",
        },
    )
    require(signed.status_code == 302, f"staff password step: {signed.status_code}")
    page = visitor.get("/admin/two-factor/?next=/admin/")
    coded = visitor.post(
        "/admin/two-factor/",
        {
            "csrfmiddlewaretoken": csrf_of(page.text),
            "token": totp_now(key),
            "next": "/admin/",
        },
    )
    require(coded.status_code == 302, f"staff code step: {coded.status_code}")
    require(visitor.get("/admin/").status_code == 200, "the admin did not open")


def journeys(topo: Topology, base: str, staff: tuple[str, str]) -> dict:
    """Through nginx over HTTPS: the survey with save and resume, the public
    pages, a refused demo account, a two-factor staff sign-in, a findings
    build and an export (both on the replica), request ids, redaction."""
    tally = Tally()
    first = Visitor(base, tally)
    survey_answer(first, survey_begin(first), pages=2)
    save = first.get("/survey/demo/save-and-return/")
    token = RESUME.search(save.text).group(1)
    emailed = first.post(
        "/survey/demo/save-and-return/",
        {"csrfmiddlewaretoken": csrf_of(save.text), "email": "me@example.org"},
    )
    require(
        "We could not send the email just now" in emailed.text,
        "email me my link with no mail server did not say so",
    )
    second = Visitor(base, tally)
    resumed = second.get(f"/survey/resume/{token}/")
    require(resumed.status_code == 302, "the resume link did not reopen the draft")
    survey_answer(second, resumed.headers["Location"])
    reference = survey_submit(second)
    for path, text in (
        ("/case-studies/", "case-studies/"),
        ("/roadmap/journey/", "journey"),
        ("/findings/", "findings"),
    ):
        page = second.get(path)
        require(
            page.status_code == 200 and text in page.text, f"{path}: {page.status_code}"
        )
    # Demo accounts are refused whatever the database holds.
    demo = Visitor(base, tally)
    page = demo.get("/admin/login/")
    refused = demo.post(
        "/admin/login/",
        {
            "csrfmiddlewaretoken": csrf_of(page.text),
            "username": "demo-admin",
            "password": "demo-only-password-2024",
        },
    )
    require(refused.status_code == 200, "demo-admin signed in under production")
    analyst = Visitor(base, tally)
    staff_sign_in(analyst, *staff)
    release = topo.psql(
        topo.values["PRIMARY_PORT"],
        "SELECT id FROM findings_findingsrelease ORDER BY id LIMIT 1",
    )
    preview = analyst.get(f"/admin/findings/findingsrelease/{release}/preview/")
    require(preview.status_code == 200, f"findings preview: {preview.status_code}")
    page = analyst.get("/admin/survey/response/export/")
    export = analyst.post(
        "/admin/survey/response/export/",
        {"csrfmiddlewaretoken": csrf_of(page.text), "format": "csv"},
    )
    require(
        export.status_code == 200 and reference in export.text,
        f"export: {export.status_code}",
    )
    # One request id from nginx to the Django log line of that request.
    lost = second.get("/survey/resume/not-a-real-token-1234567890/")
    request_id = lost.headers.get("X-Request-ID", "")
    time.sleep(1)
    app_logs = "".join(
        (topo.workdir / f"{name}.log").read_text() for name in ("app-1", "app-2")
    )
    nginx_log = (Path(topo.values["NGINX_LOG_DIR"]) / "access.log").read_text()
    require(
        f"[{request_id}] Not Found: /survey/resume/[redacted]/" in app_logs,
        "the request id did not reach Django's log line",
    )
    require(f"id={request_id}" in nginx_log, "the request id is not in nginx's log")
    require(f"[{request_id}]" in app_logs, "the request id is not in gunicorn's log")
    for name, text in (("nginx", nginx_log), ("app servers", app_logs)):
        require(token not in text, f"a resume token is in the {name}' log")
    require("/survey/resume/[redacted]/" in nginx_log, "nginx did not redact")
    # The analyst's browser is then left idle until SECRET_KEY's rotation.
    return {"reference": reference, "token": token, "tally": tally, "analyst": analyst}


def edges(topo: Topology, base: str, token: str) -> dict:
    """HTTP/2, HSTS, cache headers, the HTTP redirect, body limits, rate limits
    per real client behind the proxy, and slow clients held by nginx."""
    v = topo.values
    http2 = subprocess.run(
        [
            "/usr/bin/curl",
            "-sk",
            "--http2",
            "-o",
            "/dev/null",
            "-w",
            "%{http_version}",
            f"{base}/healthz",
        ],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    require(http2 == "2", f"HTTP/2 not negotiated ({http2})")
    visitor = Visitor(base, Tally())
    home = visitor.get("/")
    require(
        "max-age=63072000" in home.headers.get("Strict-Transport-Security", ""), "HSTS"
    )
    hashed = re.search(r'/static/[^"]+\.[0-9a-f]{12}\.css', home.text)
    require(hashed is not None, "no hashed static file on the home page")
    static = visitor.get(hashed.group(0))
    require(
        "immutable" in static.headers.get("Cache-Control", "")
        and static.status_code == 200,
        "hashed static files are not cached for long",
    )
    plain = Visitor(f"http://127.0.0.1:{v['HTTP_PORT']}", Tally()).get("/survey/")
    require(plain.status_code == 301, "plain HTTP is not sent to HTTPS")
    big = visitor.post("/admin/login/", {"x": "a" * (3 * 1024 * 1024)})
    require(
        big.status_code == 413 and "too large" in big.text,
        f"3 MB body: {big.status_code}",
    )
    huge = visitor.post("/admin/login/", {"x": "a" * (12 * 1024 * 1024)})
    require(huge.status_code == 413, f"12 MB body at the proxy: {huge.status_code}")
    # Two clients, each forging X-Forwarded-For: counted by their real address.
    url = f"/survey/resume/{token}/withdraw/"
    statuses = []
    forger = Visitor(base, Tally(), source="127.0.0.2", retries=1)
    for n in range(6):
        page = forger.get(url, headers={"X-Forwarded-For": f"10.9.8.{n}"})
        statuses.append(
            forger.post(
                url,
                {
                    "csrfmiddlewaretoken": csrf_of(page.text),
                    "reference": "TIL-AAAA-AAAA",
                    "confirm": "on",
                },
                headers={"X-Forwarded-For": f"10.9.9.{n}"},
            ).status_code
        )
    other = Visitor(base, Tally(), source="127.0.0.3", retries=1)
    page = other.get(url)
    other_status = other.post(
        url,
        {
            "csrfmiddlewaretoken": csrf_of(page.text),
            "reference": "TIL-AAAA-AAAA",
            "confirm": "on",
        },
    ).status_code
    require(statuses == [200] * 5 + [429], f"forged X-Forwarded-For: {statuses}")
    require(other_status == 200, "a second client was counted with the first")
    slowest = slow_clients(v["HTTPS_PORT"], base)
    require(slowest < 2.0, f"/healthz took {slowest:.1f} s beside slow clients")
    return {"slow_healthz_s": round(slowest, 2)}


def slow_clients(
    port: str, base: str, connections: int = 40, seconds: float = 12
) -> float:
    """Slowest /healthz while ``connections`` send a header line every 2 s."""
    stop = threading.Event()
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE

    def drip():
        try:
            with socket.create_connection(("127.0.0.1", int(port))) as raw:
                with context.wrap_socket(raw, server_hostname="localhost") as tls:
                    tls.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n")
                    while not stop.wait(2):
                        tls.sendall(b"X-Slow: 1\r\n")
        except OSError:
            pass

    threads = [threading.Thread(target=drip, daemon=True) for _ in range(connections)]
    for thread in threads:
        thread.start()
    time.sleep(3)
    slowest = 0.0
    visitor = Visitor(base, Tally(), retries=1)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            ok = visitor.get("/healthz").status_code == 200
        except RuntimeError:
            ok = False
        slowest = max(slowest, time.monotonic() - started if ok else 99.0)
        time.sleep(1)
    stop.set()
    return slowest


def stored(topo: Topology, port: str, references: list[str]) -> tuple[int, int]:
    """How many of ``references`` are stored, and how many more than once."""
    if not references:
        return 0, 0
    quoted = ",".join(f"'{r}'" for r in references)
    rows = topo.psql(
        port,
        "SELECT reference, count(*) FROM survey_response "
        f"WHERE reference IN ({quoted}) GROUP BY reference",
    ).splitlines()
    counts = [int(row.split("|")[1]) for row in rows if row]
    return len(counts), sum(1 for c in counts if c > 1)


def load_with_a_server_killed(topo: Topology, base: str, seconds: float) -> dict:
    """Respondents for ``seconds``; a base backup, one app server SIGKILLed and
    restarted, then the upgrade block (migrate, reload each server) meanwhile."""
    tally = Tally()

    def during(started):
        time.sleep(5)
        topo.runbook("backup")
        time.sleep(max(0, started + 20 - time.monotonic()))
        topo.stop("app-2", 9)
        time.sleep(10)
        topo.app_start("app-2", topo.values["APP_PORT_2"])
        time.sleep(max(0, started + 40 - time.monotonic()))
        topo.runbook("release")

    references = respondents_run(base, seconds, 6, tally, during=during)
    return {"references": references, "tally": tally}


def failover(topo: Topology, base: str, seconds: float) -> dict:
    """The primary SIGKILLed mid-run; the runbook promotes the replica and
    repoints PgBouncer. Outage: from the kill to the first page that reads
    the database again, probed every 0.2 s; each 503 meanwhile must carry
    Retry-After."""
    tally = Tally()
    marks: dict[str, float] = {}
    probe = Tally()

    def probing():
        visitor = Visitor(base, probe, retries=1)
        while "resumed" not in marks:
            try:
                page = visitor.get("/survey/demo/")
            except RuntimeError:
                time.sleep(0.2)
                continue
            if page.status_code == 200 and "promoted" in marks:
                marks["resumed"] = time.monotonic()
            time.sleep(0.2)

    def during(started):
        time.sleep(10)
        marks["killed"] = time.monotonic()
        topo.stop("postgres-primary", 9)
        watcher = threading.Thread(target=probing)
        watcher.start()
        time.sleep(4)
        topo.runbook("failover")
        marks["promoted"] = time.monotonic()
        watcher.join(60)

    references = respondents_run(base, seconds, 4, tally, during=during)
    require("resumed" in marks, "service did not resume after the fail-over")
    return {
        "references": references,
        "tally": tally,
        "outage_s": marks["resumed"] - marks["killed"],
        "status_503": tally.counts["status_503"] + probe.counts["status_503"],
        "retry_after_missing": tally.counts["retry_after_missing"]
        + probe.counts["retry_after_missing"],
    }
