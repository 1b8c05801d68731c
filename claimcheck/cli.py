"""The command line: the only place that exits."""

from __future__ import annotations

import os
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
    rich_markup_mode=None,
)


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


def _version(value: bool) -> None:
    if value:
        print(f"claimcheck {__version__}")
        raise typer.Exit()


def _fail(message: str, code: int = 2) -> None:
    print(f"claimcheck: {message}", file=sys.stderr)
    raise typer.Exit(code)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """claimcheck: every figure of an article, recomputed and judged."""


@app.command()
def run(
    paths: List[str] = typer.Argument(..., help="Claim files, or folders to search for *.yaml / *.yml claim files."),
    format: Format = typer.Option(Format.auto, "--format", "-f", help="auto (github under GitHub Actions, else text), text, json, github, junit, sarif or html."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the machine format to this file; the terminal still gets the text report."),
    force: bool = typer.Option(False, "--force", help="Replace an existing --output file."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on any unexpected verdict, not only on unexpected fails."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List the stated figures too."),
    article: Optional[str] = typer.Option(None, "--article", help="The article's text (overrides article.text): every quote must occur in it."),
) -> None:
    """Check claim files; exit 0 (as expected), 1 (unexpected fail) or 2 (errors)."""
    from claimcheck.engine import check_file, find_files
    from claimcheck.model import exit_reason

    if format is Format.auto:
        format = Format.github if os.environ.get("GITHUB_ACTIONS") == "true" else Format.text
    if output is not None and os.path.exists(output) and not force:
        _fail(f"{output} exists; use --force to replace it")
    files = [check_file(p, article) for p in find_files(paths)]
    code = exit_reason(files, strict)[0]
    machine = None
    if format in _MACHINE:
        import importlib

        module = importlib.import_module(f"claimcheck.report.{_MACHINE[format]}")
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
    raise typer.Exit(code)


def _write_html(files: list, output: Optional[str], force: bool) -> None:  # type: ignore[type-arg]
    from claimcheck.fsutil import WriteRefused, write_atomic
    from claimcheck.report import html_report

    if output is not None and len(files) != 1:
        _fail("--output with --format html takes one claim file; without --output each report is written beside its claim file")
    for f in files:
        target = output or os.path.splitext(f.path)[0] + ".report.html"
        try:
            write_atomic(target, html_report.render(f), force=True if output is None else force)
        except (WriteRefused, OSError) as exc:
            _fail(str(exc))
        print(f"wrote {target}", file=sys.stderr)


def main() -> None:
    try:
        app(prog_name="claimcheck")
    except KeyboardInterrupt:
        print("claimcheck: interrupted", file=sys.stderr)
        sys.exit(130)
