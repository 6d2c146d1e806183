"""The IAM hop: ``POST /identity/token`` exchanges an API key for a signed JWT access token.

Tokens are HS256 JWTs signed with a per-database secret (so they survive an emulator restart on the same
``--db``), carrying ``iat``/``exp`` like IBM's: clients decode them to schedule refreshes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import math
import time
import urllib.parse
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from qrt.emulator.common import read_body
from qrt.emulator.world import Account, World

__all__ = ["TokenClaims", "TokenError", "TokenIssuer", "iam_token"]

APIKEY_GRANT = "urn:ibm:params:oauth:grant-type:apikey"


class TokenError(Exception):
    """A bearer token is malformed, forged or expired; the message says which (never the token)."""


@dataclass(frozen=True)
class TokenClaims:
    """What a verified access token says."""

    account_id: str
    iam_id: str
    issued_at: int
    expires_at: int


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class TokenIssuer:
    """Issues and verifies access tokens with one secret and one lifetime."""

    def __init__(self, secret: bytes, ttl: int, *, clock: Callable[[], float] = time.time) -> None:
        if ttl < 1:
            raise ValueError("token lifetime must be at least one second")
        self._secret = secret
        self.ttl = ttl
        self._clock = clock

    def __repr__(self) -> str:
        return f"TokenIssuer(ttl={self.ttl})"

    def issue(self, account: Account) -> dict[str, Any]:
        """The IAM token response for ``account``."""
        # JWT times are whole seconds; rounding up keeps every token valid for at least `expires_in` seconds.
        now = math.ceil(self._clock())
        exp = now + self.ttl
        header = {"alg": "HS256", "typ": "JWT", "kid": "qrt-emulator"}
        payload = {
            "iam_id": account.iam_id,
            "id": account.iam_id,
            "sub": account.iam_id,
            "sub_type": "ServiceId",
            "realmid": "iam",
            "identifier": account.iam_id,
            "account": {"bss": account.id, "valid": True},
            "grant_type": APIKEY_GRANT,
            "scope": "ibm openid",
            "client_id": "default",
            "iss": "https://iam.cloud.ibm.com/identity",
            "aud": "default",
            "iat": now,
            "exp": exp,
            "jti": uuid.uuid4().hex,
        }
        signing_input = (
            _b64(json.dumps(header, separators=(",", ":")).encode())
            + "."
            + _b64(json.dumps(payload, separators=(",", ":")).encode())
        )
        signature = hmac.new(self._secret, signing_input.encode("ascii"), hashlib.sha256).digest()
        return {
            "access_token": f"{signing_input}.{_b64(signature)}",
            "refresh_token": "not_supported",
            "token_type": "Bearer",
            "expires_in": self.ttl,
            "expiration": exp,
            "scope": "ibm openid",
        }

    def verify(self, token: str) -> TokenClaims:
        """Check signature and expiry; raise :class:`TokenError` otherwise."""
        parts = token.split(".")
        if len(parts) != 3:
            raise TokenError("the access token is not a JWT")
        signing_input = f"{parts[0]}.{parts[1]}".encode("ascii", "replace")
        expected = hmac.new(self._secret, signing_input, hashlib.sha256).digest()
        try:
            signature = _unb64(parts[2])
            payload = json.loads(_unb64(parts[1]))
        except (ValueError, UnicodeDecodeError) as exc:
            raise TokenError("the access token cannot be decoded") from exc
        if not hmac.compare_digest(signature, expected):
            raise TokenError("the access token signature is not valid")
        if not isinstance(payload, dict):
            raise TokenError("the access token payload is not an object")
        try:
            exp = int(payload["exp"])
            iat = int(payload["iat"])
            account_id = str(payload["account"]["bss"])
            iam_id = str(payload["iam_id"])
        except (KeyError, TypeError, ValueError) as exc:
            raise TokenError("the access token lacks required claims") from exc
        if self._clock() >= exp:
            raise TokenError("the access token has expired")
        return TokenClaims(account_id, iam_id, iat, exp)


def _iam_error(request: Request, status: int, code: str, message: str) -> JSONResponse:
    # IAM's own error shape (errorCode/errorMessage/context), not the runtime's ErrorContainer.
    body = {
        "errorCode": code,
        "errorMessage": message,
        "context": {
            "requestId": uuid.uuid4().hex,
            "requestType": "incoming.Identity_Token",
            "userAgent": request.headers.get("user-agent", ""),
            "url": str(request.base_url).rstrip("/"),
            "instanceId": "qrt-emulator",
            "host": request.url.hostname or "",
            "startTime": time.strftime("%d.%m.%Y %H:%M:%S GMT", time.gmtime()),
            "locale": "en_US",
        },
    }
    return JSONResponse(body, status_code=status)


async def iam_token(request: Request, world: World, issuer: TokenIssuer) -> Response:
    """``POST /identity/token``: the API key grant."""
    content_type = request.headers.get("content-type", "")
    if "application/x-www-form-urlencoded" not in content_type:
        return _iam_error(
            request,
            400,
            "BXNIM0109E",
            "Property missing or empty. Send an application/x-www-form-urlencoded body with grant_type and apikey.",
        )
    # A small urlencoded body; parsed here to avoid depending on python-multipart.
    raw = await read_body(request)
    try:
        form = urllib.parse.parse_qs(raw.decode("utf-8"), keep_blank_values=True, max_num_fields=20)
    except (UnicodeDecodeError, ValueError):
        return _iam_error(request, 400, "BXNIM0109E", "The form body cannot be parsed.")
    grant_type = next(iter(form.get("grant_type", [])), None)
    apikey = next(iter(form.get("apikey", [])), None)
    if not isinstance(grant_type, str) or not grant_type:
        return _iam_error(request, 400, "BXNIM0109E", "Property missing or empty: grant_type.")
    if grant_type != APIKEY_GRANT:
        return _iam_error(request, 400, "BXNIM0103E", f"Unsupported grant type: {grant_type[:80]}.")
    if not isinstance(apikey, str) or not apikey:
        return _iam_error(request, 400, "BXNIM0109E", "Property missing or empty: apikey.")
    account = world.account_for_key(apikey)
    if account is None:
        return _iam_error(request, 400, "BXNIM0415E", "Provided API key could not be found.")
    return JSONResponse(issuer.issue(account))
