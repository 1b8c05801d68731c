"""`run -j N`: check_file in worker processes, reports back in the order of the paths.

Imported only when a run has several workers.  Workers are forked on Linux (they start
with everything already imported) and spawned elsewhere.  They ignore Ctrl-C: the parent
gets it, stops them and exits 130, with no traceback from each worker.
"""

from __future__ import annotations

import functools
import io
import multiprocessing
import pickle
import signal
import sys
from collections.abc import Callable
from fractions import Fraction
from typing import Any, Final, TypeVar

from claimcheck.engine import check_file
from claimcheck.model import FileReport

T = TypeVar("T")

MAX_CHUNK: Final = 8  # files per task sent to a worker: small, so that no worker is left with a long last chunk


def check_in_workers(paths: list[str], article_path: str | None, workers: int,
                     then: Callable[[FileReport], T]) -> list[T]:
    """check_file on each path and `then` on its report, in `workers` processes; in order."""
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    chunk = max(1, min(MAX_CHUNK, len(paths) // (workers * 4)))
    held = _hold_sigint()  # while the workers start, so that they never see a Ctrl-C
    try:
        pool = context.Pool(workers, initializer=_ignore_sigint)
    except BaseException:
        _release_sigint(held)
        raise
    try:
        _release_sigint(held)  # a Ctrl-C that came meanwhile is raised here
        packed = pool.imap(functools.partial(_check_packed, article_path=article_path, then=then), paths, chunk)
        reports: list[T] = [pickle.loads(p) for p in packed]
    except BaseException:  # Ctrl-C, or a worker's exception: stop the others now
        pool.terminate()
        raise
    pool.close()
    pool.join()
    return reports


def _check_packed(path: str, article_path: str | None, then: Callable[[FileReport], object]) -> bytes:
    """In a worker: check_file and `then`, pickled the quick way (see _Packer)."""
    out = io.BytesIO()
    _Packer(out, protocol=pickle.HIGHEST_PROTOCOL).dump(then(check_file(path, article_path)))
    return out.getvalue()


class _Packer(pickle.Pickler):
    """Unpickling is the part of -j that the parent does alone.  Pickled by default, a
    Fraction is rebuilt from its text; here from its two integers, the same value in a
    fraction of the time.  The records pickle by their fields: the NamedTuples natively,
    Result and FileReport through model.Record.__reduce__."""

    def reducer_override(self, obj: object) -> Any:
        if type(obj) is Fraction:
            return Fraction, (obj.numerator, obj.denominator)
        return NotImplemented


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _hold_sigint() -> object:
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


def _release_sigint(held: object) -> None:
    if held is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)  # type: ignore[arg-type]
