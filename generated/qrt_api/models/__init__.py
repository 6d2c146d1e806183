# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
"""Contains all the data models used in inputs/outputs"""

from .account_configuration import AccountConfiguration
from .account_plan import AccountPlan
from .analytics_date_group_by import AnalyticsDateGroupBy
from .analytics_filters import AnalyticsFilters
from .analytics_group_by import AnalyticsGroupBy
from .analytics_instance_filter import AnalyticsInstanceFilter
from .analytics_named_filter import AnalyticsNamedFilter
from .analytics_subscription_filter import AnalyticsSubscriptionFilter
from .analytics_usage import AnalyticsUsage
from .analytics_usage_by_date import AnalyticsUsageByDate
from .analytics_usage_date_group import AnalyticsUsageDateGroup
from .analytics_usage_group import AnalyticsUsageGroup
from .analytics_usage_grouped import AnalyticsUsageGrouped
from .analytics_user_filter import AnalyticsUserFilter
from .api_version import ApiVersion
from .backend_configuration import BackendConfiguration
from .backend_defaults import BackendDefaults
from .backend_device import BackendDevice
from .backend_device_status import BackendDeviceStatus
from .backend_list_field import BackendListField
from .backend_properties import BackendProperties
from .backend_status import BackendStatus
from .backends_response import BackendsResponse
from .clops import Clops
from .error_container import ErrorContainer
from .error_item import ErrorItem
from .error_metric import ErrorMetric
from .gate_config import GateConfig
from .gate_properties import GateProperties
from .generic_error_dto import GenericErrorDto
from .generic_error_item import GenericErrorItem
from .instance import Instance
from .instance_configuration import InstanceConfiguration
from .instance_usage import InstanceUsage
from .job_create_request import JobCreateRequest
from .job_create_response import JobCreateResponse
from .job_metrics import JobMetrics
from .job_params import JobParams
from .job_program import JobProgram
from .job_response import JobResponse
from .job_session import JobSession
from .job_state import JobState
from .job_tags_update import JobTagsUpdate
from .job_timestamps import JobTimestamps
from .jobs_response import JobsResponse
from .nduv import Nduv
from .page_link import PageLink
from .performance_metrics import PerformanceMetrics
from .processor_type import ProcessorType
from .qpu_usage import QpuUsage
from .session_create_request import SessionCreateRequest
from .session_mode import SessionMode
from .session_timestamp import SessionTimestamp
from .session_update import SessionUpdate
from .sort_order import SortOrder
from .tag_type import TagType
from .tags_response import TagsResponse
from .transpiled_circuits import TranspiledCircuits
from .usage_period import UsagePeriod
from .versions_response import VersionsResponse
from .wait_time import WaitTime
from .workload import Workload
from .workload_mode_filter import WorkloadModeFilter
from .workload_sort import WorkloadSort
from .workload_status_filter import WorkloadStatusFilter
from .workload_user import WorkloadUser
from .workloads_page import WorkloadsPage

__all__ = (
    "AccountConfiguration",
    "AccountPlan",
    "AnalyticsDateGroupBy",
    "AnalyticsFilters",
    "AnalyticsGroupBy",
    "AnalyticsInstanceFilter",
    "AnalyticsNamedFilter",
    "AnalyticsSubscriptionFilter",
    "AnalyticsUsage",
    "AnalyticsUsageByDate",
    "AnalyticsUsageDateGroup",
    "AnalyticsUsageGroup",
    "AnalyticsUsageGrouped",
    "AnalyticsUserFilter",
    "ApiVersion",
    "BackendConfiguration",
    "BackendDefaults",
    "BackendDevice",
    "BackendDeviceStatus",
    "BackendListField",
    "BackendProperties",
    "BackendsResponse",
    "BackendStatus",
    "Clops",
    "ErrorContainer",
    "ErrorItem",
    "ErrorMetric",
    "GateConfig",
    "GateProperties",
    "GenericErrorDto",
    "GenericErrorItem",
    "Instance",
    "InstanceConfiguration",
    "InstanceUsage",
    "JobCreateRequest",
    "JobCreateResponse",
    "JobMetrics",
    "JobParams",
    "JobProgram",
    "JobResponse",
    "JobSession",
    "JobsResponse",
    "JobState",
    "JobTagsUpdate",
    "JobTimestamps",
    "Nduv",
    "PageLink",
    "PerformanceMetrics",
    "ProcessorType",
    "QpuUsage",
    "SessionCreateRequest",
    "SessionMode",
    "SessionTimestamp",
    "SessionUpdate",
    "SortOrder",
    "TagsResponse",
    "TagType",
    "TranspiledCircuits",
    "UsagePeriod",
    "VersionsResponse",
    "WaitTime",
    "Workload",
    "WorkloadModeFilter",
    "WorkloadSort",
    "WorkloadsPage",
    "WorkloadStatusFilter",
    "WorkloadUser",
)
