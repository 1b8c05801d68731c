"""`claimcheck explain CODE` and `claimcheck codes`: the documentation kept in claimcheck.codes."""

from __future__ import annotations

import difflib
import re
import textwrap
from typing import Final

from claimcheck.codes import BY_NAME, CODES, Code

CODE_PATTERN: Final = re.compile(r"CC\d{3}", re.IGNORECASE)
WIDTH: Final = 88


def lookup(target: str) -> Code | None:
    """A code by its number (case-insensitive) or its name, or None."""
    return CODES.get(target.upper()) or BY_NAME.get(target.lower())


def suggest(target: str) -> list[str]:
    """The nearest codes or names, for a did-you-mean."""
    pool = {c.lower(): c for c in CODES}
    if not CODE_PATTERN.fullmatch(target):
        pool.update({n: n for n in BY_NAME})
    return [pool[k] for k in difflib.get_close_matches(target.lower(), list(pool), n=3, cutoff=0.6)]


def _kind(c: Code) -> str:
    if c.file_level:
        return "file error: nothing in the file is judged"
    return "claim error: the claim, and every claim that uses it, is an error"


def _para(text: str, indent: str = "") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent)


def render_code(c: Code) -> str:
    parts = [f"{c.code} {c.name} ({_kind(c)})", "", _para(c.summary)]
    if c.example:
        parts += ["", "Example:", textwrap.indent(c.example, "    ")]
    parts += ["", "How to fix it:", _para(c.fix, "    ")]
    return "\n".join(parts) + "\n"


def render_index() -> str:
    width = max(len(c.name) for c in CODES.values())
    lines = []
    for c in CODES.values():
        lines.append(f"{c.code}  {c.name:<{width}}  {'file ' if c.file_level else 'claim'}  {c.summary}")
    lines.append("")
    lines.append("CC1xx: file errors (nothing in the file is judged); CC2xx: claim errors. "
                 "`claimcheck explain CODE` prints one in full.")
    return "\n".join(lines) + "\n"
