# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_container import ErrorContainer
from ...models.job_session import JobSession
from ...types import Response


def _get_kwargs(
    id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/sessions/{id}".format(
            id=quote(str(id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorContainer | JobSession | None:
    if response.status_code == 200:
        response_200 = JobSession.from_dict(response.json())

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

    if response.status_code == 404:
        response_404 = ErrorContainer.from_dict(response.json())

        return response_404

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
) -> Response[ErrorContainer | JobSession]:
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
) -> Response[ErrorContainer | JobSession]:
    """Get a session

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorContainer | JobSession]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorContainer | JobSession | None:
    """Get a session

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorContainer | JobSession
    """

    return sync_detailed(
        id=id,
        client=client,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorContainer | JobSession]:
    """Get a session

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorContainer | JobSession]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorContainer | JobSession | None:
    """Get a session

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorContainer | JobSession
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
        )
    ).parsed
