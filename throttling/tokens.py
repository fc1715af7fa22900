"""Secret-link tokens: unguessable, and only their hash is ever stored."""

import hashlib
import secrets


def token_new() -> str:
    """A fresh unguessable token for a secret link (256 bits)."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """The SHA-256 of a token, which is all the database keeps."""
    return hashlib.sha256(token.encode()).hexdigest()
