# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_container import ErrorContainer
from ...models.jobs_response import JobsResponse
from ...models.sort_order import SortOrder
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    pending: bool | Unset = UNSET,
    program: str | Unset = UNSET,
    backend: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    sort: SortOrder | Unset = UNSET,
    tags: list[str] | Unset = UNSET,
    session_id: str | Unset = UNSET,
    exclude_params: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["offset"] = offset

    params["pending"] = pending

    params["program"] = program

    params["backend"] = backend

    json_created_after: str | Unset = UNSET
    if not isinstance(created_after, Unset):
        json_created_after = created_after.isoformat()
    params["created_after"] = json_created_after

    json_created_before: str | Unset = UNSET
    if not isinstance(created_before, Unset):
        json_created_before = created_before.isoformat()
    params["created_before"] = json_created_before

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort

    params["sort"] = json_sort

    json_tags: list[str] | Unset = UNSET
    if not isinstance(tags, Unset):
        json_tags = tags

    params["tags"] = json_tags

    params["session_id"] = session_id

    params["exclude_params"] = exclude_params

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/jobs",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorContainer | JobsResponse | None:
    if response.status_code == 200:
        response_200 = JobsResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorContainer.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorContainer.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorContainer.from_dict(response.json())

        return response_403

    if response.status_code == 429:
        response_429 = ErrorContainer.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorContainer.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorContainer | JobsResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    pending: bool | Unset = UNSET,
    program: str | Unset = UNSET,
    backend: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    sort: SortOrder | Unset = UNSET,
    tags: list[str] | Unset = UNSET,
    session_id: str | Unset = UNSET,
    exclude_params: bool | Unset = UNSET,
) -> Response[ErrorContainer | JobsResponse]:
    """List jobs

     Offset-paged list of the instance's jobs, newest first unless `sort=ASC`. The server replaces
    out-of-range `limit`/`offset` values with its defaults (limit 200, offset 0) rather than
    rejecting them, and leaves job `params` out unless `exclude_params=false`.

    Args:
        limit (int | Unset):
        offset (int | Unset):
        pending (bool | Unset):
        program (str | Unset):
        backend (str | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        sort (SortOrder | Unset):
        tags (list[str] | Unset):
        session_id (str | Unset):
        exclude_params (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorContainer | JobsResponse]
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
        pending=pending,
        program=program,
        backend=backend,
        created_after=created_after,
        created_before=created_before,
        sort=sort,
        tags=tags,
        session_id=session_id,
        exclude_params=exclude_params,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    pending: bool | Unset = UNSET,
    program: str | Unset = UNSET,
    backend: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    sort: SortOrder | Unset = UNSET,
    tags: list[str] | Unset = UNSET,
    session_id: str | Unset = UNSET,
    exclude_params: bool | Unset = UNSET,
) -> ErrorContainer | JobsResponse | None:
    """List jobs

     Offset-paged list of the instance's jobs, newest first unless `sort=ASC`. The server replaces
    out-of-range `limit`/`offset` values with its defaults (limit 200, offset 0) rather than
    rejecting them, and leaves job `params` out unless `exclude_params=false`.

    Args:
        limit (int | Unset):
        offset (int | Unset):
        pending (bool | Unset):
        program (str | Unset):
        backend (str | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        sort (SortOrder | Unset):
        tags (list[str] | Unset):
        session_id (str | Unset):
        exclude_params (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorContainer | JobsResponse
    """

    return sync_detailed(
        client=client,
        limit=limit,
        offset=offset,
        pending=pending,
        program=program,
        backend=backend,
        created_after=created_after,
        created_before=created_before,
        sort=sort,
        tags=tags,
        session_id=session_id,
        exclude_params=exclude_params,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    pending: bool | Unset = UNSET,
    program: str | Unset = UNSET,
    backend: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    sort: SortOrder | Unset = UNSET,
    tags: list[str] | Unset = UNSET,
    session_id: str | Unset = UNSET,
    exclude_params: bool | Unset = UNSET,
) -> Response[ErrorContainer | JobsResponse]:
    """List jobs

     Offset-paged list of the instance's jobs, newest first unless `sort=ASC`. The server replaces
    out-of-range `limit`/`offset` values with its defaults (limit 200, offset 0) rather than
    rejecting them, and leaves job `params` out unless `exclude_params=false`.

    Args:
        limit (int | Unset):
        offset (int | Unset):
        pending (bool | Unset):
        program (str | Unset):
        backend (str | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        sort (SortOrder | Unset):
        tags (list[str] | Unset):
        session_id (str | Unset):
        exclude_params (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorContainer | JobsResponse]
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
        pending=pending,
        program=program,
        backend=backend,
        created_after=created_after,
        created_before=created_before,
        sort=sort,
        tags=tags,
        session_id=session_id,
        exclude_params=exclude_params,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    pending: bool | Unset = UNSET,
    program: str | Unset = UNSET,
    backend: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    sort: SortOrder | Unset = UNSET,
    tags: list[str] | Unset = UNSET,
    session_id: str | Unset = UNSET,
    exclude_params: bool | Unset = UNSET,
) -> ErrorContainer | JobsResponse | None:
    """List jobs

     Offset-paged list of the instance's jobs, newest first unless `sort=ASC`. The server replaces
    out-of-range `limit`/`offset` values with its defaults (limit 200, offset 0) rather than
    rejecting them, and leaves job `params` out unless `exclude_params=false`.

    Args:
        limit (int | Unset):
        offset (int | Unset):
        pending (bool | Unset):
        program (str | Unset):
        backend (str | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        sort (SortOrder | Unset):
        tags (list[str] | Unset):
        session_id (str | Unset):
        exclude_params (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorContainer | JobsResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            offset=offset,
            pending=pending,
            program=program,
            backend=backend,
            created_after=created_after,
            created_before=created_before,
            sort=sort,
            tags=tags,
            session_id=session_id,
            exclude_params=exclude_params,
        )
    ).parsed
