# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.analytics_group_by import AnalyticsGroupBy
from ...models.analytics_usage_grouped import AnalyticsUsageGrouped
from ...models.generic_error_dto import GenericErrorDto
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    group_by: AnalyticsGroupBy,
    instance: list[str] | Unset = UNSET,
    interval_start: datetime.datetime | Unset = UNSET,
    interval_end: datetime.datetime | Unset = UNSET,
    backend: list[str] | Unset = UNSET,
    user_id: list[str] | Unset = UNSET,
    simulators: bool | Unset = UNSET,
    plan: list[str] | Unset = UNSET,
    subscription_id: list[str] | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_group_by: str = group_by
    params["group_by"] = json_group_by

    json_instance: list[str] | Unset = UNSET
    if not isinstance(instance, Unset):
        json_instance = instance

    params["instance"] = json_instance

    json_interval_start: str | Unset = UNSET
    if not isinstance(interval_start, Unset):
        json_interval_start = interval_start.isoformat()
    params["interval_start"] = json_interval_start

    json_interval_end: str | Unset = UNSET
    if not isinstance(interval_end, Unset):
        json_interval_end = interval_end.isoformat()
    params["interval_end"] = json_interval_end

    json_backend: list[str] | Unset = UNSET
    if not isinstance(backend, Unset):
        json_backend = backend

    params["backend"] = json_backend

    json_user_id: list[str] | Unset = UNSET
    if not isinstance(user_id, Unset):
        json_user_id = user_id

    params["user_id"] = json_user_id

    params["simulators"] = simulators

    json_plan: list[str] | Unset = UNSET
    if not isinstance(plan, Unset):
        json_plan = plan

    params["plan"] = json_plan

    json_subscription_id: list[str] | Unset = UNSET
    if not isinstance(subscription_id, Unset):
        json_subscription_id = subscription_id

    params["subscription_id"] = json_subscription_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/analytics/usage_grouped",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AnalyticsUsageGrouped | GenericErrorDto | None:
    if response.status_code == 200:
        response_200 = AnalyticsUsageGrouped.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = GenericErrorDto.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = GenericErrorDto.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = GenericErrorDto.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = GenericErrorDto.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = GenericErrorDto.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = GenericErrorDto.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AnalyticsUsageGrouped | GenericErrorDto]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    group_by: AnalyticsGroupBy,
    instance: list[str] | Unset = UNSET,
    interval_start: datetime.datetime | Unset = UNSET,
    interval_end: datetime.datetime | Unset = UNSET,
    backend: list[str] | Unset = UNSET,
    user_id: list[str] | Unset = UNSET,
    simulators: bool | Unset = UNSET,
    plan: list[str] | Unset = UNSET,
    subscription_id: list[str] | Unset = UNSET,
) -> Response[AnalyticsUsageGrouped | GenericErrorDto]:
    """Get usage totals per group

    Args:
        group_by (AnalyticsGroupBy):
        instance (list[str] | Unset):
        interval_start (datetime.datetime | Unset):
        interval_end (datetime.datetime | Unset):
        backend (list[str] | Unset):
        user_id (list[str] | Unset):
        simulators (bool | Unset):
        plan (list[str] | Unset):
        subscription_id (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AnalyticsUsageGrouped | GenericErrorDto]
    """

    kwargs = _get_kwargs(
        group_by=group_by,
        instance=instance,
        interval_start=interval_start,
        interval_end=interval_end,
        backend=backend,
        user_id=user_id,
        simulators=simulators,
        plan=plan,
        subscription_id=subscription_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    group_by: AnalyticsGroupBy,
    instance: list[str] | Unset = UNSET,
    interval_start: datetime.datetime | Unset = UNSET,
    interval_end: datetime.datetime | Unset = UNSET,
    backend: list[str] | Unset = UNSET,
    user_id: list[str] | Unset = UNSET,
    simulators: bool | Unset = UNSET,
    plan: list[str] | Unset = UNSET,
    subscription_id: list[str] | Unset = UNSET,
) -> AnalyticsUsageGrouped | GenericErrorDto | None:
    """Get usage totals per group

    Args:
        group_by (AnalyticsGroupBy):
        instance (list[str] | Unset):
        interval_start (datetime.datetime | Unset):
        interval_end (datetime.datetime | Unset):
        backend (list[str] | Unset):
        user_id (list[str] | Unset):
        simulators (bool | Unset):
        plan (list[str] | Unset):
        subscription_id (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AnalyticsUsageGrouped | GenericErrorDto
    """

    return sync_detailed(
        client=client,
        group_by=group_by,
        instance=instance,
        interval_start=interval_start,
        interval_end=interval_end,
        backend=backend,
        user_id=user_id,
        simulators=simulators,
        plan=plan,
        subscription_id=subscription_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    group_by: AnalyticsGroupBy,
    instance: list[str] | Unset = UNSET,
    interval_start: datetime.datetime | Unset = UNSET,
    interval_end: datetime.datetime | Unset = UNSET,
    backend: list[str] | Unset = UNSET,
    user_id: list[str] | Unset = UNSET,
    simulators: bool | Unset = UNSET,
    plan: list[str] | Unset = UNSET,
    subscription_id: list[str] | Unset = UNSET,
) -> Response[AnalyticsUsageGrouped | GenericErrorDto]:
    """Get usage totals per group

    Args:
        group_by (AnalyticsGroupBy):
        instance (list[str] | Unset):
        interval_start (datetime.datetime | Unset):
        interval_end (datetime.datetime | Unset):
        backend (list[str] | Unset):
        user_id (list[str] | Unset):
        simulators (bool | Unset):
        plan (list[str] | Unset):
        subscription_id (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AnalyticsUsageGrouped | GenericErrorDto]
    """

    kwargs = _get_kwargs(
        group_by=group_by,
        instance=instance,
        interval_start=interval_start,
        interval_end=interval_end,
        backend=backend,
        user_id=user_id,
        simulators=simulators,
        plan=plan,
        subscription_id=subscription_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    group_by: AnalyticsGroupBy,
    instance: list[str] | Unset = UNSET,
    interval_start: datetime.datetime | Unset = UNSET,
    interval_end: datetime.datetime | Unset = UNSET,
    backend: list[str] | Unset = UNSET,
    user_id: list[str] | Unset = UNSET,
    simulators: bool | Unset = UNSET,
    plan: list[str] | Unset = UNSET,
    subscription_id: list[str] | Unset = UNSET,
) -> AnalyticsUsageGrouped | GenericErrorDto | None:
    """Get usage totals per group

    Args:
        group_by (AnalyticsGroupBy):
        instance (list[str] | Unset):
        interval_start (datetime.datetime | Unset):
        interval_end (datetime.datetime | Unset):
        backend (list[str] | Unset):
        user_id (list[str] | Unset):
        simulators (bool | Unset):
        plan (list[str] | Unset):
        subscription_id (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AnalyticsUsageGrouped | GenericErrorDto
    """

    return (
        await asyncio_detailed(
            client=client,
            group_by=group_by,
            instance=instance,
            interval_start=interval_start,
            interval_end=interval_end,
            backend=backend,
            user_id=user_id,
            simulators=simulators,
            plan=plan,
            subscription_id=subscription_id,
        )
    ).parsed
