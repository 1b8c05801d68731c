"""`--format github`: GitHub Actions workflow commands, one annotation per finding.

`::error file=…,line=…,title=…::message` for file errors, claim errors and unexpected
verdicts, `::warning` for unexpected warns, `::notice` for reviewed findings; then one
plain summary line.  Data is escaped as the Actions toolkit does it: `%`, CR and LF in the
message; also `:` and `,` in properties.
"""

from __future__ import annotations

from claimcheck.model import FileReport
from claimcheck.report.annotations import Annotation, collect


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(a: Annotation) -> str:
    props = [f"file={escape_property(a.path)}"]
    if a.line is not None:
        props.append(f"line={a.line}")
        if a.column is not None:
            props.append(f"col={a.column}")
    props.append(f"title={escape_property(a.title)}")
    return f"::{a.level} {','.join(props)}::{escape_data(a.message)}"


def render(files: list[FileReport]) -> str:
    lines = [command(a) for a in collect(files)]
    counts = {"pass": 0, "warn": 0, "fail": 0, "error": 0}
    for f in files:
        for r in f.results:
            if r.status in counts:
                counts[r.status] += 1
    broken = sum(1 for f in files if f.errors)
    tally = ", ".join(f"{n} {k}" for k, n in counts.items())
    lines.append(f"claimcheck: {len(files)} file{'s' if len(files) != 1 else ''} checked"
                 f"{f' ({broken} with file errors)' if broken else ''}: {tally}")
    return "\n".join(lines) + "\n"
