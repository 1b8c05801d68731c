"""`--format junit`: one testsuite per claim file, one testcase per checked claim.

A testcase asserts that the claim's verdict is the expected one (its `expect`, else pass):
- `<failure>` when it is not: an unexpected fail, warn, or a pass where a fail or warn was
  reviewed (`type` says which; this is the rule `--strict` gates on, while the default gate
  fails on unexpected fails only);
- `<error>` when the claim could not be judged (a CC2xx claim error, `type` = the code);
- a file that could not be loaded is one testcase `(file)` with one `<error>` listing its problems.

Claims that are only stated or implied (status `info`) are inputs, not tests.  Reviewed
findings pass and say so in `<system-out>`.
"""

from __future__ import annotations

import re
from typing import Final

from claimcheck.model import FileReport, Problem, Result
from claimcheck.report.annotations import display_path, result_annotation

# characters XML 1.0 cannot hold, even escaped
_NOT_XML: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def is_test(r: Result) -> bool:
    """A checked claim: judged (pass, warn, fail), in error, or not as expected."""
    return r.status != "info" or not r.expected


def _details(r: Result) -> str:
    lines = [f"{r.id} (line {r.line}): “{r.quote}”"]
    if r.claimed:
        lines.append(f"claimed: {r.claimed}")
    if r.computed:
        lines.append(f"computed: {r.computed}")
    if r.formula:
        lines.append(f"formula: {r.formula}" + (f" = {r.substituted}" if r.substituted and r.substituted != r.formula
                                                 else ""))
    for f in r.findings:
        lines.append(f"{f.what} {f.status}: {f.message}")
    lines.extend(f"hint: {h}" for h in r.hints)
    if r.expect:
        lines.append(f"expect: {r.expect}")
    if r.note:
        lines.append(f"note: {r.note}")
    return "\n".join(lines)


def _file_problem(p: Problem, path: str) -> str:
    return f"{path}:{p.line}: {p.code} {p.message}" if p.line else f"{path}: {p.code} {p.message}"


def render(files: list[FileReport]) -> str:
    import xml.etree.ElementTree as ET

    root = ET.Element("testsuites", name="claimcheck")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for f in files:
        path = display_path(f.path)
        suite = ET.SubElement(root, "testsuite", name=_clean(path))
        counts = {"tests": 0, "failures": 0, "errors": 0}
        if f.article is not None:
            props = ET.SubElement(suite, "properties")
            for name, value in (("title", f.article.title), ("outlet", f.article.outlet),
                                ("published", f.article.published.value), ("url", f.article.url)):
                if value:
                    ET.SubElement(props, "property", name=name, value=_clean(value))
        if f.errors:
            case = ET.SubElement(suite, "testcase", name="(file)", classname=_clean(path), file=_clean(path))
            if f.errors[0].line:
                case.set("line", str(f.errors[0].line))
            case.set("time", "0")
            first, more = f.errors[0], len(f.errors) - 1
            err = ET.SubElement(case, "error", type=first.code, message=_clean(
                f"{first.code} {first.message}" + (f" (and {more} more)" if more else "")))
            err.text = _clean("\n".join(_file_problem(p, path) for p in f.errors))
            counts["tests"] += 1
            counts["errors"] += 1
        for r in f.results:
            if not is_test(r):
                continue
            counts["tests"] += 1
            a = result_annotation(path, r)
            line = a.line if a is not None and a.line is not None else r.line
            case = ET.SubElement(suite, "testcase", name=_clean(r.id), classname=_clean(path), file=_clean(path),
                                 line=str(line), time="0")
            if r.status == "error":
                counts["errors"] += 1
                el = ET.SubElement(case, "error", message=_clean(f"{r.code} {r.message}"), type=r.code or "error")
                el.text = _clean(_details(r))
            elif not r.expected and a is not None:
                counts["failures"] += 1
                el = ET.SubElement(case, "failure", message=_clean(a.message), type=a.rule)
                el.text = _clean(_details(r))
            elif a is not None and a.reviewed:
                out = ET.SubElement(case, "system-out")
                out.text = _clean(f"reviewed {r.status.upper()}: {r.message}\n{_details(r)}")
        for k, v in counts.items():
            suite.set(k, str(v))
            totals[k] += v
        suite.set("skipped", "0")
        suite.set("time", "0")
    for k, v in totals.items():
        root.set(k, str(v))
    root.set("skipped", "0")
    root.set("time", "0")
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
