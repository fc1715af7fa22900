"""Secret-link tokens kept out of every log: Django's, gunicorn's access log.

Resume links (and withdrawal, under them) and self-assessment results carry
their token in the path; whoever reads a log line holding one could open the
draft or result. nginx does the same with a map (deploy/nginx/tilondon.conf).
"""

import logging
import re

from gunicorn.glogging import Logger

SECRET_LINK = re.compile(
    r"(/survey/resume/|/roadmap/self-assessment/results/)[^/?#\s\"']+"
)
REDACTED = r"\1[redacted]"


def redact_secret_links(text: str) -> str:
    """``text`` with every secret-link token replaced by ``[redacted]``."""
    return SECRET_LINK.sub(REDACTED, text)


class SecretLinkFilter(logging.Filter):
    """A logging filter that redacts tokens from the formatted message."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_secret_links(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


class RedactingGunicornLogger(Logger):
    """gunicorn's logger, writing access-log lines without tokens.

    The request line, path, raw URI and referrer can each hold a secret link,
    under several names (``%(r)s``, ``%(U)s``, ``%(f)s``, ``%({raw_uri}e)s``...),
    so every text atom is redacted (deploy/gunicorn.conf.py sets this class).
    """

    def atoms(self, resp, req, environ, request_time):
        """gunicorn's atoms, with secret links in them redacted."""
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            key: redact_secret_links(value) if isinstance(value, str) else value
            for key, value in atoms.items()
        }
