"""Writing files without losing anything: temporary file, then an atomic rename."""

from __future__ import annotations

import contextlib
import os
import tempfile


class WriteRefused(Exception):
    """The target exists and --force was not given."""


def write_atomic(path: str, text: str, force: bool = False) -> None:
    """Write `text` to `path` atomically; refuse to replace an existing file unless `force`.

    The text goes to a temporary file in the same folder, which is renamed over the
    target only once it is complete: an interrupted or failed write leaves the
    original (or nothing) in place, never a partial file.
    """
    if os.path.exists(path) and not force:
        raise WriteRefused(f"{path} exists; use --force to replace it")
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".claimcheck-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode(path))
        if force:
            os.replace(tmp, path)
        else:  # link, not rename: fails if the file appeared meanwhile
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise WriteRefused(f"{path} exists; use --force to replace it") from None
            os.unlink(tmp)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _mode(path: str) -> int:
    """The replaced file's mode, or what a plain open() would give (mkstemp gives 0600)."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
