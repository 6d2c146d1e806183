# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_container import ErrorContainer
from ...models.session_update import SessionUpdate
from ...types import Response


def _get_kwargs(
    id: str,
    *,
    body: SessionUpdate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/sessions/{id}".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | ErrorContainer | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

    if response.status_code == 400:
        response_400 = ErrorContainer.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorContainer.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorContainer.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorContainer.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ErrorContainer.from_dict(response.json())

        return response_409

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
) -> Response[Any | ErrorContainer]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SessionUpdate,
) -> Response[Any | ErrorContainer]:
    """Update a session

     `accepting_jobs: false` closes the session gracefully: it takes no new jobs, but jobs already
    queued in it still run.

    Args:
        id (str):
        body (SessionUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorContainer]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SessionUpdate,
) -> Any | ErrorContainer | None:
    """Update a session

     `accepting_jobs: false` closes the session gracefully: it takes no new jobs, but jobs already
    queued in it still run.

    Args:
        id (str):
        body (SessionUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorContainer
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SessionUpdate,
) -> Response[Any | ErrorContainer]:
    """Update a session

     `accepting_jobs: false` closes the session gracefully: it takes no new jobs, but jobs already
    queued in it still run.

    Args:
        id (str):
        body (SessionUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorContainer]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SessionUpdate,
) -> Any | ErrorContainer | None:
    """Update a session

     `accepting_jobs: false` closes the session gracefully: it takes no new jobs, but jobs already
    queued in it still run.

    Args:
        id (str):
        body (SessionUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorContainer
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
