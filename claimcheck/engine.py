"""One call from paths to reports: find the claim files, load, judge."""

from __future__ import annotations

import contextlib
import gc
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Final, TypeVar

from claimcheck.model import FileReport

_CLAIMS_KEY: Final = re.compile(rb"^claims\s*:", re.MULTILINE)
T = TypeVar("T")


def find_files(paths: Iterable[str]) -> list[str]:
    """Files as given; folders: every *.yaml / *.yml with a top-level claims: key, sorted."""
    out: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            found = sorted(
                str(f) for f in Path(p).rglob("*")
                if f.suffix in (".yaml", ".yml") and f.is_file() and _has_claims(f)
            )
            out.extend(found)
        else:
            out.append(p)
    return out


def _has_claims(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return bool(_CLAIMS_KEY.search(fh.read(1 << 20)))
    except OSError:
        return True  # let the loader report it


def check_file(path: str, article_path: str | None = None) -> FileReport:
    from claimcheck.judge import judge_file
    from claimcheck.loader import load_path

    try:
        claim_file, problems = load_path(path, article_path)
        if claim_file is None:
            return FileReport(path, errors=problems)
        return judge_file(claim_file)
    except (RecursionError, MemoryError, ArithmeticError, ValueError, TypeError, KeyError, IndexError) as exc:
        # a bug must not hide the other files' results, nor print a traceback
        from claimcheck.model import Problem

        return FileReport(path, errors=[Problem("CC199", f"internal error ({type(exc).__name__}: {str(exc)[:200]}); "
                                                "please report it with this file", None, path)])


# --- many files: in order, in worker processes with -j N (see workers.py) --------------

# While checking, the cycle collector runs on young objects only (Python: every 700 net
# allocations, and older generations every 10th and 100th time).
GC_YOUNG_THRESHOLD: Final = 50_000  # net new objects between collections of the young
GC_YOUNG_ONLY: Final = (GC_YOUNG_THRESHOLD, 1_000_000_000, 1_000_000_000)  # older ones: never


def check_files(paths: list[str], article_path: str | None = None, jobs: int = 1) -> list[FileReport]:
    """check_file over `paths`, reports in the same order; `jobs` worker processes (0: one per CPU)."""
    return check_files_then(paths, _same, article_path, jobs)


def check_files_then(paths: list[str], then: Callable[[FileReport], T], article_path: str | None = None,
                     jobs: int = 1) -> list[T]:
    """check_files, with `then` applied to each report where it was made: in a worker, so
    that what comes back to this process is what it needs (`then`: a module-level function)."""
    workers = min(jobs if jobs > 0 else _usable_cpus(), len(paths))
    with _fewer_collections():
        if workers <= 1:
            return [then(check_file(p, article_path)) for p in paths]
        from claimcheck.workers import check_in_workers

        return check_in_workers(paths, article_path, workers, then)


def _same(report: FileReport) -> FileReport:
    return report


def _usable_cpus() -> int:
    """The CPUs this process may run on (fewer than the machine's under an affinity mask)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Loading and judging make millions of small objects and almost no reference cycles
    (a few hundred objects in cycles after 100,000 claims).  At Python's default rate the
    cycle collector's passes over them cost a third of loading a large file, and its passes
    over the older generations walk every report made so far: 4% of a 100,000-claim run,
    and more the larger the file.  While checking, collect the young objects only, and
    seldom (a cycle made and dropped at once is still collected); then as before."""
    before = gc.get_threshold()
    gc.set_threshold(*GC_YOUNG_ONLY)
    try:
        yield
    finally:
        gc.set_threshold(*before)


# --- --changed-since REF: the claim files that differ from a git revision -------------

GIT_TIMEOUT_SECONDS: Final = 120
_CLAIM_SUFFIXES: Final = (".yaml", ".yml")


class GitError(Exception):
    """--changed-since cannot be answered: not a git work tree, unknown ref, git missing."""


def _git(args: list[str], cwd: str | None = None) -> bytes:
    import subprocess

    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=GIT_TIMEOUT_SECONDS,
                              stdin=subprocess.DEVNULL, check=False)
    except FileNotFoundError:
        raise GitError("--changed-since needs git, which is not installed") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took longer than {GIT_TIMEOUT_SECONDS} s") from None
    if proc.returncode != 0:
        why = os.fsdecode(proc.stderr).strip().splitlines()
        raise GitError(why[-1] if why else f"git {args[0]} failed (exit {proc.returncode})")
    return proc.stdout


