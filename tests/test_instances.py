"""Instance selection (pure ordering laws, the official worked examples) and discovery paging/caching."""

from __future__ import annotations

import json
import threading

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from qrt.errors import InstanceNotFoundError, NoInstancesError
from qrt.instances import PRICING_ORDER, Instance, InstanceDirectory, no_match_error, region_of, select
from qrt.transport import RetryPolicy, Transport


def crn(region: str, guid: str) -> str:
    return f"crn:v1:bluemix:public:quantum-computing:{region}:a/acct:{guid}::"


PREM_D = Instance(crn("eu-de", "1"), "prem-d", "premium", "subscription", ("team-a", "prod"))
PAYGO_E = Instance(crn("us-east", "2"), "paygo-e", "pay-as-you-go", "paygo", ("team-a",))
OPEN_E = Instance(crn("us-east", "3"), "open-e", "open", "free", ())
TRIAL_E = Instance(crn("us-east", "5"), "trial-e", "trial", "trial", ("team-a",))
SEARCH_ORDER = [PREM_D, PAYGO_E, OPEN_E, TRIAL_E]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, ["open-e", "trial-e", "paygo-e", "prem-d"]),
        ({"region": "eu-de"}, ["prem-d"]),
        ({"plans_preference": ["premium", "open"]}, ["prem-d", "open-e"]),
        ({"tags": ["TEAM-A"]}, ["trial-e", "paygo-e", "prem-d"]),
        ({"region": "eu-de", "plans_preference": ["open"]}, []),
    ],
)
def test_official_worked_examples(kwargs: dict[str, object], expected: list[str]) -> None:
    assert [i.name for i in select(SEARCH_ORDER, **kwargs)] == expected  # type: ignore[arg-type]


def test_unknown_pricing_sorts_last_instead_of_crashing() -> None:
    lite = Instance(crn("us-east", "9"), "lite-e", "lite", "lite", ())
    unknown = Instance(crn("us-east", "8"), "unk", "unknown", "unknown", ())
    assert [i.name for i in select([lite, unknown, PREM_D, OPEN_E])] == ["open-e", "prem-d", "unk", "lite-e"]


instances = st.lists(
    st.builds(
        Instance,
        crn=st.builds(crn, st.sampled_from(["us-east", "eu-de", "jp-tok"]), st.uuids().map(str)),
        name=st.text(min_size=1, max_size=8),
        plan=st.sampled_from(["open", "premium", "trial", "pay-as-you-go", "lite", "unknown", ""]),
        pricing_type=st.sampled_from([*PRICING_ORDER, "lite", ""]),
        tags=st.lists(st.sampled_from(["a", "b", "prod", "Team"]), max_size=3, unique=True).map(tuple),
    ),
    max_size=12,
)
maybe_tags = st.none() | st.lists(st.sampled_from(["a", "b", "prod", "team"]), max_size=2)
maybe_plans = st.none() | st.lists(st.sampled_from(["open", "premium", "trial", "lite"]), min_size=1, max_size=3,
                                   unique=True)
maybe_region = st.none() | st.sampled_from(["us-east", "eu-de"])


@given(instances, maybe_region, maybe_plans, maybe_tags)
def test_selection_laws(found: list[Instance], region: str | None, plans: list[str] | None,
                        tags: list[str] | None) -> None:
    chosen = select(found, region=region, plans_preference=plans, tags=tags)
    # A selection only drops and reorders, never invents or duplicates.
    assert all(i in found for i in chosen)
    assert len(chosen) <= len(found)
    for inst in chosen:
        if tags:
            assert all(t.lower() in inst.tags for t in tags)
        if region:
            assert region in inst.crn
        if plans:
            assert inst.plan in plans
    if plans:
        ranks = [plans.index(i.plan) for i in chosen]
    else:
        ranks = [PRICING_ORDER.index(i.pricing_type) if i.pricing_type in PRICING_ORDER else len(PRICING_ORDER)
                 for i in chosen]
    assert ranks == sorted(ranks)
    # Nothing that passes every filter is left out.
    passing = [i for i in found if (not tags or all(t.lower() in i.tags for t in tags))
               and (not region or region in i.crn) and (not plans or i.plan in plans)]
    assert len(chosen) == len(passing)


