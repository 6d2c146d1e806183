"""Access tokens: the JWT the SDKs decode, signature and expiry checks."""

from __future__ import annotations

import base64
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qrt.emulator.iam import TokenError, TokenIssuer
from qrt.emulator.world import default_world

ACCOUNT = default_world().default_account


class Clock:
    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_issued_token_has_the_iam_response_fields_and_verifies() -> None:
    clock = Clock()
    issuer = TokenIssuer(b"s" * 32, 600, clock=clock)
    response = issuer.issue(ACCOUNT)
    assert response["refresh_token"] == "not_supported"
    assert response["token_type"] == "Bearer"
    assert response["expires_in"] == 600
    assert response["expiration"] == int(clock.now) + 600
    claims = issuer.verify(response["access_token"])
    assert claims.account_id == ACCOUNT.id and claims.iam_id == ACCOUNT.iam_id
    assert claims.expires_at - claims.issued_at == 600


def test_pyjwt_reads_exp_and_iat_as_ibm_cloud_sdk_core_does() -> None:
    import jwt  # PyJWT, what ibm-cloud-sdk-core decodes with (dev extra)

    issuer = TokenIssuer(b"k" * 32, 120, clock=Clock(1000.0))
    token = issuer.issue(ACCOUNT)["access_token"]
    decoded = jwt.decode(token, algorithms=["RS256"], options={"verify_signature": False, "verify_aud": False})
    assert decoded["iat"] == 1000 and decoded["exp"] == 1120
    assert decoded["account"]["bss"] == ACCOUNT.id


def test_expired_token_is_refused() -> None:
    clock = Clock()
    issuer = TokenIssuer(b"k" * 32, 5, clock=clock)
    token = issuer.issue(ACCOUNT)["access_token"]
    clock.now += 4.9
    issuer.verify(token)
    clock.now += 0.1
    with pytest.raises(TokenError, match="expired"):
        issuer.verify(token)


def test_token_from_another_secret_is_refused() -> None:
    token = TokenIssuer(b"a" * 32, 60).issue(ACCOUNT)["access_token"]
    with pytest.raises(TokenError, match="signature"):
        TokenIssuer(b"b" * 32, 60).verify(token)


@pytest.mark.parametrize("token", ["", "abc", "a.b", "a.b.c", "....", "x.y.z.w"])
def test_garbage_is_refused_without_crashing(token: str) -> None:
    with pytest.raises(TokenError):
        TokenIssuer(b"a" * 32, 60).verify(token)


@settings(max_examples=60, deadline=None)
@given(exp_shift=st.integers(1, 10**6), account=st.text(min_size=1, max_size=20))
def test_any_payload_change_breaks_the_signature(exp_shift: int, account: str) -> None:
    issuer = TokenIssuer(b"z" * 32, 60, clock=Clock())
    header, payload, signature = issuer.issue(ACCOUNT)["access_token"].split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["exp"] += exp_shift
    claims["account"]["bss"] = account
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    with pytest.raises(TokenError, match="signature"):
        issuer.verify(f"{header}.{forged}.{signature}")


def test_repr_hides_the_secret() -> None:
    assert "secret" not in repr(TokenIssuer(b"secret-bytes-here", 60))
