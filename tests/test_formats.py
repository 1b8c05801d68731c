"""Machine formats end to end: github, junit, sarif, json, text, auto and --output, parsed, not grepped."""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from conftest import HEADER, run_cli

MIXED = """\
  a:
    quote: a 10
    value: "10"
  passes:
    quote: b 10
    value: "10"
    formula: a
  fails:
    quote: c 30
    value: "30"
    formula: a
  warns:
    quote: d 13
    value: "13"
    formula: a
  reviewed:
    quote: e 30
    value: "30"
    formula: a
    expect: fail
    note: "tripled: the desk has checked it, 100% sure"
  stale:
    quote: f 10
    value: "10"
    formula: a
    expect: fail
    note: was wrong once
  typo:
    quote: g 10
    value: 10 kms
  uses_typo:
    quote: h 10
    value: "10"
    formula: typo
  implied:
    quote: i
    formula: a * 2
"""
GOOD = """\
  a: {quote: "a 10", value: "10"}
  b: {quote: "b 10", value: "10", formula: a}
"""
BROKEN = """\
  a: {quote: "a 10", value: "10"}
  b: {quote: "b 10", fomula: a}
"""
# statuses the engine gives MIXED (checked through the json format below)
MIXED_STATUS = {"a": "info", "passes": "pass", "fails": "fail", "warns": "warn", "reviewed": "fail",
                "stale": "pass", "typo": "error", "uses_typo": "error", "implied": "info"}
MIXED_EXPECTED = {"a": True, "passes": True, "fails": False, "warns": False, "reviewed": True, "stale": False,
                  "typo": False, "uses_typo": False, "implied": True}
# what each format reports for MIXED: (github level, rule)
MIXED_ANNOTATIONS = {"fails": ("error", "fail"), "warns": ("warning", "warn"), "reviewed": ("notice", "fail"),
                     "stale": ("error", "unexpected-pass"), "typo": ("error", "CC202"),
                     "uses_typo": ("error", "CC217")}
ODD_NAME = "odd, name: 100%.yaml"


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    env.update(NO_COLOR="1", COLUMNS="200", **extra)
    return env