@given(st.sampled_from(["us-east", "eu-de", "jp-tok"]))
def test_region_of_crn(region: str) -> None:
    assert region_of(crn(region, "x")) == region
    assert region_of("crn:a:b") is None


def test_no_match_messages_say_what_to_do() -> None:
    empty = no_match_error(region=None, plans_preference=None, tags=None, available=0)
    assert isinstance(empty, NoInstancesError) and "Create one at" in str(empty)
    filtered = no_match_error(region="eu-de", plans_preference=["open"], tags=None, available=4)
    assert "region 'eu-de'" in str(filtered) and "plans ['open']" in str(filtered) and "4 instances" in str(filtered)


class Cloud:
    """A Global Search + Catalog stand-in for paging and failure cases the tests need precisely."""

    def __init__(self, items: list[dict[str, object]], plans: dict[str, tuple[str, str] | None]) -> None:
        self.items = items
        self.plans = plans
        self.catalog_calls: list[str] = []
        self.search_calls = 0
        self.lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v3/resources/search":
            self.search_calls += 1
            body = json.loads(request.content)
            start = int(body.get("search_cursor") or 0)
            page = self.items[start:start + 2]
            cursor = str(start + 2) if start + 2 < len(self.items) else None
            return httpx.Response(200, json={"items": page, "search_cursor": cursor})
        plan_id = request.url.path.rsplit("/", 1)[-1]
        with self.lock:
            self.catalog_calls.append(plan_id)
        plan = self.plans.get(plan_id)
        if plan is None:
            return httpx.Response(403, json={"message": "archived"})
        return httpx.Response(200, json={"overview_ui": {"en": {"display_name": plan[0]}},
                                         "metadata": {"pricing": {"type": plan[1]}}})


def item(name: str, plan_id: str, *, allocated: bool = True, tags: list[str] | None = None) -> dict[str, object]:
    doc: dict[str, object] = {"extensions": {"virtual_private_endpoints": {}}} if allocated else {}
    return {"crn": crn("us-east", name), "name": name, "service_plan_unique_id": plan_id, "doc": doc,
            "tags": tags or []}


def directory(cloud: Cloud) -> InstanceDirectory:
    transport = Transport(inner=httpx.MockTransport(cloud), policy=RetryPolicy(max_retries=0))
    return InstanceDirectory(transport.client("https://search.test"), transport.client("https://catalog.test/api/v1"))


def test_discovery_pages_skips_unallocated_and_caches() -> None:
    cloud = Cloud(
        [item("a", "p-open"), item("b", "p-prem", tags=["x"]), item("c", "p-open", allocated=False),
         item("d", "p-archived"), item("e", "p-open")],
        {"p-open": ("Open", "Free"), "p-prem": ("Premium", "subscription")},
    )
    found = directory(cloud)
    first = found.all()
    assert [i.name for i in first] == ["a", "b", "d", "e"]
    assert [(i.plan, i.pricing_type) for i in first] == [
        ("open", "free"), ("premium", "subscription"), ("unknown", "unknown"), ("open", "free")]
    assert first[1].tags == ("x",)
    assert cloud.search_calls == 3
    assert sorted(cloud.catalog_calls) == ["p-archived", "p-open", "p-prem"]  # one lookup per plan
    assert found.all() == first and cloud.search_calls == 3  # cached


def test_name_resolution() -> None:
    cloud = Cloud([item("a", "p"), item("b", "p"), item("b", "p")], {"p": ("Open", "Free")})
    found = directory(cloud)
    assert [i.name for i in found.resolve_name("b")] == ["b", "b"]
    with pytest.raises(InstanceNotFoundError, match=r"No instance named 'zz'.*'a', 'b'"):
        found.resolve_name("zz")
