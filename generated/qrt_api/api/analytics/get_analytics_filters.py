# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.analytics_filters import AnalyticsFilters
from ...models.generic_error_dto import GenericErrorDto
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    instance: list[str] | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_instance: list[str] | Unset = UNSET
    if not isinstance(instance, Unset):
        json_instance = instance

    params["instance"] = json_instance

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/analytics/filters",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AnalyticsFilters | GenericErrorDto | None:
    if response.status_code == 200:
        response_200 = AnalyticsFilters.from_dict(response.json())

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
) -> Response[AnalyticsFilters | GenericErrorDto]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    instance: list[str] | Unset = UNSET,
) -> Response[AnalyticsFilters | GenericErrorDto]:
    """Get the analytics filter values

     The backends, instances, users, plans and subscriptions that analytics can filter on.

    Args:
        instance (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AnalyticsFilters | GenericErrorDto]
    """

    kwargs = _get_kwargs(
        instance=instance,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    instance: list[str] | Unset = UNSET,
) -> AnalyticsFilters | GenericErrorDto | None:
    """Get the analytics filter values

     The backends, instances, users, plans and subscriptions that analytics can filter on.

    Args:
        instance (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AnalyticsFilters | GenericErrorDto
    """

    return sync_detailed(
        client=client,
        instance=instance,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    instance: list[str] | Unset = UNSET,
) -> Response[AnalyticsFilters | GenericErrorDto]:
    """Get the analytics filter values

     The backends, instances, users, plans and subscriptions that analytics can filter on.

    Args:
        instance (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AnalyticsFilters | GenericErrorDto]
    """

    kwargs = _get_kwargs(
        instance=instance,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    instance: list[str] | Unset = UNSET,
) -> AnalyticsFilters | GenericErrorDto | None:
    """Get the analytics filter values

     The backends, instances, users, plans and subscriptions that analytics can filter on.

    Args:
        instance (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AnalyticsFilters | GenericErrorDto
    """

    return (
        await asyncio_detailed(
            client=client,
            instance=instance,
        )
    ).parsed