def _git_changes(ref: str) -> tuple[str, set[str], set[str]]:
    """(work tree root, changed files, deleted files), the files as absolute paths under the root."""
    if not ref or ref.startswith("-"):
        raise GitError(f"--changed-since: '{ref}' is not a git revision")
    try:
        top = os.fsdecode(_git(["rev-parse", "--show-toplevel"])).strip()
    except GitError as exc:
        raise GitError(f"--changed-since needs a git work tree: {exc}") from None
    if not top:
        raise GitError("--changed-since needs a git work tree, and this is not one (a bare repository?)")
    top = os.path.realpath(top)
    try:
        commit = os.fsdecode(_git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], top)).strip()
    except GitError:
        raise GitError(f"--changed-since: unknown git revision '{ref}'") from None
    changed: set[str] = set()
    deleted: set[str] = set()
    # run at the root, so that paths are relative to it whatever diff.relative says
    fields = _git(["diff", "--name-status", "-z", "-M", "--no-ext-diff", commit, "--"], top).split(b"\0")
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i].decode("ascii", "replace")
        if status[:1] in ("R", "C"):
            old, new, i = fields[i + 1], fields[i + 2], i + 3
            if status[:1] == "R":
                deleted.add(os.path.join(top, os.fsdecode(old)))
            changed.add(os.path.join(top, os.fsdecode(new)))
            continue
        path, i = os.path.join(top, os.fsdecode(fields[i + 1])), i + 2
        (deleted if status[:1] == "D" else changed).add(path)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z", "--full-name"], top).split(b"\0")
    changed.update(os.path.join(top, os.fsdecode(p)) for p in untracked if p)
    return top, changed, deleted


def _under(path: str, folder: str) -> bool:
    try:
        return os.path.commonpath([path, folder]) == folder
    except ValueError:
        return False


def changed_files(paths: Iterable[str], ref: str) -> list[str]:
    """The claim files among `paths` (files or folders) that differ from git revision `ref`.

    Added, modified, renamed, copied and untracked (not ignored) files count; deleted ones are
    skipped.  In a folder, only *.yaml / *.yml files with a top-level claims: key; a file
    named on its own counts if it changed.  A named path that does not exist and was not
    deleted is kept, so that it is reported as unreadable.  Order: the paths' order, then
    sorted within a folder.  Raises GitError outside a git work tree or for an unknown ref.
    """
    _, changed, deleted = _git_changes(ref)
    out: list[str] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = _real(path)
        if key not in seen:
            seen.add(key)
            out.append(path)

    for p in paths:
        if os.path.isdir(p):
            folder = os.path.realpath(p)
            for c in sorted(changed):
                if (_under(c, folder) and c.endswith(_CLAIM_SUFFIXES) and not os.path.isdir(c)
                        and _has_claims(Path(c))):
                    add(os.path.normpath(os.path.join(p, os.path.relpath(c, folder))))
        elif _real(p) in changed or _missing_not_deleted(p, deleted):
            add(p)
    return out


def _missing_not_deleted(path: str, deleted: set[str]) -> bool:
    """A named path that does not exist and that the change did not delete: a mistake to report."""
    real = _real(path)
    return not os.path.lexists(path) and not any(d == real or _under(d, real) for d in deleted)


def _real(path: str) -> str:
    """The absolute path with its folders' symlinks resolved, but not the file's own."""
    full = os.path.abspath(path)
    return os.path.join(os.path.realpath(os.path.dirname(full)), os.path.basename(full))
