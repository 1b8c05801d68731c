"""Formulas: Python expression syntax, compiled by a whitelist over the AST.

`compile_formula` checks every node against dispatch tables, checks units and
dimensions, and returns a `Typed` expression: a small tree of numeric operations on
base-unit values (see `evaluate`), with its dimension and a display style.  Anything
not in the tables is a named error; nothing is ever passed to `eval`.
"""

import ast
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import Any, Final, NamedTuple

from claimcheck import units as U
from claimcheck.quantity import PERCENT_STYLE, Style

MAX_FORMULA_CHARS: Final = 1000
MAX_DEPTH: Final = 50
MAX_INLINE_NODES: Final = 32  # a larger implied formula is used by its interval

Tree = tuple[Any, ...]  # ("const", F) | ("var", id) | (op, *children): heterogeneous, hence Any


class FormulaError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class Typed(NamedTuple):
    tree: Tree
    kind: str  # "num", "date" or "bool"
    dim: U.Dim = U.NONE
    style: Style | None = None
    affine: bool = False  # an absolute temperature
    size: int = 1
    zero: bool = False  # the literal 0, which goes with any dimension


_DURATION_STYLES: Final = {
    ("days", False): Style(unit=" days", unit_factor=Fraction(U.DAY_SECONDS)),
    ("weeks", False): Style(unit=" weeks", unit_factor=Fraction(U.WEEK)),
    ("months", False): Style(unit=" months", unit_factor=U.MONTH),
    ("years", False): Style(unit=" years", unit_factor=U.YEAR),
    ("days", True): Style(unit="天", unit_factor=Fraction(U.DAY_SECONDS)),
    ("weeks", True): Style(unit="周", unit_factor=Fraction(U.WEEK)),
    ("months", True): Style(unit="个月", unit_factor=U.MONTH),
    ("years", True): Style(unit="年", unit_factor=U.YEAR),
}

_NOT_ALLOWED: Final = {
    ast.Attribute: "attribute access", ast.Subscript: "subscripts", ast.Lambda: "lambdas",
    ast.ListComp: "comprehensions", ast.SetComp: "comprehensions", ast.DictComp: "comprehensions",
    ast.GeneratorExp: "comprehensions", ast.JoinedStr: "f-strings", ast.List: "lists",
    ast.Tuple: "tuples", ast.Dict: "dicts", ast.Set: "sets", ast.IfExp: "conditional expressions",
    ast.NamedExpr: "assignment expressions", ast.Starred: "starred arguments", ast.Await: "await",
    ast.Yield: "yield", ast.YieldFrom: "yield", ast.Slice: "slices",
}



