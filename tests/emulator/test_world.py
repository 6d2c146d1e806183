"""World files: the default world, JSON and YAML loading, validation messages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from qrt.emulator.world import default_world, load_world, world_from_mapping
from qrt.errors import ConfigurationError


def _minimal(**instance: Any) -> dict[str, Any]:
    return {
        "backends": [{"name": "qrt_simulator"}],
        "accounts": [{"id": "acct1", "api_key": "key-000001", "instances": [{"name": "one", **instance}]}],
    }


def test_default_world_has_two_accounts_plans_regions_and_an_unallocated_instance() -> None:
    world = default_world()
    first, second = world.accounts
    assert first.api_key == "emulator-api-key" and second.api_key == "other-api-key"
    regions = {i.region for i in first.instances}
    assert regions == {"us-east", "eu-de"}
    pricing = {i.plan.pricing_type for i in first.instances}
    assert {"Free", "trial", "paygo", "subscription"} <= pricing
    assert any(not i.has_allocation for i in first.instances)
    assert first.default_instance is not None and "qrt_simulator" in first.default_instance.backends
    assert world.backends["qrt_ferrara"].status == "paused"
    assert world.instance(first.instances[0].crn) is first.instances[0]
    assert world.account_for_key("emulator-api-key") is first
    # No API key leaks through repr.
    assert "emulator-api-key" not in repr(first) and "emulator-api-key" not in repr(world)


def test_crns_follow_the_ibm_layout_and_are_stable() -> None:
    a, b = default_world(), default_world()
    for inst_a, inst_b in zip(a.default_account.instances, b.default_account.instances, strict=True):
        assert inst_a.crn == inst_b.crn
        parts = inst_a.crn.split(":")
        assert parts[:5] == ["crn", "v1", "bluemix", "public", "quantum-computing"]
        assert parts[5] == inst_a.region and parts[6] == f"a/{inst_a.account_id}"


def test_yaml_and_json_files_load_the_same_world(tmp_path: Path) -> None:
    data = _minimal(region="eu-de", plan="premium", tags=["x"], usage_limit_seconds=5)
    (tmp_path / "w.json").write_text(json.dumps(data))
    import yaml

    (tmp_path / "w.yaml").write_text(yaml.safe_dump(data))
    from_json = load_world(tmp_path / "w.json")
    from_yaml = load_world(tmp_path / "w.yaml")
    assert from_json.accounts == from_yaml.accounts
    instance = from_json.accounts[0].instances[0]
    assert instance.region == "eu-de" and instance.plan.display_name == "Premium"
    assert instance.usage_limit_seconds == 5.0 and instance.backends == ("qrt_simulator",)


def test_a_default_device_can_be_overridden_and_a_new_one_defined() -> None:
    world = world_from_mapping(
        {
            "backends": [
                {"name": "qrt_pavia", "queue_length": 9, "error_scale": 0},
                {
                    "name": "my_line",
                    "num_qubits": 3,
                    "topology": "line",
                    "basis_gates": ["cx", "rz", "sx", "x"],
                    "status": "offline",
                },
            ],
            "accounts": [{"api_key": "key-000001", "instances": [{"name": "i"}]}],
        }
    )
    assert world.backends["qrt_pavia"].queue_length == 9
    assert world.backends["qrt_pavia"].device.error_scale == 0
    assert world.backends["qrt_pavia"].device.num_qubits == 5
    assert world.backends["my_line"].status == "offline"
    # An instance without a `backends` key gets every backend of the world.
    assert world.accounts[0].instances[0].backends == ("qrt_pavia", "my_line")


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        ({"accounts": []}, "non-empty list"),
        ({"accounts": [{"api_key": "short"}]}, "at least 8"),
        (_minimal(region="Mars Base"), "region"),
        (_minimal(plan="gold"), "unknown plan 'gold'"),
        (_minimal(backends=["nope"]), "unknown backends"),
        (_minimal(colour="red"), "unknown keys"),
        ({**_minimal(), "backends": [{"name": "qrt_simulator", "status": "sleepy"}]}, "status must be"),
        ({**_minimal(), "backends": [{"name": "x", "num_qubits": 0}]}, "num_qubits"),
        ({**_minimal(), "token_ttl": 0}, "token_ttl"),
        (_minimal(crn="crn:v1:bluemix:public:quantum-computing:eu-de:a/acct1:g::"), "region and account"),
    ],
)
def test_invalid_worlds_name_the_problem(data: dict[str, Any], needle: str) -> None:
    with pytest.raises(ConfigurationError, match=needle):
        world_from_mapping(data)


def test_duplicate_api_keys_are_rejected_without_echoing_the_key() -> None:
    data = {
        "backends": [{"name": "qrt_simulator"}],
        "accounts": [
            {"id": "a1", "api_key": "same-secret-key", "instances": []},
            {"id": "a2", "api_key": "same-secret-key", "instances": []},
        ],
    }
    with pytest.raises(ConfigurationError) as info:
        world_from_mapping(data)
    assert "same-secret-key" not in str(info.value)


def test_unreadable_and_malformed_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="cannot read"):
        load_world(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(ConfigurationError, match="not valid JSON"):
        load_world(bad)
    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text("accounts: [unclosed")
    with pytest.raises(ConfigurationError, match="not valid YAML"):
        load_world(bad_yaml)
