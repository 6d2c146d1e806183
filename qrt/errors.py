"""The one exception tree of qrt.

Every error qrt raises on purpose derives from :class:`QrtError`::

    QrtError
    ├── ConfigurationError (also ValueError)   a bad argument, setting or environment variable
    │   ├── InvalidAccountError                an account's values fail validation
    │   │   └── RetiredChannelError            the account uses the retired ``ibm_quantum`` channel
    │   ├── AccountNotFoundError (LookupError) no account matches the name or channel asked for
    │   ├── AccountAlreadyExistsError          saving would replace an account (or default) without overwrite
    │   ├── AccountFileError                   the account file cannot be read or parsed; it is left untouched
    │   ├── InstanceNotFoundError              the instance name or CRN is not among the account's instances
    │   ├── NoInstancesError                   no usable instance, or none matches region/plans/tags
    │   └── CircuitNotISAError                 a circuit uses what the backend's target lacks; transpile it
    ├── BackendNotFoundError (LookupError)     no backend matches the name or filters given
    ├── SessionClosedError                     the session or batch is closed and takes no new jobs
    ├── JobError                               a job did not give a result
    │   ├── JobFailedError                     the job ended Failed; carries the server's reason
    │   ├── JobCancelledError                  the job was cancelled
    │   └── JobTimeoutError (TimeoutError)     waiting for the job took longer than asked
    ├── APIError                               talking to IAM, Global Search/Catalog or the runtime API failed
    │   ├── APIConnectionError                 no HTTP response (connection refused, reset, DNS, proxy)
    │   │   └── APITimeoutError                the request timed out
    │   └── APIStatusError                     the server answered with an error status
    │       ├── BadRequestError                400, 422
    │       ├── AuthenticationError            401, and every IAM token-exchange failure
    │       ├── PermissionDeniedError          403
    │       ├── NotFoundError                  404
    │       ├── ConflictError                  409
    │       ├── RateLimitError                 429
    │       └── ServerError                    5xx
    └── WireFormatError (also ValueError)      job params or results do not follow the runtime wire format

Messages name what was wrong and what to do. They never contain a token or API key.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AccountAlreadyExistsError",
    "AccountFileError",
    "AccountNotFoundError",
    "AuthenticationError",
    "BackendNotFoundError",
    "BadRequestError",
    "CircuitNotISAError",
    "ConfigurationError",
    "ConflictError",
    "InstanceNotFoundError",
    "InvalidAccountError",
    "JobCancelledError",
    "JobError",
    "JobFailedError",
    "JobTimeoutError",
    "NoInstancesError",
    "NotFoundError",
    "PermissionDeniedError",
    "QrtError",
    "RateLimitError",
    "RetiredChannelError",
    "ServerError",
    "SessionClosedError",
    "WireFormatError",
    "status_error_class",
]


class QrtError(Exception):
    """Base class of every error qrt raises on purpose."""


class ConfigurationError(QrtError, ValueError):
    """A bad argument, setting or environment variable."""


class InvalidAccountError(ConfigurationError):
    """An account's values fail validation."""


class RetiredChannelError(InvalidAccountError):
    """The account uses the retired ``ibm_quantum`` channel."""


class AccountNotFoundError(ConfigurationError, LookupError):
    """No saved or environment account matches what was asked for."""


class AccountAlreadyExistsError(ConfigurationError):
    """Saving would replace an existing account, or the default flag, without ``overwrite=True``."""


class AccountFileError(ConfigurationError):
    """The account file cannot be read or parsed. qrt never overwrites it in that state."""

    def __init__(self, message: str, *, filename: str) -> None:
        super().__init__(message)
        self.filename = filename


class InstanceNotFoundError(ConfigurationError, LookupError):
    """The instance name or CRN given is not among the account's instances."""


class NoInstancesError(ConfigurationError):
    """The account has no usable instance, or none matches the region, plans and tags asked for."""


class BackendNotFoundError(QrtError, LookupError):
    """No backend matches the name or filters given."""


