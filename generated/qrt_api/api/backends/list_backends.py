# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.backend_list_field import BackendListField
from ...models.backends_response import BackendsResponse
from ...models.error_container import ErrorContainer
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    fields: BackendListField | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_fields: str | Unset = UNSET
    if not isinstance(fields, Unset):
        json_fields = fields

    params["fields"] = json_fields

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/backends",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BackendsResponse | ErrorContainer | None:
    if response.status_code == 200:
        response_200 = BackendsResponse.from_dict(response.json())

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
) -> Response[BackendsResponse | ErrorContainer]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    fields: BackendListField | Unset = UNSET,
) -> Response[BackendsResponse | ErrorContainer]:
    """List the backends of the instance

     Lists the backends the instance may use, with their status and queue length. Not paged.
    The official SDK also sends an undocumented `include_mocks=True`; servers ignore unknown query
    parameters.

    Args:
        fields (BackendListField | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BackendsResponse | ErrorContainer]
    """

    kwargs = _get_kwargs(
        fields=fields,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    fields: BackendListField | Unset = UNSET,
) -> BackendsResponse | ErrorContainer | None:
    """List the backends of the instance

     Lists the backends the instance may use, with their status and queue length. Not paged.
    The official SDK also sends an undocumented `include_mocks=True`; servers ignore unknown query
    parameters.

    Args:
        fields (BackendListField | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BackendsResponse | ErrorContainer
    """

    return sync_detailed(
        client=client,
        fields=fields,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    fields: BackendListField | Unset = UNSET,
) -> Response[BackendsResponse | ErrorContainer]:
    """List the backends of the instance

     Lists the backends the instance may use, with their status and queue length. Not paged.
    The official SDK also sends an undocumented `include_mocks=True`; servers ignore unknown query
    parameters.

    Args:
        fields (BackendListField | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BackendsResponse | ErrorContainer]
    """

    kwargs = _get_kwargs(
        fields=fields,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    fields: BackendListField | Unset = UNSET,
) -> BackendsResponse | ErrorContainer | None:
    """List the backends of the instance

     Lists the backends the instance may use, with their status and queue length. Not paged.
    The official SDK also sends an undocumented `include_mocks=True`; servers ignore unknown query
    parameters.

    Args:
        fields (BackendListField | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BackendsResponse | ErrorContainer
    """

    return (
        await asyncio_detailed(
            client=client,
            fields=fields,
        )
    ).parsed