_PERCENT_LITERAL: Final = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*%(?![\w(])")


def to_python(text: str) -> str:
    """Formula text as Python: newlines folded, `50%` written as `(50/100)`."""
    text = unicodedata.normalize("NFKC", text)  # full-width （ ） ， ％ from a Chinese keyboard
    return _PERCENT_LITERAL.sub(r"(\1/100)", " ".join(text.split("\n")).strip())


def from_python(text: str) -> str:
    return re.sub(r"\((\d+(?:\.\d+)?)/100\)", r"\1%", text)


class Reading(NamedTuple):
    """A formula parsed, with what the judge needs of its tree."""

    tree: ast.Expression
    names: list[str]  # the claim ids it refers to, in order of first use
    name_nodes: list[ast.Name]  # every name, for writing the inputs' values in
    nodes: list[ast.AST]  # every node, breadth first: for the whitelist

    def check(self) -> None:
        """Refuse any construct outside the whitelist, before names are looked up: a
        comprehension's variable is not a missing claim."""
        _check_nodes(self.nodes)


def read(text: str) -> Reading:
    """Parse, check the limits and list the names in one pass over the tree (a large file
    has tens of thousands of formulas, and each walk over a tree is Python code); then
    `Reading.check` applies the whitelist.  Two steps, so that a formula the whitelist
    refuses still names its inputs (a cycle through it is still found)."""
    tree = _parse(text)
    nodes = _breadth_first(tree)
    return Reading(tree, _names(nodes), [n for n in nodes if isinstance(n, ast.Name)], nodes)


def _breadth_first(tree: ast.Expression) -> list[ast.AST]:
    """The nodes in ast.walk's order; raises CC210 for a tree nested too deep."""
    nodes: list[ast.AST] = [tree]
    depths = [1]
    i = 0
    while i < len(nodes):
        depth = depths[i] + 1
        for child in ast.iter_child_nodes(nodes[i]):
            nodes.append(child)
            depths.append(depth)
        i += 1
    if depths[-1] > MAX_DEPTH + 2:  # breadth first: the last node is the deepest
        raise FormulaError("CC210", f"formula nested more than {MAX_DEPTH} deep")
    return nodes


def parse(text: str) -> ast.Expression:
    """Parse and check the limits; the whitelist is applied by `compile_formula`."""
    tree = _parse(text)
    _breadth_first(tree)
    return tree


def _parse(text: str) -> ast.Expression:
    """Parse and check the limits of the text (the nesting of the tree is checked by the caller)."""
    text = to_python(text)
    if len(text) > MAX_FORMULA_CHARS:
        raise FormulaError("CC210", f"formula of {len(text):,} characters is over the limit of {MAX_FORMULA_CHARS:,}")
    if text.count("(") > MAX_DEPTH:
        raise FormulaError("CC210", f"formula nested more than {MAX_DEPTH} deep")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        cut_short = text.rstrip().endswith(("(", ",", "+", "-", "*", "/", "<", ">", "=", "and", "or", "not"))
        hint = " (in YAML, quote a formula that contains ' #' or ': ')" if cut_short else ""
        raise FormulaError("CC204", f"not a valid formula: {exc.msg}{hint}") from None
    except (RecursionError, MemoryError, ValueError):
        raise FormulaError("CC210", f"formula nested more than {MAX_DEPTH} deep") from None
    return tree


_STRUCTURE: Final = (ast.Load, ast.operator, ast.unaryop, ast.boolop, ast.cmpop, ast.keyword)


def _check_nodes(nodes: Iterable[ast.AST]) -> None:
    for node in nodes:
        if isinstance(node, _STRUCTURE) or type(node) in _DISPATCH:
            if isinstance(node, ast.Call):
                func = node.func
                if not isinstance(func, ast.Name) or func.id not in _Compiler.functions:
                    shown = func.id if isinstance(func, ast.Name) else "this"
                    import difflib  # only for a did-you-mean

                    close = difflib.get_close_matches(shown, list(_Compiler.functions), n=1, cutoff=0.6)
                    hint = (f" — did you mean '{close[0]}'?" if close
                            else f"; the functions are: {', '.join(sorted(_Compiler.functions))}")
                    raise FormulaError("CC205", f"calling '{shown}' is not allowed{hint}")
                keywords = [k.arg for k in node.keywords]
                if keywords and (func.id != "margin_of_error" or keywords != ["p"]):
                    raise FormulaError("CC218", f"{func.id}() takes no keyword arguments"
                                       if func.id != "margin_of_error" else "margin_of_error() takes only p=")
            continue
        what = _NOT_ALLOWED.get(type(node), type(node).__name__)
        raise FormulaError("CC205", f"{what} not allowed in a formula")


def _names(nodes: Iterable[ast.AST]) -> list[str]:
    """Claim ids among the nodes, in order of first use."""
    out: dict[str, None] = {}
    called: set[int] = set()
    for node in nodes:  # breadth first: a call comes before the name it calls
        if isinstance(node, ast.Call):
            called.add(id(node.func))
        elif isinstance(node, ast.Name) and node.id != "published" and id(node) not in called:
            out.setdefault(node.id, None)
    return list(out)


class _Compiler:
    def __init__(self, source: str, env: Mapping[str, Typed], chinese: bool) -> None:
        self.source = source
        self.env = env
        self.chinese = chinese

    def visit(self, node: ast.AST) -> Typed:
        handler = _DISPATCH.get(type(node))
        if handler is None:
            what = _NOT_ALLOWED.get(type(node), type(node).__name__)
            raise FormulaError("CC205", f"{what} not allowed in a formula")
        return handler(self, node)

    def expression(self, node: ast.Expression) -> Typed:
        return self.visit(node.body)

    # --- leaves ----------------------------------------------------------------
    def constant(self, node: ast.Constant) -> Typed:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            what = "string literals" if isinstance(value, (str, bytes)) else f"the constant {value!r}"
            raise FormulaError("CC205", f"{what} not allowed in a formula")
        text = ast.get_source_segment(self.source, node) or repr(value)
        exp = re.search(r"[eE]([+-]?\d+)", text)
        if len(text) > 1002 or (exp and (len(exp.group(1).lstrip("+-")) > 5 or abs(int(exp.group(1))) > 1100)):
            raise FormulaError("CC210", "a number beyond 10^±1000")
        try:
            f = Fraction(text.replace("_", ""))
        except (ValueError, ZeroDivisionError):
            raise FormulaError("CC205", f"the number {text} is not allowed") from None
        if f and not Fraction(1, 10**1000) < abs(f) < 10**1000:
            raise FormulaError("CC210", "a number beyond 10^±1000")
        return Typed(("const", f), "num", zero=f == 0)

    def name(self, node: ast.Name) -> Typed:
        ident = node.id
        if ident in self.env:
            return self.env[ident]
        if ident in ("growth", "share", "sum", "min", "max", "abs", "sqrt", "cagr", "margin_of_error"):
            raise FormulaError("CC218", f"the function {ident} must be called: {ident}(…)")
        import difflib  # only for a did-you-mean

        close = difflib.get_close_matches(ident, [k for k in self.env if k != "published"], n=1, cutoff=0.6)
        hint = f" — did you mean '{close[0]}'?" if close else ""
        raise FormulaError("CC203", f"formula refers to '{ident}', which no claim defines{hint}")

    # --- operators ---------------------------------------------------------------
    def number(self, t: Typed, what: str) -> Typed:
        if t.kind == "bool":
            raise FormulaError("CC207", f"a true/false value cannot be used in {what}")
        if t.kind == "date":
            raise FormulaError("CC207", f"a date cannot be used in {what}: dates only compare and subtract")
        return t

    def same_dim(self, a: Typed, b: Typed, what: str) -> U.Dim:
        if a.dim == b.dim or b.zero:
            return a.dim
        if a.zero:
            return b.dim
        raise FormulaError("CC207", f"{what} mixes {U.dim_name(a.dim)} and {U.dim_name(b.dim)}")

    def binop(self, node: ast.BinOp) -> Typed:
        op = type(node.op)
        a = self.visit(node.left)
        b = self.visit(node.right)
        size = a.size + b.size + 1
        if op is ast.Sub and a.kind == "date" and b.kind == "date":
            return Typed(("sub", a.tree, b.tree), "num", U.TIME, _DURATION_STYLES[("days", self.chinese)], size=size)
        if op in (ast.Add, ast.Sub):
            word = "an addition" if op is ast.Add else "a subtraction"
            self.number(a, word)
            self.number(b, word)
            dim = self.same_dim(a, b, word.split(" ")[1])
            affine = a.affine
            if a.affine and b.affine:
                if op is ast.Add:
                    raise FormulaError("CC207", "two temperatures cannot be added (they only compare or subtract)")
                affine = False
            elif b.affine:
                raise FormulaError("CC207", "a temperature can only be compared or subtracted")
            style = a.style or b.style
            if a.affine and b.affine and style is not None:  # a difference of temperatures: no offset
                style = style._replace(unit_offset=Fraction(0))
            if op is ast.Sub and _is_percent(a) and _is_percent(b):  # 17.3% - 32.5% is in points
                style = _PP_STYLES[self.chinese]
            return Typed((("add" if op is ast.Add else "sub"), a.tree, b.tree), "num", dim,
                         style, affine, size)
        if op in (ast.Mult, ast.Div):
            word = "a multiplication" if op is ast.Mult else "a division"
            for t in (a, b):
                self.number(t, word)
                if t.affine:
                    raise FormulaError("CC207", "a temperature can only be compared or subtracted")
            dim = U.dim_mul(a.dim, b.dim, 1 if op is ast.Mult else -1)
            style = _mul_style(a, b) if op is ast.Mult else _div_style(a, b)
            return Typed((("mul" if op is ast.Mult else "div"), a.tree, b.tree), "num", dim, style, size=size)
        if op is ast.Pow:
            self.number(a, "a power")
            self.number(b, "a power")
            if b.dim:
                raise FormulaError("CC207", "an exponent must be a plain number")
            if a.dim:
                if b.tree[0] != "const":
                    raise FormulaError("CC207", "a quantity with a unit can only be raised to a constant power")
                powered = U.dim_pow(a.dim, b.tree[1])
                if powered is None:
                    raise FormulaError("CC207", "this power leaves a fractional unit")
                dim = powered
            else:
                dim = U.NONE
            if b.tree[0] == "const" and abs(b.tree[1]) > 100:
                raise FormulaError("CC210", "an exponent of magnitude over 100")
            return Typed(("pow", a.tree, b.tree), "num", dim, a.style if not a.dim else None, size=size)
        raise FormulaError("CC205", f"the operator {type(node.op).__name__} is not allowed")

    def unaryop(self, node: ast.UnaryOp) -> Typed:
        op = type(node.op)
        a = self.visit(node.operand)
        if op is ast.Not:
            self.boolean(a, "not")
            return Typed(("not", a.tree), "bool", size=a.size + 1)
        if op in (ast.USub, ast.UAdd):
            self.number(a, "a sign")
            if a.affine:
                raise FormulaError("CC207", "a temperature can only be compared or subtracted")
            if op is ast.UAdd:
                return a
            return Typed(("neg", a.tree), "num", a.dim, a.style, size=a.size + 1, zero=a.zero)
        raise FormulaError("CC205", "the operator ~ is not allowed")

    def boolean(self, t: Typed, what: str) -> None:
        if t.kind != "bool":
            raise FormulaError("CC209", f"'{what}' needs comparisons on both sides, "
                                        f"not a {(t.kind == 'date' and 'date') or 'number'}")

    def boolop(self, node: ast.BoolOp) -> Typed:
        word = "and" if isinstance(node.op, ast.And) else "or"
        parts = [self.visit(v) for v in node.values]
        for p in parts:
            self.boolean(p, word)
        return Typed((word, *[p.tree for p in parts]), "bool", size=sum(p.size for p in parts) + 1)

    _CMP: Final = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}

    def compare(self, node: ast.Compare) -> Typed:
        left = self.visit(node.left)
        parts = []
        size = left.size
        for op, right_node in zip(node.ops, node.comparators, strict=True):
            sym = self._CMP.get(type(op))
            if sym is None:
                raise FormulaError("CC205", f"the comparison {type(op).__name__} is not allowed")
            right = self.visit(right_node)
            if left.kind == "bool" or right.kind == "bool":
                raise FormulaError("CC207", "true/false values cannot be compared; use and/or/not")
            if (left.kind == "date") != (right.kind == "date"):
                raise FormulaError("CC207", "a date can only be compared with a date")
            self.same_dim(left, right, "a comparison")
            parts.append(("cmp", sym, left.tree, right.tree))
            size += right.size + 1
            left = right
        tree = parts[0] if len(parts) == 1 else ("and", *parts)
        return Typed(tree, "bool", size=size)

    # --- functions ---------------------------------------------------------------
    def call(self, node: ast.Call) -> Typed:
        func = node.func
        if not isinstance(func, ast.Name):
            raise FormulaError("CC205", "only the functions of the format can be called")
        fname = func.id
        handler = self.functions.get(fname)
        if handler is None:
            raise FormulaError("CC205", f"calling '{fname}' is not allowed; the functions are: "
                                        f"{', '.join(sorted(self.functions))}")
        keywords = {k.arg: k.value for k in node.keywords}
        if None in keywords or (keywords and (fname != "margin_of_error" or set(keywords) != {"p"})):
            raise FormulaError("CC218", f"{fname}() takes no keyword arguments"
                               if fname != "margin_of_error" else "margin_of_error() takes only p=")
        args = [self.visit(a) for a in node.args]
        if "p" in keywords:
            args.append(self.visit(keywords["p"]))
        return handler(self, fname, args)

    def _arity(self, fname: str, args: list[Typed], lo: int, hi: int | None) -> None:
        if len(args) < lo or (hi is not None and len(args) > hi):
            want = f"{lo}" if lo == hi else f"{lo} to {hi}" if hi else f"at least {lo}"
            raise FormulaError("CC218", f"{fname}() takes {want} arguments, got {len(args)}")

    def f_ratio(self, fname: str, args: list[Typed]) -> Typed:
        self._arity(fname, args, 2, 2)
        a, b = (self.number(x, f"{fname}()") for x in args)
        self.same_dim(a, b, f"{fname}()")
        div = ("div", a.tree, b.tree)
        tree = ("sub", div, ("const", Fraction(1))) if fname == "growth" else div
        return Typed(tree, "num", U.NONE, PERCENT_STYLE, size=a.size + b.size + 2)

    def f_fold(self, fname: str, args: list[Typed]) -> Typed:
        self._arity(fname, args, 1, None)
        for a in args:
            self.number(a, f"{fname}()")
            self.same_dim(args[0], a, f"{fname}()")
        if fname == "sum":
            tree = args[0].tree
            for a in args[1:]:
                tree = ("add", tree, a.tree)
        else:
            tree = (fname, *[a.tree for a in args])
        return Typed(tree, "num", args[0].dim, args[0].style, args[0].affine and fname != "sum",
                     sum(a.size for a in args) + 1)

    def f_unary(self, fname: str, args: list[Typed]) -> Typed:
        self._arity(fname, args, 1, 1)
        a = self.number(args[0], f"{fname}()")
        if fname == "abs":
            return Typed(("abs", a.tree), "num", a.dim, a.style, size=a.size + 1)
        dim = U.dim_pow(a.dim, Fraction(1, 2))
        if dim is None:
            raise FormulaError("CC207", "sqrt() of this unit leaves a fractional unit")
        return Typed(("sqrt", a.tree), "num", dim, None, size=a.size + 1)

    def f_cagr(self, fname: str, args: list[Typed]) -> Typed:
        self._arity(fname, args, 3, 3)
        end, start, years = (self.number(x, "cagr()") for x in args)
        self.same_dim(end, start, "cagr()")
        ytree = years.tree
        if years.dim == U.TIME:
            ytree = ("div", ytree, ("const", U.YEAR))
        elif years.dim:
            raise FormulaError("CC207", "cagr() takes years as a number or a duration")
        tree = ("sub", ("pow", ("div", end.tree, start.tree), ("div", ("const", Fraction(1)), ytree)),
                ("const", Fraction(1)))
        return Typed(tree, "num", U.NONE, PERCENT_STYLE, size=end.size + start.size + years.size + 5)

    def f_moe(self, fname: str, args: list[Typed]) -> Typed:
        self._arity(fname, args, 1, 2)
        n = self.number(args[0], "margin_of_error()")
        p = self.number(args[1], "margin_of_error()") if len(args) == 2 else Typed(("const", Fraction(1, 2)), "num")
        if n.dim or p.dim:
            raise FormulaError("CC207", "margin_of_error() takes a sample size and a proportion, both plain numbers")
        one = ("const", Fraction(1))
        tree = ("mul", ("const", Fraction("1.96")), ("sqrt", ("div", ("mul", p.tree, ("sub", one, p.tree)), n.tree)))
        return Typed(tree, "num", U.NONE, PERCENT_STYLE, size=n.size + 2 * p.size + 6)

    def f_between(self, fname: str, args: list[Typed]) -> Typed:
        self._arity(fname, args, 2, 2)
        a, b = args
        if a.kind != "date" or b.kind != "date":
            raise FormulaError("CC207", f"{fname}() takes two dates")
        style = _DURATION_STYLES[(fname.split("_")[0], self.chinese)]
        return Typed(("sub", b.tree, a.tree), "num", U.TIME, style, size=a.size + b.size + 1)

    functions: Final = {
        "growth": f_ratio, "share": f_ratio, "sum": f_fold, "min": f_fold, "max": f_fold,
        "abs": f_unary, "sqrt": f_unary, "cagr": f_cagr, "margin_of_error": f_moe,
        "days_between": f_between, "weeks_between": f_between, "months_between": f_between,
        "years_between": f_between,
    }


