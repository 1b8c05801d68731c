"""One call from paths to reports: find the claim files, load, judge."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Final, Iterable

from claimcheck.model import FileReport

_CLAIMS_KEY: Final = re.compile(rb"^claims\s*:", re.MULTILINE)


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

    claim_file, problems = load_path(path, article_path)
    if claim_file is None:
        return FileReport(path, errors=problems)
    return judge_file(claim_file)
