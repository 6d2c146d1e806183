# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AnalyticsUsage")


@_attrs_define
class AnalyticsUsage:
    """Usage totals; durations are in milliseconds.

    Attributes:
        usage (float | Unset): Total usage.
        jobs (float | Unset): Number of jobs.
        sessions (float | Unset): Number of sessions.
        sessions_usage (float | Unset):
        avg_sessions_usage (float | Unset):
        max_sessions_usage (float | Unset):
        batch_sessions (float | Unset):
        batch_sessions_usage (float | Unset):
        avg_batch_sessions_usage (float | Unset):
        max_batch_sessions_usage (float | Unset):
        dedicated_sessions (float | Unset):
        dedicated_sessions_usage (float | Unset):
        avg_dedicated_sessions_usage (float | Unset):
        max_dedicated_sessions_usage (float | Unset):
        individual_jobs (float | Unset):
        individual_jobs_usage (float | Unset):
        avg_individual_jobs_usage (float | Unset):
        max_individual_jobs_usage (float | Unset):
        queue_time (float | Unset):
        avg_queue_time (float | Unset):
        max_queue_time (float | Unset):
    """

    usage: float | Unset = UNSET
    jobs: float | Unset = UNSET
    sessions: float | Unset = UNSET
    sessions_usage: float | Unset = UNSET
    avg_sessions_usage: float | Unset = UNSET
    max_sessions_usage: float | Unset = UNSET
    batch_sessions: float | Unset = UNSET
    batch_sessions_usage: float | Unset = UNSET
    avg_batch_sessions_usage: float | Unset = UNSET
    max_batch_sessions_usage: float | Unset = UNSET
    dedicated_sessions: float | Unset = UNSET
    dedicated_sessions_usage: float | Unset = UNSET
    avg_dedicated_sessions_usage: float | Unset = UNSET
    max_dedicated_sessions_usage: float | Unset = UNSET
    individual_jobs: float | Unset = UNSET
    individual_jobs_usage: float | Unset = UNSET
    avg_individual_jobs_usage: float | Unset = UNSET
    max_individual_jobs_usage: float | Unset = UNSET
    queue_time: float | Unset = UNSET
    avg_queue_time: float | Unset = UNSET
    max_queue_time: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        usage = self.usage

        jobs = self.jobs

        sessions = self.sessions

        sessions_usage = self.sessions_usage

        avg_sessions_usage = self.avg_sessions_usage

        max_sessions_usage = self.max_sessions_usage

        batch_sessions = self.batch_sessions

        batch_sessions_usage = self.batch_sessions_usage

        avg_batch_sessions_usage = self.avg_batch_sessions_usage

        max_batch_sessions_usage = self.max_batch_sessions_usage

        dedicated_sessions = self.dedicated_sessions

        dedicated_sessions_usage = self.dedicated_sessions_usage

        avg_dedicated_sessions_usage = self.avg_dedicated_sessions_usage

        max_dedicated_sessions_usage = self.max_dedicated_sessions_usage

        individual_jobs = self.individual_jobs

        individual_jobs_usage = self.individual_jobs_usage

        avg_individual_jobs_usage = self.avg_individual_jobs_usage

        max_individual_jobs_usage = self.max_individual_jobs_usage

        queue_time = self.queue_time

        avg_queue_time = self.avg_queue_time

        max_queue_time = self.max_queue_time

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if usage is not UNSET:
            field_dict["usage"] = usage
        if jobs is not UNSET:
            field_dict["jobs"] = jobs
        if sessions is not UNSET:
            field_dict["sessions"] = sessions
        if sessions_usage is not UNSET:
            field_dict["sessions_usage"] = sessions_usage
        if avg_sessions_usage is not UNSET:
            field_dict["avg_sessions_usage"] = avg_sessions_usage
        if max_sessions_usage is not UNSET:
            field_dict["max_sessions_usage"] = max_sessions_usage
        if batch_sessions is not UNSET:
            field_dict["batch_sessions"] = batch_sessions
        if batch_sessions_usage is not UNSET:
            field_dict["batch_sessions_usage"] = batch_sessions_usage
        if avg_batch_sessions_usage is not UNSET:
            field_dict["avg_batch_sessions_usage"] = avg_batch_sessions_usage
        if max_batch_sessions_usage is not UNSET:
            field_dict["max_batch_sessions_usage"] = max_batch_sessions_usage
        if dedicated_sessions is not UNSET:
            field_dict["dedicated_sessions"] = dedicated_sessions
        if dedicated_sessions_usage is not UNSET:
            field_dict["dedicated_sessions_usage"] = dedicated_sessions_usage
        if avg_dedicated_sessions_usage is not UNSET:
            field_dict["avg_dedicated_sessions_usage"] = avg_dedicated_sessions_usage
        if max_dedicated_sessions_usage is not UNSET:
            field_dict["max_dedicated_sessions_usage"] = max_dedicated_sessions_usage
        if individual_jobs is not UNSET:
            field_dict["individual_jobs"] = individual_jobs
        if individual_jobs_usage is not UNSET:
            field_dict["individual_jobs_usage"] = individual_jobs_usage
        if avg_individual_jobs_usage is not UNSET:
            field_dict["avg_individual_jobs_usage"] = avg_individual_jobs_usage
        if max_individual_jobs_usage is not UNSET:
            field_dict["max_individual_jobs_usage"] = max_individual_jobs_usage
        if queue_time is not UNSET:
            field_dict["queue_time"] = queue_time
        if avg_queue_time is not UNSET:
            field_dict["avg_queue_time"] = avg_queue_time
        if max_queue_time is not UNSET:
            field_dict["max_queue_time"] = max_queue_time

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        usage = d.pop("usage", UNSET)

        jobs = d.pop("jobs", UNSET)

        sessions = d.pop("sessions", UNSET)

        sessions_usage = d.pop("sessions_usage", UNSET)

        avg_sessions_usage = d.pop("avg_sessions_usage", UNSET)

        max_sessions_usage = d.pop("max_sessions_usage", UNSET)

        batch_sessions = d.pop("batch_sessions", UNSET)

        batch_sessions_usage = d.pop("batch_sessions_usage", UNSET)

        avg_batch_sessions_usage = d.pop("avg_batch_sessions_usage", UNSET)

        max_batch_sessions_usage = d.pop("max_batch_sessions_usage", UNSET)

        dedicated_sessions = d.pop("dedicated_sessions", UNSET)

        dedicated_sessions_usage = d.pop("dedicated_sessions_usage", UNSET)

        avg_dedicated_sessions_usage = d.pop("avg_dedicated_sessions_usage", UNSET)

        max_dedicated_sessions_usage = d.pop("max_dedicated_sessions_usage", UNSET)

        individual_jobs = d.pop("individual_jobs", UNSET)

        individual_jobs_usage = d.pop("individual_jobs_usage", UNSET)

        avg_individual_jobs_usage = d.pop("avg_individual_jobs_usage", UNSET)

        max_individual_jobs_usage = d.pop("max_individual_jobs_usage", UNSET)

        queue_time = d.pop("queue_time", UNSET)

        avg_queue_time = d.pop("avg_queue_time", UNSET)

        max_queue_time = d.pop("max_queue_time", UNSET)

        analytics_usage = cls(
            usage=usage,
            jobs=jobs,
            sessions=sessions,
            sessions_usage=sessions_usage,
            avg_sessions_usage=avg_sessions_usage,
            max_sessions_usage=max_sessions_usage,
            batch_sessions=batch_sessions,
            batch_sessions_usage=batch_sessions_usage,
            avg_batch_sessions_usage=avg_batch_sessions_usage,
            max_batch_sessions_usage=max_batch_sessions_usage,
            dedicated_sessions=dedicated_sessions,
            dedicated_sessions_usage=dedicated_sessions_usage,
            avg_dedicated_sessions_usage=avg_dedicated_sessions_usage,
            max_dedicated_sessions_usage=max_dedicated_sessions_usage,
            individual_jobs=individual_jobs,
            individual_jobs_usage=individual_jobs_usage,
            avg_individual_jobs_usage=avg_individual_jobs_usage,
            max_individual_jobs_usage=max_individual_jobs_usage,
            queue_time=queue_time,
            avg_queue_time=avg_queue_time,
            max_queue_time=max_queue_time,
        )

        analytics_usage.additional_properties = d
        return analytics_usage

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
