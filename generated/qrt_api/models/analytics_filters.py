# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.analytics_instance_filter import AnalyticsInstanceFilter
    from ..models.analytics_named_filter import AnalyticsNamedFilter
    from ..models.analytics_subscription_filter import AnalyticsSubscriptionFilter
    from ..models.analytics_user_filter import AnalyticsUserFilter


T = TypeVar("T", bound="AnalyticsFilters")


@_attrs_define
class AnalyticsFilters:
    """
    Attributes:
        backends (list[AnalyticsNamedFilter] | Unset):
        plans (list[AnalyticsNamedFilter] | Unset):
        instances (list[AnalyticsInstanceFilter] | Unset):
        users (list[AnalyticsUserFilter] | Unset):
        subscriptions (list[AnalyticsSubscriptionFilter] | Unset):
    """

    backends: list[AnalyticsNamedFilter] | Unset = UNSET
    plans: list[AnalyticsNamedFilter] | Unset = UNSET
    instances: list[AnalyticsInstanceFilter] | Unset = UNSET
    users: list[AnalyticsUserFilter] | Unset = UNSET
    subscriptions: list[AnalyticsSubscriptionFilter] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        backends: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.backends, Unset):
            backends = []
            for backends_item_data in self.backends:
                backends_item = backends_item_data.to_dict()
                backends.append(backends_item)

        plans: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.plans, Unset):
            plans = []
            for plans_item_data in self.plans:
                plans_item = plans_item_data.to_dict()
                plans.append(plans_item)

        instances: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.instances, Unset):
            instances = []
            for instances_item_data in self.instances:
                instances_item = instances_item_data.to_dict()
                instances.append(instances_item)

        users: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.users, Unset):
            users = []
            for users_item_data in self.users:
                users_item = users_item_data.to_dict()
                users.append(users_item)

        subscriptions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.subscriptions, Unset):
            subscriptions = []
            for subscriptions_item_data in self.subscriptions:
                subscriptions_item = subscriptions_item_data.to_dict()
                subscriptions.append(subscriptions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if backends is not UNSET:
            field_dict["backends"] = backends
        if plans is not UNSET:
            field_dict["plans"] = plans
        if instances is not UNSET:
            field_dict["instances"] = instances
        if users is not UNSET:
            field_dict["users"] = users
        if subscriptions is not UNSET:
            field_dict["subscriptions"] = subscriptions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.analytics_instance_filter import AnalyticsInstanceFilter  # noqa: PLC0415
        from ..models.analytics_named_filter import AnalyticsNamedFilter  # noqa: PLC0415
        from ..models.analytics_subscription_filter import AnalyticsSubscriptionFilter  # noqa: PLC0415
        from ..models.analytics_user_filter import AnalyticsUserFilter  # noqa: PLC0415

        d = dict(src_dict)
        _backends = d.pop("backends", UNSET)
        backends: list[AnalyticsNamedFilter] | Unset = UNSET
        if _backends is not UNSET:
            backends = []
            for backends_item_data in _backends:
                backends_item = AnalyticsNamedFilter.from_dict(backends_item_data)

                backends.append(backends_item)

        _plans = d.pop("plans", UNSET)
        plans: list[AnalyticsNamedFilter] | Unset = UNSET
        if _plans is not UNSET:
            plans = []
            for plans_item_data in _plans:
                plans_item = AnalyticsNamedFilter.from_dict(plans_item_data)

                plans.append(plans_item)

        _instances = d.pop("instances", UNSET)
        instances: list[AnalyticsInstanceFilter] | Unset = UNSET
        if _instances is not UNSET:
            instances = []
            for instances_item_data in _instances:
                instances_item = AnalyticsInstanceFilter.from_dict(instances_item_data)

                instances.append(instances_item)

        _users = d.pop("users", UNSET)
        users: list[AnalyticsUserFilter] | Unset = UNSET
        if _users is not UNSET:
            users = []
            for users_item_data in _users:
                users_item = AnalyticsUserFilter.from_dict(users_item_data)

                users.append(users_item)

        _subscriptions = d.pop("subscriptions", UNSET)
        subscriptions: list[AnalyticsSubscriptionFilter] | Unset = UNSET
        if _subscriptions is not UNSET:
            subscriptions = []
            for subscriptions_item_data in _subscriptions:
                subscriptions_item = AnalyticsSubscriptionFilter.from_dict(subscriptions_item_data)

                subscriptions.append(subscriptions_item)

        analytics_filters = cls(
            backends=backends,
            plans=plans,
            instances=instances,
            users=users,
            subscriptions=subscriptions,
        )

        analytics_filters.additional_properties = d
        return analytics_filters

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
