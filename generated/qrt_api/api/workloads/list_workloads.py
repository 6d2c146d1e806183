# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.generic_error_dto import GenericErrorDto
from ...models.workload_mode_filter import WorkloadModeFilter
from ...models.workload_sort import WorkloadSort
from ...models.workload_status_filter import WorkloadStatusFilter
from ...models.workload_user import WorkloadUser
from ...models.workloads_page import WorkloadsPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    user: WorkloadUser | Unset = UNSET,
    sort: WorkloadSort | Unset = UNSET,
    limit: int | Unset = UNSET,
    next_: str | Unset = UNSET,
    previous: str | Unset = UNSET,
    backend: str | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[WorkloadStatusFilter] | Unset = UNSET,
    mode: WorkloadModeFilter | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    tags: list[str] | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_user: str | Unset = UNSET
    if not isinstance(user, Unset):
        json_user = user

    params["user"] = json_user

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort

    params["sort"] = json_sort

    params["limit"] = limit

    params["next"] = next_

    params["previous"] = previous

    params["backend"] = backend

    params["search"] = search

    json_status: list[str] | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = []
        for status_item_data in status:
            status_item: str = status_item_data
            json_status.append(status_item)

    params["status"] = json_status

    json_mode: str | Unset = UNSET
    if not isinstance(mode, Unset):
        json_mode = mode

    params["mode"] = json_mode

    json_created_after: str | Unset = UNSET
    if not isinstance(created_after, Unset):
        json_created_after = created_after.isoformat()
    params["created_after"] = json_created_after

    json_created_before: str | Unset = UNSET
    if not isinstance(created_before, Unset):
        json_created_before = created_before.isoformat()
    params["created_before"] = json_created_before

    json_tags: list[str] | Unset = UNSET
    if not isinstance(tags, Unset):
        json_tags = tags

    params["tags"] = json_tags

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/workloads",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> GenericErrorDto | WorkloadsPage | None:
    if response.status_code == 200:
        response_200 = WorkloadsPage.from_dict(response.json())

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
) -> Response[GenericErrorDto | WorkloadsPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    user: WorkloadUser | Unset = UNSET,
    sort: WorkloadSort | Unset = UNSET,
    limit: int | Unset = UNSET,
    next_: str | Unset = UNSET,
    previous: str | Unset = UNSET,
    backend: str | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[WorkloadStatusFilter] | Unset = UNSET,
    mode: WorkloadModeFilter | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    tags: list[str] | Unset = UNSET,
) -> Response[GenericErrorDto | WorkloadsPage]:
    """List workloads

     Cursor-paged list of the instance's jobs and sessions. Pass the cursor found in a page's
    `next.href` (or `previous.href`) back as `next` (or `previous`).

    Args:
        user (WorkloadUser | Unset):
        sort (WorkloadSort | Unset):
        limit (int | Unset):
        next_ (str | Unset):
        previous (str | Unset):
        backend (str | Unset):
        search (str | Unset):
        status (list[WorkloadStatusFilter] | Unset):
        mode (WorkloadModeFilter | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        tags (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GenericErrorDto | WorkloadsPage]
    """

    kwargs = _get_kwargs(
        user=user,
        sort=sort,
        limit=limit,
        next_=next_,
        previous=previous,
        backend=backend,
        search=search,
        status=status,
        mode=mode,
        created_after=created_after,
        created_before=created_before,
        tags=tags,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    user: WorkloadUser | Unset = UNSET,
    sort: WorkloadSort | Unset = UNSET,
    limit: int | Unset = UNSET,
    next_: str | Unset = UNSET,
    previous: str | Unset = UNSET,
    backend: str | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[WorkloadStatusFilter] | Unset = UNSET,
    mode: WorkloadModeFilter | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    tags: list[str] | Unset = UNSET,
) -> GenericErrorDto | WorkloadsPage | None:
    """List workloads

     Cursor-paged list of the instance's jobs and sessions. Pass the cursor found in a page's
    `next.href` (or `previous.href`) back as `next` (or `previous`).

    Args:
        user (WorkloadUser | Unset):
        sort (WorkloadSort | Unset):
        limit (int | Unset):
        next_ (str | Unset):
        previous (str | Unset):
        backend (str | Unset):
        search (str | Unset):
        status (list[WorkloadStatusFilter] | Unset):
        mode (WorkloadModeFilter | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        tags (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GenericErrorDto | WorkloadsPage
    """

    return sync_detailed(
        client=client,
        user=user,
        sort=sort,
        limit=limit,
        next_=next_,
        previous=previous,
        backend=backend,
        search=search,
        status=status,
        mode=mode,
        created_after=created_after,
        created_before=created_before,
        tags=tags,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    user: WorkloadUser | Unset = UNSET,
    sort: WorkloadSort | Unset = UNSET,
    limit: int | Unset = UNSET,
    next_: str | Unset = UNSET,
    previous: str | Unset = UNSET,
    backend: str | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[WorkloadStatusFilter] | Unset = UNSET,
    mode: WorkloadModeFilter | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    tags: list[str] | Unset = UNSET,
) -> Response[GenericErrorDto | WorkloadsPage]:
    """List workloads

     Cursor-paged list of the instance's jobs and sessions. Pass the cursor found in a page's
    `next.href` (or `previous.href`) back as `next` (or `previous`).

    Args:
        user (WorkloadUser | Unset):
        sort (WorkloadSort | Unset):
        limit (int | Unset):
        next_ (str | Unset):
        previous (str | Unset):
        backend (str | Unset):
        search (str | Unset):
        status (list[WorkloadStatusFilter] | Unset):
        mode (WorkloadModeFilter | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        tags (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GenericErrorDto | WorkloadsPage]
    """

    kwargs = _get_kwargs(
        user=user,
        sort=sort,
        limit=limit,
        next_=next_,
        previous=previous,
        backend=backend,
        search=search,
        status=status,
        mode=mode,
        created_after=created_after,
        created_before=created_before,
        tags=tags,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    user: WorkloadUser | Unset = UNSET,
    sort: WorkloadSort | Unset = UNSET,
    limit: int | Unset = UNSET,
    next_: str | Unset = UNSET,
    previous: str | Unset = UNSET,
    backend: str | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[WorkloadStatusFilter] | Unset = UNSET,
    mode: WorkloadModeFilter | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    tags: list[str] | Unset = UNSET,
) -> GenericErrorDto | WorkloadsPage | None:
    """List workloads

     Cursor-paged list of the instance's jobs and sessions. Pass the cursor found in a page's
    `next.href` (or `previous.href`) back as `next` (or `previous`).

    Args:
        user (WorkloadUser | Unset):
        sort (WorkloadSort | Unset):
        limit (int | Unset):
        next_ (str | Unset):
        previous (str | Unset):
        backend (str | Unset):
        search (str | Unset):
        status (list[WorkloadStatusFilter] | Unset):
        mode (WorkloadModeFilter | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        tags (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GenericErrorDto | WorkloadsPage
    """

    return (
        await asyncio_detailed(
            client=client,
            user=user,
            sort=sort,
            limit=limit,
            next_=next_,
            previous=previous,
            backend=backend,
            search=search,
            status=status,
            mode=mode,
            created_after=created_after,
            created_before=created_before,
            tags=tags,
        )
    ).parsed