_PP_STYLES: Final = {False: Style(unit="pp", unit_factor=Fraction(1, 100)),
                     True: Style(unit="个百分点", unit_factor=Fraction(1, 100))}


def _is_percent(t: Typed) -> bool:
    return t.style is not None and not t.dim and t.style.unit.strip() in ("%", "percent", "per cent")


# the whitelist: AST node type -> the method that compiles it (typed for its own node type,
# hence Any here); anything else is CC205
_DISPATCH: Final[dict[type[ast.AST], Callable[[_Compiler, Any], Typed]]] = {
    ast.Expression: _Compiler.expression,
    ast.Constant: _Compiler.constant,
    ast.Name: _Compiler.name,
    ast.BinOp: _Compiler.binop,
    ast.UnaryOp: _Compiler.unaryop,
    ast.BoolOp: _Compiler.boolop,
    ast.Compare: _Compiler.compare,
    ast.Call: _Compiler.call,
}


def _is_ratio(t: Typed) -> bool:
    return t.style is None or (not t.dim and t.style.unit.strip() in ("%", "pp", "x", "倍", "个百分点", "times", ""))


def _mul_style(a: Typed, b: Typed) -> Style | None:
    if a.dim and not b.dim:
        return a.style
    if b.dim and not a.dim:
        return b.style
    if _is_ratio(a) and not _is_ratio(b):
        return b.style
    return a.style if not _is_ratio(a) else (b.style or a.style)


def _div_style(a: Typed, b: Typed) -> Style | None:
    if not b.dim and _is_ratio(b):
        return a.style
    if a.dim == b.dim:
        return PERCENT_STYLE
    label = "/".join(filter(None, (_dim_label(a.dim), _dim_label(b.dim)))) or "per unit"
    return Style(unit=" " + label)


def _dim_label(d: U.Dim) -> str:
    return "·".join(k if e == 1 else f"{k}^{e}" for k, e in d if e > 0) or ("1" if d else "")


def compile_formula(text: str, env: Mapping[str, Typed], chinese: bool = False,
                    tree: ast.Expression | None = None) -> Typed:
    """Compile `text` (`tree`: its parse, when the caller has it already)."""
    if tree is None:
        tree = parse(text)
    return _Compiler(to_python(text), env, chinese).visit(tree)


def var_size(t: Typed) -> int:
    return t.size