class JobError(QrtError):
    """A job did not give a result. ``job_id`` names it."""

    def __init__(self, message: str, *, job_id: str) -> None:
        super().__init__(message)
        self.job_id = job_id


class JobFailedError(JobError):
    """The job ended Failed. ``reason`` and ``reason_code`` are the server's."""

    def __init__(self, message: str, *, job_id: str, reason: str | None = None, reason_code: int | None = None) -> None:
        super().__init__(message, job_id=job_id)
        self.reason = reason
        self.reason_code = reason_code


class JobCancelledError(JobError):
    """The job was cancelled, so it has no result."""


class JobTimeoutError(JobError, TimeoutError):
    """Waiting for the job took longer than the timeout given; the job itself goes on."""


class APIError(QrtError):
    """A request to IAM, Global Search/Catalog or the runtime API failed.

    ``method`` and ``url`` name the request; ``attempts`` counts how many times it was sent.
    """

    def __init__(self, message: str, *, method: str = "", url: str = "", attempts: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.method = method
        self.url = url
        self.attempts = attempts


class APIConnectionError(APIError):
    """No HTTP response arrived: the connection was refused, reset or could not be made."""


class APITimeoutError(APIConnectionError):
    """The request timed out."""


class APIStatusError(APIError):
    """The server answered with an error status.

    Carries the status code, the parsed IBM error body (``code``, ``error_message``, ``more_info``,
    ``solution``) when there is one, and the trace id the server sent, for support requests.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        method: str = "",
        url: str = "",
        attempts: int = 1,
        code: str | None = None,
        error_message: str | None = None,
        more_info: str | None = None,
        solution: str | None = None,
        trace_id: str | None = None,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message, method=method, url=url, attempts=attempts)
        self.status_code = status_code
        self.code = code
        self.error_message = error_message
        self.more_info = more_info
        self.solution = solution
        self.trace_id = trace_id
        self.body = body
        self.headers = dict(headers or {})


class BadRequestError(APIStatusError):
    """400 or 422: the request was malformed or failed the server's validation."""


class AuthenticationError(APIStatusError):
    """401, or a failed IAM token exchange: the API key or token is not accepted."""


class PermissionDeniedError(APIStatusError):
    """403: the credentials are valid but may not use this instance or resource."""


class NotFoundError(APIStatusError):
    """404: the backend, job, session or instance does not exist (or is not visible to you)."""


class ConflictError(APIStatusError):
    """409: the resource is not in a state that allows this (for example a finished job cannot be cancelled)."""


class RateLimitError(APIStatusError):
    """429: too many requests; the retry policy already waited as the server asked."""


class ServerError(APIStatusError):
    """5xx: the service failed or is in maintenance."""


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: BadRequestError,
    429: RateLimitError,
}


def status_error_class(status_code: int) -> type[APIStatusError]:
    """Return the exception class for an HTTP error status."""
    if status_code >= 500:
        return ServerError
    return _BY_STATUS.get(status_code, APIStatusError)


class WireFormatError(QrtError, ValueError):
    """Primitive inputs (job ``params``) or results do not follow the Qiskit Runtime wire format.

    The message names the part that is wrong, for example ``pub 2: observables missing``.
    """


class CircuitNotISAError(ConfigurationError):
    """A circuit uses an instruction, or qubits, that the backend's target does not support.

    Raised before submission for non-simulator backends. ``circuit_index`` is the pub's position in ``run()``;
    ``instruction`` and ``qubits`` name the first offending instruction (None when the circuit is too wide).
    """

    def __init__(
        self, message: str, *, circuit_index: int, instruction: str | None = None, qubits: tuple[int, ...] = ()
    ) -> None:
        super().__init__(message)
        self.circuit_index = circuit_index
        self.instruction = instruction
        self.qubits = qubits


class SessionClosedError(QrtError):
    """The session or batch was closed (or reached its ``max_time``) and accepts no new jobs."""

    def __init__(self, message: str, *, session_id: str | None) -> None:
        super().__init__(message)
        self.session_id = session_id