def key_line(path: Path, claim_id: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if re.match(rf"\s+{re.escape(claim_id)}\s*:", line):
            return n
    raise AssertionError(claim_id)


def field_line(path: Path, claim_id: str, field: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    start = key_line(path, claim_id)
    for n in range(start, len(lines) + 1):
        if lines[n - 1].strip().startswith(f"{field}:"):
            return n
    raise AssertionError((claim_id, field))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    claims = tmp_path / "claims"
    claims.mkdir()
    (claims / "good.yaml").write_text(HEADER + GOOD, encoding="utf-8")
    (claims / "mixed.yaml").write_text(HEADER + MIXED, encoding="utf-8")
    (claims / "broken.yaml").write_text(HEADER + BROKEN, encoding="utf-8")
    (claims / ODD_NAME).write_text(HEADER + GOOD.replace("b 10", "b 30").replace('"10", formula', '"30", formula'),
                                   encoding="utf-8")
    (claims / "empty.yaml").write_text("", encoding="utf-8")
    return tmp_path


FILES = ["claims/good.yaml", "claims/mixed.yaml", "claims/broken.yaml", f"claims/{ODD_NAME}", "claims/empty.yaml"]


def run(project: Path, *args: str, env: dict[str, str] | None = None) -> Any:
    proc = run_cli("run", *args, *FILES, cwd=project, env=env or clean_env())
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_fixture_statuses(project: Path) -> None:
    proc = run(project, "--format", "json")
    assert proc.returncode == 2
    doc = json.loads(proc.stdout)
    mixed = {r["id"]: r for r in doc["files"][1]["results"]}
    assert {k: r["status"] for k, r in mixed.items()} == MIXED_STATUS
    assert {k: r["expected"] for k, r in mixed.items()} == MIXED_EXPECTED
    assert [e["code"] for e in doc["files"][2]["errors"]] == ["CC105"]
    assert doc["files"][4]["errors"][0]["line"] is None
    assert doc["files"][3]["summary"]["fail"] == 1


# --- github ------------------------------------------------------------------------

_COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def _unescape(text: str) -> str:
    return (text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",")
            .replace("%25", "%"))


def parse_github(stdout: str) -> list[dict[str, str]]:
    out = []
    for line in stdout.splitlines():
        if not line.startswith("::"):
            continue
        m = _COMMAND.match(line)
        assert m, line
        props = dict(p.split("=", 1) for p in m.group(2).split(","))
        out.append({"level": m.group(1), **{k: _unescape(v) for k, v in props.items()},
                    "message": _unescape(m.group(3))})
    return out


def test_github_annotations(project: Path) -> None:
    proc = run(project, "--format", "github")
    assert proc.returncode == 2
    notes = parse_github(proc.stdout)
    mixed = project / "claims" / "mixed.yaml"
    by_title = {n["title"].rsplit(": ", 1)[-1]: n for n in notes if n["file"] == "claims/mixed.yaml"}
    assert set(by_title) == set(MIXED_ANNOTATIONS)
    for cid, (level, _) in MIXED_ANNOTATIONS.items():
        n = by_title[cid]
        assert n["level"] == level, cid
        want = field_line(mixed, "typo", "value") if cid == "typo" else key_line(mixed, cid)
        assert int(n["line"]) == want, cid
    assert by_title["typo"]["title"].startswith("CC202")
    assert "100% sure" in by_title["reviewed"]["message"]  # % survives escaping
    broken = [n for n in notes if n["file"] == "claims/broken.yaml"]
    assert [(n["level"], n["line"], n["title"].split()[0]) for n in broken] == [
        ("error", str(key_line(project / "claims/broken.yaml", "b")), "CC105")]
    odd = [n for n in notes if n["file"] == f"claims/{ODD_NAME}"]  # , : % in the file name, escaped
    assert [(n["level"], n["line"]) for n in odd] == [("error", str(key_line(project / "claims" / ODD_NAME, "b")))]
    empty = [n for n in notes if n["file"] == "claims/empty.yaml"]
    assert len(empty) == 1 and "line" not in empty[0] and empty[0]["title"].startswith("CC108")
    assert not any(n["file"] == "claims/good.yaml" for n in notes)


@pytest.mark.parametrize("text, data, prop", [
    ("plain", "plain", "plain"),
    ("100%", "100%25", "100%25"),
    ("a\nb\r", "a%0Ab%0D", "a%0Ab%0D"),
    ("x: y, z", "x: y, z", "x%3A y%2C z"),
    ("%0A", "%250A", "%250A"),
])
def test_github_escaping(text: str, data: str, prop: str) -> None:
    from claimcheck.report.github_report import escape_data, escape_property

    assert escape_data(text) == data
    assert escape_property(text) == prop


def test_github_message_with_newline(tmp_path: Path) -> None:
    from claimcheck.model import FileReport, Problem
    from claimcheck.report.github_report import render

    out = render([FileReport("x,y.yaml", errors=[Problem("CC101", "bad\nthing: 5%", 3)])])
    first = out.splitlines()[0]
    assert first == "::error file=x%2Cy.yaml,line=3,title=CC101 yaml-syntax::bad%0Athing: 5%25"


# --- junit -------------------------------------------------------------------------


def test_junit(project: Path) -> None:
    proc = run(project, "--format", "junit")
    assert proc.returncode == 2
    root = ET.fromstring(proc.stdout.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == FILES
    for s in suites:  # the counts agree with the testcases
        cases = s.findall("testcase")
        assert int(s.get("tests", -1)) == len(cases)
        assert int(s.get("failures", -1)) == sum(len(c.findall("failure")) for c in cases)
        assert int(s.get("errors", -1)) == sum(1 for c in cases if c.find("error") is not None)
    for attr in ("tests", "failures", "errors"):
        assert int(root.get(attr, -1)) == sum(int(s.get(attr, 0)) for s in suites)
    mixed = {c.get("name"): c for c in suites[1].findall("testcase")}
    assert set(mixed) == {k for k, v in MIXED_STATUS.items() if v != "info"}  # checked claims only
    outcome = {k: ("failure", c.find("failure").get("type")) if c.find("failure") is not None
               else ("error", c.find("error").get("type")) if c.find("error") is not None
               else ("passed", None) for k, c in mixed.items()}
    assert outcome == {"passes": ("passed", None), "fails": ("failure", "fail"), "warns": ("failure", "warn"),
                       "reviewed": ("passed", None), "stale": ("failure", "unexpected-pass"),
                       "typo": ("error", "CC202"), "uses_typo": ("error", "CC217")}
    assert "reviewed FAIL" in (mixed["reviewed"].findtext("system-out") or "")
    assert mixed["fails"].get("line") == str(key_line(project / "claims/mixed.yaml", "fails"))
    assert mixed["fails"].get("classname") == "claims/mixed.yaml"
    broken = suites[2].findall("testcase")
    assert len(broken) == 1 and broken[0].find("error").get("type") == "CC105"
    empty = suites[4].findall("testcase")
    assert len(empty) == 1 and empty[0].find("error").get("type") == "CC108" and empty[0].get("line") is None


def test_junit_is_valid_xml_with_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(HEADER + '  a: {quote: "a 10", value: "10"}\n  b: {quote: "b\\a 30 <&>", value: "30", formula: a}\n',
                    encoding="utf-8")
    proc = run_cli("run", "--format", "junit", str(path), env=clean_env())
    assert "\x07" in proc.stdout or "\ufffd" in proc.stdout  # the quote made it into the report
    root = ET.fromstring(proc.stdout.encode("utf-8"))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None and "<&>" in (failure.text or "")


# --- sarif -------------------------------------------------------------------------

# the parts of the SARIF 2.1.0 schema (OASIS) that claimcheck's log uses, with their constraints
SARIF_SUBSET: dict[str, Any] = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "runs": {"type": "array", "items": {
            "type": "object", "required": ["tool"],
            "properties": {
                "tool": {"type": "object", "required": ["driver"], "properties": {"driver": {
                    "type": "object", "required": ["name"],
                    "properties": {"name": {"type": "string"}, "rules": {"type": "array", "items": {
                        "type": "object", "required": ["id"],
                        "properties": {"id": {"type": "string"},
                                       "shortDescription": {"$ref": "#/$defs/message"},
                                       "fullDescription": {"$ref": "#/$defs/message"},
                                       "defaultConfiguration": {"type": "object", "properties": {
                                           "level": {"$ref": "#/$defs/level"}}}}}}}}}},
                "originalUriBaseIds": {"type": "object", "additionalProperties": {
                    "type": "object", "properties": {"uri": {"type": "string", "pattern": "/$"}}}},
                "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                "results": {"type": "array", "items": {
                    "type": "object", "required": ["message"],
                    "properties": {
                        "ruleId": {"type": "string"},
                        "ruleIndex": {"type": "integer", "minimum": -1},
                        "level": {"$ref": "#/$defs/level"},
                        "message": {"$ref": "#/$defs/message"},
                        "locations": {"type": "array", "minItems": 1, "items": {
                            "type": "object", "required": ["physicalLocation"],
                            "properties": {"physicalLocation": {
                                "type": "object", "required": ["artifactLocation", "region"],
                                "properties": {
                                    "artifactLocation": {"type": "object", "required": ["uri"]},
                                    "region": {"type": "object", "required": ["startLine"], "properties": {
                                        "startLine": {"type": "integer", "minimum": 1}}}}}}}},
                        "suppressions": {"type": "array", "items": {
                            "type": "object", "required": ["kind"],
                            "properties": {"kind": {"enum": ["inSource", "external"]},
                                           "status": {"enum": ["accepted", "underReview", "rejected"]}}}},
                    }}},
            }}},
    },
    "$defs": {
        "level": {"enum": ["none", "note", "warning", "error"]},
        "message": {"type": "object", "anyOf": [{"required": ["text"]}, {"required": ["id"]}]},
    },
}


