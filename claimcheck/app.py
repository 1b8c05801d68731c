"""The commands as typer defines them: their parameters, help and usage errors.

`claimcheck.cli` reads the usual forms of `claimcheck run …` itself and comes here for
everything else (see cli.main); the bodies of `run` are the same function either way.
"""

from __future__ import annotations

import os
import sys
from enum import Enum

import typer

from claimcheck import __version__
from claimcheck._params import LeanGroup
from claimcheck.cli import Format, _fail, run_files

app = typer.Typer(
    cls=LeanGroup,  # reads the parameters without importing pydantic: see _params
    add_completion=False,
    no_args_is_help=True,
    help="Recompute and judge the numeric claims of a news article.",
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


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
    paths: list[str] = typer.Argument(..., metavar="PATH", help="Claim files, or folders to search for *.yaml / *.yml claim files."),
    format: Format = typer.Option(Format.auto, "--format", "-f", help="auto (github under GitHub Actions, else text), text, json, github, junit, sarif or html."),
    output: str | None = typer.Option(None, "--output", "-o", metavar="FILE", help="Write the machine format to this file; the terminal still gets the text report."),
    force: bool = typer.Option(False, "--force", help="Replace an existing --output file."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on any unexpected verdict, not only on unexpected fails."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every claim in the table, not only the findings."),
    article: str | None = typer.Option(None, "--article", metavar="FILE", help="The article's text (overrides article.text): every quote must occur in it."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=0, metavar="N", help="Check the files in this many worker processes (0: one per CPU); the output is the same, in the same order."),
    changed_since: str | None = typer.Option(None, "--changed-since", metavar="REF", help="Check only the claim files that differ from git revision REF (added, modified, renamed, untracked; deleted ones are skipped)."),
) -> None:
    """Check claim files; exit 0 (as expected), 1 (unexpected fail) or 2 (errors)."""
    raise typer.Exit(run_files(paths, format, output, force, strict, verbose, article, jobs, changed_since))


@app.command()
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of a claim file, for editors and validators."""
    from importlib.resources import files

    sys.stdout.write(files("claimcheck").joinpath("schema.json").read_text(encoding="utf-8"))


@app.command()
def codes() -> None:
    """List the problem codes; `claimcheck explain CODE` prints one in full."""
    from claimcheck.report.codes_report import render_index

    sys.stdout.write(render_index())


@app.command()
def explain(
    target: str = typer.Argument(..., metavar="CODE|FILE", help="A problem code (CC203) or its name (unknown-name); or a claim file, followed by a claim id."),
    claim_id: str | None = typer.Argument(None, metavar="ID", help="With FILE: the claim whose derivation to show."),
    article: str | None = typer.Option(None, "--article", metavar="FILE", help="With FILE: the article's text (overrides article.text)."),
) -> None:
    """Explain a problem code (explain CC203), or how a claim was judged (explain FILE ID)."""
    from claimcheck.report import codes_report

    if codes_report.CODE_PATTERN.fullmatch(target) or (claim_id is None and not os.path.exists(target)):
        found = codes_report.lookup(target)
        if found is None:
            near = codes_report.suggest(target)
            hint = f" — did you mean {' or '.join(near)}?" if near else "; `claimcheck codes` lists them"
            _fail(f"unknown problem code '{target}'{hint}")
            return
        sys.stdout.write(codes_report.render_code(found))
        return
    if claim_id is None:
        _fail(f"explain {target}: give the claim id too (claimcheck explain FILE ID), or a problem code (CC203)")
        return
    from claimcheck.explain import explain_claim
    from claimcheck.report.text_report import make_console

    raise typer.Exit(explain_claim(target, claim_id, make_console(), article))


class ListFormat(str, Enum):
    text = "text"
    json = "json"


def _read_article(path: str) -> str:
    """The article's text as written (BOM dropped, line ends kept): offsets index its characters."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            return fh.read()
    except UnicodeDecodeError:
        _fail(f"{path}: CC100 not UTF-8 text")
    except OSError as exc:
        _fail(f"{path}: CC111 cannot read the file: {exc.strerror or exc}")
    return ""  # unreachable: _fail exits


@app.command()
def scan(
    article: str = typer.Argument(..., metavar="ARTICLE", help="The article: plain text or Markdown, UTF-8."),
    format: ListFormat = typer.Option(ListFormat.text, "--format", "-f", help="text (a table) or json."),
    yaml_out: str | None = typer.Option(None, "--yaml", metavar="OUT", help="Write a draft claim file here: one claim per mention, quotes and values filled in."),
    force: bool = typer.Option(False, "--force", help="Replace an existing --yaml file."),
    title: str | None = typer.Option(None, "--title", help="The draft's article.title (default: the first heading or line)."),
    outlet: str | None = typer.Option(None, "--outlet", help="The draft's article.outlet (default: TODO)."),
) -> None:
    """List the numeric mentions of an article; --yaml writes a draft claim file."""
    from claimcheck.scan import ScanError, find_mentions

    text = _read_article(article)
    try:
        mentions = find_mentions(text)
    except ScanError as exc:
        _fail(f"{article}: CC112 {exc}")
        return
    if yaml_out is not None:
        from claimcheck import draft
        from claimcheck.fsutil import WriteRefused, write_atomic

        try:
            write_atomic(yaml_out, draft.render(text, mentions, article, yaml_out, title, outlet), force)
        except (WriteRefused, OSError) as exc:
            _fail(str(exc))
        print(f"wrote {yaml_out}: a draft of {len(mentions)} mentions", file=sys.stderr)
        return
    if format is ListFormat.json:
        from claimcheck.report.mentions_report import scan_json

        sys.stdout.write(scan_json(mentions))
        return
    from claimcheck.report.mentions_report import scan_text
    from claimcheck.report.text_report import make_console

    scan_text(mentions, make_console(), article)


def _percent(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        value = float(text.strip().rstrip("%"))
    except ValueError:
        value = -1.0
    if not 0 <= value <= 100:
        _fail(f"--min {text}: give a percentage from 0 to 100")
    return value


@app.command()
def coverage(
    path: str = typer.Argument(..., metavar="FILE", help="A claim file whose article text is available."),
    article: str | None = typer.Option(None, "--article", metavar="FILE", help="The article's text (overrides article.text)."),
    minimum: str | None = typer.Option(None, "--min", metavar="PERCENT", help="Exit 1 when less than this share of the article's mentions is covered or justified."),
    format: ListFormat = typer.Option(ListFormat.text, "--format", "-f", help="text or json."),
) -> None:
    """The article's numeric mentions that no claim's quote covers; exit 1 below --min, 2 on errors."""
    from claimcheck.coverage import measure

    least = _percent(minimum)
    cov, problems = measure(path, article)
    if cov is None:
        for p in problems:
            print(f"{p.path or path}:{p.line if p.line is not None else ''}: {p.code} {p.message}".replace(":: ", ": "),
                  file=sys.stderr)
        raise typer.Exit(2)
    if format is ListFormat.json:
        from claimcheck.report.mentions_report import coverage_json

        sys.stdout.write(coverage_json(cov, least))
    else:
        from claimcheck.report.mentions_report import coverage_text
        from claimcheck.report.text_report import make_console

        coverage_text(cov, make_console(), least)
    if problems:
        raise typer.Exit(2)
    raise typer.Exit(1 if least is not None and float(cov.share * 100) < least else 0)
