"""The hostile cases too large to keep in the repository, written at test time.

    python tests/hostile/make_big.py DIR     # write them all into DIR, to look at

Each generator writes its case into a folder and returns the claim file's path; the
expected code and line are in cases.yaml (`generated: true`), like every other case.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Final

HEADER: Final = """\
article:
  title: Acme's robot bet pays off
  outlet: Example Daily
  published: 2026-03-02
claims:
"""
WITH_TEXT: Final = HEADER.replace("claims:\n", "  text: {text}\nclaims:\n")  # text on line 5
BASE: Final = """\
  revenue_2025:
    quote: revenue reached $1.2 billion
    value: 1.2 billion USD
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def long_cycle(folder: Path) -> Path:
    """2,000 implied figures, each the next one plus 1, the last the first: CC206 from line 6."""
    n = 2000
    body = "".join(f"  x{i}:\n    quote: step {i}\n    formula: x{(i + 1) % n} + 1\n" for i in range(n))
    return _write(folder, "long_cycle", HEADER + body)


def formula_amplify(folder: Path) -> Path:
    """300 implied figures, each x + x - x of the one before (every formula inlined and
    repeated), then a claim with an unknown id on line 6 + 3 + 3 * 300 + 2 = 911."""
    body = "  x0:\n    quote: it is 2\n    value: '2'\n"
    body += "".join(f"  x{i}:\n    quote: the same\n    formula: x{i - 1} + x{i - 1} - x{i - 1}\n" for i in range(1, 301))
    body += "  bad:\n    quote: a figure\n    formula: x300 + nowhere\n"
    return _write(folder, "formula_amplify", HEADER + body)


def too_many_claims(folder: Path) -> Path:
    """100,001 claims (the loader's limit is 100,000): CC112 on the claims: line, 5."""
    return _write(folder, "too_many_claims", HEADER + "".join(f"  c{i}: 0\n" for i in range(100_001)))


def too_many_nodes(folder: Path) -> Path:
    """A quote that is a flow list of 1,000,001 zeros (the limit is 1,000,000 YAML values): CC112, line 7."""
    return _write(folder, "too_many_nodes", HEADER + "  revenue_2025:\n    quote: [" + "0," * 1_000_000 + "0]\n")


def file_too_large(folder: Path) -> Path:
    """64 MiB + 1 byte of a claim file padded with a comment: CC112, no line."""
    path = folder / "file_too_large.yaml"
    head = (HEADER + BASE).encode()
    with open(path, "wb") as fh:
        fh.write(head)
        fh.write(b"#" * (64 * 1024 * 1024 + 1 - len(head)))
    return path


def article_text_symlink(folder: Path) -> Path:
    """article.text is a symlink beside the claim file that leads to /etc/passwd: CC110, line 5."""
    link = folder / "article_link.txt"
    if not link.is_symlink():
        link.symlink_to("/etc/passwd")
    return _write(folder, "article_text_symlink", WITH_TEXT.format(text="article_link.txt") + BASE)


def article_too_large(folder: Path) -> Path:
    """An article text of 4 MiB + 1 byte: CC110, line 5."""
    (folder / "big_article.txt").write_text("revenue reached $1.2 billion. " * (4 * 1024 * 1024 // 30 + 1), encoding="utf-8")
    return _write(folder, "article_too_large", WITH_TEXT.format(text="big_article.txt") + BASE)


def quote_not_in_article_long(folder: Path) -> Path:
    """A 9,000-character quote that is not in a 200 KB article full of its letter: CC216, line 8."""
    (folder / "banana_article.txt").write_text("banana " * 30_000, encoding="utf-8")
    quote = "a" * 9000 + " 1.2 billion"
    return _write(folder, "quote_not_in_article_long",
                  WITH_TEXT.format(text="banana_article.txt")
                  + f"  revenue_2025:\n    quote: {quote}\n    value: 1.2 billion USD\n")


GENERATORS: Final[dict[str, Callable[[Path], Path]]] = {
    f.__name__: f for f in (long_cycle, formula_amplify, too_many_claims, too_many_nodes, file_too_large,
                            article_text_symlink, article_too_large, quote_not_in_article_long)
}


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    os.makedirs(out, exist_ok=True)
    for make in GENERATORS.values():
        print(make(out))
