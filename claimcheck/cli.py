"""The command line: the only place that exits."""

from __future__ import annotations

import gc
import os
import sys
from enum import Enum

# Start-up allocates a few hundred thousand objects and makes almost no reference cycles; at
# Python's default rate (every 700 allocations) the cycle collector runs some thirty times
# while typer and PyYAML are imported.  A command is one short process: from here until
# main() returns (then as before, for a caller in Python), collect young objects only and
# seldom, as the engine does while checking (engine.GC_YOUNG_ONLY): a pass over the older
# generations would walk every report made, to find nothing.
_GC_BEFORE = gc.get_threshold()
gc.set_threshold(50_000, 1_000_000_000, 1_000_000_000)

import typer  # noqa: E402

from claimcheck import __version__  # noqa: E402
from claimcheck._params import LeanGroup  # noqa: E402

app = typer.Typer(
    cls=LeanGroup,  # reads the parameters without importing pydantic: see _params
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
    files = check_files(targets, article, jobs)
    code = exit_reason(files, strict)[0]
    machine = None
    if format in _MACHINE:
        import importlib

        module = importlib.import_module(f"claimcheck.report.{_MACHINE[format]}")
        if output is None and hasattr(module, "chunks"):  # written as it is made (json)
            sys.stdout.writelines(module.chunks(files))
            raise typer.Exit(code)
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


def main() -> None:
    try:
        app(prog_name="claimcheck")
    except KeyboardInterrupt:
        print("claimcheck: interrupted", file=sys.stderr)
        sys.exit(130)
    finally:
        gc.set_threshold(*_GC_BEFORE)


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
