"""The JSON Schema of a claim file: shipped in the package, accepts every real file, rejects malformed ones."""

from __future__ import annotations

import datetime as dt
import json
import keyword
import textwrap
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, run_cli

jsonschema = pytest.importorskip("jsonschema")


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json.loads(files("claimcheck").joinpath("schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> Any:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _json_like(node: Any) -> Any:
    """Typed YAML as an editor's JSON view sees it: dates become their ISO text."""
    if isinstance(node, dict):
        return {str(k): _json_like(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_json_like(v) for v in node]
    if isinstance(node, (dt.date, dt.datetime)):
        return node.isoformat()
    return node


def readings(text: str) -> Iterator[tuple[str, Any]]:
    """A claim file as claimcheck reads it (every scalar text) and as typed YAML (what editors see)."""
    yield "text", yaml.load(text, Loader=yaml.BaseLoader)
    yield "typed", _json_like(yaml.safe_load(text))


def claim_files() -> list[Path]:
    found = sorted((ROOT / "claims").glob("*.y*ml")) + sorted((ROOT / "tests" / "corpus").glob("*.y*ml"))
    return [p for p in found if "claims:" in p.read_text(encoding="utf-8")]


def test_cli_prints_the_packaged_schema(schema: dict[str, Any]) -> None:
    proc = run_cli("schema")
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == schema
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("path", claim_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_accepts_every_claim_file(validator: Any, path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    for how, doc in readings(text):
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]
        assert not errors, (how, errors)


def test_found_the_claim_files() -> None:
    names = {p.name for p in claim_files()}
    assert "kuaishou.yaml" in names or "harbor-wind.yaml" in names
    assert not any(n.endswith(".expected.yaml") for n in names)


HEAD = """\
article:
  title: T
  outlet: O
  published: 2026-03-02
claims:
"""

# malformed files: (name, YAML, the schema path of the error)
MALFORMED = [
    ("unknown top-level field", HEAD + "  a: {quote: a 1, value: '1'}\nextra: 1\n", []),
    ("no article", "claims:\n  a: {quote: a 1, value: '1'}\n", []),
    ("no claims", HEAD.replace("claims:\n", ""), []),
    ("missing published", HEAD.replace("  published: 2026-03-02\n", "") + "  a: {quote: a 1, value: '1'}\n",
     ["article"]),
    ("published not a day", HEAD.replace("2026-03-02", "2026-03") + "  a: {quote: a 1, value: '1'}\n",
     ["article", "published"]),
    ("unknown article field", HEAD.replace("  outlet: O\n", "  outlet: O\n  author: me\n") +
     "  a: {quote: a 1, value: '1'}\n", ["article"]),
    ("claims is a list", HEAD + "  - a\n", ["claims"]),
    ("claim without quote", HEAD + "  a: {value: '1'}\n", ["claims", "a"]),
    ("unknown claim field", HEAD + "  a: {quote: a 1, value: '1', fomula: a}\n", ["claims", "a"]),
    ("value and check", HEAD + "  a: {quote: a 1, value: '1', check: a > 0}\n", ["claims", "a"]),
    ("value and date", HEAD + "  a: {quote: a 2021, value: '1', date: '2021'}\n", ["claims", "a"]),
    ("date and formula", HEAD + "  a: {quote: a 2021, date: '2021', formula: b}\n", ["claims", "a"]),
    ("nothing stated", HEAD + "  a: {quote: a 1, source: x}\n", ["claims", "a"]),
    ("expect without note", HEAD + "  a: {quote: a 1, value: '1', formula: '1', expect: fail}\n", ["claims", "a"]),
    ("bad expect", HEAD + "  a: {quote: a 1, value: '1', formula: '1', expect: ok, note: n}\n",
     ["claims", "a", "expect"]),
    ("bad severity", HEAD + "  a: {quote: a 1, check: 1 > 0, severity: high}\n", ["claims", "a", "severity"]),
    ("tolerance without value", HEAD + "  a: {quote: a 1, formula: '1', rel_tol: 2%}\n", ["claims", "a"]),
    ("bad date", HEAD + "  a: {quote: a 2025-13, date: 2025-13}\n", ["claims", "a", "date"]),
    ("empty quote", HEAD + "  a: {quote: '', value: '1'}\n", ["claims", "a", "quote"]),
    ("value is a list", HEAD + "  a: {quote: a 1, value: [1]}\n", ["claims", "a", "value"]),
    ("reference without value", HEAD + "  a: {quote: a 1, value: '1', reference: {source: s}}\n",
     ["claims", "a", "reference"]),
    ("unknown reference field", HEAD + "  a: {quote: a 1, value: '1', reference: {value: '1', url: u}}\n",
     ["claims", "a", "reference"]),
    ("unknown source field", "sources:\n  s: {title: S, link: u}\n" + HEAD + "  a: {quote: a 1, value: '1'}\n",
     ["sources", "s"]),
    ("unknown defaults field", "defaults: {around: 5%}\n" + HEAD + "  a: {quote: a 1, value: '1'}\n",
     ["defaults"]),
    ("id starts with a digit", HEAD + "  1st: {quote: a 1, value: '1'}\n", ["claims"]),
    ("id with a hyphen", HEAD + "  rev-2025: {quote: a 1, value: '1'}\n", ["claims"]),
    ("keyword id", HEAD + "  import: {quote: a 1, value: '1'}\n", ["claims"]),
    ("function name id", HEAD + "  growth: {quote: a 1, value: '1'}\n", ["claims"]),
    ("published as id", HEAD + "  published: {quote: a 1, value: '1'}\n", ["claims"]),
    ("coverage entry without why", HEAD + "  a: {quote: a 1, value: '1'}\ncoverage:\n  ignore: [{text: x}]\n",
     ["coverage", "ignore", 0]),
]


@pytest.mark.parametrize("name, text, where", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_rejects_malformed(validator: Any, name: str, text: str, where: list[Any]) -> None:
    for how, doc in readings(text):
        errors = list(validator.iter_errors(doc))
        assert errors, (name, how)
        assert any(list(e.absolute_path) == where for e in errors), (how, [(list(e.absolute_path), e.message)
                                                                           for e in errors])


@pytest.mark.parametrize("ok", [
    "  收入2025: {quote: 收入3179亿港元, value: 3179亿港元}\n",
    "  _private: {quote: a 1, value: 1}\n",
    "  a: {quote: a 1.10, value: 1.10, rel_tol: 2%, abs_tol: 0}\n",
    "  d: {quote: 2025年第三季度, date: 2025Q3, as_of: 2025H1}\n",
    "  y: {quote: in 2026, date: 2026}\n",
    "  c: {quote: c, check: 'a > b', severity: warn}\n",
    "  i: {quote: i, formula: 'growth(a, b)'}\n",
    "  r: {quote: r 1, value: '1', reference: {value: '1.0', source: s, quote: q}, expect: pass, note: fine}\n",
])
def test_accepts_edge_cases(validator: Any, ok: str) -> None:
    for how, doc in readings(HEAD + ok):
        errors = [e.message for e in validator.iter_errors(doc)]
        assert not errors, (how, errors)


def _walk(node: Any, path: str) -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key in ("properties", "$defs"):
            for name, sub in node.get(key, {}).items():
                yield f"{path}/{key}/{name}", sub
                yield from _walk(sub, f"{path}/{key}/{name}")
        for key in ("additionalProperties", "items", "propertyNames"):
            if isinstance(node.get(key), dict):
                yield from _walk(node[key], f"{path}/{key}")


def test_every_field_has_a_description(schema: dict[str, Any]) -> None:
    missing = []
    for path, sub in _walk(schema, "#"):
        target = sub
        if "$ref" in sub and "description" not in sub:
            target = schema["$defs"][sub["$ref"].rsplit("/", 1)[1]]
        if not target.get("description"):
            missing.append(path)
    assert not missing
    assert schema.get("description")


def test_fields_match_the_loader(schema: dict[str, Any]) -> None:
    from claimcheck import loader

    defs = schema["$defs"]
    assert set(schema["properties"]) == set(loader.TOP_FIELDS)
    assert set(defs["article"]["properties"]) == set(loader.ARTICLE_FIELDS)
    assert set(defs["source"]["properties"]) == set(loader.SOURCE_FIELDS)
    assert set(schema["properties"]["defaults"]["properties"]) == set(loader.DEFAULT_FIELDS)
    assert set(defs["claim"]["properties"]) == set(loader.CLAIM_FIELDS)
    assert set(defs["reference"]["properties"]) == set(loader.REFERENCE_FIELDS)
    if hasattr(loader, "COVERAGE_FIELDS"):
        coverage = schema["properties"]["coverage"]["properties"]
        assert set(coverage) == set(loader.COVERAGE_FIELDS)
        assert set(coverage["ignore"]["items"]["properties"]) == set(loader.IGNORE_FIELDS)
    reserved = schema["properties"]["claims"]["propertyNames"]["not"]["enum"]
    assert set(reserved) == set(keyword.kwlist) | set(loader.RESERVED)


def test_editor_hint_in_a_file_is_only_a_comment(tmp_path: Path) -> None:
    """The yaml-language-server modeline the README shows does not change what claimcheck reads."""
    path = tmp_path / "c.yaml"
    path.write_text("# yaml-language-server: $schema=./claimcheck.schema.json\n" + HEAD + textwrap.indent(
        "a: {quote: a 10, value: '10'}\n", "  "), encoding="utf-8")
    proc = run_cli("run", "--format", "json", str(path))
    assert proc.returncode == 0, proc.stdout


@pytest.mark.parametrize("name, text, where", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_claimcheck_rejects_them_too(tmp_path: Path, name: str, text: str, where: list[Any]) -> None:
    """The schema is no stricter than claimcheck: each malformed file is an error there as well."""
    from claimcheck.engine import check_file
    from claimcheck.model import exit_reason

    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    assert exit_reason([check_file(str(path))], strict=False)[0] == 2
