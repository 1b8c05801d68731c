"""The command line: the only place that prints through a reporter and exits."""

from __future__ import annotations

import sys
from enum import Enum
from typing import List, Optional

import typer

from claimcheck import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Recompute and judge the numeric claims of a news article.",
    pretty_exceptions_enable=False,
)


class Format(str, Enum):
    text = "text"
    json = "json"


def _version(value: bool) -> None:
    if value:
        print(f"claimcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """claimcheck: every figure of an article, recomputed and judged."""


@app.command()
def run(
    paths: List[str] = typer.Argument(..., help="Claim files, or folders to search for *.yaml / *.yml claim files."),
    format: Format = typer.Option(Format.text, "--format", "-f", help="text (the report) or json (the contract's machine output)."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on any unexpected verdict, not only on unexpected fails."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List the stated figures too."),
) -> None:
    """Check claim files; exit 0 (as expected), 1 (unexpected fail) or 2 (errors)."""
    from claimcheck.engine import check_file, find_files
    from claimcheck.model import exit_reason

    files = [check_file(p) for p in find_files(paths)]
    if format is Format.json:
        from claimcheck.report.json_report import render as render_json

        sys.stdout.write(render_json(files))
    else:
        from claimcheck.report.text_report import make_console, render

        render(files, make_console(), strict, verbose)
    raise typer.Exit(exit_reason(files, strict)[0])


def main() -> None:
    app(prog_name="claimcheck")
