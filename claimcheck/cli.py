"""The command line: the only place that exits.

`claimcheck run …` in its usual forms is read here, without importing typer (a third of
a one-file run's time); everything else, and any form this reader does not know, goes to
the typer app in `claimcheck.app`, which reads it and reports its usage errors.  Both call
`run_files` with the same values: tests/test_startup.py holds the two readings equal.
"""

from __future__ import annotations

import errno
import gc
import os
import sys
from enum import Enum
from typing import Any, Final

# A command makes hundreds of thousands of objects at start-up and millions while checking,
# and almost no reference cycles.  While main() runs, the cycle collector collects young
# objects only, and seldom (as the engine does while checking: engine.GC_YOUNG_ONLY): at
# Python's default rate it would run some thirty times during the imports, and its passes
# over the older generations would walk every report made, to find nothing.
_GC_COMMAND: Final = (50_000, 1_000_000_000, 1_000_000_000)


class Format(str, Enum):
    auto = "auto"
    text = "text"
    json = "json"
    github = "github"
    junit = "junit"
    sarif = "sarif"
    html = "html"


# machine formats: format -> module in claimcheck.report with render(files) -> str
_MACHINE = {
    Format.json: "json_report",
    Format.github: "github_report",
    Format.junit: "junit_report",
    Format.sarif: "sarif_report",
}


def _fail(message: str, code: int = 2) -> None:
    print(f"claimcheck: {message}", file=sys.stderr)
    raise SystemExit(code)


def run_files(paths: list[str], format: Format = Format.auto, output: str | None = None, force: bool = False,
              strict: bool = False, verbose: bool = False, article: str | None = None, jobs: int = 1,
              changed_since: str | None = None) -> int:
    """`claimcheck run`: check the files, write the report; the exit code (usage errors exit 2 here)."""
    from claimcheck.engine import check_files, find_files
    from claimcheck.model import exit_reason

    if format is Format.auto and output is not None:
        format = _format_for(output)
    if format is Format.auto:
        format = Format.github if os.environ.get("GITHUB_ACTIONS") == "true" else Format.text
    if output is not None and format is Format.text:
        _fail("--output writes a machine format: add --format json, github, junit, sarif or html")
    if output is not None and os.path.exists(output) and not force:
        _fail(f"{output} exists; use --force to replace it")
    targets = find_files(paths) if changed_since is None else _changed_files(paths, changed_since)
    if format is Format.json and output is None and jobs != 1:
        # each worker writes its files' part of the document: what comes back is text, not reports
        from claimcheck.engine import check_files_then
        from claimcheck.model import exit_reason_of
        from claimcheck.report import json_report

        pieces = check_files_then(targets, json_report.piece, article, jobs)
        sys.stdout.writelines(json_report.chunks_of(pieces))
        return exit_reason_of([p.tally for p in pieces], strict)[0]
    files = check_files(targets, article, jobs)
    code = exit_reason(files, strict)[0]
    machine = None
    if format in _MACHINE:
        import importlib

        module = importlib.import_module(f"claimcheck.report.{_MACHINE[format]}")
        if output is None and hasattr(module, "chunks"):  # written as it is made (json)
            sys.stdout.writelines(module.chunks(files))
            return code
        machine = module.render(files)
    elif format is Format.html:
        _write_html(files, output, force)
        output = None
    if machine is not None and output is None:
        sys.stdout.write(machine)
    else:
        if machine is not None and output is not None:
            from claimcheck.fsutil import WriteRefused, write_atomic

            try:
                write_atomic(output, machine, force)
            except (WriteRefused, OSError) as exc:
                _fail(str(exc))
        from claimcheck.report.text_report import make_console, render

        render(files, make_console(), strict, verbose)
    return code


def _format_for(output: str) -> Format:
    """--output without --format: the format its extension names."""
    by_suffix = {".json": Format.json, ".sarif": Format.sarif, ".xml": Format.junit, ".html": Format.html}
    suffix = os.path.splitext(output)[1].lower()
    if suffix not in by_suffix:
        _fail(f"--output {output}: choose the format with --format (json, github, junit, sarif or html)")
    return by_suffix[suffix]


def _changed_files(paths: list[str], ref: str) -> list[str]:
    from claimcheck.engine import GitError, changed_files

    try:
        found = changed_files(paths, ref)
    except GitError as exc:
        _fail(str(exc))
        raise  # unreachable: _fail exits
    if not found:
        print(f"claimcheck: no claim file under {', '.join(paths)} changed since {ref}", file=sys.stderr)
    return found


