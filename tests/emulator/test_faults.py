"""Fault rules: parsing, route matching, counted and probabilistic firing, latency."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qrt.emulator.faults import FaultConfig, FaultInjector, FaultRule
from qrt.errors import ConfigurationError


def test_route_patterns_match_method_and_path_glob() -> None:
    rule = FaultRule("POST /api/v1/jobs", status=503)
    assert rule.matches("POST", "/api/v1/jobs")
    assert rule.matches("post", "/api/v1/jobs")
    assert not rule.matches("GET", "/api/v1/jobs")
    assert not rule.matches("POST", "/api/v1/jobs/abc/cancel")
    glob = FaultRule("GET /api/v1/jobs/*", status=500)
    assert glob.matches("GET", "/api/v1/jobs/abc/results")
    assert not glob.matches("GET", "/api/v1/jobs")
    anything = FaultRule(status=429)
    assert anything.matches("DELETE", "/identity/token")
    only_method = FaultRule("PATCH", status=502)
    assert only_method.matches("PATCH", "/api/v1/sessions/x")
    assert not only_method.matches("GET", "/api/v1/sessions/x")


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"status": 200}, "400-599"),
        ({"status": 503, "probability": 1.5}, "probability"),
        ({"status": 503, "times": 0}, "times"),
        ({"status": 503, "times": 1, "probability": 0.5}, "either"),
        ({}, "does nothing"),
        ({"route": "FETCH /x", "status": 500}, "method"),
        ({"latency": -1.0}, "negative"),
    ],
)
def test_invalid_rules_are_rejected_with_the_reason(kwargs: dict[str, object], needle: str) -> None:
    with pytest.raises(ConfigurationError, match=needle):
        FaultRule(**kwargs)  # type: ignore[arg-type]


def test_config_from_mapping_round_trips_and_rejects_unknown_keys() -> None:
    config = FaultConfig.from_mapping(
        {
            "latency": 0.01,
            "seed": 3,
            "rules": [{"route": "GET /api/v1/backends", "status": 429, "times": 2, "retry_after": 1}],
        }
    )
    assert config.latency == 0.01
    assert config.rules[0] == FaultRule("GET /api/v1/backends", status=429, times=2, retry_after=1.0)
    assert FaultConfig.from_mapping(config.to_mapping()) == config
    with pytest.raises(ConfigurationError, match="unknown keys"):
        FaultConfig.from_mapping({"rules": [{"route": "*", "status": 500, "oops": 1}]})
    with pytest.raises(ConfigurationError, match="unknown keys"):
        FaultConfig.from_mapping({"delay": 1})
    assert FaultConfig.from_mapping(None) == FaultConfig()


@settings(max_examples=40, deadline=None)
@given(times=st.integers(1, 10), requests=st.integers(0, 25))
def test_counted_rule_fires_exactly_times(times: int, requests: int) -> None:
    injector = FaultInjector(FaultConfig(rules=(FaultRule("GET /a", status=503, times=times),)))
    fired = [injector.decide("GET", "/a") for _ in range(requests)]
    assert sum(1 for a in fired if a is not None and a.status == 503) == min(times, requests)
    # Other routes never consume the count.
    assert injector.decide("GET", "/b") is None


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_probability_extremes_and_seeded_reproducibility(seed: int) -> None:
    never = FaultInjector(FaultConfig(rules=(FaultRule(status=500, probability=0.0),), seed=seed))
    always = FaultInjector(FaultConfig(rules=(FaultRule(status=500, probability=1.0),), seed=seed))
    assert all(never.decide("GET", "/x") is None for _ in range(50))
    assert all(always.decide("GET", "/x") is not None for _ in range(50))
    half_a = FaultInjector(FaultConfig(rules=(FaultRule(status=500, probability=0.5),), seed=seed))
    half_b = FaultInjector(FaultConfig(rules=(FaultRule(status=500, probability=0.5),), seed=seed))
    assert [half_a.decide("GET", "/x") for _ in range(64)] == [half_b.decide("GET", "/x") for _ in range(64)]


def test_latency_adds_up_and_clear_removes_everything() -> None:
    injector = FaultInjector(FaultConfig(latency=0.1, rules=(FaultRule("GET /slow", latency=0.2),)))
    slow = injector.decide("GET", "/slow")
    assert slow is not None and slow.passes and slow.latency == pytest.approx(0.3)
    other = injector.decide("GET", "/fast")
    assert other is not None and other.latency == pytest.approx(0.1)
    injector.inject(FaultRule("GET /slow", drop=True))
    dropped = injector.decide("GET", "/slow")
    assert dropped is not None and dropped.drop and not dropped.passes
    assert injector.injected == 1
    injector.clear()
    assert not injector.active
    assert injector.decide("GET", "/slow") is None
