"""The hostile sweep's visitors: hostile text, and a journey per part of the site."""

import http.client
import random
import re
from http.cookiejar import DefaultCookiePolicy
from urllib.parse import quote

import requests

from findings.demo import BASELINE_SLUG
from roadmap.journey_map import STAGE_SLUGS
from survey.demo import DEMO_WAVE_SLUG
from vocabulary.choices import Domain

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FIELD = re.compile(r'name="([^"]+)"')
STYLED = 'class="govuk-template"'


FIXED = [
    "-" * 40,
    "- " * 40,
    "-(" * 50,
    '"' * 80,
    " or " * 40,
    "\x00",
    "a\x00b",
    "\u202etxt.exe",
    "x" * 5000,
    "../../etc/passwd",
    "{{ 7*7 }}",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\r\nSet-Cookie: x=1",
    "9" * 40,
    "-1",
    "",
    "nhs",
    "choice",
]
# Code points from control characters to astral planes (no lone surrogates:
# they cannot be encoded into a request).
RANGES = [
    (0, 0x7F),
    (0x80, 0x2FF),
    (0x200B, 0x206F),
    (0x0590, 0x06FF),
    (0x1F300, 0x1F6FF),
]


def _text(rng: random.Random) -> str:
    if rng.random() < 0.4:
        return rng.choice(FIXED)
    length = rng.choice([1, 5, 20, 60, 300])
    chars = []
    for _ in range(length):
        low, high = rng.choice(RANGES)
        chars.append(chr(rng.randint(low, high)))
    return "".join(chars)


class Visitor:
    """One browser: cookies kept by hand, since production marks them Secure."""

    def __init__(self, port: int, rng: random.Random):
        self.base = f"http://127.0.0.1:{port}"
        self.origin = f"https://127.0.0.1:{port}"
        self.rng = rng
        self.session = requests.Session()
        self.session.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))
        self.cookies: dict[str, str] = {}
        self.results: list[tuple[str, str, int, bool]] = []

    def send(self, method: str, path: str, **kwargs) -> requests.Response | None:
        """One request as a browser behind the TLS proxy would send it."""
        headers = {
            # The load balancer's header: the request came over HTTPS.
            "X-Forwarded-Proto": "https",
            "Origin": self.origin,
            "Referer": self.origin + "/",
            **kwargs.pop("headers", {}),
        }
        try:
            response = self.session.request(
                method,
                self.base + path,
                headers=headers,
                cookies=self.cookies,
                allow_redirects=False,
                timeout=60,
                **kwargs,
            )
        except requests.RequestException as error:
            self.results.append((method, path, 0, False))
            print(f"  request failed: {method} {path[:80]!r}: {error}")
            return None
        self.cookies.update(response.cookies.get_dict())
        styled = STYLED in response.text
        # The path as sent, query string included.
        sent = response.request.path_url
        self.results.append((method, sent, response.status_code, styled))
        return response

    def form(self, path: str) -> tuple[str, list[str]]:
        """The CSRF token and field names of the form on a page."""
        response = self.send("GET", path)
        html = response.text if response is not None else ""
        token = CSRF.search(html)
        names = [
            n for n in dict.fromkeys(FIELD.findall(html)) if n != "csrfmiddlewaretoken"
        ]
        return (token.group(1) if token else ""), names

    def post_form(
        self, path: str, token: str, fields: dict
    ) -> requests.Response | None:
        return self.send("POST", path, data={"csrfmiddlewaretoken": token, **fields})

    def hostile(self, names: list[str]) -> dict[str, str]:
        return {name: _text(self.rng) for name in names}


def _case_studies(v: Visitor) -> None:
    facet = v.rng.choice(
        ["sectors", "places", "rs", "principles", "domains", "evidence"]
    )
    v.send(
        "GET",
        "/case-studies/",
        params={"q": _text(v.rng), facet: _text(v.rng), "page": _text(v.rng)},
    )
    v.send("GET", f"/case-studies/{quote(_text(v.rng), safe='')}/")


def _roadmap(v: Visitor) -> None:
    v.send("GET", "/roadmap/journey/", params={"sector": _text(v.rng)})
    v.send("GET", f"/roadmap/journey/{quote(_text(v.rng), safe='')}/")
    v.send("GET", f"/roadmap/self-assessment/results/{quote(_text(v.rng), safe='')}/")
    token, names = v.form("/roadmap/self-assessment/questions/")
    v.post_form("/roadmap/self-assessment/questions/", token, v.hostile(names))


def _survey(v: Visitor) -> None:
    wave = f"/survey/{DEMO_WAVE_SLUG}"
    token, _ = v.form(f"{wave}/")
    started = v.post_form(f"{wave}/begin/", token, {"new": "1"})
    if started is not None and started.status_code == 302:
        step = started.headers["Location"].replace(v.origin, "")
        token, names = v.form(step)
        v.post_form(step, token, v.hostile(names))
    for name in ("save-and-return", "case-study-contact", "check-answers", "submit"):
        v.post_form(
            f"{wave}/{name}/", token, v.hostile(["email", "contact", "consent"])
        )
    v.send("GET", f"/survey/resume/{quote(_text(v.rng), safe='')}/")
    v.post_form(
        f"/survey/resume/{quote(_text(v.rng), safe='')}/withdraw/",
        token,
        {"reference": _text(v.rng), "confirm": "on"},
    )


