"""Private links: unguessable tokens, looked up without leaking how close a guess was.

A token is 256 random bits (``secrets.token_urlsafe(32)``). The row also stores the token's
SHA-256 digest, and a lookup goes through the digest: the database compares digests, so the
time it takes says nothing about how much of a guessed *token* was right, and the final
comparison of the token itself is constant-time (``secrets.compare_digest``).
(Candidate for the editorial base: the check-up's result links need the same.)
"""

from __future__ import annotations

import hashlib
import secrets

from django.db import models

TOKEN_BYTES = 32
#: token_urlsafe(32) is 43 characters; anything much longer is not one of ours.
MAX_TOKEN_LENGTH = 64


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def find_by_token(queryset: models.QuerySet, token: str, field: str = "token"):
    """The row of ``queryset`` whose ``field`` is ``token``, or None (for a 404)."""
    if not token or len(token) > MAX_TOKEN_LENGTH or not token.isascii():
        return None
    obj = queryset.filter(**{f"{field}_digest": digest(token)}).first()
    if obj is None or not secrets.compare_digest(getattr(obj, field).encode(), token.encode()):
        return None
    return obj


class TokenMixin(models.Model):
    """A private token (for a link sent to one person) and its digest, set on first save."""

    token = models.CharField(max_length=MAX_TOKEN_LENGTH, editable=False, unique=True)
    token_digest = models.CharField(max_length=64, editable=False, unique=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.token:
            self.token = new_token()
        self.token_digest = digest(self.token)
        super().save(*args, **kwargs)
