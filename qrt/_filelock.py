"""An exclusive inter-process lock on a side file, with a timeout.

POSIX uses ``fcntl.flock`` and Windows ``msvcrt.locking``; both locks die with the process that holds them, so a
crashed writer never leaves the account file locked. The lock file itself is left in place: deleting it while
another process waits on it would let two processes hold "the" lock at once.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["LockTimeoutError", "exclusive_lock"]


class LockTimeoutError(TimeoutError):
    """The lock stayed held by another process for longer than the timeout."""


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


@contextmanager
def exclusive_lock(path: str, *, timeout: float = 30.0) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created with mode 0600 if missing) for the ``with`` block."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + timeout
        delay = 0.001
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise LockTimeoutError(f"another process held the lock {path} for more than {timeout:g} s")
            time.sleep(delay)
            delay = min(delay * 2, 0.05)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)
