"""Who is calling: bearer-token (or ``apikey``) authentication and the ``Service-CRN`` check.

401 for a missing, malformed, forged or expired credential; 400 for a missing ``Service-CRN`` on an
instance-scoped route; 403 for a CRN that is not an instance of the caller's account.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from starlette.requests import Request

from qrt.emulator.common import ApiProblem, Caller
from qrt.emulator.iam import TokenError
from qrt.emulator.world import Account

if TYPE_CHECKING:
    from qrt.emulator.core import Emulator

__all__ = ["authenticate", "check_api_version", "require_account"]

KNOWN_VERSIONS = ("2024-01-01", "2025-01-01", "2025-05-01", "2026-02-01", "2026-02-15", "2026-03-15", "2026-04-15")
_VERSION_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def require_account(request: Request, emu: Emulator, *, generic: bool = False) -> Account:
    """The account behind the request's Authorization header (``Bearer <token>`` or ``apikey <key>``)."""
    header = request.headers.get("authorization")
    if not header:
        raise ApiProblem(
            401, "Missing Authorization header. Send 'Authorization: Bearer <IAM access token>'.", generic=generic
        )
    scheme, _, credential = header.strip().partition(" ")
    credential = credential.strip()
    if not credential:
        raise ApiProblem(
            401, "Malformed Authorization header. Send 'Authorization: Bearer <IAM access token>'.", generic=generic
        )
    if scheme.lower() == "bearer":
        try:
            claims = emu.issuer.verify(credential)
        except TokenError as exc:
            raise ApiProblem(401, f"Unauthorized: {exc}. Get a new token from IAM.", generic=generic) from None
        account = emu.world.account(claims.account_id)
    elif scheme.lower() == "apikey":
        account = emu.world.account_for_key(credential)
    else:
        raise ApiProblem(401, f"Unsupported Authorization scheme {scheme[:20]!r}; use Bearer.", generic=generic)
    if account is None:
        raise ApiProblem(401, "Unauthorized: the credential does not belong to a known account.", generic=generic)
    return account


def check_api_version(request: Request, *, generic: bool = False) -> None:
    """Accept an absent or known ``IBM-API-Version``; 400 for a malformed or unknown one."""
    version = request.headers.get("ibm-api-version")
    if version is None:
        return
    version = version.strip()
    if not _VERSION_RE.match(version):
        raise ApiProblem(400, f"IBM-API-Version must be a date YYYY-MM-DD, got {version[:30]!r}.", generic=generic)
    if version < KNOWN_VERSIONS[0]:
        raise ApiProblem(
            400, f"IBM-API-Version {version} is not supported; the oldest is {KNOWN_VERSIONS[0]}.", generic=generic
        )


def authenticate(request: Request, emu: Emulator, *, generic: bool = False) -> Caller:
    """The caller of an instance-scoped runtime route: account from the token, instance from Service-CRN."""
    account = require_account(request, emu, generic=generic)
    check_api_version(request, generic=generic)
    crn = request.headers.get("service-crn")
    if crn is None or not crn.strip():
        raise ApiProblem(
            400, "Missing Service-CRN header. Send the CRN of your instance in Service-CRN.", generic=generic
        )
    crn = crn.strip()
    instance = emu.world.instance(crn)
    if instance is None or instance.account_id != account.id:
        raise ApiProblem(
            403,
            "Forbidden: the instance in Service-CRN is not an instance of your account.",
            generic=generic,
        )
    return Caller(account, instance)
