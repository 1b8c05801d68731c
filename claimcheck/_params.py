"""Command-line values read without pydantic, so that a run starts fast.

Recent typer releases coerce every parameter through a pydantic TypeAdapter, built on
first use; importing pydantic for that costs more than importing typer itself, on
every run.  claimcheck's parameters are text, lists of text, integers, flags and choices:
`LeanGroup` gives each such parameter a coercer that reads it the way typer does
(same values, same errors, exit 2) and leaves any other parameter to typer.  With a
typer that has no such hook, it changes nothing.
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import Any, Final, get_args, get_origin

from typer import BadParameter
from typer.core import TyperGroup

_TRUE: Final = frozenset({"1", "true", "t", "yes", "y", "on"})
_FALSE: Final = frozenset({"", "0", "false", "f", "no", "n", "off"})


class LeanGroup(TyperGroup):
    """The app's command group: installs `_Lean` coercers on its commands' parameters."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for command in [self, *self.commands.values()]:
            for param in command.params:
                _install(param)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        _install(option)
        return option

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:  # --help is made when first asked for, and cached
            _install(command.get_help_option(ctx))
        return name, command, rest


def _install(param: Any) -> None:
    desc = getattr(param, "type_descriptor", None)
    if desc is None or getattr(param, "_runtime_param", False) is not None:
        return  # not a typer parameter with a lazy coercer: leave it to typer
    info = desc.parameter_info
    if getattr(info, "parser", None) is not None or getattr(info, "clamp", False) or desc.file_annotation is not None:
        return
    annotation = desc.annotation
    if get_origin(annotation) is list and len(get_args(annotation)) == 1:
        annotation = get_args(annotation)[0]
    if annotation in (str, int, bool) or (isinstance(annotation, type) and issubclass(annotation, Enum)):
        param._runtime_param = _Lean(annotation, info.min, info.max, bool(getattr(info, "case_sensitive", True)))


class _Lean:
    """typer's coercion of one parameter, for str, int (with min/max), bool and Enum values."""

    def __init__(self, kind: type, low: float | None, high: float | None, case_sensitive: bool) -> None:
        self.kind, self.low, self.high, self.case_sensitive = kind, low, high, case_sensitive

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        multi = param.multiple or param.nargs == -1
        if value is None:
            return () if multi else None
        if multi:
            if isinstance(value, str):
                raise BadParameter("Value must be an iterable.", ctx=ctx, param=param)
            return [self.one(v, param, ctx) for v in value]
        return self.one(value, param, ctx)

    def one(self, value: Any, param: Any, ctx: Any) -> Any:
        if isinstance(value, bytes):
            value = value.decode(sys.getfilesystemencoding(), "replace")
        if self.kind is str:
            return str(value)
        if self.kind is int:
            return self.integer(value, param, ctx)
        if self.kind is bool:
            return self.boolean(value, param, ctx)
        return self.choice(value, param, ctx)

    def boolean(self, value: Any, param: Any, ctx: Any) -> bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE or text in _FALSE:
            return text in _TRUE
        raise BadParameter(f"{value!r} is not a valid boolean.", ctx=ctx, param=param)

    def integer(self, value: Any, param: Any, ctx: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise BadParameter(f"{value!r} is not a valid integer.", ctx=ctx, param=param)
        try:
            n = int(value)
        except ValueError:
            raise BadParameter(f"{value!r} is not a valid integer.", ctx=ctx, param=param) from None
        if (self.low is not None and n < self.low) or (self.high is not None and n > self.high):
            bounds = " and ".join(
                f"{word} {b:g}" for word, b in (("at least", self.low), ("at most", self.high)) if b is not None
            )
            raise BadParameter(f"{n} is not in the range: it must be {bounds}.", ctx=ctx, param=param)
        return n

    def choice(self, value: Any, param: Any, ctx: Any) -> Enum:
        members = list(self.kind)  # type: ignore[call-overload]
        if isinstance(value, self.kind):
            return value  # type: ignore[return-value]
        text = str(value)
        for m in members:
            if m.value == text or (not self.case_sensitive and str(m.value).lower() == text.lower()):
                return m  # type: ignore[no-any-return]
        shown = ", ".join(repr(m.value) for m in members)
        raise BadParameter(f"{text!r} is not one of {shown}.", ctx=ctx, param=param)
