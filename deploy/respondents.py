"""Simulated respondents over HTTP(S): the whole survey, with retries counted.

Each visitor keeps its own cookies (production cookies are Secure, and the
straight-to-gunicorn runs speak plain HTTP with ``X-Forwarded-Proto: https``,
as nginx would), sends the Referer Django's CSRF check asks of HTTPS, and can
leave from its own loopback address (127.0.0.2, ...), as a distinct client.
"""

import re
import threading
import time
from collections import Counter

import requests
from requests.adapters import HTTPAdapter

from bench.survey_answers import ANSWERS

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REFERENCE = re.compile(r"<strong class=\"til-nowrap\">(TIL-[A-Z0-9-]+)</strong>")
RESUME = re.compile(r"/survey/resume/([A-Za-z0-9_-]+)/")
RETRYABLE = {502, 503, 504}
WAVE = "demo"
# The self-signed certificate nginx serves, set by the check: verified, not
# ignored. Given per request, since REQUESTS_CA_BUNDLE would override a
# session's setting.
CERTIFICATE: dict[str, str] = {}


class SourceAddressAdapter(HTTPAdapter):
    """Connections that leave from one local address."""

    def __init__(self, address: str, **kwargs):
        self.address = address
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


class Tally:
    """Counts shared by every visitor thread: requests, failures, 503s."""

    def __init__(self):
        self.lock = threading.Lock()
        self.counts: Counter = Counter()
        self.first_ok_after: dict[str, float] = {}
        self.retry_after_missing = 0

    def add(self, key: str, n: int = 1) -> None:
        """Count ``n`` of ``key``."""
        with self.lock:
            self.counts[key] += n


class Visitor:
    """One browser: its cookies, its address, and the site's base URL."""

    def __init__(
        self,
        base: str,
        tally: Tally,
        *,
        source: str = "",
        direct: bool = False,
        retries: int = 60,
    ):
        self.base = base.rstrip("/")
        self.tally = tally
        self.direct = direct
        self.retries = retries
        self.cookies: dict[str, str] = {}
        self.http = requests.Session()
        if source:
            for scheme in ("http://", "https://"):
                self.http.mount(scheme, SourceAddressAdapter(source))

    def request(self, method: str, path: str, data=None, headers=None):
        """One request, retried while the site is down or a server was lost."""
        url = path if path.startswith("http") else self.base + path
        sent = {
            # As the browser saw the page: over HTTPS, whatever the hop.
            "Referer": url.replace("http://", "https://", 1),
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            **(headers or {}),
        }
        if self.direct:
            sent["X-Forwarded-Proto"] = "https"
        for _attempt in range(self.retries):
            self.tally.add("requests")
            try:
                reply = self.http.request(
                    method,
                    url,
                    data=data,
                    headers=sent,
                    allow_redirects=False,
                    timeout=30,
                    verify=CERTIFICATE.get("path", True),
                )
            except requests.RequestException:
                self.tally.add("failed")
                time.sleep(0.5)
                continue
            self.http.cookies.clear()
            for cookie in reply.cookies:
                if cookie.value:
                    self.cookies[cookie.name] = cookie.value
                else:
                    self.cookies.pop(cookie.name, None)
            if reply.status_code in RETRYABLE:
                self.tally.add("failed")
                self.tally.add(f"status_{reply.status_code}")
                if reply.status_code == 503 and not reply.headers.get("Retry-After"):
                    self.tally.add("retry_after_missing")
                time.sleep(0.5)
                continue
            if method == "POST":
                self.tally.add("posts_ok")
                with self.tally.lock:
                    self.tally.counts["last_post_ok"] = time.monotonic()
            return reply
        raise RuntimeError(f"{method} {path} kept failing")

    def get(self, path: str, **kwargs):
        """GET ``path``."""
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: dict, **kwargs):
        """POST ``data`` with the CSRF token of the page it came from."""
        return self.request("POST", path, data=data, **kwargs)


def csrf_of(html: str) -> str:
    """The page's CSRF token."""
    match = CSRF.search(html)
    return match.group(1) if match else ""


def form_post(visitor: Visitor, page: str, action: str, data=None) -> str:
    """Post the form of ``page`` (its CSRF token) to ``action``: where it redirects."""
    token = csrf_of(visitor.get(page).text)
    posted = visitor.post(action, {"csrfmiddlewaretoken": token, **(data or {})})
    if posted.status_code != 302:
        raise RuntimeError(f"{action} answered {posted.status_code}")
    return posted.headers["Location"]


def survey_begin(visitor: Visitor) -> str:
    """Start a draft; return where the first question page is."""
    return form_post(visitor, f"/survey/{WAVE}/", f"/survey/{WAVE}/begin/")


def survey_answer(visitor: Visitor, location: str, pages: int = 40) -> str:
    """Answer pages from ``location`` until check answers, or ``pages`` of them."""
    for _ in range(pages):
        if location.endswith("/check-answers/"):
            return location
        location = form_post(visitor, location, location, ANSWERS)
    return location


def survey_submit(visitor: Visitor) -> str:
    """Check answers, submit, and read the reference from the confirmation."""
    done = form_post(
        visitor, f"/survey/{WAVE}/check-answers/", f"/survey/{WAVE}/submit/"
    )
    confirmation = visitor.get(done)
    match = REFERENCE.search(confirmation.text)
    if not match:
        raise RuntimeError("no reference on the confirmation page")
    return match.group(1)


def survey_take(visitor: Visitor) -> str:
    """The whole survey, start to reference."""
    survey_answer(visitor, survey_begin(visitor))
    return survey_submit(visitor)


def respondents_run(
    base: str,
    seconds: float,
    users: int,
    tally: Tally,
    *,
    direct: bool = False,
    during=None,
) -> list[str]:
    """``users`` threads taking the survey again and again for ``seconds``.

    ``during(started)`` runs on the calling thread meanwhile (kill a server,
    the primary...). Returns every confirmed reference; a survey that could
    not finish is counted in ``tally`` as ``abandoned``.
    """
    references: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def respondent():
        while time.monotonic() < stop_at:
            try:
                reference = survey_take(Visitor(base, tally, direct=direct))
            except RuntimeError:
                tally.add("abandoned")
                continue
            with lock:
                references.append(reference)
            tally.add("surveys")

    threads = [threading.Thread(target=respondent) for _ in range(users)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    if during is not None:
        during(started)
    for thread in threads:
        thread.join()
    return references