def _write_html(files: list, output: str | None, force: bool) -> None:  # type: ignore[type-arg]
    from claimcheck.fsutil import WriteRefused, write_atomic
    from claimcheck.report import html_report

    if output is not None and len(files) != 1:
        _fail("--output with --format html takes one claim file; without --output each report is written beside its claim file")
    for f in files:
        target = output or os.path.splitext(f.path)[0] + ".report.html"
        try:
            write_atomic(target, html_report.render(f), force)
        except (WriteRefused, OSError) as exc:
            _fail(str(exc))
        print(f"wrote {target}", file=sys.stderr)


# --- `claimcheck run …` read without typer ------------------------------------------------

_VALUED: Final = {"--format": "format", "-f": "format", "--output": "output", "-o": "output",
                  "--article": "article", "--jobs": "jobs", "-j": "jobs", "--changed-since": "changed_since"}
_FLAGS: Final = {"--force": "force", "--strict": "strict", "--verbose": "verbose", "-v": "verbose"}


def read_run_args(argv: list[str]) -> dict[str, Any] | None:
    """The arguments of `claimcheck run …` as typer would read them, for the usual forms:
    `--name value`, `--name=value`, `-x value` and flags, each at most once, in any order
    among the paths.  None for anything else (another command, --help, `--`, `-fjson`,
    `-vj2`, a repeated option, a value that starts with '-', a value typer would refuse):
    typer then reads it, and reports what is wrong."""
    if not argv or argv[0] != "run" or os.name == "nt" or "_CLAIMCHECK_COMPLETE" in os.environ:
        return None
    given: dict[str, Any] = {}
    paths: list[str] = []
    i = 1
    while i < len(argv):
        token = argv[i]
        i += 1
        if not token.startswith("-"):
            paths.append(token)
            continue
        name, eq, value = token.partition("=") if token.startswith("--") else (token, "", "")
        given_value: str | bool = True
        if name in _FLAGS and not eq:
            key = _FLAGS[name]
        elif name in _VALUED:
            if not eq:
                if i == len(argv) or argv[i].startswith("-"):
                    return None
                value, i = argv[i], i + 1
            key, given_value = _VALUED[name], value
        else:
            return None
        if key in given:
            return None
        given[key] = given_value
    fmt, jobs = given.pop("format", "auto"), given.pop("jobs", "1")
    if not paths or fmt not in Format._value2member_map_ or not (jobs.isascii() and jobs.isdigit() and len(jobs) < 19):
        return None  # a longer number goes to typer, which refuses one of over 4,300 digits
    return {"paths": paths, "format": Format(fmt), "jobs": int(jobs), **given}


class _Quiet:
    """stdout or stderr once the reader of a pipe has gone: flushing what is left is not an error."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            if exc.errno != errno.EPIPE:
                raise


def _run_fast(args: dict[str, Any]) -> int:
    """run_files, with the endings typer gives a command: Ctrl-C exits 130, end of input
    "Aborted!" and 1, a closed pipe 1 without a word."""
    try:
        return run_files(**args)
    except KeyboardInterrupt:
        return 130
    except EOFError:
        print(file=sys.stderr)
        print("Aborted!", file=sys.stderr)
        return 1
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        sys.stdout, sys.stderr = _Quiet(sys.stdout), _Quiet(sys.stderr)
        return 1


def main() -> None:
    """The command: `claimcheck run …` read here when it can be, else by typer.  The cycle
    collector's schedule is the command's until main() returns (see _GC_COMMAND)."""
    before = gc.get_threshold()
    gc.set_threshold(*_GC_COMMAND)
    try:
        args = read_run_args(sys.argv[1:])
        if args is not None:
            sys.exit(_run_fast(args))
        from claimcheck.app import app

        app(prog_name="claimcheck")
    except KeyboardInterrupt:
        print("claimcheck: interrupted", file=sys.stderr)
        sys.exit(130)
    finally:
        gc.set_threshold(*before)


def entry() -> None:
    """The `claimcheck` command: main(), then the end of the process without tearing down
    the heap.  Python's shutdown collects cycles over every object still alive and frees
    them one by one: about 15 ms of a one-file run and seconds after 100,000 claims, to
    free memory the operating system takes back anyway.  Output is flushed first; claimcheck
    registers no atexit handlers and leaves no file open (writes are atomic, --output and
    the HTML report included), and -j's workers have been joined."""
    try:
        main()
    except SystemExit as exc:
        code = exc.code
        if code is not None and not isinstance(code, int):
            raise
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except OSError:  # a closed pipe: let the interpreter's own shutdown report it, as before
            raise SystemExit(code) from None
        os._exit(code or 0)