def _segment(v: Visitor, real: str) -> str:
    """A path segment: now and then the real one, mostly hostile text."""
    return real if v.rng.random() < 0.3 else quote(_text(v.rng), safe="")


# The demo collector's code, read once the demo data is seeded.
DEMO_VIA: list[str] = []


def _via(v: Visitor) -> str:
    return v.rng.choice([*DEMO_VIA, _text(v.rng)]) if DEMO_VIA else _text(v.rng)


def _findings(v: Visitor) -> None:
    v.send("GET", "/findings/", params={"wave": _text(v.rng)})
    wave = _segment(v, BASELINE_SLUG)
    v.send("GET", f"/findings/{wave}/", params={"q": _text(v.rng)})
    v.send("GET", f"/findings/{wave}/findings.csv", params={"q": _text(v.rng)})


def _sharing(v: Visitor) -> None:
    wave = _segment(v, DEMO_WAVE_SLUG)
    for page in ("", "share/", "share/poster/"):
        v.send("GET", f"/survey/{wave}/{page}", params={"via": _via(v)})
    token, _ = v.form(f"/survey/{DEMO_WAVE_SLUG}/?via={quote(_via(v))}")
    v.post_form(
        f"/survey/{DEMO_WAVE_SLUG}/begin/",
        token,
        {"new": "1", "via": _via(v), "website": v.rng.choice(["", _text(v.rng)])},
    )


# The areas' addresses, as roadmap's DomainDescription.slug writes them.
AREAS = [domain.value.replace("_", "-") for domain in Domain]
STAGES = [*STAGE_SLUGS.values(), "aware"]


def _stations(v: Visitor) -> None:
    area = _segment(v, v.rng.choice(AREAS))
    stage = _segment(v, v.rng.choice(STAGES))
    v.send("GET", f"/roadmap/journey/{area}/{stage}/", params={"sector": _text(v.rng)})
    v.send("GET", f"/roadmap/journey/{area}/", params={"sector": _text(v.rng)})


def _guidance(v: Visitor) -> None:
    for page in ("/resources/", "/commissioning-trauma-informed-training/", "/"):
        v.send("GET", page, params={"use": _text(v.rng), "q": _text(v.rng)})


def _coverage(v: Visitor) -> None:
    """The analysts' coverage target and CSV, in a signed-in staff session."""
    cookies = v.cookies
    v.cookies = {"sessionid": STAFF_SESSION[0]} if STAFF_SESSION else {}
    try:
        wave = v.rng.choice([DEMO_WAVE_SLUG, _text(v.rng)])
        v.send("GET", "/admin/dashboard/", params={"wave": wave})
        token, _ = v.form(f"/admin/dashboard/?wave={DEMO_WAVE_SLUG}")
        target = v.rng.choice(["10", _text(v.rng)])
        v.post_form(
            f"/admin/dashboard/?wave={quote(wave)}", token, {"coverage_target": target}
        )
        v.send("GET", "/admin/dashboard/coverage.csv", params={"wave": wave})
    finally:
        v.cookies = cookies


# A signed-in analyst's session key, shared by the visitors' staff journeys.
STAFF_SESSION: list[str] = []


def _sign_in(v: Visitor) -> None:
    token, _ = v.form("/admin/login/")
    username = v.rng.choice([_text(v.rng), "u" * 300, "admin"])
    v.post_form(
        "/admin/login/?next=" + quote(_text(v.rng)),
        token,
        {"username": username, "password": _text(v.rng)},
    )


def _malformed(v: Visitor) -> None:
    token, _ = v.form("/roadmap/self-assessment/questions/")
    charset = v.rng.choice(["latin-1", "utf-16", "windows-1252", "no-such-charset"])
    v.send(
        "POST",
        "/roadmap/self-assessment/questions/",
        data=b"csrfmiddlewaretoken=" + token.encode() + b"&sector=\xff\xfe\x00",
        headers={
            "Content-Type": f"application/x-www-form-urlencoded; charset={charset}"
        },
    )
    v.send(
        "POST",
        f"/survey/{DEMO_WAVE_SLUG}/begin/",
        data=b"website=" + b"x" * 300_000,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    fields = "&".join(f"f{i}=1" for i in range(500))
    v.send("GET", f"/case-studies/?{fields}")
    v.send("GET", "/" + quote(_text(v.rng)))
    v.send("GET", "/", headers={"Host": "evil.example"})
    _raw(v, "/static/../tilondon/settings.py")
    _raw(v, "/static/%2e%2e/%2e%2e/etc/passwd")


def _raw(v: Visitor, path: str) -> None:
    """A path sent exactly as written: HTTP clients would tidy the dots away."""
    connection = http.client.HTTPConnection("127.0.0.1", int(v.base.rsplit(":", 1)[1]))
    try:
        connection.request("GET", path, headers={"X-Forwarded-Proto": "https"})
        response = connection.getresponse()
        body = response.read().decode(errors="replace")
        v.results.append(("GET", path, response.status, STYLED in body))
    finally:
        connection.close()


JOURNEYS = [
    _case_studies,
    _roadmap,
    _survey,
    _sign_in,
    _malformed,
    _findings,
    _sharing,
    _stations,
    _guidance,
    _coverage,
]
