"""Problem codes: one stable code, one name and one documentation text each.

CC1xx are file errors (nothing in the file is judged); CC2xx are claim errors (the
claim, and every claim that uses it, is `error`).  `claimcheck explain CODE` prints the
documentation kept here.
"""

from typing import Final, NamedTuple


class Code(NamedTuple):
    code: str
    name: str
    summary: str
    example: str
    fix: str

    @property
    def file_level(self) -> bool:
        return self.code.startswith("CC1")


_ALL: Final = [
    Code("CC100", "not-utf8", "The file is not UTF-8 text (or contains a NUL byte).",
         "a file saved as GBK or UTF-16, or a binary file named .yaml",
         "Save the file as UTF-8; a byte-order mark is allowed."),
    Code("CC101", "yaml-syntax", "The file is not valid YAML.",
         "value: >30%   (a plain value may not start with '>': YAML reads a folded block)",
         "Fix the YAML at the line shown. Quote values that start with > < ~ * & ! % @ | "
         "(value: \">30%\") and formulas that contain ': ' or ' #'."),
    Code("CC102", "yaml-tag", "YAML tags are not allowed: claimcheck never constructs objects from a file.",
         "value: !!python/object/apply:os.system ['ls']",
         "Remove the tag; write the value as plain text."),
    Code("CC103", "yaml-alias", "YAML anchors and aliases are not allowed.",
         "base: &b 1.2 billion USD ... value: *b",
         "Write each value out in full. A value starting with '*' or '&' must be quoted."),
    Code("CC104", "duplicate-key", "The same key appears twice in one mapping; YAML would silently keep the last.",
         "claims:\n  dau: ...\n  dau: ...",
         "Rename or remove one of the two entries."),
    Code("CC105", "unknown-field", "A key that the format does not define.",
         "fomula: growth(a, b)",
         "Use one of the fields the message lists (it names the nearest one)."),
    Code("CC106", "missing-field", "A required field is missing.",
         "a claim without 'quote', or an article without 'published'",
         "Add the field."),
    Code("CC107", "wrong-type", "A field holds the wrong kind of YAML value (a list where text is expected, say).",
         "claims: [a, b]   (claims must be a mapping of id -> claim)",
         "Write the field in the shape the format shows."),
    Code("CC108", "empty-file", "The file is empty or holds only comments.",
         "", "Write an article header and at least one claim."),
    Code("CC109", "bad-id", "A claim id is not an identifier, or is reserved.",
         "1st_quarter: ...   or   sum: ...   or   class: ...",
         "Use a name of letters, digits and _ that starts with a letter; not a Python keyword, a "
         "function name or 'published'."),
    Code("CC110", "article-text-missing", "article.text names a file that cannot be read: missing, not a "
         "regular file, not UTF-8, over 4 MiB, or outside both the claim file's folder and the working folder.",
         "text: articles/missing.txt   or   text: /etc/passwd",
         "Give the path relative to the claim file, or remove the field; --article names a file anywhere."),
    Code("CC111", "unreadable", "The file cannot be read (missing, a directory, no permission).",
         "claimcheck run claims/nope.yaml", "Check the path."),
    Code("CC112", "too-large", "The file or one of its structures is beyond a named limit.",
         "a 100 MB claim file, more than 100,000 claims, a million YAML values, YAML nested 60 deep, "
         "a quote of 20,000 characters",
         "Split the file; the limits are listed in the README."),
    Code("CC113", "bad-article", "A field of the article header or of defaults is invalid.",
         "published: last Tuesday   or   about: 150%",
         "published is a date (2026-01-05); defaults.about is a percentage in (0, 100%)."),
    Code("CC199", "internal-error", "claimcheck failed on this file: a bug, not a problem of the file.",
         "", "Report it with the file; the other files of the run are still checked."),
    Code("CC200", "bad-kind", "A claim must be exactly one of: stated (value or date), derived (value + "
         "formula), implied (formula) or check (check alone).",
         "a claim with both value and check, or with no value, date, formula or check",
         "Keep the fields of one kind; split the claim in two if it says two things."),
    Code("CC201", "bad-value", "The value cannot be read as a quantity.",
         "value: about a third",
         "Write [qualifier] number [scale] [unit]: '超过80%', '3179亿港元', '$140 million', '>30%'."),
    Code("CC202", "unit-typo", "A word one edit away from a known unit: probably a typo.",
         "value: 12 kms",
         "Correct the unit (km). A real count label that is this close to a unit is rare; reword it."),
    Code("CC203", "unknown-name", "The formula uses a name that no claim defines.",
         "formula: growth(revenue_2025, revenue_2204)",
         "Use an id of this file (the message suggests the nearest)."),
    Code("CC204", "formula-syntax", "The formula is not a valid expression.",
         "formula: growth(a, b",
         "Fix the expression. In YAML, quote a formula containing ': ' or ' #'."),
    Code("CC205", "not-allowed", "The formula uses something outside the whitelist (attribute access, "
         "subscripts, strings, lambdas, comprehensions, calls of other functions ...).",
         "formula: a.__class__   or   formula: open('x')",
         "Use only numbers, claim ids, published, + - * / **, comparisons, and/or/not and the functions "
         "of the format."),
    Code("CC206", "cycle", "Formulas and checks refer to each other in a cycle.",
         "a: {formula: b + 1}, b: {formula: a - 1}",
         "Break the cycle: one of the figures must be stated, not computed."),
    Code("CC207", "dimension", "Quantities of different dimensions are combined or compared.",
         "formula: revenue_hkd + revenue_cny   or   value: 5% with formula: a - b (in HKD)",
         "Convert through a rate claim (7.18 CNY/USD) or compare like with like."),
    Code("CC208", "division-by-zero", "A division whose divisor's interval contains zero.",
         "formula: a / b   with b stated as '0' or '<10'",
         "State the divisor more precisely or reformulate."),
    Code("CC209", "not-boolean", "A check must be a comparison or a combination of comparisons.",
         "check: a - b", "Write a relation: check: a > b."),
    Code("CC210", "limit", "A named limit was exceeded: formula length or depth, exponent, magnitude.",
         "formula: a ** 1000", "Simplify the formula. The limits are listed in the README."),
    Code("CC211", "bad-date", "A date or period that does not exist or is not in a known form.",
         "date: 2025-13", "Write 2021-02-05, 2024-06, 2025Q3, 2025H1 or 2026."),
    Code("CC212", "domain", "A function applied outside its domain.",
         "sqrt(a) with a negative, or a fractional power of a negative number",
         "Check the formula's inputs."),
    Code("CC213", "bad-field", "A claim field holds an invalid value.",
         "expect: ok   or   severity: high   or   rel_tol: lots",
         "expect is pass, warn or fail; severity is fail or warn; tolerances are quantities."),
    Code("CC214", "expect-without-note", "expect records a reviewed verdict and needs a note saying why.",
         "expect: fail   (and no note)", "Add note: with a one-line explanation."),
    Code("CC215", "quote-number", "The number of the value or date does not occur in the quote.",
         "quote: revenue reached $1.2 billion / value: 1.3 billion USD",
         "Quote the words that state the figure, or correct the value."),
    Code("CC216", "quote-not-in-article", "The quote does not occur in the article text.",
         "a paraphrase instead of the article's words",
         "Copy the words verbatim (whitespace may differ); the message points at the closest passage."),
    Code("CC217", "depends-on-error", "The claim uses a claim that has an error.",
         "formula: growth(a, b) where b has a bad value", "Fix the claim named in the message."),
    Code("CC219", "ambiguous-number", "A number whose separators can be read two ways.",
         "value: 1,5   or   value: 12,50   or   value: 1.2.3",
         "Use ',' only between groups of three digits and '.' for the decimal point: 1.5, 12.50."),
    Code("CC220", "ignore-not-in-article", "A coverage.ignore entry names text that does not occur in the article.",
         "coverage: {ignore: [{text: '60647 0 O', why: page furniture}]}",
         "Copy the passage verbatim (whitespace may differ); the message points at the closest passage."),
    Code("CC218", "bad-arguments", "A function called with the wrong number or kind of arguments.",
         "growth(a)", "Give the function the arguments the format lists."),
    Code("CC219", "ambiguous-value", "A value that could be read more than one way.",
         "value: 1,23   (a decimal comma?)   or   value: ~30%左右   (two qualifiers)",
         "Use ',' only between groups of three digits and '.' for decimals; write one qualifier."),
]

CODES: Final[dict[str, Code]] = {c.code: c for c in _ALL}
BY_NAME: Final[dict[str, Code]] = {c.name: c for c in _ALL}