def test_sarif(project: Path) -> None:
    import jsonschema

    proc = run(project, "--format", "sarif")
    assert proc.returncode == 2
    log = json.loads(proc.stdout)
    jsonschema.validate(log, SARIF_SUBSET)
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    from claimcheck.codes import CODES

    ids = [r["id"] for r in rules]
    assert ids[: len(CODES)] == list(CODES) and {"fail", "warn", "unexpected-pass"} <= set(ids)
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == project.resolve().as_uri() + "/"
    found = {}
    for res in run_["results"]:
        assert ids[res["ruleIndex"]] == res["ruleId"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        found[(loc["artifactLocation"]["uri"], res.get("properties", {}).get("claim"))] = res
    mixed = project / "claims/mixed.yaml"
    level = {"error": "error", "warning": "warning", "notice": "note"}
    for cid, (lvl, rule) in MIXED_ANNOTATIONS.items():
        res = found[("claims/mixed.yaml", cid)]
        assert (res["level"], res["ruleId"]) == (level[lvl], rule), cid
        want = field_line(mixed, "typo", "value") if cid == "typo" else key_line(mixed, cid)
        assert res["locations"][0]["physicalLocation"]["region"]["startLine"] == want
    assert found[("claims/mixed.yaml", "reviewed")]["suppressions"][0]["justification"].startswith("tripled")
    assert found[("claims/broken.yaml", None)]["ruleId"] == "CC105"
    assert found[("claims/odd%2C%20name%3A%20100%25.yaml", "b")]["ruleId"] == "fail"
    empty = found[("claims/empty.yaml", None)]
    assert empty["ruleId"] == "CC108" and empty["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    assert len(run_["results"]) == len(MIXED_ANNOTATIONS) + 3


# --- json, text, auto, --output ----------------------------------------------------


def test_json_has_file_and_claim_errors(project: Path) -> None:
    doc = json.loads(run(project, "--format", "json").stdout)
    assert [f["path"] for f in doc["files"]] == FILES
    mixed = {r["id"]: r for r in doc["files"][1]["results"]}
    assert (mixed["typo"]["code"], mixed["typo"]["error_line"]) == ("CC202", field_line(
        project / "claims/mixed.yaml", "typo", "value"))
    assert doc["files"][2]["errors"][0]["code"] == "CC105"


def test_text_reports_everything(project: Path) -> None:
    proc = run(project, "--format", "text")
    assert proc.returncode == 2
    for word in ("CC105", "CC108", "CC202", "CC217", "fails", "warns", "stale", "reviewed"):
        assert word in proc.stdout


@pytest.mark.parametrize("env, machine", [({"GITHUB_ACTIONS": "true"}, True), ({}, False)])
def test_auto(project: Path, env: dict[str, str], machine: bool) -> None:
    proc = run(project, env=clean_env(**env))
    lines = proc.stdout.splitlines()
    assert any(_COMMAND.match(line) for line in lines) == machine
    assert ("status" in proc.stdout) != machine  # the text report's table header


@pytest.mark.parametrize("fmt, name, parse", [
    ("sarif", "out.sarif", lambda t: json.loads(t)["version"] == "2.1.0"),
    ("junit", "out.xml", lambda t: ET.fromstring(t.encode("utf-8")).tag == "testsuites"),
    ("json", "out.json", lambda t: json.loads(t)["version"] == 1),
    ("github", "out.txt", lambda t: bool(parse_github(t))),
])
@pytest.mark.parametrize("explicit", [True, False])
def test_output_file_and_text_on_terminal(project: Path, fmt: str, name: str, parse: Any, explicit: bool) -> None:
    if not explicit and fmt == "github":
        pytest.skip("github has no file extension of its own")
    args = ("--format", fmt) if explicit else ()
    proc = run(project, *args, "--output", name)
    assert proc.returncode == 2
    assert parse((project / name).read_text(encoding="utf-8"))
    assert "status" in proc.stdout and not proc.stdout.startswith(("{", "<", "::"))
    again = run(project, *args, "--output", name)  # refuses to overwrite without --force
    assert again.returncode == 2 and "--force" in again.stderr


@pytest.mark.parametrize("args", [("--output", "report.txt"), ("--format", "text", "--output", "report.json")])
def test_output_needs_a_machine_format(project: Path, args: tuple[str, ...]) -> None:
    proc = run(project, *args)
    assert proc.returncode == 2 and "--format" in proc.stderr and proc.stdout == ""
    assert not (project / args[-1]).exists()
