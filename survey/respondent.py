"""The survey's own cookie: the drafts this browser holds, and which it submitted.

A signed cookie scoped to /survey/, not the database session, for two reasons:
the database keeps only the hash of a resume token (never the token, which
the session table would hold), and a survey page reads no session row, one
query fewer on each of the 35 or so requests of a completed survey
(docs/decisions/0010). Signing stops a browser from marking itself as the one
that submitted a response, which is what lets it see the reference.
"""

from django.conf import settings
from django.core import signing
from django.utils.cache import patch_vary_headers

from throttling.tokens import token_hash, token_new

COOKIE_NAME = "til_survey"
COOKIE_PATH = "/survey/"
SALT = "survey.respondent"
# A browser holds a draft in a few waves at most; more would only grow the cookie.
MOST_WAVES = 10


class RespondentCookie:
    """One browser's drafts by wave slug, each with whether it was submitted here."""

    def __init__(self, drafts: dict | None = None, browser: str = ""):
        self.drafts: dict[str, dict] = drafts or {}
        self.browser = browser
        self.changed = False

    @classmethod
    def from_request(cls, request) -> "RespondentCookie":
        """The cookie the request carries, or an empty one if missing or tampered."""
        value = request.COOKIES.get(COOKIE_NAME)
        return cls.from_value(value) if value else cls()

    @classmethod
    def from_value(cls, value: str) -> "RespondentCookie":
        """Read a signed cookie value; anything unreadable counts as no cookie."""
        try:
            data = signing.loads(value, salt=SALT, max_age=settings.SESSION_COOKIE_AGE)
            drafts = {
                str(slug): {
                    "token": str(entry["token"]),
                    "submitted": bool(entry["submitted"]),
                }
                for slug, entry in data["drafts"].items()
            }
            return cls(drafts, str(data.get("browser", "")))
        except (signing.BadSignature, KeyError, TypeError, AttributeError):
            return cls()

    def token(self, wave_slug: str) -> str | None:
        """This browser's resume token for a wave, if any."""
        entry = self.drafts.get(wave_slug)
        return entry["token"] if entry else None

    def remember(self, wave_slug: str, token: str) -> None:
        """Tie this browser to a draft by its token (not yet submitted here)."""
        self.drafts.pop(wave_slug, None)
        self.drafts[wave_slug] = {"token": token, "submitted": False}
        while len(self.drafts) > MOST_WAVES:
            self.drafts.pop(next(iter(self.drafts)))
        self.changed = True

    def forget(self, wave_slug: str) -> None:
        """Untie this browser from a wave's draft."""
        if self.drafts.pop(wave_slug, None) is not None:
            self.changed = True

    def mark_submitted(self, wave_slug: str, token_hash_: str) -> None:
        """Record that this browser submitted the draft it holds for the wave."""
        entry = self.drafts.get(wave_slug)
        if entry is None or entry["submitted"]:
            return
        if token_hash(entry["token"]) == token_hash_:
            entry["submitted"] = True
            self.changed = True

    def submitted(self, wave_slug: str, token_hash_: str) -> bool:
        """True if this browser submitted the response with this token hash."""
        entry = self.drafts.get(wave_slug)
        return bool(
            entry and entry["submitted"] and token_hash(entry["token"]) == token_hash_
        )

    def browser_key(self) -> str:
        """A random name for this browser, made on first use, for its rate limits."""
        if not self.browser:
            self.browser = token_new()[:22]
            self.changed = True
        return self.browser

    def value(self) -> str:
        """The signed cookie value."""
        return signing.dumps(
            {"drafts": self.drafts, "browser": self.browser}, salt=SALT, compress=True
        )

    def write(self, response) -> None:
        """Set the cookie on a response, with the session cookie's protections."""
        response.set_cookie(
            COOKIE_NAME,
            self.value(),
            max_age=settings.SESSION_COOKIE_AGE,
            path=COOKIE_PATH,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )


def respondent(request) -> RespondentCookie:
    """The request's survey cookie, read once per request."""
    cookie = getattr(request, "_respondent_cookie", None)
    if cookie is None:
        cookie = RespondentCookie.from_request(request)
        request._respondent_cookie = cookie
    return cookie


class RespondentCookieMiddleware:
    """Write the survey cookie back when a view changed it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        cookie = getattr(request, "_respondent_cookie", None)
        if cookie is not None:
            patch_vary_headers(response, ("Cookie",))
            if cookie.changed:
                cookie.write(response)
        return response
